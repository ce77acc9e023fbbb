"""Measure story merging on a corpus whose README names articles that tell
the same events twice (``corpus/dev``: dev-01/dev-13, dev-10/dev-02, ...).

    python scripts/measure_stories.py ../shared/corpus/dev [--json]

It ingests ``articles.jsonl`` of the corpus into a temporary store, builds
the stories and prints (definitions in ``docs/analysis.md``):

- precision: of all cross-article merges (two articles whose events share a
  story, counted once per story), the share that join the two articles of a
  named pair; merges across unrelated articles are wrong;
- recall: the share of named pairs with at least one story holding events
  of both articles;
- per named pair, the number of stories that hold events of both.
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

from wending import library
from wending.settings import Settings

PAIR = re.compile(r"\b([a-z]+-\d+)/([a-z]+-\d+)\b")


def named_pairs(readme: Path) -> list[tuple[str, str]]:
    """The article pairs the README names as telling one event twice."""
    found = PAIR.findall(readme.read_text(encoding="utf-8"))
    return list(dict.fromkeys((a, b) for a, b in found))


def measure(corpus: Path) -> dict[str, Any]:
    pairs = named_pairs(corpus / "README.md")
    if not pairs:
        raise SystemExit(f"{corpus / 'README.md'} names no article pairs (like dev-01/dev-13)")
    with tempfile.TemporaryDirectory(prefix="wending-stories-") as tmp:
        settings = Settings(db=str(Path(tmp) / "measure.db"))
        report = library.ingest([corpus / "articles.jsonl"], settings=settings)
        views = library.stories(settings=settings, limit=None, rebuild=True)
    named = {frozenset(p) for p in pairs}
    merges: Counter[frozenset[str]] = Counter()
    for v in views:
        names = sorted({a.name or a.id for a in v.articles})
        for a, b in combinations(names, 2):
            merges[frozenset((a, b))] += 1
    total = sum(merges.values())
    right = sum(n for p, n in merges.items() if p in named)
    per_pair = {f"{a}/{b}": merges.get(frozenset((a, b)), 0) for a, b in pairs}
    found = sum(1 for n in per_pair.values() if n > 0)
    wrong = {"/".join(sorted(p)): n for p, n in sorted(merges.items(), key=lambda x: sorted(x[0]))
             if p not in named}
    return {
        "articles": len(report.added) + len(report.duplicates),
        "events": report.events,
        "stories": len(views),
        "multi_article_stories": sum(1 for v in views if len(v.articles) > 1),
        "cross_article_merges": total,
        "correct_merges": right,
        "precision": right / total if total else None,
        "recall": found / len(pairs),
        "stories_per_pair": per_pair,
        "wrong_merges": wrong,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="corpus folder (articles.jsonl, README.md)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    result = measure(args.corpus)
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    p = result["precision"]
    print(f"{result['articles']} articles, {result['events']} events, {result['stories']} stories "
          f"({result['multi_article_stories']} told by more than one article)")
    print(f"merge precision: {'n/a' if p is None else f'{p:.3f}'} "
          f"({result['correct_merges']} of {result['cross_article_merges']} cross-article merges "
          "join a named pair)")
    print(f"merge recall:    {result['recall']:.3f} (named pairs with a shared story)")
    for pair, n in result["stories_per_pair"].items():
        print(f"  {pair}: {n} shared stories")
    if result["wrong_merges"]:
        print("merges across unrelated articles:")
        for pair, n in result["wrong_merges"].items():
            print(f"  {pair}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
