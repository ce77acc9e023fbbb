"""Memory: the peak resident set size of one extraction worker.

    python benchmarks/bench_memory.py [--articles 400]

Each figure comes from a new process (spawned, so nothing is shared with
this one), which reports its own peak RSS (VmHWM):

* baseline: a worker that tokenizes the articles (``TextPipeline``);
* an extraction worker: ``Pipeline.process`` on the same articles (what
  each Spark partition or ``wending ingest`` runs), with its RSS after half
  and after all of them, to show whether memory grows with the input.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp

from _common import corpus_articles, machine, rss_mb


def tokenizing(n: int) -> dict[str, float]:
    from wending.settings import Settings
    from wending.text import TextPipeline

    articles = corpus_articles(n)
    text = TextPipeline(Settings().languages)
    for a in articles:
        text.process(a)
    now, peak = rss_mb()
    return {"rss": now, "peak": peak}


def extracting(n: int) -> dict[str, float]:
    from wending.pipeline import Pipeline
    from wending.settings import Settings

    articles = corpus_articles(n)
    pipeline = Pipeline(Settings())
    half, _ = rss_mb()
    for i, a in enumerate(articles):
        pipeline.process(a)
        if i + 1 == n // 2:
            half, _ = rss_mb()
    now, peak = rss_mb()
    return {"half": half, "rss": now, "peak": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=400)
    args = parser.parse_args()
    print(f"memory benchmark on {machine()}: {args.articles} articles per worker")
    context = mp.get_context("spawn")
    with context.Pool(1, maxtasksperchild=1) as pool:
        base = pool.apply(tokenizing, (args.articles,))
    with context.Pool(1, maxtasksperchild=1) as pool:
        work = pool.apply(extracting, (args.articles,))
    growth = (work["rss"] - work["half"]) / (args.articles - args.articles // 2) * 1000
    print(f"  tokenizing worker, peak RSS   {base['peak']:8.0f} MB")
    print(f"  extraction worker, peak RSS   {work['peak']:8.0f} MB")
    print(f"  ratio extraction / tokenizing {work['peak'] / base['peak']:8.2f}")
    print(
        f"  RSS after half / all articles {work['half']:8.0f} / {work['rss']:.0f} MB "
        f"({growth:+.1f} MB per 1,000 articles)"
    )
    print(
        f"\nSUMMARY memory: one extraction worker peaks at {work['peak']:.0f} MB "
        f"({work['peak'] / base['peak']:.2f}x a tokenizing worker), "
        f"{growth:+.1f} MB per 1,000 further articles"
    )


if __name__ == "__main__":
    main()
