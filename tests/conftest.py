"""Shared fixtures: cheap real objects, built once per session where loading
is slow (language tools), fresh where state matters (stores)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from wending.extract.rules import RuleEngine
from wending.pipeline import Pipeline
from wending.settings import Settings
from wending.text import TextPipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def text_pipeline() -> TextPipeline:
    return TextPipeline(("nl", "en"))


@pytest.fixture(scope="session")
def engine() -> RuleEngine:
    return RuleEngine(settings=Settings())


@pytest.fixture(scope="session")
def pipeline(engine: RuleEngine) -> Pipeline:
    return Pipeline(Settings(db=":memory:"), engine=engine)


@pytest.fixture()
def db_path(tmp_path: Path) -> Iterator[str]:
    yield str(tmp_path / "test.db")
