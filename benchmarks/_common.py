"""Shared parts of the benchmarks: inputs, generated events, timing, PostgreSQL.

Not a benchmark itself. The benchmarks are scripts (``python
benchmarks/bench_x.py --help``); each prints figures measured in one run,
ratios against a baseline measured in that same run, and a one-line summary.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from wending.ingest.jsonl import record_article
from wending.model import QUAD, Article, DateValue, Entity, Event, Span

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
#: Whole news articles (the PLOVER-GSR set holds short excerpts: add it with
#: ``corpus_records(short=True)``).
CORPORA = [SHARED / name / "articles.jsonl" for name in ("seed", "dev")]
SHORT = SHARED / "plover-gsr-dev" / "articles.jsonl"
FIXTURE = ROOT / "tests" / "fixtures" / "gold" / "articles.jsonl"

# Actor codes with news-like frequencies (a few very common, a long tail).
_CODE_TEXT = (
    "RUS UKR USA ISR PSE CHN IRN EUR IGO GBR FRA DEU NLD TUR SYR LBN YEM SAU QAT EGY "
    "PRK KOR JPN IND PAK AFG IRQ SDN ETH SOM NGA MLI NER BFA LBY TUN DZA MAR VEN COL "
    "MEX BRA ARG CUB HTI POL BLR LTU LVA EST FIN SWE NOR DNK BEL ESP ITA GRC SRB KOS"
)
CODES = tuple(_CODE_TEXT.split())
WEIGHTS = [1 / (rank + 1) ** 0.9 for rank in range(len(CODES))]
TYPES = tuple(sorted(QUAD))
FIRST_DAY = dt.date(2023, 1, 1)
DAYS = 731  # two years


def machine() -> str:
    return f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"


def corpus_records(limit: int | None = None, *, short: bool = False) -> list[dict[str, Any]]:
    """The shared corpora's article records (SPEC.md), else the test fixture."""
    records: list[dict[str, Any]] = []
    paths = [p for p in [*CORPORA, *([SHORT] if short else [])] if p.exists()]
    for path in paths or [FIXTURE]:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                records.append(json.loads(line))
    return records[:limit] if limit else records


def corpus_articles(n: int, *, short: bool = False) -> list[Article]:
    """``n`` articles: the corpus, cycled; each round numbered so that every
    article has its own text and id."""
    base = corpus_records(short=short)
    out: list[Article] = []
    for i in range(n):
        record = dict(base[i % len(base)])
        round_ = i // len(base)
        if round_:
            record["id"] = f"{record['id']}-r{round_}"
            record["text"] = record["text"] + f"\n(r{round_})"
        out.append(record_article(record, where=f"bench:{i}"))
    return out


def generated(
    n_articles: int, events_per_article: int, seed: int = 7
) -> Iterator[tuple[Article, list[Event]]]:
    """Articles and events as the pipeline makes them, generated: codes with
    news-like frequencies, dates over two years (mostly days, some months)."""
    rng = random.Random(seed)
    for i in range(n_articles):
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        text = (
            f"Bericht {i}: troepen en diplomaten in gesprek over een bestand, "
            f"gemeld op {day.isoformat()} door verslaggever {rng.randrange(10**6)}."
        )
        article = Article.create(
            text,
            name=f"gen-{i}",
            lang="nl" if i % 2 else "en",
            outlet=f"Outlet {i % 40}",
            published=day,
            title=f"Bericht {i}",
        )
        yield article, [random_event(rng, day, text) for _ in range(events_per_article)]


def random_event(rng: random.Random, around: dt.date, text: str) -> Event:
    actor, recipient = rng.choices(CODES, WEIGHTS, k=2)
    start = around - dt.timedelta(days=rng.randrange(5))
    roll = rng.random()
    if roll < 0.85:
        date = DateValue(start, start, "day", "gisteren")
    elif roll < 0.98:
        first = start.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        date = DateValue(first, last, "month", "in juni")
    else:
        date = DateValue(start.replace(month=1, day=1), start.replace(month=12, day=31), "year")
    return Event(
        event=rng.choice(TYPES),
        actor=(Entity(actor, "GOV", "", actor, actor, 0, 6),),
        recipient=(Entity(recipient, "MIL", "", recipient, recipient, 10, 16),)
        if rng.random() < 0.8 and recipient != actor
        else (),
        date=date,
        evidence=(Span(0, 40, text[:40]),),
        confidence=round(rng.random(), 3),
        rules=("gen",),
    )


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0..100), nearest rank: the smallest value with
    at least p % of the values at or below it (p99 of 100 values is the
    99th, not the largest)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(p / 100 * len(ordered) - 1e-9)))
    return ordered[rank - 1]


def timed(fn: Callable[[], Any], repeat: int) -> list[float]:
    """Seconds per call of ``fn``, ``repeat`` times."""
    out = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        out.append(time.perf_counter() - started)
    return out


def describe(seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return (
        f"p50 {percentile(ms, 50):7.1f} ms  p99 {percentile(ms, 99):7.1f} ms  "
        f"mean {statistics.fmean(ms):7.1f} ms  (n={len(ms)})"
    )


@contextmanager
def postgres(url: str | None) -> Iterator[str | None]:
    """``url``, else a throwaway cluster started like the tests do (None
    with a message when PostgreSQL is not installed)."""
    if url:
        yield url
        return
    import pytest

    sys.path.insert(0, str(ROOT / "tests"))
    try:
        import pg  # tests/pg.py

        cluster = pg.start_cluster()
    except (Exception, pytest.skip.Exception) as exc:  # skip: not installed
        print(f"PostgreSQL: not measured ({exc})")
        cluster = None
    finally:
        sys.path.remove(str(ROOT / "tests"))
    if cluster is None:
        yield None
        return
    try:
        yield cluster.url
    finally:
        cluster.stop()


def rss_mb() -> tuple[float, float]:
    """This process's current and peak resident set size, in MB (Linux)."""
    now = peak = 0.0
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                now = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return now, peak
