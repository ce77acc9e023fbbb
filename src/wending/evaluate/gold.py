"""Read a gold corpus and event predictions, as ``corpus/SPEC.md`` defines them.

A corpus is a folder with ``articles.jsonl`` and ``gold.jsonl``. Predictions
are JSON lines of events: the records Wending writes (``actor``,
``recipient``, ``event_loc``, ``date_detail``, evidence spans) or any
PLOVER-like records (``source``/``target``, ``location``, evidence as text).

Both sides are normalized into :class:`Scored`, the one record the scorer
compares:

- event names go through :func:`wending.model.normalize_event_type`
  (FIGHT -> ASSAULT, DEMAND -> REQUEST, DISAPPROVE/INVESTIGATE -> ACCUSE),
  for the gold ``event``, its ``alt_events`` and predictions alike;
- actor codes are upper-cased, and ``XKX`` is read as ``KOS``;
- a target list with no codes becomes ``None``: "no target";
- dates become an inclusive range with a precision rank (:class:`DateRange`).

Only the two ``read_*`` functions touch the file system.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from wending.errors import GoldError
from wending.model import EVENT_TYPES, MODALITIES, normalize_event_type

#: Precision ranks, finest first. A prediction's rank must be <= gold's.
RANKS: tuple[str, ...] = ("day", "week", "month", "quarter", "year", "multi-year")

#: Codes read as another code (SPEC.md: Kosovo is ``KOS``).
CODE_ALIASES: dict[str, str] = {"XKX": "KOS"}

#: Modality of a prediction that does not say (as ``plover.event_from_plover``).
DEFAULT_MODALITY = "asserted"

_YEAR = re.compile(r"^\d{4}$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class DateRange:
    """An inclusive date range and its precision rank (index into :data:`RANKS`)."""

    start: dt.date
    end: dt.date
    rank: int

    @property
    def precision(self) -> str:
        return RANKS[self.rank]


@dataclass(frozen=True, slots=True)
class Scored:
    """One event, gold or predicted, in the form the scorer compares.

    ``target_codes`` is ``None`` where the event has no target (gold ``[]``).
    ``modality`` is ``None`` for a gold event that does not code it.
    ``index`` is the event's position in its input (gold line order or the
    prediction list), ``spans`` the evidence offsets into the article text
    where the record gives them.
    """

    doc: str
    id: str
    event: str
    alt_events: frozenset[str] = frozenset()
    source_codes: frozenset[str] = frozenset()
    target_codes: frozenset[str] | None = None
    date: DateRange | None = None
    quantity: tuple[float, str] | None = None
    modality: str | None = None
    location: str = ""
    mode: str = ""
    evidence: str = ""
    spans: tuple[tuple[int, int], ...] = ()
    sources: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    index: int = -1
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @property
    def types(self) -> frozenset[str]:
        """Every type that counts for this event: ``event`` and ``alt_events``."""
        return self.alt_events | {self.event}


@dataclass(frozen=True, slots=True)
class Corpus:
    """A gold set: its articles (dicts with id/lang/published/outlet/title/text)
    and its gold events, normalized."""

    articles: tuple[dict[str, Any], ...]
    gold: tuple[Scored, ...]
    name: str = ""

    @classmethod
    def from_records(
        cls,
        articles: Iterable[Mapping[str, Any]],
        gold: Iterable[Mapping[str, Any]],
        *,
        name: str = "",
    ) -> Corpus:
        """Build and check a corpus from in-memory records (the rules of
        :func:`read_corpus`; errors name the record's position)."""
        arts = [(f"{name or 'articles'}[{i}]", dict(a)) for i, a in enumerate(articles)]
        events = [(f"{name or 'gold'}[{i}]", dict(g)) for i, g in enumerate(gold)]
        return _build(arts, events, name=name)

    def article(self, doc: str) -> dict[str, Any] | None:
        for art in self.articles:
            if art["id"] == doc:
                return art
        return None


# -- readers ----------------------------------------------------------------


def read_corpus(dir: Path) -> Corpus:
    """Read ``articles.jsonl`` and ``gold.jsonl`` from ``dir``.

    Raises :class:`GoldError` naming ``file:line`` for a line that is not a
    JSON object or does not follow SPEC.md.
    """
    dir = Path(dir)
    if not dir.is_dir():
        raise GoldError(f"{dir}: not a folder; give a corpus folder with articles.jsonl and "
                        "gold.jsonl")
    arts = _read_jsonl(dir / "articles.jsonl")
    events = _read_jsonl(dir / "gold.jsonl")
    return _build(arts, events, name=dir.name)


def read_predictions(path: Path) -> list[dict[str, Any]]:
    """Read a JSONL file of predicted events (Wending's or PLOVER-like records).

    Every record is checked the way :func:`wending.evaluate.score.score`
    reads it, so a bad record is reported with its ``file:line``.
    """
    out: list[dict[str, Any]] = []
    for where, rec in _read_jsonl(Path(path)):
        try:
            scored_from_prediction(rec, index=len(out))
        except GoldError as exc:
            raise GoldError(f"{where}: {exc}") from None
        out.append(rec)
    return out


def _read_jsonl(path: Path) -> list[tuple[str, dict[str, Any]]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise GoldError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    out: list[tuple[str, dict[str, Any]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            raise GoldError(f"{where}: not valid JSON ({exc.msg} at column {exc.colno})") from None
        if not isinstance(rec, dict):
            raise GoldError(f"{where}: expected a JSON object, got {type(rec).__name__}")
        out.append((where, rec))
    return out


# -- building and checking a corpus -------------------------------------------------


def _build(
    articles: Sequence[tuple[str, dict[str, Any]]],
    events: Sequence[tuple[str, dict[str, Any]]],
    *,
    name: str,
) -> Corpus:
    texts: dict[str, str] = {}
    arts: list[dict[str, Any]] = []
    for where, rec in articles:
        art = _check_article(where, rec)
        if art["id"] in texts:
            raise GoldError(f"{where}: article id {art['id']!r} appears twice")
        texts[art["id"]] = art["text"]
        arts.append(art)
    gold: list[Scored] = []
    seen: set[str] = set()
    for where, rec in events:
        try:
            event = scored_from_gold(rec, index=len(gold))
        except GoldError as exc:
            raise GoldError(f"{where}: {exc}") from None
        if event.doc not in texts:
            raise GoldError(f"{where}: doc {event.doc!r} is not an article id")
        if event.id in seen:
            raise GoldError(f"{where}: event id {event.id!r} appears twice")
        seen.add(event.id)
        if rec.get("evidence") and event.evidence not in texts[event.doc]:
            raise GoldError(
                f"{where}: evidence is not an exact substring of article {event.doc!r}: "
                f"{event.evidence[:60]!r}"
            )
        gold.append(event)
    return Corpus(articles=tuple(arts), gold=tuple(gold), name=name)


def _check_article(where: str, rec: dict[str, Any]) -> dict[str, Any]:
    for key in ("id", "text"):
        if not isinstance(rec.get(key), str) or not rec[key]:
            raise GoldError(f"{where}: article needs a non-empty string {key!r}")
    published = rec.get("published")
    if published is not None:
        try:
            dt.date.fromisoformat(str(published))
        except ValueError:
            raise GoldError(
                f"{where}: published {published!r} is not YYYY-MM-DD or null"
            ) from None
    return {
        "id": rec["id"],
        "lang": rec.get("lang"),
        "published": published,
        "outlet": rec.get("outlet"),
        "title": rec.get("title") or "",
        "text": rec["text"],
    }


# -- normalizing one record --------------------------------------------------------


def scored_from_gold(rec: Mapping[str, Any], *, index: int = -1) -> Scored:
    """Normalize one gold event (SPEC.md). Raises :class:`GoldError`."""
    doc = rec.get("doc")
    if not isinstance(doc, str) or not doc:
        raise GoldError("gold event needs a non-empty string 'doc'")
    ident = rec.get("id")
    if not isinstance(ident, str) or not ident:
        raise GoldError("gold event needs a non-empty string 'id'")
    event = _event_name(rec.get("event"), strict=True)
    alts = rec.get("alt_events") or []
    if not isinstance(alts, list):
        raise GoldError("'alt_events' must be a list of event types")
    alt_events = frozenset(_event_name(a, strict=True) for a in alts)
    src_key = "source" if "source" in rec else "actor"
    tgt_key = "target" if "target" in rec else "recipient"
    # A gold event with no source (an unnamed attacker) is read, but by the
    # SPEC's rule 2 (source codes intersect) no prediction can match it.
    sources, source_names = _actors(rec.get(src_key), src_key, strict=True)
    targets, target_names = _actors(rec.get(tgt_key), tgt_key, strict=True)
    modality = rec.get("modality")
    if modality is not None and modality not in MODALITIES:
        raise GoldError(
            f"gold event {ident}: modality {modality!r} is not one of {', '.join(MODALITIES)}"
        )
    evidence = rec.get("evidence") or rec.get("eventText") or ""
    if not isinstance(evidence, str):
        raise GoldError(f"gold event {ident}: 'evidence' must be a string")
    return Scored(
        doc=doc,
        id=ident,
        event=event,
        alt_events=alt_events - {event},
        source_codes=sources,
        target_codes=targets or None,
        date=parse_date(rec.get("date")),
        quantity=_quantity(rec.get("quantity")),
        modality=modality,
        location=_text_field(rec.get("location"), "location"),
        mode=_text_field(rec.get("mode"), "mode"),
        evidence=evidence,
        sources=source_names,
        targets=target_names,
        index=index,
        raw=rec,
    )


def scored_from_prediction(rec: Mapping[str, Any], *, index: int = -1) -> Scored:
    """Normalize one predicted event: Wending's record or a PLOVER-like one.

    Reads ``actor``/``source``, ``recipient``/``target``, ``event_loc``/
    ``location``, ``date_detail`` before ``date``; evidence from a list of
    ``{start, end, text}`` spans, a string, or ``event_text``.
    """
    if not isinstance(rec, Mapping):
        raise GoldError(f"prediction {index}: expected an object, got {type(rec).__name__}")
    doc = rec.get("doc") or rec.get("article_id") or ""
    event = _event_name(rec.get("event"), strict=False)
    src = rec.get("actor") if rec.get("actor") is not None else rec.get("source")
    tgt = rec.get("recipient") if rec.get("recipient") is not None else rec.get("target")
    sources, source_names = _actors(src, "actor", strict=False)
    targets, target_names = _actors(tgt, "recipient", strict=False)
    date = _prediction_date(rec)
    location = rec.get("event_loc") or rec.get("location") or ""
    modality = rec.get("modality") or DEFAULT_MODALITY
    evidence, spans = _prediction_evidence(rec.get("evidence"))
    if not evidence:
        evidence = str(rec.get("event_text") or "")
    return Scored(
        doc=str(doc),
        id=str(rec.get("id") or f"#{index}"),
        event=event,
        source_codes=sources,
        target_codes=targets or None,
        date=date,
        quantity=_quantity(rec.get("quantity")),
        modality=str(modality),
        location=_text_field(location, "event_loc"),
        mode=_text_field(rec.get("mode"), "mode"),
        evidence=evidence,
        spans=spans,
        sources=source_names,
        targets=target_names,
        index=index,
        raw=rec,
    )


def normalize_code(code: str) -> str:
    """Upper-case an actor code and read aliases (``XKX`` -> ``KOS``)."""
    upper = code.strip().upper()
    return CODE_ALIASES.get(upper, upper)


def _event_name(value: Any, *, strict: bool) -> str:
    if not isinstance(value, str) or not value.strip():
        raise GoldError(f"event type must be a non-empty string, got {value!r}")
    name = normalize_event_type(value)
    if strict and name not in EVENT_TYPES:
        raise GoldError(
            f"unknown event type {value!r}; use a PLOVER 2.0 type ({', '.join(EVENT_TYPES)})"
        )
    return name


def _actors(value: Any, key: str, *, strict: bool) -> tuple[frozenset[str], tuple[str, ...]]:
    """Codes and display names ("RUS (Moskou)") of a list of actors."""
    if value is None:
        return frozenset(), ()
    if isinstance(value, (str, dict)):
        value = [value]
    if not isinstance(value, list):
        raise GoldError(f"{key!r} must be a list of actors, got {type(value).__name__}")
    codes: set[str] = set()
    names: list[str] = []
    for item in value:
        if isinstance(item, str):
            code, text = item, ""
        elif isinstance(item, dict):
            code = item.get("code") or ""
            text = item.get("actorText") or item.get("entity_text") or item.get("text") or ""
        else:
            raise GoldError(f"{key!r}: an actor must be an object with a 'code', got {item!r}")
        if not isinstance(code, str) or not code.strip():
            if strict:
                raise GoldError(f"{key!r}: actor {text or item!r} has no 'code'")
            continue
        norm = normalize_code(code)
        codes.add(norm)
        names.append(f"{norm} ({text})" if text else norm)
    return frozenset(codes), tuple(names)


def _text_field(value: Any, key: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise GoldError(f"{key!r} must be a string, got {value!r}")
    return value


def _quantity(value: Any) -> tuple[float, str] | None:
    if value is None:
        return None
    if not isinstance(value, dict) or "value" not in value:
        raise GoldError(f"'quantity' must be an object with 'value' and 'unit', got {value!r}")
    try:
        number = float(value["value"])
    except (TypeError, ValueError):
        raise GoldError(f"quantity value {value['value']!r} is not a number") from None
    return number, str(value.get("unit") or "")


# -- dates ------------------------------------------------------------------------


def rank_of_length(days: int) -> int:
    """Precision rank of a range of ``days`` days (SPEC.md scoring rule)."""
    if days <= 1:
        return 0
    if days <= 7:
        return 1
    if days <= 31:
        return 2
    if days <= 92:
        return 3
    if days <= 366:
        return 4
    return 5


def _iso(value: Any) -> dt.date:
    text = str(value).strip()
    if "T" in text:
        text = text.split("T", 1)[0]
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise GoldError(f"date {value!r} is not YYYY-MM-DD") from None


def _range(start: dt.date, end: dt.date) -> DateRange:
    if end < start:
        raise GoldError(f"date range ends ({end}) before it starts ({start})")
    return DateRange(start, end, rank_of_length((end - start).days + 1))


def parse_date(value: Any) -> DateRange | None:
    """``YYYY`` (the whole year), ``YYYY-MM`` (the whole month), ``YYYY-MM-DD``
    or ``{"start", "end"}``; ``None`` or ``""`` is no date."""
    if value is None or value == "":
        return None
    if isinstance(value, dict):
        if not value.get("start") and not value.get("end"):
            return None
        start = _iso(value.get("start") or value.get("end"))
        end = _iso(value.get("end") or value.get("start"))
        return _range(start, end)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise GoldError(f"date {value!r} is not YYYY, YYYY-MM, YYYY-MM-DD or {{start, end}}")
    text = value.strip()
    if _YEAR.match(text):
        year = int(text)
        return DateRange(dt.date(year, 1, 1), dt.date(year, 12, 31), RANKS.index("year"))
    month = _MONTH.match(text)
    if month:
        year, mon = int(month.group(1)), int(month.group(2))
        if not 1 <= mon <= 12:
            raise GoldError(f"date {value!r}: month out of range")
        first = dt.date(year, mon, 1)
        last = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        return DateRange(first, last, RANKS.index("month"))
    day = _iso(text)
    return DateRange(day, day, 0)


def _prediction_date(rec: Mapping[str, Any]) -> DateRange | None:
    """``date_detail`` first (its range, and its precision where coarser than
    the range's length says), then ``date``."""
    detail = rec.get("date_detail")
    if isinstance(detail, dict) and (detail.get("start") or detail.get("end")):
        found = parse_date({"start": detail.get("start"), "end": detail.get("end")})
        precision = detail.get("precision")
        if found is not None and precision in RANKS:
            rank = max(found.rank, RANKS.index(str(precision)))
            found = DateRange(found.start, found.end, rank)
        return found
    return parse_date(rec.get("date"))


def _prediction_evidence(value: Any) -> tuple[str, tuple[tuple[int, int], ...]]:
    if value is None:
        return "", ()
    if isinstance(value, str):
        return value, ()
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise GoldError(f"'evidence' must be text or a list of spans, got {value!r}")
    texts: list[str] = []
    spans: list[tuple[int, int]] = []
    for item in value:
        if isinstance(item, str):
            texts.append(item)
        elif isinstance(item, dict):
            if item.get("text"):
                texts.append(str(item["text"]))
            start, end = item.get("start"), item.get("end")
            if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end:
                spans.append((start, end))
    return " … ".join(texts), tuple(spans)
