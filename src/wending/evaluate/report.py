"""A :class:`~wending.evaluate.score.ScoreReport` as JSON-ready data or plain text.

Both are pure: the CLI writes (and may style) what they return.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wending.evaluate.score import FalseAlarm, Miss, ScoreReport, Tally


def _rate(value: float) -> float:
    return round(value, 4)


def _tally(t: Tally, *, with_found_matches: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "gold": t.gold,
        "found": t.found,
        "matched": t.matched,
        "precision": _rate(t.precision),
        "recall": _rate(t.recall),
        "f1": _rate(t.f1),
    }
    if with_found_matches:
        out["matched_found"] = t.matched_found
    return out


def _miss(m: Miss) -> dict[str, Any]:
    return {
        "doc": m.doc,
        "id": m.id,
        "lang": m.lang,
        "event": m.event,
        "alt_events": list(m.alt_events),
        "sources": list(m.sources),
        "targets": list(m.targets),
        "evidence": m.evidence,
        "context": m.context,
    }


def _alarm(a: FalseAlarm) -> dict[str, Any]:
    return {
        "doc": a.doc,
        "id": a.id,
        "index": a.index,
        "lang": a.lang,
        "event": a.event,
        "sources": list(a.sources),
        "targets": list(a.targets),
        "evidence": a.evidence,
        "context": a.context,
        "known_doc": a.known_doc,
    }


def to_json(report: ScoreReport) -> dict[str, Any]:
    """The report as JSON-ready data.

    ``by_type`` rows count recall by the gold type and precision by the
    predicted type: ``matched`` is matched gold events of the type,
    ``matched_found`` matched predictions of the type.
    """
    return {
        "corpus": report.name,
        "articles": report.articles,
        "gold": report.gold,
        "found": report.found,
        "matched": report.matched,
        "precision": _rate(report.precision),
        "recall": _rate(report.recall),
        "f1": _rate(report.f1),
        "by_lang": {k: _tally(v) for k, v in report.by_lang.items()},
        "by_type": {k: _tally(v, with_found_matches=True) for k, v in report.by_type.items()},
        "by_doc": {k: _tally(v) for k, v in report.by_doc.items()},
        "attributes": {
            name: {"correct": a.correct, "total": a.total, "accuracy": _rate(a.accuracy)}
            for name, a in report.attributes.items()
        },
        "pairs": [
            {
                "doc": p.gold.doc,
                "gold": p.gold.id,
                "predicted": p.predicted.id,
                "predicted_index": p.predicted.index,
                "event": p.predicted.event,
                "gold_event": p.gold.event,
                "attributes": dict(p.verdicts),
            }
            for p in report.pairs
        ],
        "misses": [_miss(m) for m in report.misses],
        "false_alarms": [_alarm(a) for a in report.false_alarms],
    }


# -- text ----------------------------------------------------------------------------


def _table(title: str, rows: Mapping[str, Tally], key: str, *, by_type: bool = False) -> list[str]:
    if not rows:
        return [title, "  (none)"]
    width = max(len(key), *(len(k) for k in rows))
    head = f"  {key:<{width}}  {'gold':>5}  {'found':>5}  {'matched':>7}"
    head += f"  {'precision':>9}  {'recall':>6}  {'F1':>5}"
    lines = [title, head]
    for name, t in rows.items():
        matched = f"{t.matched}/{t.matched_found}" if by_type else str(t.matched)
        lines.append(
            f"  {name:<{width}}  {t.gold:>5}  {t.found:>5}  {matched:>7}"
            f"  {t.precision:>9.3f}  {t.recall:>6.3f}  {t.f1:>5.3f}"
        )
    return lines


def _parties(sources: tuple[str, ...], targets: tuple[str, ...]) -> str:
    who = ", ".join(sources) or "(no source)"
    return f"{who} -> {', '.join(targets)}" if targets else who


def _quote(label: str, text: str) -> list[str]:
    return [f"    {label}: {text}"] if text else []


def to_text(report: ScoreReport) -> str:
    """A readable plain-text report: headline numbers, tables by language and
    type, attribute accuracies, then every miss and every false alarm with
    its sentence."""
    title = f"Evaluation on {report.name}" if report.name else "Evaluation"
    lines = [
        f"{title} ({report.articles} articles)",
        f"gold {report.gold}  found {report.found}  matched {report.matched}",
        f"precision {report.precision:.3f}  recall {report.recall:.3f}  F1 {report.f1:.3f}",
        "",
    ]
    lines += _table("By language", report.by_lang, "lang")
    lines.append("")
    lines += _table("By type (matched = gold/predicted side)", report.by_type, "type",
                    by_type=True)
    lines.append("")
    lines.append(f"Attributes (on {len(report.pairs)} matched pairs, where gold has them)")
    for name, attr in report.attributes.items():
        acc = f"{attr.accuracy:.3f}" if attr.total else "n/a"
        lines.append(f"  {name:<9} {attr.correct:>4}/{attr.total:<4} {acc}")
    lines.append("")
    lines.append(f"Misses: gold events not found ({len(report.misses)})")
    for m in report.misses:
        alts = f" (or {', '.join(m.alt_events)})" if m.alt_events else ""
        lines.append(f"  [{m.doc}] {m.id} {m.event}{alts}: {_parties(m.sources, m.targets)}")
        lines += _quote("evidence", m.evidence)
        if m.context and m.context != m.evidence:
            lines += _quote("sentence", m.context)
    lines.append("")
    lines.append(f"False alarms: predictions matching no gold event ({len(report.false_alarms)})")
    for a in report.false_alarms:
        unknown = " (doc not in corpus)" if not a.known_doc else ""
        lines.append(
            f"  [{a.doc or '?'}]{unknown} {a.id} {a.event}: {_parties(a.sources, a.targets)}"
        )
        lines += _quote("evidence", a.evidence)
        if a.context and a.context != a.evidence:
            lines += _quote("sentence", a.context)
    return "\n".join(lines) + "\n"
