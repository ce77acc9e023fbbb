"""CLI commands of the scale area; each a thin adapter over a library function."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Annotated, cast

import typer

from wending.errors import SettingsError
from wending.settings import Settings


def register(app: typer.Typer) -> None:
    """Add this area's commands to the ``wending`` app."""
    app.command("spark-extract")(spark_extract)


def spark_extract(
    input_path: Annotated[
        str, typer.Argument(metavar="INPUT", help="JSONL or Parquet file, folder or glob.")
    ],
    out: Annotated[
        str,
        typer.Option(
            "--out", help="Parquet folder for the events, or a store URL (postgresql://...)."
        ),
    ],
    partitions: Annotated[
        int | None, typer.Option(help="Repartition the input into N partitions.", min=1)
    ] = None,
    master: Annotated[
        str | None,
        typer.Option(help="Spark master [default: local[*], or what spark-submit gives]."),
    ] = None,
    input_format: Annotated[
        str, typer.Option("--format", help="Input format: auto, jsonl or parquet.")
    ] = "auto",
    overwrite: Annotated[bool, typer.Option(help="Replace an existing Parquet folder.")] = False,
    kb: Annotated[
        list[Path] | None,
        typer.Option("--kb", help="Extra knowledge-base file (TSV/YAML); repeatable."),
    ] = None,
    engine: Annotated[str, typer.Option(help="Extraction engine: rules or none.")] = "rules",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Extract events with PySpark over partitions of articles."""
    from wending.library.scale import spark_extract as run
    from wending.scale.spark import InputFormat

    if input_format not in ("auto", "jsonl", "parquet"):
        raise typer.BadParameter("choose auto, jsonl or parquet", param_hint="--format")
    try:
        settings = Settings.from_env(engine=engine, kb_files=tuple(kb) if kb else None)
    except SettingsError as exc:
        raise typer.BadParameter(str(exc)) from None
    report = run(
        input_path,
        out=out,
        settings=settings,
        partitions=partitions,
        master=master,
        input_format=cast(InputFormat, input_format),
        overwrite=overwrite,
    )
    if as_json:
        data = dataclasses.asdict(report)
        data["articles_per_second"] = round(report.articles_per_second, 2)
        typer.echo(json.dumps(data, ensure_ascii=False))
        return
    for message in report.messages:
        typer.echo(f"error {message}", err=True)
    typer.echo(
        f"{report.articles} articles ({report.extracted} extracted, {report.unsupported} in "
        f"another language, {report.duplicates} already stored, {report.errors} errors), "
        f"{report.events} events to {report.out} in {report.seconds:.1f} s "
        f"({report.articles_per_second:.1f} articles/s, {report.partitions} partitions, "
        f"master {report.master})"
    )
    if report.errors and report.errors == report.articles:
        raise typer.Exit(1)
