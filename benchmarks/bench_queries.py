"""Query latency on a store of 1,000,000 generated events, through the REST API.

    python benchmarks/bench_queries.py [--events 1000000] [--db /tmp/wending-bench/q.db]

Builds (once; reused while its size matches) a SQLite store of generated
articles, events and stories with executemany in the store's own schema and
SQL, then measures p50 and p99 latency of

* ``GET /api/events?actor=X&since=..&until=..`` (a 30-day period, the first
  page and the total), against the same ``Store.events`` + ``count_events``
  calls without HTTP, and against the same query with the party index of
  migration 004 swapped for the one before it;
* ``GET /api/timeline?actor=X`` and ``GET /api/network?since=..&until=..``
  (fewer samples: they read every matching story), each against the SQL
  aggregate that counts the same events with the store's indexes.

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

from wending.model import Story
from wending.serve.api import create_app
from wending.settings import Settings
from wending.store import EventQuery, open_store, rows
from wending.store import queries as sql
from wending.store.stories import story_params

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
    members: dict[int, list[Any]] = collections.defaultdict(list)
    started = time.perf_counter()
    batch: dict[str, list[Any]] = collections.defaultdict(list)
    for i, (article, events) in enumerate(generated(n_articles, EVENTS_PER_ARTICLE)):
        batch["articles"].append(rows.article_params(article, "extracted", "2025-01-01T00:00:00"))
        for position, event in enumerate(events, start=1):
            bound = rows.bind_event(event, article, position)
            batch["events"].append(rows.event_params(bound, position))
            batch["actors"].extend(rows.actor_params(bound))
            batch["evidence"].extend(rows.evidence_params(bound))
            start = bound.date.start if bound.date else None
            members[rng.randrange(n_stories)].append(
                (
                    bound.id,
                    bound.event,
                    bound.actor[0].code,
                    tuple(r.code for r in bound.recipient),
                    start,
                    article.outlet or "",
                )
            )
        if (i + 1) % 10_000 == 0 or i + 1 == n_articles:
            conn.execute("BEGIN")
            conn.executemany(sql.INSERT_ARTICLE, batch["articles"])
            conn.executemany(sql.INSERT_EVENT, batch["events"])
            conn.executemany(sql.INSERT_ACTOR, batch["actors"])
            conn.executemany(sql.INSERT_EVIDENCE, batch["evidence"])
            conn.execute("COMMIT")
            batch.clear()
            print(f"  {i + 1:,} articles, {time.perf_counter() - started:.0f} s", flush=True)
    conn.execute("BEGIN")
    for n, events in members.items():
        story = Story(
            id=f"story-{n}",
            event=events[0][1],
            actor_codes=tuple(sorted({e[2] for e in events})),
            recipient_codes=tuple(sorted({c for e in events for c in e[3]})),
            events=(),
            first_reported=min((e[4] for e in events if e[4]), default=None),
            outlets=tuple(sorted({e[5] for e in events})),
        )
        conn.execute(sql.UPSERT_STORY, story_params(story))
        conn.executemany(sql.LINK_STORY, [(story.id, e[0], k) for k, e in enumerate(events)])
    conn.execute("COMMIT")
    conn.close()
    with open_store(path) as store:  # closing it refreshes the planner's statistics
        store.count_events(EventQuery(actor="RUS", since=FIRST_DAY))
        store.events(EventQuery(actor="RUS", since=FIRST_DAY))
    print(f"  built in {time.perf_counter() - started:.0f} s: {path}")


def count(path: Path, table: str) -> int:
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
    """The index of migration 004, or the one it replaced."""
    conn = sqlite3.connect(path, isolation_level=None)
    if old:
        conn.execute("DROP INDEX IF EXISTS event_actors_period")
        conn.execute("CREATE INDEX event_actors_code ON event_actors (code, role, event_id)")
    else:
        conn.execute("DROP INDEX IF EXISTS event_actors_code")
        conn.execute(
            "CREATE INDEX event_actors_period ON event_actors "
            "(code, role, date_end, date_start, event_id)"
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
        "--slow-samples", type=int, default=3, help="timeline/network requests (0: skip them)"
    )
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    print(f"queries benchmark on {machine()}")
    if args.rebuild or count(args.db, "events") != args.events or count(args.db, "stories") < 1:
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
        took = api_samples(client, route_urls[: args.slow_samples])
        agg = [timed(lambda p=p, q=aggregate: conn.execute(q, p).fetchall(), 1)[0] for p in params]
        results[name] = percentile(took, 99) * 1000
        print(f"  REST API              {describe(took)}")
        print(f"  SQL aggregate         {describe(agg)}")
        ratio = percentile(took, 50) / percentile(agg, 50)
        print(f"  ratio: API / SQL aggregate {ratio:.0f}x (p50)")
    conn.close()
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
