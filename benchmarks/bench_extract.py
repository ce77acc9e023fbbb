"""Extraction speed: articles per second per core, and from 1 to 2 workers.

    python benchmarks/bench_extract.py [--articles 400] [--workers 2] [--spark]

Input: the whole news articles of the shared corpora (seed and dev: Dutch and
English, 1,700 characters on average), cycled to ``--articles`` with every
copy made a distinct text; ``--short`` adds the PLOVER-GSR excerpts.

* baseline: tokenization alone (``TextPipeline.process``: language,
  sentences, tokens, lemmas) on the same articles, one core;
* ``Pipeline.process`` (tokenization and extraction) on one core, after
  the pipeline has loaded (its load time is printed apart);
* the same with ``--workers`` processes, each with its own pipeline (what a
  Spark partition does), and the gain over one;
* with ``--spark``, ``spark_extract`` in local mode over the same records,
  start-up included.

The projection: hours for a day of GDELT-scale news (250,000 articles) on
this machine with all workers; the target is one hour on 2 cores.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import tempfile
import time
from pathlib import Path

from _common import corpus_articles, machine

from wending.model import Article
from wending.pipeline import Pipeline
from wending.settings import Settings
from wending.text import TextPipeline

DAY = 250_000
TARGET_HOURS = 1.0

_worker: Pipeline | None = None


def _start_worker(warm: list[Article]) -> None:
    global _worker
    _worker = Pipeline(Settings())
    for article in warm:
        _worker.process(article)


def _extract(articles: list[Article]) -> int:
    assert _worker is not None
    return sum(len(_worker.process(a).events) for a in articles)


def parallel(articles: list[Article], workers: int, warm: list[Article]) -> float:
    """Seconds for ``workers`` processes (loaded beforehand) to extract all."""
    chunks = [articles[i::workers] for i in range(workers)]
    context = mp.get_context("fork")
    with context.Pool(workers, initializer=_start_worker, initargs=(warm,)) as pool:
        pool.map(_extract, [warm] * workers, chunksize=1)  # every worker has loaded
        started = time.perf_counter()
        pool.map(_extract, chunks, chunksize=1)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--spark", action="store_true", help="also run spark_extract")
    parser.add_argument("--short", action="store_true", help="add the short PLOVER-GSR texts")
    args = parser.parse_args()
    articles = corpus_articles(args.articles, short=args.short)
    chars = sum(len(a.text) for a in articles) / len(articles)
    print(
        f"extraction benchmark on {machine()}: {len(articles)} articles "
        f"({chars:,.0f} characters on average)"
    )
    warm = [next(a for a in articles if a.lang == lang) for lang in ("nl", "en")]

    text = TextPipeline(Settings().languages)
    for a in warm:
        text.process(a)
    started = time.perf_counter()
    for a in articles:
        text.process(a)
    tokens_s = time.perf_counter() - started

    pipeline = Pipeline(Settings())
    started = time.perf_counter()
    for a in warm:
        pipeline.process(a)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    events = sum(len(pipeline.process(a).events) for a in articles)
    one_s = time.perf_counter() - started

    many_s = parallel(articles, args.workers, warm)
    n = len(articles)
    one, many, tok = n / one_s, n / many_s, n / tokens_s
    hours = DAY / many / 3600
    print(f"  tokenization alone (1 core)      {tok:8.1f} articles/s")
    print(
        f"  pipeline, 1 process (1 core)     {one:8.1f} articles/s "
        f"({events} events; {load_s:.1f} s to load first)"
    )
    print(f"  pipeline, {args.workers} processes            {many:8.1f} articles/s")
    print(f"  characters/s, 1 core             {n * chars / one_s:8,.0f}")
    print(
        f"  ratio pipeline / tokenization    {one / tok:8.3f} (extraction costs "
        f"{tokens_s and one_s / tokens_s:.1f}x tokenization time)"
    )
    print(f"  gain 1 -> {args.workers} processes            {many / one:8.2f}x")
    print(
        f"  {DAY:,} articles with {args.workers} processes: {hours:.2f} h "
        f"(target {TARGET_HOURS:.0f} h: {'met' if hours <= TARGET_HOURS else 'NOT met'})"
    )
    if args.spark:
        from wending.scale.spark import spark_extract

        with tempfile.TemporaryDirectory(prefix="wending-bench-") as tmp:
            source = Path(tmp) / "articles.jsonl"
            source.write_text(
                "".join(
                    json.dumps(
                        {
                            "id": a.name,
                            "lang": a.lang,
                            "title": a.title,
                            "outlet": a.outlet,
                            "text": a.text,
                            "published": a.published.isoformat() if a.published else None,
                        }
                    )
                    + "\n"
                    for a in articles
                ),
                encoding="utf-8",
            )
            report = spark_extract(
                source,
                out=Path(tmp) / "events",
                settings=Settings(),
                partitions=args.workers,
                master=f"local[{args.workers}]",
            )
        print(
            f"  spark_extract local[{args.workers}]          "
            f"{report.articles_per_second:8.1f} articles/s (start-up and loading included, "
            f"{report.seconds:.0f} s, {report.events} events)"
        )
    print(
        f"\nSUMMARY extraction: {one:.1f} articles/s per core ({one / tok:.3f} of tokenization "
        f"alone), {many / one:.2f}x with {args.workers} processes; a day of {DAY:,} articles: "
        f"{hours:.1f} h on this machine (target {TARGET_HOURS:.0f} h)"
    )


if __name__ == "__main__":
    main()
