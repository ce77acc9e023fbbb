"""Query latency on a store of 1,000,000 generated events, through the REST API.

    python benchmarks/bench_queries.py [--events 1000000] [--db /tmp/wending-bench/q.db]

Builds (once; reused while its size matches and its stories have their
facts) a SQLite store of generated articles and events, written with
executemany in the store's own schema and SQL, and stories of about three
events each, saved by ``Store.save_stories`` (so their facts and day counts
are written as the store writes them), then measures p50 and p99 latency of

* ``GET /api/events?actor=X&since=..&until=..`` (a 30-day period, the first
  page and the total), against the same ``Store.events`` + ``count_events``
  calls without HTTP, and against the same query with the party index of
  migration 004 swapped for the one before it;
* ``GET /api/timeline?actor=X&interval=week`` (two years, 20 story ids a
  point) and ``GET /api/network?since=..&until=..`` (30 days, counts only),
  each against a bare SQL aggregate over the events that counts the same
  kind of thing with the store's indexes;
* the check for unmerged events that every analysis read makes first, on a
  store where every event is in a story.

Targets (issue 7): p99 under 100 ms for each on 1,000,000 events.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import random
import sqlite3
import time
from pathlib import Path
from typing import Any

from _common import DAYS, FIRST_DAY, describe, generated, machine, percentile, timed
from fastapi.testclient import TestClient

from wending.library.analysis import update_stories
from wending.model import Event, Story
from wending.serve.api import create_app
from wending.settings import Settings
from wending.store import EventQuery, open_store, rows
from wending.store import queries as sql

TOP = ("RUS", "UKR", "USA", "ISR", "PSE", "CHN", "IRN", "EUR", "IGO", "GBR")
EVENTS_PER_ARTICLE = 4
EVENTS_PER_STORY = 3
TARGET_MS = 100.0


def build(path: Path, n_events: int) -> None:
    """A store of ``n_events`` generated events (4 an article, about 3 a
    story), written with executemany through the store's SQL."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    open_store(path).close()  # the schema, by the migrations
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    n_articles = n_events // EVENTS_PER_ARTICLE
    n_stories = max(1, n_events // EVENTS_PER_STORY)
    rng = random.Random(11)
    members: dict[int, list[tuple[Event, str]]] = collections.defaultdict(list)
    started = time.perf_counter()
    batch: dict[str, list[Any]] = collections.defaultdict(list)
    for i, (article, events) in enumerate(generated(n_articles, EVENTS_PER_ARTICLE)):
        batch["articles"].append(rows.article_params(article, "extracted", "2025-01-01T00:00:00"))
        for position, event in enumerate(events, start=1):
            bound = rows.bind_event(event, article, position)
            batch["events"].append(rows.event_params(bound, position))
            batch["queue"].append([bound.id])
            batch["actors"].extend(rows.actor_params(bound))
            batch["evidence"].extend(rows.evidence_params(bound))
            members[rng.randrange(n_stories)].append((bound, article.outlet or ""))
        if (i + 1) % 10_000 == 0 or i + 1 == n_articles:
            conn.execute("BEGIN")
            conn.executemany(sql.INSERT_ARTICLE, batch["articles"])
            conn.executemany(sql.INSERT_EVENT, batch["events"])
            conn.executemany(sql.QUEUE_EVENT, batch["queue"])
            conn.executemany(sql.INSERT_ACTOR, batch["actors"])
            conn.executemany(sql.INSERT_EVIDENCE, batch["evidence"])
            conn.execute("COMMIT")
            batch.clear()
            print(f"  {i + 1:,} articles, {time.perf_counter() - started:.0f} s", flush=True)
    conn.close()
    stories = [
        Story(
            id=f"story-{n}",
            event=told[0][0].event,
            actor_codes=tuple(sorted({c.code for e, _ in told for c in e.actor})),
            recipient_codes=tuple(sorted({c.code for e, _ in told for c in e.recipient})),
            events=tuple(e for e, _ in told),
            first_reported=min(
                (e.date.start for e, _ in told if e.date and e.date.start), default=None
            ),
            outlets=tuple(sorted({outlet for _, outlet in told})),
        )
        for n, told in sorted(members.items())
    ]
    members.clear()
    with open_store(path) as store:  # as update_stories saves them
        for i in range(0, len(stories), 10_000):
            store.save_stories(stories[i : i + 10_000])
            print(f"  {i + 10_000:,} stories saved, {time.perf_counter() - started:.0f} s",
                  flush=True)
    with open_store(path) as store:  # closing it refreshes the planner's statistics
        store.count_events(EventQuery(actor="RUS", since=FIRST_DAY))
        store.events(EventQuery(actor="RUS", since=FIRST_DAY))
    print(f"  built in {time.perf_counter() - started:.0f} s: {path}")


def count(path: Path, table: str) -> int:
    """Rows of a table (-1 if the store cannot be read)."""
    try:
        with open_store(path) as store:
            return int(store._query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"])
    except Exception:
        return -1


def periods(rng: random.Random, n: int, days: int) -> list[tuple[str, dt.date, dt.date]]:
    """``n`` (actor, since, until) of ``days``-day periods within the data."""
    out = []
    for _ in range(n):
        since = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS - days))
        out.append((rng.choice(TOP), since, since + dt.timedelta(days=days - 1)))
    return out


def api_samples(client: TestClient, urls: list[str]) -> list[float]:
    out = []
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        out.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code} {response.text[:300]}")
    return out


def swap_party_index(path: Path, *, old: bool) -> None:
    """The party index before migration 004, or the one the migrations
    leave (006: with the span class)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("DROP INDEX IF EXISTS event_actors_period")
    conn.execute("DROP INDEX IF EXISTS event_actors_code")
    if old:
        conn.execute("CREATE INDEX event_actors_code ON event_actors (code, role, event_id)")
    else:
        conn.execute(
            "CREATE INDEX event_actors_period ON event_actors "
            "(code, role, span, date_end, date_start, event_id)"
        )
    conn.execute("ANALYZE")
    conn.close()


TIMELINE_SQL = """
SELECT substr(ea.date_start, 1, 7) AS month, e.quad, COUNT(DISTINCT ea.event_id) AS n
FROM event_actors ea JOIN events e ON e.id = ea.event_id
WHERE ea.code = ? AND ea.role IN ('actor', 'recipient') AND ea.date_end >= ? AND ea.date_start <= ?
GROUP BY 1, 2
"""

NETWORK_SQL = """
SELECT a.code AS source, r.code AS target, e.quad, COUNT(*) AS n
FROM events e
JOIN event_actors a ON a.event_id = e.id AND a.role = 'actor'
JOIN event_actors r ON r.event_id = e.id AND r.role = 'recipient'
WHERE e.date_end >= ? AND e.date_start <= ?
GROUP BY 1, 2, 3
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/wending-bench/queries.db"))
    parser.add_argument("--samples", type=int, default=200, help="requests per fast query")
    parser.add_argument(
        "--slow-samples", type=int, default=100, help="timeline/network requests (0: skip them)"
    )
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    print(f"queries benchmark on {machine()}")
    if (
        args.rebuild
        or count(args.db, "events") != args.events
        or count(args.db, "stories") < 1
        or count(args.db, "story_facts") < 1
    ):
        print(f"building a store of {args.events:,} events ...")
        build(args.db, args.events)
    n_events, n_stories = count(args.db, "events"), count(args.db, "stories")
    print(f"store: {args.db}, {n_events:,} events, {n_stories:,} stories")
    rng = random.Random(3)
    client = TestClient(create_app(Settings(db=str(args.db))))
    results: dict[str, float] = {}

    # -- events of an actor in a period ---------------------------------------------
    asks = periods(rng, args.samples, 30)
    urls = [f"/api/events?actor={a}&since={s}&until={u}" for a, s, u in asks]
    api_samples(client, urls[:5])  # warm the page cache
    api = api_samples(client, urls)

    def direct(ask: tuple[str, dt.date, dt.date]) -> None:
        with open_store(args.db) as store:
            q = EventQuery(actor=ask[0], since=ask[1], until=ask[2])
            store.events(q)
            store.count_events(q)

    plain = [timed(lambda a=ask: direct(a), 1)[0] for ask in asks]
    swap_party_index(args.db, old=True)
    try:
        fewer = asks[: max(5, args.samples // 10)]
        before = [timed(lambda a=ask: direct(a), 1)[0] for ask in fewer]
    finally:
        swap_party_index(args.db, old=False)
    p99 = percentile(api, 99) * 1000
    results["events"] = p99
    print("\nGET /api/events?actor=X&since=..&until=.. (30 days, page of 100 + total)")
    print(f"  REST API              {describe(api)}")
    print(f"  Store, no HTTP        {describe(plain)}")
    print(f"  Store, index pre-004  {describe(before)}")
    print(
        f"  ratios: API / Store {percentile(api, 50) / percentile(plain, 50):.2f}x (p50); "
        f"index 004 speedup {percentile(before, 50) / percentile(plain, 50):.1f}x (p50)"
    )

    # -- timeline and network ---------------------------------------------------------
    conn = sqlite3.connect(args.db)
    last = FIRST_DAY + dt.timedelta(days=DAYS - 1)
    slow = [
        (
            "timeline",
            [f"/api/timeline?actor={a}&interval=week" for a, _, _ in asks],
            TIMELINE_SQL,
            [(a, str(FIRST_DAY), str(last)) for a, _, _ in asks],
        ),
        (
            "network",
            [f"/api/network?since={s}&until={u}" for _, s, u in asks],
            NETWORK_SQL,
            [(str(s), str(u)) for _, s, u in asks],
        ),
    ]
    for name, route_urls, aggregate, params in slow if args.slow_samples > 0 else []:
        print(f"\nGET /api/{name} ({route_urls[0].split('?', 1)[1]} ...)")
        api_samples(client, route_urls[-3:])  # warm the page cache
        took = api_samples(client, route_urls[: args.slow_samples])
        agg = [timed(lambda p=p, q=aggregate: conn.execute(q, p).fetchall(), 1)[0] for p in params]
        results[name] = percentile(took, 99) * 1000
        print(f"  REST API              {describe(took)}")
        print(f"  SQL aggregate         {describe(agg)}")
        ratio = percentile(took, 50) / percentile(agg, 50)
        print(f"  ratio: API / SQL aggregate {ratio:.2f}x (p50)")
    conn.close()

    # -- the merge before every analysis read, with every event merged -------------------
    settings = Settings(db=str(args.db))
    with open_store(args.db) as store:
        check = timed(lambda: update_stories(store, settings=settings), 100)
    print("\nupdate_stories on a merged store (the check before each analysis read)")
    print(f"  Library               {describe(check)}")

    verdict = ", ".join(
        f"{k} p99 {v:.0f} ms {'ok' if v < TARGET_MS else 'OVER'}" for k, v in results.items()
    )
    print(
        f"\nSUMMARY queries on {n_events:,} events (SQLite, REST API): {verdict} "
        f"(target p99 < {TARGET_MS:.0f} ms)"
    )
    print(json.dumps({"events": n_events, "p99_ms": {k: round(v, 1) for k, v in results.items()}}))


if __name__ == "__main__":
    main()
