"""CLI commands of the analysis area; each a thin adapter over a library function."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from wending import library
from wending.settings import Settings

DbOpt = Annotated[
    str | None,
    typer.Option("--db", envvar="WENDING_DB", help="Database file or URL [default: wending.db]."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
SinceOpt = Annotated[str | None, typer.Option(help="From date (YYYY-MM-DD).")]
UntilOpt = Annotated[str | None, typer.Option(help="Until date (YYYY-MM-DD).")]


def register(app: typer.Typer) -> None:
    """Add this area's commands to the ``wending`` app."""
    for command in (stories, graph, timeline, alerts):
        app.command()(command)


# serve.cli imports this module while it is being built: its console and
# helpers are looked up when a command runs.


def _print(*objects: Any, markup: bool | None = None) -> None:
    from wending.serve.cli import out

    out.print(*objects, markup=markup)


def _settings(db: str | None) -> Settings:
    from wending.serve.cli import _settings as settings

    return settings(db)


def _date(value: str | None, name: str) -> dt.date | None:
    from wending.serve.cli import _date as parse

    return parse(value, name)


def _json(data: Any) -> None:
    _print(json.dumps(data, ensure_ascii=False), markup=False)


def stories(
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    actor: Annotated[str | None, typer.Option(help="Actor code (e.g. RUS).")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type.")] = None,
    limit: int = 100,
    offset: int = 0,
    rebuild: Annotated[bool, typer.Option(help="Merge all events again.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Stories: the same event told by several articles, merged."""
    found = library.stories(settings=_settings(db), since=_date(since, "--since"),
                            until=_date(until, "--until"), actor=actor, event=event_type,
                            limit=limit, offset=offset, rebuild=rebuild)
    if as_json:
        for v in found:
            _json(v.to_dict())
        return
    table = Table("story", "event", "actor -> recipient", "date", "first report",
                  "articles", "outlets", "lang", "modality")
    for v in found:
        s = v.story
        table.add_row(s.id, s.event,
                      f"{' '.join(s.actor_codes)} -> {' '.join(s.recipient_codes) or '-'}",
                      str(v.date or ""), str(s.first_reported or ""),
                      ", ".join(a.name or a.id for a in v.articles), str(len(s.outlets)),
                      ",".join(v.languages), s.modality)
    _print(table)
    _print(f"{len(found)} stories")

def graph(
    db: DbOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    actor: Annotated[list[str] | None, typer.Option(
        help="Only stories with this actor; repeatable.")] = None,
    fmt: Annotated[str, typer.Option(
        "--format", "-f", help="table, json, graphml or gexf.")] = "table",
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="File to write.")] = None,
    ids: Annotated[int, typer.Option(
        min=-1, help="Story ids (and their events) listed per edge; -1: all.")] = 0,
) -> None:
    """The actor network: signed, weighted interactions, blocs, central actors.
    Edges count every story; --ids N lists the first N stories of each."""
    if fmt not in ("table", "json", "graphml", "gexf"):
        raise typer.BadParameter("choose table, json, graphml or gexf", param_hint="--format")
    if fmt in ("graphml", "gexf") and out_file is None:
        raise typer.BadParameter(f"give the file to write with --out FILE.{fmt}",
                                 param_hint="--out")
    net = library.graph(settings=_settings(db), since=_date(since, "--since"),
                        until=_date(until, "--until"), actors=actor,
                        ids=None if ids < 0 else ids)
    if fmt == "graphml":
        assert out_file is not None
        _print(f"wrote {net.write_graphml(out_file)}", markup=False)
    elif fmt == "gexf":
        assert out_file is not None
        _print(f"wrote {net.write_gexf(out_file)}", markup=False)
    elif fmt == "json":
        text = json.dumps(net.to_dict(), ensure_ascii=False)
        if out_file is not None:
            out_file.write_text(text + "\n", encoding="utf-8")
            _print(f"wrote {out_file}", markup=False)
        else:
            _print(text, markup=False)
    else:
        _graph_table(net.to_dict())

def _graph_table(data: dict[str, Any]) -> None:
    table = Table("actor", "label", "bloc", "centrality", "betweenness", "degree")
    for n in sorted(data["nodes"], key=lambda n: (-n["centrality"], n["id"])):
        table.add_row(n["id"], n["label"], str(n["community"]), f"{n['centrality']:.3f}",
                      f"{n['betweenness']:.3f}", str(n["degree"]))
    _print(table)
    edges = Table("source", "target", "stories", "sign", "quad 1/2/3/4")
    for e in sorted(data["edges"], key=lambda e: (-e["weight"], e["source"], e["target"])):
        q = e["quad"]
        edges.add_row(e["source"], e["target"], str(e["weight"]), f"{e['sign']:+d}",
                      "/".join(str(q[k]) for k in ("1", "2", "3", "4")))
    _print(edges)
    _print(f"{len(data['nodes'])} actors, {len(data['edges'])} edges, "
              f"{len(data['communities'])} blocs")

def timeline(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option(help="Actor code (e.g. RUS).")] = None,
    pair: Annotated[str | None, typer.Option(help="Two codes, e.g. RUS,UKR.")] = None,
    event_type: Annotated[str | None, typer.Option("--type", help="PLOVER type.")] = None,
    interval: Annotated[str, typer.Option(help="day, week or month.")] = "week",
    since: SinceOpt = None,
    until: UntilOpt = None,
    ids: Annotated[int, typer.Option(
        min=-1, help="Story ids listed per point; -1: all.")] = library.analysis.IDS,
    as_json: JsonOpt = False,
) -> None:
    """Stories per day, week or month, with the first stories of each point."""
    result = library.timeline(settings=_settings(db), actor=actor, pair=pair,
                              event=event_type, interval=interval,
                              since=_date(since, "--since"), until=_date(until, "--until"),
                              ids=None if ids < 0 else ids)
    if as_json:
        _json(result.to_dict())
        return
    table = Table("start", "end", "stories", "conflict", "cooperation", "", "story ids")
    for p in result.points:
        listed = ", ".join(p.stories[:3]) + (" …" if p.count > 3 else "")
        table.add_row(str(p.start), str(p.end), str(p.count), str(p.conflict),
                      str(p.cooperation), "█" * min(p.count, 40), listed)
    _print(table)
    _print(f"{result.total} stories in {len(result.points)} {interval}s")

def alerts(
    db: DbOpt = None,
    watch: Annotated[Path | None, typer.Option(help="Watch rules (YAML).")] = None,
    atom: Annotated[Path | None, typer.Option(help="Add the alerts to this Atom feed.")] = None,
    webhook: Annotated[str | None, typer.Option(help="POST the alerts to this URL.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """New turns and escalations, filtered by watch rules, printed or delivered."""
    found = library.alerts(settings=_settings(db), watch=watch,
                           since=_date(since, "--since"), until=_date(until, "--until"))
    delivery = None
    if atom is not None or webhook is not None:
        delivery = library.deliver_alerts(found, atom_path=atom, webhook=webhook)
    if as_json:
        for a in found:
            _json(a.to_dict())
        return
    for a in found:
        watch_note = f"  [{', '.join(a.watch)}]" if a.watch else ""
        _print(f"{a.date or '?'}  {a.kind:<18} {a.title}{watch_note}", markup=False)
        _print(f"    {a.summary}", markup=False)
        for e in a.evidence[:3]:
            _print(f"    - {e.article or e.article_id}: {e.text[:150]}", markup=False)
    _print(f"{len(found)} alerts", markup=False)
    if delivery is not None:
        if delivery.atom_path:
            _print(f"feed {delivery.atom_path}: {delivery.atom_entries} entries",
                      markup=False)
        if delivery.webhook:
            _print(f"webhook {delivery.webhook}: HTTP {delivery.webhook_status}",
                      markup=False)
