"""Library functions of the scale area: extraction on Spark."""

from __future__ import annotations

from pathlib import Path

from wending.scale.spark import InputFormat, SparkReport
from wending.settings import Settings

__all__ = ["SparkReport", "spark_extract"]


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
    """Run the pipeline with PySpark over JSON Lines or Parquet partitions
    of articles; write the events as Parquet with PLOVER field names, or
    into a store (``postgresql://...``). See :mod:`wending.scale.spark`."""
    from wending.scale.spark import spark_extract as run

    return run(
        input_path,
        out=out,
        settings=settings,
        partitions=partitions,
        master=master,
        input_format=input_format,
        overwrite=overwrite,
    )
