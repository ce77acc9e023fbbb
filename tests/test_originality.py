"""The project's own text stays its own: no run of five words from the
evaluation corpora (the seed article is a newspaper's copyrighted piece, the
sets are for measuring) stands in its code, tests, fixtures or docs.

Skipped where the corpora are not next to the checkout."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.conftest import ROOT, SHARED

#: How many words in a row count as copied.
RUN = 5
#: Everyday phrases that any news text uses.
COMMON = frozenset({
    "de nacht van zaterdag op", "in de nacht van zaterdag", "nacht van zaterdag op zondag",
    "amerikaanse minister van buitenlandse zaken", "de amerikaanse minister van buitenlandse",
    "and the united states to", "for the first time in", "chairman of the joint chiefs",
    "of the joint chiefs of", "the joint chiefs of staff",
    "uit solidariteit met de palestijnen", "het russische ministerie van defensie",
    "minister van buitenlandse zaken antony", "van buitenlandse zaken antony blinken",
})
#: Where the project's own text lives (the knowledge base holds names, not prose).
OWN = ("src", "tests", "docs", "examples")
SUFFIXES = (".py", ".md", ".yaml", ".txt", ".jsonl", ".html", ".js")
WORD = re.compile(r"[\w'’-]+")


def _runs(text: str) -> set[str]:
    words = WORD.findall(text.lower())
    return {" ".join(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _corpus_runs() -> set[str]:
    out: set[str] = set()
    for path in sorted(SHARED.glob("*/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                out |= _runs(str(json.loads(line).get("text", "")))
    return out


def _own_files() -> list[Path]:
    files = [ROOT / "README.md"]
    for top in OWN:
        files += [p for p in (ROOT / top).rglob("*") if p.is_file() and p.suffix in SUFFIXES
                  and "vendor" not in p.parts and "kb" not in p.parts[-3:-1]]
    return files


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared corpora are not next to the checkout")
def test_no_run_of_words_from_the_corpora() -> None:
    corpus = _corpus_runs() - COMMON
    assert corpus
    copied = []
    for path in _own_files():
        if path.resolve() == Path(__file__).resolve():
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace")
                                 .splitlines(), start=1):
            found = _runs(line) & corpus
            if found:
                copied.append(f"{path.relative_to(ROOT)}:{n}: {sorted(found)[0]!r}")
    assert not copied, "\n".join(copied)
