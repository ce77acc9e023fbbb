"""A bounded load test of ``wending serve`` on loopback while an ingest runs.

    python benchmarks/load_test.py [--requests 2000] [--clients 4] [--json]

Starts ``wending serve`` on a free port of 127.0.0.1 with a new SQLite store
in a temporary folder and fills it with the first half of the shared corpus.
Then, while ``wending ingest`` runs in a second process (the rest of the
corpus, then batches of ``--batch`` generated articles, one ingest after
another until the load is done, at most ``--articles``), it sends
``--requests`` GET requests spread over ``/api/events``, ``/api/timeline``
and ``/api/network`` from ``--clients`` threads with one httpx client each.
Prints the errors, p50/p99 latency per route and overall, how many requests
overlapped an ingest, and a one-line summary; then lets the running ingest
finish, stops the server and removes the folder (``--keep`` keeps it). Exit
status 1 when any request failed. Nothing leaves the machine: the server
listens on 127.0.0.1 only and the clients ignore proxy settings.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
FIXTURE = ROOT / "tests" / "fixtures" / "gold" / "articles.jsonl"
HOST = "127.0.0.1"
#: What the web page asks most: event lists, then a timeline and the network.
ROUTES = (
    "/api/events?limit=50",
    "/api/events?actor=RUS&limit=20",
    "/api/timeline?actor=RUS&interval=week",
    "/api/events?q=aanval&limit=20",
    "/api/events?since=2024-03-01&until=2024-06-30&limit=50",
    "/api/network",
)
ACTORS = ("Rusland", "China", "Israël", "Iran", "Polen", "Oekraïne", "de NAVO", "Noord-Korea",
          "Turkije", "Japan", "Russia", "Ukraine", "the United States", "Hamas")
VERBS_NL = ("viel {d} {r} aan", "stuurde {d} hulp naar {r}", "ondertekende {d} een akkoord met {r}",
            "veroordeelde {d} {r}", "dreigde {d} {r} aan te vallen")
VERBS_EN = ("attacked {r} {d}", "sent aid to {r} {d}", "signed an agreement with {r} {d}",
            "condemned {r} {d}", "threatened to attack {r} {d}")
DAYS_NL = ("dinsdag", "maandag", "vorige week", "op 3 maart", "in juni")
DAYS_EN = ("on Tuesday", "on Monday", "last week", "on 3 March", "in June")


def corpus() -> list[dict[str, Any]]:
    """The shared corpora's article records, else the test fixture's."""
    paths = [SHARED / n / "articles.jsonl" for n in ("seed", "dev", "plover-gsr-dev")]
    records = []
    for path in [p for p in paths if p.exists()] or [FIXTURE]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records


def generated(n: int, *, seed: int = 8) -> list[dict[str, Any]]:
    """``n`` short news records in Dutch and English, each different."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        dutch = i % 2 == 0
        verbs, days = (VERBS_NL, DAYS_NL) if dutch else (VERBS_EN, DAYS_EN)
        sentences = []
        for _ in range(rng.randint(2, 5)):
            a, r = rng.sample(ACTORS, 2)
            verb = rng.choice(verbs).format(d=rng.choice(days), r=r)
            sentences.append(f"{a[0].upper()}{a[1:]} {verb}.")
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        out.append({"id": f"load-{i}", "lang": "nl" if dutch else "en", "published": day,
                    "outlet": "Loadkrant", "text": " ".join(sentences) + f" (bericht {i})"})
    return out


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def wending(*args: str) -> list[str]:
    return [sys.executable, "-m", "wending.serve.cli", *args]


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WENDING_")}
    return {**env, "PYTHONWARNINGS": "ignore", "NO_PROXY": "*", "no_proxy": "*"}


def wait_until_up(base: str, server: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=base, trust_env=False, timeout=5) as client:
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise SystemExit(f"wending serve ended with status {server.returncode}")
            try:
                if client.get("/api/health").status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.2)
    raise SystemExit("wending serve did not answer within 120 s")


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0..100), nearest rank."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(p / 100 * len(ordered) + 0.5) - 1))
    return ordered[rank]


class Ingests:
    """Runs ``wending ingest`` of one JSONL file after another in a second
    process, so that an ingest runs all the time the load does."""

    def __init__(self, files: list[Path], db: Path) -> None:
        self.files, self.db = files, db
        self.outputs: list[str] = []
        self.current: subprocess.Popen[bytes] | None = None
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run)

    def _run(self) -> None:
        for path in self.files:
            if self.stop.is_set():
                return
            self.current = subprocess.Popen(wending("ingest", str(path), "--db", str(self.db)),
                                            env=child_env(), stdout=subprocess.PIPE,
                                            stderr=subprocess.DEVNULL)
            out, _ = self.current.communicate()
            self.outputs.append(f"{path.name}: {out.decode('utf-8', 'replace').strip()}"
                                f" (status {self.current.returncode})")

    def running(self) -> bool:
        return self.thread.is_alive() and self.current is not None \
            and self.current.poll() is None

    def start(self) -> None:
        self.thread.start()
        while self.current is None:
            time.sleep(0.01)

    def finish(self, timeout: float = 900) -> None:
        self.stop.set()
        self.thread.join(timeout)


class Load:
    """``total`` requests from ``clients`` threads; each result is
    (route, status or error name, seconds, whether an ingest was running)."""

    def __init__(self, base: str, total: int, clients: int, ingest: Ingests):
        self.base, self.total, self.clients, self.ingest = base, total, clients, ingest
        self.results: list[tuple[str, str, float, bool]] = []
        self._next = 0
        self._lock = threading.Lock()

    def _take(self) -> int | None:
        with self._lock:
            if self._next >= self.total:
                return None
            self._next += 1
            return self._next - 1

    def _worker(self) -> None:
        with httpx.Client(base_url=self.base, trust_env=False, timeout=60) as client:
            while (n := self._take()) is not None:
                route = ROUTES[n % len(ROUTES)]
                running = self.ingest.running()
                started = time.perf_counter()
                try:
                    response = client.get(route)
                    outcome = str(response.status_code)
                    if response.status_code == 200:
                        response.json()
                except (httpx.HTTPError, ValueError) as exc:
                    outcome = type(exc).__name__
                elapsed = time.perf_counter() - started
                with self._lock:
                    self.results.append((route, outcome, elapsed, running))

    def run(self) -> float:
        threads = [threading.Thread(target=self._worker) for _ in range(self.clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return time.perf_counter() - started


def shared_events(db: Path) -> int:
    """Events that more than one story holds (stories are merged by the
    read routes while the ingest writes; each event belongs in one)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return int(conn.execute(
            "SELECT COUNT(*) FROM (SELECT event_id FROM story_events GROUP BY event_id"
            " HAVING COUNT(*) > 1)").fetchone()[0])
    finally:
        conn.close()


def summary(results: list[tuple[str, str, float, bool]]) -> dict[str, Any]:
    times = [r[2] for r in results]
    if not times:
        return {"n": 0}
    return {"n": len(times), "errors": sum(1 for r in results if r[1] != "200"),
            "p50_ms": round(percentile(times, 50) * 1000, 1),
            "p99_ms": round(percentile(times, 99) * 1000, 1),
            "max_ms": round(max(times) * 1000, 1)}


def stored(base: str) -> dict[str, Any]:
    with httpx.Client(base_url=base, trust_env=False, timeout=30) as client:
        counts: dict[str, Any] = client.get("/api/health").json()["counts"]
        return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests in all")
    parser.add_argument("--clients", type=int, default=4, help="concurrent clients")
    parser.add_argument("--articles", type=int, default=2400,
                        help="most generated articles the background ingests add")
    parser.add_argument("--batch", type=int, default=300,
                        help="generated articles per ingest process")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="wending-load-"))
    db = folder / "load.db"
    records = corpus()
    first = write_jsonl(folder / "first.jsonl", records[: len(records) // 2])
    batches = [write_jsonl(folder / "rest.jsonl", records[len(records) // 2 :])]
    made = generated(args.articles)
    for n in range(0, len(made), args.batch):
        batches.append(write_jsonl(folder / f"generated-{n:05d}.jsonl", made[n : n + args.batch]))
    port = free_port()
    base = f"http://{HOST}:{port}"
    procs: list[subprocess.Popen[bytes]] = []
    try:
        subprocess.run(wending("ingest", str(first), "--db", str(db)), env=child_env(),
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        server = subprocess.Popen(
            wending("serve", "--db", str(db), "--host", HOST, "--port", str(port)),
            env=child_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        procs.append(server)
        wait_until_up(base, server)
        before = stored(base)
        ingests = Ingests(batches, db)
        ingests.start()
        load = Load(base, args.requests, args.clients, ingests)
        try:
            seconds = load.run()
            during = stored(base)
            ingest_running_at_end = ingests.running()
        finally:
            ingests.finish()
        after = stored(base)
        after["events_in_two_stories"] = shared_events(db)
    finally:
        for proc in reversed(procs):
            if proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        server_errors = b""
        if procs and procs[0].stderr is not None:
            server_errors = procs[0].stderr.read()
            procs[0].stderr.close()
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    results = load.results
    errors = Counter(outcome for _, outcome, _, _ in results if outcome != "200")
    overlapped = sum(1 for *_, running in results if running)
    figures: dict[str, Any] = {
        "requests": len(results),
        "clients": args.clients,
        "seconds": round(seconds, 2),
        "requests_per_second": round(len(results) / seconds, 1),
        "errors": sum(errors.values()),
        "error_kinds": dict(errors),
        "during_ingest": overlapped,
        "ingest_running_at_end": ingest_running_at_end,
        "ingests": ingests.outputs,
        "store_before": {k: before[k] for k in ("articles", "events")},
        "store_after_load": {k: during[k] for k in ("articles", "events")},
        "store_after_ingest": {k: after[k] for k in ("articles", "events", "stories")},
        "p50_ms": round(percentile([r[2] for r in results], 50) * 1000, 1),
        "p99_ms": round(percentile([r[2] for r in results], 99) * 1000, 1),
        "while_ingesting": summary([r for r in results if r[3]]),
        "after_ingest": summary([r for r in results if not r[3]]),
        "events_in_two_stories": after["events_in_two_stories"],
        "by_route": {},
        "server_log": server_errors.decode("utf-8", "replace").strip().splitlines()[-5:],
    }
    print(f"wending serve on {base}, {args.clients} clients, {len(results)} requests "
          f"in {seconds:.1f} s ({figures['requests_per_second']} req/s)")
    print(f"store: {before['articles']} articles / {before['events']} events before, "
          f"{during['articles']} / {during['events']} when the load ended, "
          f"{after['articles']} / {after['events']} after the ingest")
    print(f"{overlapped} of {len(results)} requests were sent while an ingest ran; "
          f"{len(ingests.outputs)} ingest runs:")
    for line in ingests.outputs:
        print(f"  {line}")
    print(f"{'route':56} {'n':>5} {'errors':>6} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    rows = [(route, summary([r for r in results if r[0] == route]))
            for route in dict.fromkeys(ROUTES)]
    rows += [("all, while an ingest ran", figures["while_ingesting"]),
             ("all, after the ingest", figures["after_ingest"]),
             ("all", summary(results))]
    for route, row in rows:
        if route in ROUTES:
            figures["by_route"][route] = row
        if row["n"]:
            print(f"{route:56} {row['n']:>5} {row['errors']:>6} {row['p50_ms']:>8} "
                  f"{row['p99_ms']:>8} {row['max_ms']:>8}")
    print(f"events held by more than one story: {figures['events_in_two_stories']}")
    if errors:
        print(f"errors: {dict(errors)}")
    for line in figures["server_log"]:
        print(f"server: {line}")
    if args.json:
        print(json.dumps(figures, indent=2))
    print(f"summary: {figures['errors']} errors in {len(results)} requests, "
          f"p50 {figures['p50_ms']} ms, p99 {figures['p99_ms']} ms, "
          f"{overlapped} during the ingest")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
