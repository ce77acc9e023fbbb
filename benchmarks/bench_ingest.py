"""Ingest speed: articles per second into SQLite and PostgreSQL.

    python benchmarks/bench_ingest.py [--articles 5000] [--pg postgresql://...]

Writes the same generated articles (4 events each, with their parties and
evidence) into a new store twice per backend:

* through ``Store.add_article``: one transaction an article, what
  ``wending ingest`` and ``spark-extract --out postgresql://`` do;
* as the baseline, a bare ``executemany`` of the same rows (made before
  the clock starts) into the same tables, in one transaction.

The ratio is the price of the store's guarantees (a transaction per
article, idempotent re-ingest, rows made from records). Without ``--pg`` a
throwaway PostgreSQL cluster is started as the tests do (fsync off, so
PostgreSQL figures are an upper bound for a server that syncs).
"""

from __future__ import annotations

import argparse
import contextlib
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from _common import generated, machine, postgres

from wending.model import Article, Event
from wending.store import connect_backend, open_store, rows
from wending.store import queries as sql

EVENTS_PER_ARTICLE = 4


@contextlib.contextmanager
def fresh(kind: str, server: str | None, folder: Path) -> Iterator[str]:
    """A URL of an empty database: a new SQLite file, or a new PostgreSQL schema."""
    if kind == "sqlite":
        yield str(folder / f"{uuid.uuid4().hex}.db")
        return
    assert server is not None
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    option = quote(f"-csearch_path={schema}", safe="")
    try:
        yield f"{server}{'&' if '?' in server else '?'}options={option}"
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def through_store(url: str, data: list[tuple[Article, list[Event]]]) -> float:
    with open_store(url) as store:
        started = time.perf_counter()
        for article, events in data:
            store.add_article(article, events)
        took = time.perf_counter() - started
        assert store.count_events() == len(data) * EVENTS_PER_ARTICLE
    return took


def table_rows(data: list[tuple[Article, list[Event]]]) -> dict[str, list[list[Any]]]:
    out: dict[str, list[list[Any]]] = {"a": [], "e": [], "p": [], "v": []}
    for article, events in data:
        out["a"].append(rows.article_params(article, "extracted", "2025-01-01T00:00:00"))
        for position, event in enumerate(events, start=1):
            bound = rows.bind_event(event, article, position)
            out["e"].append(rows.event_params(bound, position))
            out["p"].extend(rows.actor_params(bound))
            out["v"].extend(rows.evidence_params(bound))
    return out


def bare(url: str, data: list[tuple[Article, list[Event]]]) -> float:
    open_store(url).close()  # the same schema, indexes and triggers
    prepared = table_rows(data)
    backend = connect_backend(url)
    try:
        started = time.perf_counter()
        backend.begin()
        backend.executemany(sql.INSERT_ARTICLE, prepared["a"])
        backend.executemany(sql.INSERT_EVENT, prepared["e"])
        backend.executemany(sql.INSERT_ACTOR, prepared["p"])
        backend.executemany(sql.INSERT_EVIDENCE, prepared["v"])
        backend.commit()
        return time.perf_counter() - started
    finally:
        backend.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--pg", help="PostgreSQL URL (default: a throwaway cluster)")
    args = parser.parse_args()
    print(
        f"ingest benchmark on {machine()}: {args.articles:,} generated articles, "
        f"{EVENTS_PER_ARTICLE} events each"
    )
    data = list(generated(args.articles, EVENTS_PER_ARTICLE))
    summary: list[str] = []
    with tempfile.TemporaryDirectory(prefix="wending-ingest-") as tmp, postgres(args.pg) as server:
        for kind in ("sqlite", "postgresql"):
            if kind == "postgresql" and server is None:
                summary.append("PostgreSQL not measured")
                continue
            with fresh(kind, server, Path(tmp)) as url:
                store_s = through_store(url, data)
            with fresh(kind, server, Path(tmp)) as url:
                bare_s = bare(url, data)
            per_s, bare_per_s = args.articles / store_s, args.articles / bare_s
            print(f"\n{kind}")
            print(f"  Store.add_article (1 transaction/article) {per_s:9,.0f} articles/s")
            print(f"  bare executemany (1 transaction)          {bare_per_s:9,.0f} articles/s")
            print(f"  ratio store / bare                        {per_s / bare_per_s:9.2f}")
            summary.append(f"{kind} {per_s:,.0f} articles/s ({per_s / bare_per_s:.2f} of bare)")
    print(f"\nSUMMARY ingest ({EVENTS_PER_ARTICLE} events/article): " + "; ".join(summary))


if __name__ == "__main__":
    main()
