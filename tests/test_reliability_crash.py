"""Crash safety (issue 8, point 3).

An ingest of a few hundred articles is killed with SIGKILL while it writes;
the database is whole, every article it stored has all its events, and a
re-run stores the rest, each article exactly once. Readers (the store and
the REST API) keep answering while another process ingests (SQLite WAL).
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import warnings
from collections import Counter
from pathlib import Path

import pytest

from wending.errors import InputError
from wending.ingest import read_sources
from wending.model import Article
from wending.pipeline import Pipeline
from wending.plover import event_to_plover
from wending.serve.api import create_app
from wending.settings import Settings
from wending.store import EventQuery, open_store

with warnings.catch_warnings():  # starlette asks for httpx2, which is not installed here
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

ACTORS = ("Rusland", "China", "Israël", "Iran", "Polen", "Oekraïne", "de NAVO", "Noord-Korea",
          "Russia", "Hamas", "Turkije", "Japan")
VERBS = ("viel {d} {r} aan", "stuurde {d} hulp naar {r}", "ondertekende {d} een akkoord met {r}",
         "veroordeelde {d} {r}", "dreigde {d} {r} aan te vallen", "beschoot {d} {r}")
DAYS = ("dinsdag", "maandag", "vorige week", "op 3 maart", "in juni", "")
BATCH = 300


def write_articles(folder: Path, n: int, *, seed: int) -> list[Path]:
    """``n`` small Dutch articles, each different, most with events."""
    rng = random.Random(seed)
    folder.mkdir()
    paths = []
    for i in range(n):
        lines = [f"Bericht {seed}-{i}"]
        for _ in range(rng.randint(1, 4)):
            a, r = rng.sample(ACTORS, 2)
            lines.append(f"{a} {rng.choice(VERBS).format(d=rng.choice(DAYS), r=r)}.")
        lines.append(f"Bron: Testkrant {seed}-{i}")
        path = folder / f"a{i:04d}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def ingest_command(folder: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "wending.serve.cli", "ingest", str(folder), "--db", str(db)]


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("WENDING_")}
    return {**env, "PYTHONWARNINGS": "ignore"}


def stored_count(db: Path) -> int:
    """Articles committed so far, read without taking any lock for long."""
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # schema not there yet
        return 0


def reap(proc: subprocess.Popen[bytes]) -> None:
    """Kill a child that is still running (a failed wait) and close its pipe."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    if proc.stderr is not None:
        proc.stderr.close()


def kill_after(folder: Path, db: Path, *, at_least: int, timeout: float = 120) -> int:
    """Start an ingest and SIGKILL it once ``at_least`` articles are stored;
    the number stored when it was killed."""
    proc = subprocess.Popen(ingest_command(folder, db), env=child_env(),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + timeout
        while stored_count(db) < at_least:
            assert proc.poll() is None, f"ingest ended before the kill: {proc.stderr.read()!r}"  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "ingest too slow"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        reap(proc)
    assert proc.returncode == -signal.SIGKILL
    return stored_count(db)


Expected = dict[str, tuple[str, list[dict[str, object]]]]


def expected_events(folder: Path, pipeline: Pipeline) -> Expected:
    """For each article id: its file name and the events the pipeline gives it."""
    out: Expected = {}
    for item in read_sources([folder], settings=Settings()):
        assert not isinstance(item, InputError), item
        done = pipeline.process(item)
        out[item.id] = (item.name, [event_to_plover(e) for e in done.events])
    return out


def check_whole(db: Path, expected: Expected) -> int:
    """Every stored article is one of ``expected`` with exactly its events,
    each with its actor and evidence rows; the number of stored articles."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        names = Counter(n for (n,) in conn.execute("SELECT name FROM articles"))
        assert all(c == 1 for c in names.values()), names.most_common(3)
        parties = dict(conn.execute(
            "SELECT e.article_id, COUNT(*) FROM event_actors x JOIN events e ON e.id = x.event_id"
            " GROUP BY e.article_id"))
        spans = dict(conn.execute(
            "SELECT e.article_id, COUNT(*) FROM evidence x JOIN events e ON e.id = x.event_id"
            " GROUP BY e.article_id"))
    finally:
        conn.close()
    with open_store(str(db)) as store:
        rows = store.articles(limit=None)
        for row in rows:
            assert row.id in expected, row
            name, events = expected[row.id]
            assert row.name == name
            got = store.events(EventQuery(article_id=row.id, order="ingested", limit=None))
            assert [event_to_plover(e) for e in got] == events, name
            assert parties.get(row.id, 0) == sum(
                len(e["actor"]) + len(e["recipient"]) for e in events  # type: ignore[arg-type]
            ), name
            assert spans.get(row.id, 0) == sum(len(e["evidence"]) for e in events), name  # type: ignore[arg-type]
    return len(rows)


def test_sigkill_in_the_middle_of_a_batch_loses_nothing(tmp_path: Path, pipeline: Pipeline) -> None:
    folder = tmp_path / "big"
    write_articles(folder, BATCH, seed=1)
    db = tmp_path / "crash.db"
    expected = expected_events(folder, pipeline)
    assert len(expected) == BATCH and sum(len(e) for _, e in expected.values()) > BATCH

    first = kill_after(folder, db, at_least=BATCH // 4)
    assert BATCH // 4 <= first < BATCH, "the kill came after the batch ended"
    assert check_whole(db, expected) == first  # committed work is whole

    second = kill_after(folder, db, at_least=first + BATCH // 4)
    assert first < second < BATCH
    assert check_whole(db, expected) == second

    done = subprocess.run(ingest_command(folder, db), env=child_env(), capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    assert f"{BATCH - second} articles added" in done.stdout
    assert f"{second} already stored, 0 errors" in done.stdout
    assert check_whole(db, expected) == BATCH

    again = subprocess.run(ingest_command(folder, db), env=child_env(), capture_output=True,
                           text=True, timeout=300, check=False)
    assert "0 articles added (0 events), 300 already stored" in again.stdout
    assert check_whole(db, expected) == BATCH


WRITER = """
import sys
from wending.model import Article, Entity, Event, Span
from wending.store import open_store

EVENTS = int(sys.argv[2])
with open_store(sys.argv[1]) as store:
    for i in range(1_000_000):
        text = f"Artikel {i}: Rusland viel Oekraïne aan."
        evidence = (Span(0, len(text), text),)
        at = 12 + len(str(i))
        actor = Entity("RUS", text="Rusland", start=at, end=at + 7)
        events = [Event(event="ASSAULT", actor=(actor,), recipient=(Entity("UKR"),),
                        evidence=evidence) for _ in range(EVENTS)]
        store.add_article(Article.create(text, name=f"n{i}"), events)
"""


def test_sigkill_inside_a_write_transaction_leaves_no_partial_article(tmp_path: Path) -> None:
    """A writer that spends nearly all its time inside ``add_article``
    transactions (500 events each), killed three times: every stored article
    has all its events, and the store opens and takes writes again."""
    db = tmp_path / "tx.db"
    with open_store(str(db)):
        pass
    for round_ in range(3):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(db), "500"], env=child_env(),
                                stderr=subprocess.PIPE)
        try:
            start = stored_count(db)
            deadline = time.monotonic() + 60
            while stored_count(db) < start + 3:
                assert proc.poll() is None, proc.stderr.read()  # type: ignore[union-attr]
                assert time.monotonic() < deadline
                time.sleep(0.01)
            time.sleep(random.Random(round_).uniform(0, 0.05))
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
        finally:
            reap(proc)
        conn = sqlite3.connect(db)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            counts = conn.execute(
                "SELECT a.id, (SELECT COUNT(*) FROM events e WHERE e.article_id = a.id),"
                " (SELECT COUNT(*) FROM evidence v JOIN events e ON e.id = v.event_id"
                "  WHERE e.article_id = a.id) FROM articles a").fetchall()
        finally:
            conn.close()
        assert counts and all(n == 500 and m == 500 for _, n, m in counts), counts
    with open_store(str(db)) as store:  # still writable after the kills
        assert store.add_article(Article.create("Nog een artikel."), [])


def test_readers_keep_answering_while_another_process_ingests(tmp_path: Path) -> None:
    folder = tmp_path / "more"
    write_articles(folder, 150, seed=2)
    db = tmp_path / "busy.db"
    with open_store(str(db)):
        pass  # the schema exists before the reader starts
    settings = Settings(db=str(db))
    client = TestClient(create_app(settings))
    writer = subprocess.Popen(ingest_command(folder, db), env=child_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    seen: list[int] = []
    slowest = 0.0
    try:
        with open_store(str(db)) as store:
            while writer.poll() is None:
                started = time.monotonic()
                direct = store.count_events()
                response = client.get("/api/events", params={"limit": 5})
                assert response.status_code == 200, response.text
                total = response.json()["total"]
                assert total >= direct
                assert min(5, direct) <= len(store.events(EventQuery(limit=5))) <= 5
                slowest = max(slowest, time.monotonic() - started)
                seen.append(total)
                time.sleep(0.01)
        assert writer.wait(timeout=300) == 0, writer.stderr.read()  # type: ignore[union-attr]
    finally:
        if writer.poll() is None:
            writer.kill()
            writer.wait()
        writer.stderr.close()  # type: ignore[union-attr]
        client.close()
    assert seen == sorted(seen), "a reader saw events disappear"
    assert len(set(seen)) > 3, "the reads did not overlap the ingest"
    assert slowest < 2.0, f"a read waited {slowest:.2f} s for the writer"
    with open_store(str(db)) as store:
        assert len(store.articles(limit=None)) == 150
