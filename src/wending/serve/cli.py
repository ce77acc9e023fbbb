"""The ``wending`` command: each command is a thin adapter over one library
function of the same name in :mod:`wending.library`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from wending import library
from wending.errors import WendingError
from wending.export import to_csv, to_jsonl
from wending.model import MODALITIES
from wending.settings import Settings
from wending.store import EventQuery

app = typer.Typer(
    name="wending",
    help="Read news about war and world politics; code PLOVER 2.0 events with evidence.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(highlight=False, soft_wrap=True)
if not out.is_terminal:
    # piped or captured output (make demo, CI logs): wide enough for the tables
    out = Console(highlight=False, soft_wrap=True, width=200)
err = Console(stderr=True, highlight=False)

DbOpt = Annotated[
    str | None,
    typer.Option("--db", envvar="WENDING_DB", help="Database file or URL [default: wending.db]."),
]
KbOpt = Annotated[
    list[Path] | None,
    typer.Option("--kb", help="Extra knowledge-base file (TSV/YAML); repeatable."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]


def _settings(db: str | None = None, kb: list[Path] | None = None, **extra: Any) -> Settings:
    overrides: dict[str, Any] = {"db": db, **extra}
    if kb:
        overrides["kb_files"] = tuple(kb)
    return Settings.from_env(**overrides)


def _date(value: str | None, name: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=name) from None


@app.command()
def ingest(
    sources: Annotated[list[str], typer.Argument(help="Files, folders or URLs.")],
    db: DbOpt = None,
    kb: KbOpt = None,
    allow_private: Annotated[
        bool, typer.Option(help="Allow fetching private and loopback addresses.")
    ] = False,
    engine: Annotated[str, typer.Option(help="Extraction engine: rules or none.")] = "rules",
    as_json: JsonOpt = False,
) -> None:
    """Read articles, extract their events and store both."""
    settings = _settings(db, kb, allow_private=allow_private or None, engine=engine)
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[current]}"),
        console=err,
        transient=True,
        disable=as_json or not err.is_terminal,
    ) as bar:
        task = bar.add_task("ingesting", total=None, current="")
        report = library.ingest(
            sources,
            settings=settings,
            progress=lambda name: bar.update(task, advance=1, current=name[-40:]),
        )
    if as_json:
        out.print_json(
            json.dumps(
                {
                    "added": [_added(a) for a in report.added],
                    "duplicates": report.duplicates,
                    "errors": report.errors,
                    "events": report.events,
                }
            )
        )
    else:
        for message in report.errors:
            err.print(f"[red]error[/red] {message}", markup=True)
        for a in report.unsupported:
            err.print(f"[yellow]not extracted[/yellow] {a.name}: language {a.lang or 'unknown'} "
                      "is not supported; the article is stored", markup=True)
        out.print(
            f"{len(report.added)} articles added ({report.events} events), "
            f"{len(report.duplicates)} already stored, {len(report.errors)} errors"
        )
    if report.errors and not report.added and not report.duplicates:
        raise typer.Exit(1)


def _added(a: library.Added) -> dict[str, Any]:
    return {"name": a.name, "id": a.article_id, "lang": a.lang, "events": a.events,
            "status": a.status}


@app.command()
def articles(
    db: DbOpt = None,
    lang: Annotated[str | None, typer.Option(help="Language code.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name.")] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Full-text query.")] = None,
    limit: int = 100,
    offset: int = 0,
    as_json: JsonOpt = False,
) -> None:
    """List stored articles."""
    rows = library.articles(settings=_settings(db), lang=lang, outlet=outlet, query=query,
                            limit=limit, offset=offset)
    if as_json:
        for row in rows:
            out.print(json.dumps(dataclasses.asdict(row), ensure_ascii=False, default=str),
                      markup=False)
        return
    table = Table("name", "id", "lang", "published", "outlet", "events", "status", "title")
    for row in rows:
        table.add_row(row.name, row.id, row.lang or "", str(row.published or ""),
                      row.outlet or "", str(row.event_count), row.status, row.title[:50])
    out.print(table)


@app.command()
def events(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option(help="Actor code (e.g. RUS).")] = None,
    recipient: Annotated[str | None, typer.Option(help="Recipient code.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER event type.")] = None,
    since: Annotated[str | None, typer.Option(help="From date (YYYY-MM-DD).")] = None,
    until: Annotated[str | None, typer.Option(help="Until date (YYYY-MM-DD).")] = None,
    lang: Annotated[str | None, typer.Option(help="Article language.")] = None,
    modality: Annotated[str | None, typer.Option(help="|".join(MODALITIES))] = None,
    query: Annotated[str | None, typer.Option("--query", "-q", help="Full-text query.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, jsonl or csv.")] = "table",
    limit: int = 1000,
    offset: int = 0,
) -> None:
    """List stored events, filtered."""
    if modality and modality not in MODALITIES:
        raise typer.BadParameter(f"choose one of {', '.join(MODALITIES)}", param_hint="--modality")
    q = EventQuery(
        actor=actor.upper() if actor else None,
        recipient=recipient.upper() if recipient else None,
        event=event_type.upper() if event_type else None,
        since=_date(since, "--since"),
        until=_date(until, "--until"),
        lang=lang,
        modality=modality,
        query=query,
        limit=limit,
        offset=offset,
    )
    found = library.events(settings=_settings(db), query=q)
    if fmt == "jsonl":
        for line in to_jsonl(found):
            out.print(line, markup=False)
    elif fmt == "csv":
        sys.stdout.write(to_csv(found))
    elif fmt == "table":
        _event_table(found)
    else:
        raise typer.BadParameter("choose table, jsonl or csv", param_hint="--format")


def _event_table(found: list[Any]) -> None:
    table = Table("doc", "event", "mode", "actor", "recipient", "date", "quantity",
                  "modality", "evidence", show_lines=True)
    for e in found:
        q = e.quantity
        table.add_row(
            e.article_name[:18],
            e.event,
            e.mode,
            ", ".join(f"{a.code} {a.sector}".strip() for a in e.actor),
            ", ".join(f"{a.code} {a.sector}".strip() for a in e.recipient),
            json.dumps(e.date.to_plover()) if e.date and e.date.start else "",
            f"{q.value:g} {q.unit}" if q else "",
            e.modality,
            " … ".join(s.text for s in e.evidence)[:160],
        )
    out.print(table)
    out.print(f"{len(found)} events")


@app.command()
def score(
    events_file: Annotated[Path, typer.Argument(help="Events as JSON lines.")],
    gold_dir: Annotated[Path, typer.Argument(help="Corpus folder with gold.jsonl.")],
    as_json: JsonOpt = False,
) -> None:
    """Score extracted events against a gold corpus (corpus/SPEC.md)."""
    _print_report(library.score(events_file, gold_dir), as_json)


@app.command()
def evaluate(
    corpus_dir: Annotated[Path, typer.Argument(help="Folder with articles.jsonl, gold.jsonl.")],
    kb: KbOpt = None,
    engine: Annotated[str, typer.Option(help="Extraction engine.")] = "rules",
    as_json: JsonOpt = False,
) -> None:
    """Run the pipeline over a corpus in memory and score it."""
    _print_report(library.evaluate(corpus_dir, settings=_settings(None, kb, engine=engine)),
                  as_json)


@app.command()
def actors(
    query: Annotated[str | None, typer.Argument(help="Name, code, QID or id to search.")] = None,
    kb: KbOpt = None,
    on: Annotated[str | None, typer.Option(help="Offices held on this date.")] = None,
    limit: int = 50,
    as_json: JsonOpt = False,
) -> None:
    """List or search the knowledge base."""
    found = library.actors(query, settings=_settings(None, kb), on=_date(on, "--on"), limit=limit)
    if as_json:
        for r in found:
            out.print(json.dumps(r.to_dict(), ensure_ascii=False), markup=False)
        return
    table = Table("kind", "id", "code", "sector", "qid", "name", "office", "names")
    for r in found:
        table.add_row(r.kind, r.id, r.code, r.sector, r.qid, r.name, r.office,
                      ", ".join(r.names[:6]))
    out.print(table)


@app.command()
def link(
    text_or_file: Annotated[str, typer.Argument(help="Text, or a file to read.")],
    kb: KbOpt = None,
    published: Annotated[str | None, typer.Option(help="Publication date.")] = None,
    lang: Annotated[str | None, typer.Option(help="Language (else detected).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the actor and place mentions found, with their ids and why."""
    linked = library.link(text_or_file, settings=_settings(None, kb),
                          published=_date(published, "--published"), lang=lang)
    if as_json:
        for m in linked.mentions:
            a = m.actor
            out.print(json.dumps({"start": m.start, "end": m.end, "text": m.text,
                                  "kind": m.kind, "code": a.code if a else None,
                                  "sector": a.sector if a else None, "qid": a.qid if a else None,
                                  "name": a.name if a else None, "place": m.place,
                                  "rule": m.rule, "sentence": m.sentence},
                                 ensure_ascii=False), markup=False)
        return
    table = Table("sent", "text", "kind", "code", "sector", "qid", "name / place", "rule")
    for m in linked.mentions:
        a = m.actor
        table.add_row(str(m.sentence), m.text, m.kind, a.code if a else "",
                      a.sector if a else "", a.qid if a else "",
                      (a.name if a else "") or m.place, m.rule)
    out.print(f"language: {linked.doc.lang}, published: {linked.doc.article.published}")
    out.print(table)


@app.command()
def explain(
    text_or_file: Annotated[str, typer.Argument(help="Text, or a file to read.")],
    kb: KbOpt = None,
    published: Annotated[str | None, typer.Option(help="Publication date.")] = None,
    lang: Annotated[str | None, typer.Option(help="Language (else detected).")] = None,
) -> None:
    """Sentence by sentence, why each event was or was not coded."""
    result = library.explain(text_or_file, settings=_settings(None, kb),
                             published=_date(published, "--published"), lang=lang)
    sentences = {s.index: s for s in result.doc.sentences}
    out.print(f"language: {result.doc.lang}, published: {result.doc.article.published}",
              markup=False)
    for trace in result.traces:
        s = sentences[trace.sentence]
        out.print(f"\n[{trace.sentence}] ({s.block}) {s.text}", markup=False)
        for note in trace.notes:
            out.print(f"    - {note}", markup=False)
        for e in trace.events:
            actor = ", ".join(f"{a.code} {a.sector}".strip() for a in e.actor)
            recipient = ", ".join(f"{a.code} {a.sector}".strip() for a in e.recipient)
            date = e.date.to_plover() if e.date else None
            q = f"{e.quantity.value:g} {e.quantity.unit}" if e.quantity else ""
            out.print(f"    => {e.event} {e.mode} | {actor} -> {recipient or '-'} | "
                      f"{e.modality} | date {date} | {q} | {e.event_loc} | "
                      f"confidence {e.confidence}", markup=False)


def _print_report(report: Any, as_json: bool) -> None:
    from wending.evaluate.report import to_json, to_text

    if as_json:
        out.print(json.dumps(to_json(report), ensure_ascii=False), markup=False)
    else:
        out.print(to_text(report), markup=False)


def _register_areas() -> None:
    from wending.serve import cli_analysis, cli_scale, cli_web

    for module in (cli_analysis, cli_web, cli_scale):
        module.register(app)


_register_areas()


def main() -> None:
    """Entry point: run the CLI, turning Wending's errors into one clear line."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except WendingError as exc:
        err.print(f"error: {exc}", markup=False)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
