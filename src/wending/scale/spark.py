"""Extraction on Spark: the pipeline mapped over partitions of articles.

Everything between ingest and store is a pure function of one article, so
each Spark partition builds one :class:`~wending.pipeline.Pipeline` and runs
:meth:`~wending.pipeline.Pipeline.process` on its articles, exactly as
``wending ingest`` does on one machine. Input is JSON Lines (corpus/SPEC.md
records, one a line; folders, globs and ``.gz`` work) or Parquet with the
same columns. Output is Parquet (one row an event, PLOVER field names, see
:mod:`wending.scale.parquet`) or a store URL (``postgresql://...``; every
article and its events in one transaction, already stored articles skipped,
so a re-run resumes).

In local mode (``--master local[N]``, the default outside spark-submit)
Spark binds to 127.0.0.1 and runs no web UI: nothing listens on the network.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from wending.errors import WendingError
from wending.scale.parquet import EVENT_SCHEMA_DDL
from wending.scale.partitions import Counts, extract_partition, store_partition
from wending.settings import Settings
from wending.store import is_postgres_url, open_store

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import DataFrame, SparkSession

log = logging.getLogger(__name__)

InputFormat = Literal["auto", "jsonl", "parquet"]
#: Spark settings for local mode: loopback only, no web UI.
LOCAL_CONF: dict[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.host": "127.0.0.1",
    "spark.driver.bindAddress": "127.0.0.1",
}


class SparkJobError(WendingError):
    """The Spark job could not run (bad input path, no Java, cluster errors)."""


@dataclass(frozen=True, slots=True)
class SparkReport:
    """What one ``spark_extract`` run did.

    ``articles`` records were read; ``extracted`` of them in a supported
    language, ``unsupported`` not; ``duplicates`` were already in the store
    (store output only); ``errors`` could not be read or extracted (the
    first messages in ``messages``). With Parquet output the counts come
    from Spark accumulators: a task Spark retries may count twice.
    """

    input: str
    out: str
    master: str
    partitions: int
    articles: int
    extracted: int
    unsupported: int
    duplicates: int
    events: int
    errors: int
    messages: tuple[str, ...]
    seconds: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds > 0 else 0.0


def spark_extract(
    input_path: str | Path,
    *,
    out: str | Path,
    settings: Settings,
    partitions: int | None = None,
    master: str | None = None,
    input_format: InputFormat = "auto",
    overwrite: bool = False,
) -> SparkReport:
    """Extract the events of every article in ``input_path`` with Spark.

    ``out`` is a Parquet folder (local, ``hdfs://``, ``s3a://``; refused if
    it exists unless ``overwrite``) or a store URL (``postgresql://...``, or
    ``sqlite:///path`` on one machine). ``partitions`` repartitions the
    input (default: at least Spark's default parallelism). ``master`` is
    Spark's master URL (default: ``local[*]``, or what spark-submit gives).
    """
    source, target = str(input_path), str(out)
    if "://" not in source and not any(c in source for c in "*?[{") and not Path(source).exists():
        raise SparkJobError(f"input {source} does not exist; give a JSONL or Parquet file/folder")
    fmt = detect_format(source) if input_format == "auto" else input_format
    to_store = is_store_url(target)
    if to_store:
        open_store(target).close()  # migrate once here, not in every partition
    elif not overwrite and "://" not in target and Path(target).exists():
        raise SparkJobError(f"{target} already exists; choose another --out or give --overwrite")
    started = time.perf_counter()
    with spark_session(master) as spark:
        rows = read_input(spark, source, fmt)
        wanted = partitions or max(rows.getNumPartitions(), spark.sparkContext.defaultParallelism)
        if wanted != rows.getNumPartitions():
            rows = rows.repartition(wanted)
        try:
            if to_store:
                job = partial(store_partition, settings=settings, url=target)
                counts = Counts()
                for part in rows.mapPartitions(job).collect():
                    counts.merge(part)
            else:
                counts = _write_parquet(spark, rows, settings, target, overwrite)
        except Exception as exc:
            if type(exc).__module__.startswith(("pyspark", "py4j")):
                raise SparkJobError(f"the Spark job failed: {_first_line(exc)}") from exc
            raise
        used = str(spark.sparkContext.master)
    seconds = time.perf_counter() - started
    for message in counts.messages:
        log.warning("%s", message)
    return SparkReport(
        input=source,
        out=target,
        master=used,
        partitions=wanted,
        articles=counts.articles,
        extracted=counts.extracted,
        unsupported=counts.unsupported,
        duplicates=counts.duplicates,
        events=counts.events,
        errors=counts.errors,
        messages=tuple(counts.messages),
        seconds=seconds,
    )


def is_store_url(out: str) -> bool:
    return is_postgres_url(out) or out.startswith("sqlite:///")


def detect_format(path: str) -> Literal["jsonl", "parquet"]:
    """Parquet for ``*.parquet`` and local folders of them, else JSON Lines."""
    if path.rstrip("/").endswith(".parquet"):
        return "parquet"
    local = Path(path)
    if local.is_dir() and any(local.rglob("*.parquet")):
        return "parquet"
    return "jsonl"


@contextmanager
def spark_session(master: str | None) -> Iterator[SparkSession]:
    """The active Spark session, else a new one (stopped afterwards)."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # run by spark-submit
    if master is None and not submitted:
        master = "local[*]"
    builder = SparkSession.builder.appName("wending spark-extract")
    if master is not None:
        builder = builder.master(master)
    if master is not None and master.startswith("local"):
        for key, value in LOCAL_CONF.items():
            builder = builder.config(key, value)
    try:
        spark = builder.getOrCreate()
    except Exception as exc:
        raise SparkJobError(
            f"cannot start Spark ({_first_line(exc)}); it needs Java 17 or newer "
            "(apt-get install openjdk-17-jre-headless) and JAVA_HOME or java on the PATH"
        ) from exc
    spark.sparkContext.setLogLevel("ERROR")
    if master is not None and master.startswith("local") and "PYSPARK_PYTHON" not in os.environ:
        # Local workers run this Python (with Wending installed), not the
        # first python3 on the PATH.
        spark.sparkContext.pythonExec = sys.executable
    try:
        yield spark
    finally:
        spark.stop()


def read_input(spark: SparkSession, path: str, fmt: str) -> RDD[tuple[str, str]]:
    """An RDD of ``(json_text, file_path)``: one article record each."""
    from pyspark.sql import functions as F

    try:
        if fmt == "parquet":
            frame: DataFrame = spark.read.parquet(path)
            record = F.to_json(F.struct(*[F.col(c) for c in frame.columns]))
        else:
            frame = spark.read.text(path)
            record = F.col("value")
        selected = frame.select(record.alias("value"), F.col("_metadata.file_path").alias("file"))
    except Exception as exc:
        raise SparkJobError(
            f"cannot read {fmt} input {path}: {_first_line(exc)}; check the path "
            "(a file, folder or glob) and --format"
        ) from exc
    return selected.rdd.map(lambda row: (row["value"], row["file"]))


def _write_parquet(
    spark: SparkSession, rows: RDD[tuple[str, str]], settings: Settings, out: str, overwrite: bool
) -> Counts:
    from pyspark.accumulators import AccumulatorParam

    class CountsParam(AccumulatorParam[Counts]):
        def zero(self, value: Counts) -> Counts:
            return Counts()

        def addInPlace(self, value1: Counts, value2: Counts) -> Counts:
            return value1.merge(value2)

    acc = spark.sparkContext.accumulator(Counts(), CountsParam())
    job = partial(extract_partition, settings=settings, acc=acc)
    frame = spark.createDataFrame(rows.mapPartitions(job), schema=EVENT_SCHEMA_DDL)
    frame.write.mode("overwrite" if overwrite else "errorifexists").parquet(out)
    return acc.value


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
