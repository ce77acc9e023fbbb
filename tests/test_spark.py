"""Spark extraction gives the same events as the single-machine pipeline.

Spark runs in local mode (two worker processes, loopback only, no UI) with
the Java from Debian; without Java (or PySpark) those tests are skipped.
A partition's work and the Parquet rows are also checked without Spark.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import pg
from wending.ingest.jsonl import record_article
from wending.pipeline import Pipeline
from wending.plover import event_to_plover
from wending.scale.parquet import COLUMNS, read_events, row_plover
from wending.scale.partitions import Counts, extract_partition
from wending.scale.spark import (
    SparkJobError,
    SparkReport,
    detect_format,
    spark_extract,
    spark_session,
)
from wending.serve.cli import app
from wending.settings import Settings
from wending.store import EventQuery, open_store

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "dev"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
INPUT = CORPUS / "articles.jsonl" if CORPUS.is_dir() else FIXTURES / "stories" / "articles.jsonl"

pg_server, pg_url = pg.pg_server, pg.pg_url  # fixtures from tests/pg.py


def key(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, ensure_ascii=False)


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return [json.loads(line) for line in INPUT.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def expected(pipeline: Pipeline, records: list[dict[str, Any]]) -> list[str]:
    """The PLOVER records of Pipeline.process over the input, sorted."""
    found = []
    for n, record in enumerate(records, start=1):
        done = pipeline.process(record_article(record, where=f"{INPUT}:{n}"))
        found.extend(key(event_to_plover(e)) for e in done.events)
    assert found, "the input should have events"
    return sorted(found)


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    """One local Spark session for the module (spark_extract reuses it)."""
    pytest.importorskip("pyspark", reason="Spark is not installed: pip install 'wending[spark]'")
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java: apt-get install openjdk-17-jre-headless")
    with spark_session("local[2]") as session:
        yield session


class Collect:
    """Stands in for a Spark accumulator."""

    def __init__(self) -> None:
        self.value = Counts()

    def add(self, counts: Counts) -> None:
        self.value.merge(counts)


def test_a_partition_without_spark(
    pipeline: Pipeline, records: list[dict[str, Any]], expected: list[str]
) -> None:
    acc = Collect()
    lines = [(json.dumps(r), str(INPUT)) for r in records] + [("", "x"), ("{bad", "x")]
    rows = list(extract_partition(iter(lines), settings=Settings(), acc=acc))  # type: ignore[arg-type]
    got = sorted(key(row_plover(dict(zip(COLUMNS, _plain(row), strict=True)))) for row in rows)
    assert got == expected
    assert (acc.value.articles, acc.value.errors, acc.value.events) == (
        len(records) + 1,
        1,
        len(expected),
    )


def _plain(row: tuple[Any, ...]) -> list[Any]:
    """A Parquet row as pyarrow would read it back: structs as dicts."""
    names = {
        "date_detail": ("start", "end", "precision", "text"),
        "quantity": ("value", "unit", "approx", "text", "high"),
    }
    entity = ("code", "sector", "entity_text", "identifier_id", "identifier_text", "span")

    def ent(value: Any) -> Any:
        return None if value is None else dict(zip(entity, value, strict=True))

    out: list[Any] = []
    for name, value in zip(COLUMNS, row, strict=True):
        if name in names and value is not None:
            value = dict(zip(names[name], value, strict=True))
        elif name in ("actor", "recipient"):
            value = [ent(v) for v in value]
        elif name == "attribution":
            value = {"speaker": ent(value[0]), "source_text": value[1], "outlet": value[2]}
        elif name == "evidence":
            value = [dict(zip(("start", "end", "text"), v, strict=True)) for v in value]
        out.append(value)
    return out


def test_detect_format(tmp_path: Path) -> None:
    assert detect_format("s3a://bucket/news/2024-10-22.parquet") == "parquet"
    assert detect_format("hdfs:///news/2024-10-22/*.jsonl.gz") == "jsonl"
    (tmp_path / "day=1").mkdir()
    (tmp_path / "day=1" / "part-0.parquet").write_bytes(b"")
    assert detect_format(str(tmp_path)) == "parquet"


def test_jsonl_to_parquet_gives_the_pipelines_events(
    spark: object, expected: list[str], records: list[dict[str, Any]], tmp_path: Path
) -> None:
    out = tmp_path / "events"
    report = spark_extract(INPUT, out=out, settings=Settings(), partitions=2)
    assert isinstance(report, SparkReport)
    assert (report.articles, report.errors, report.partitions) == (len(records), 0, 2)
    assert report.extracted + report.unsupported == len(records)
    got = sorted(key(r) for r in read_events(out))
    assert report.events == len(got)
    assert got == expected
    # an existing output folder is refused unless overwritten
    with pytest.raises(SparkJobError, match="already exists"):
        spark_extract(INPUT, out=out, settings=Settings(), partitions=1)


def test_parquet_to_postgresql_gives_the_pipelines_events(
    spark: object,
    expected: list[str],
    records: list[dict[str, Any]],
    pg_url: str,
    tmp_path: Path,
) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    # Parquet input with the JSONL columns; published as a real date column.
    rows = [
        {**r, "published": dt.date.fromisoformat(r["published"]) if r.get("published") else None}
        for r in records
    ]
    source = tmp_path / "articles.parquet"
    pq.write_table(pa.Table.from_pylist(rows), source)
    report = spark_extract(source, out=pg_url, settings=Settings(), partitions=2)
    assert (report.articles, report.duplicates, report.errors) == (len(records), 0, 0)
    with open_store(pg_url) as store:
        stored = sorted(key(event_to_plover(e)) for e in store.events(EventQuery(limit=None)))
        assert store.stats()["articles"] == len(records)
    assert stored == expected
    assert report.events == len(expected)
    # a re-run resumes: everything is stored already, nothing is added
    again = spark_extract(source, out=pg_url, settings=Settings(), partitions=2)
    assert (again.duplicates, again.events) == (len(records), 0)
    with open_store(pg_url) as store:
        assert store.count_events() == len(expected)


def test_cli_counts_bad_records_and_goes_on(spark: object, tmp_path: Path) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text(
        '{"id": "ok", "lang": "en", "text": "Russia attacked Ukraine on Monday."}\n'
        "\n"
        '{"id": "cut", "text": "Russia att\n'
        '{"id": "empty", "text": ""}\n',
        encoding="utf-8",
    )
    db = tmp_path / "w.db"
    done = CliRunner().invoke(
        app, ["spark-extract", str(source), "--out", f"sqlite:///{db}", "--json"]
    )
    assert done.exit_code == 0, done.output
    report = json.loads(done.stdout)
    assert (report["articles"], report["extracted"], report["errors"]) == (3, 1, 2)
    assert any("invalid JSON" in m for m in report["messages"])
    assert any("missing or empty 'text'" in m for m in report["messages"])
    with open_store(db) as store:
        assert [e.event for e in store.events()] == ["ASSAULT"]
