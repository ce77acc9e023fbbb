"""Library functions of the analysis stage: stories, the actor graph,
timelines and alerts. The CLI (``serve/cli_analysis.py``) and the REST API
are thin adapters over them.

Each function opens the store, first merges the stored events that no story
holds yet into stories (incrementally: only the stories near the new
events in time are read and rewritten), then answers from the stories.

Options of the merge and the alert rules can be set through
``settings.extra["stories"]`` (fields of
:class:`~wending.analyze.matching.MergeWindow`) and
``settings.extra["alerts"]`` (fields of
:class:`~wending.analyze.alert_types.AlertRules`).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx

from wending.analyze.alerts import Alert, AlertRules, find_alerts
from wending.analyze.facts import ArticleMeta, story_day, story_parties
from wending.analyze.matching import MergeWindow
from wending.analyze.network import Network, build_network
from wending.analyze.notify import post_webhook, write_atom
from wending.analyze.stories import StoryView, merge, view
from wending.analyze.timeline import INTERVALS, Timeline, TimelinePoint
from wending.analyze.timeline import timeline as build_timeline
from wending.analyze.watch import load_watch
from wending.errors import SettingsError, StoreError
from wending.model import EVENT_TYPES, DateValue, Story, normalize_event_type
from wending.settings import Settings
from wending.store import Store, open_store
from wending.store.rows import ArticleRow
from wending.store.stories import (
    article_rows,
    delete_stories,
    events_without_story,
    find_stories,
)

__all__ = [
    "Alert",
    "Delivery",
    "Network",
    "StoryView",
    "Timeline",
    "TimelinePoint",
    "alerts",
    "deliver_alerts",
    "graph",
    "stories",
    "timeline",
]

log = logging.getLogger(__name__)

T = TypeVar("T")


def stories(
    *,
    settings: Settings,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actor: str | None = None,
    event: str | None = None,
    limit: int | None = 100,
    offset: int = 0,
    rebuild: bool = False,
) -> list[StoryView]:
    """Stories (one real-world event told by one or more articles), first
    reported first. ``since``/``until`` bound the first report date;
    ``actor`` keeps stories it takes part in; ``event`` those of one PLOVER
    type. New stored events are merged first; ``rebuild`` merges all events
    again from scratch."""
    with open_store(settings.db) as store:
        update_stories(store, settings=settings, rebuild=rebuild)
        found = find_stories(
            store,
            event=_event_type(event),
            actor=_code(actor),
            since=since,
            until=until,
            limit=limit,
            offset=offset,
        )
        metas = _metas(store, (e.article_id for s in found for e in s.events))
    return [view(s, metas) for s in found]


#: How far before and after a window a story's first report may lie.
REPORTED_BEFORE = dt.timedelta(days=7)
REPORTED_AFTER = dt.timedelta(days=366)


def graph(
    *,
    settings: Settings,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actors: Sequence[str] | None = None,
) -> Network:
    """The actor network of the stories that happened ``since``..``until``
    (story days), limited to stories in which one of ``actors`` takes part."""
    wanted = {c for a in actors or () if (c := _code(a))}
    with open_store(settings.db) as store:
        update_stories(store, settings=settings)
        # stories are first reported after they happen: read only those
        # reported from a little before the window to a year after it
        everything = find_stories(
            store,
            actor=next(iter(wanted)) if len(wanted) == 1 else None,
            since=since - REPORTED_BEFORE if since is not None else None,
            until=until + REPORTED_AFTER if until is not None else None,
        )
        metas = _metas(store, (e.article_id for s in everything for e in s.events))
    chosen = [
        s for s in _in_window(everything, metas, since, until)
        if not wanted or story_parties(s) & wanted
    ]
    return build_network(chosen)


def timeline(
    *,
    settings: Settings,
    actor: str | None = None,
    pair: str | Sequence[str] | None = None,
    event: str | None = None,
    interval: str = "week",
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Timeline:
    """Stories per day, week or month for an actor, a pair of actors
    (``"RUS,UKR"`` or ``("RUS", "UKR")``, either direction) or an event
    type, with the story ids behind each point."""
    if interval not in INTERVALS:
        raise SettingsError(f"unknown interval {interval!r}; use one of {', '.join(INTERVALS)}")
    dyad = _pair(pair)
    code = _code(actor)
    with open_store(settings.db) as store:
        update_stories(store, settings=settings)
        narrow = code or (dyad[0] if dyad else None)
        found = find_stories(
            store, actor=narrow,
            since=since - REPORTED_BEFORE if since is not None else None,
            until=until + REPORTED_AFTER if until is not None else None,
        )
        metas = _metas(store, (e.article_id for s in found for e in s.events))
    return build_timeline(found, metas, interval=interval, actor=code, pair=dyad,
                          event=_event_type(event), since=since, until=until)


def alerts(
    *,
    settings: Settings,
    watch: Path | str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Alert]:
    """New turns and escalations dated ``since``..``until``, judged against
    all stories before them; with a ``watch`` file, only those its rules
    match (each naming the rules)."""
    watchlist = load_watch(watch) if watch is not None else None
    rules = _options(settings, "alerts", AlertRules)
    with open_store(settings.db) as store:
        update_stories(store, settings=settings)
        history = find_stories(store, until=until, include_undated=True)
        metas = _all_metas(store)
    found = find_alerts(history, metas, rules=rules, since=since, until=until)
    if watchlist is not None:
        found = watchlist.apply(found)
    log.info("%d alerts from %d stories", len(found), len(history))
    return found


@dataclass(frozen=True, slots=True)
class Delivery:
    """Where alerts went: the feed file and its entry count, the webhook
    and its HTTP status."""

    alerts: int
    atom_path: str | None = None
    atom_entries: int | None = None
    webhook: str | None = None
    webhook_status: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "alerts": self.alerts,
            "atom_path": self.atom_path,
            "atom_entries": self.atom_entries,
            "webhook": self.webhook,
            "webhook_status": self.webhook_status,
        }


def deliver_alerts(
    alerts: Sequence[Alert],
    *,
    atom_path: Path | str | None = None,
    webhook: str | None = None,
    transport: httpx.BaseTransport | None = None,
) -> Delivery:
    """Add the alerts to an Atom feed file and/or POST them as JSON to a
    webhook (``transport`` replaces the network, for tests). Raises
    :class:`~wending.errors.WatchError` if a delivery fails."""
    entries = status = None
    if atom_path is not None:
        entries = write_atom(alerts, atom_path)
        log.info("wrote %d alerts to %s (%d entries)", len(alerts), atom_path, entries)
    if webhook is not None:
        status = post_webhook(alerts, webhook, transport=transport)
        log.info("posted %d alerts to %s: HTTP %d", len(alerts), webhook, status)
    return Delivery(
        alerts=len(alerts),
        atom_path=str(atom_path) if atom_path is not None else None,
        atom_entries=entries,
        webhook=webhook,
        webhook_status=status,
    )


# -- merging stored events into stories ----------------------------------------


def update_stories(store: Store, *, settings: Settings, rebuild: bool = False) -> int:
    """Merge the stored events no story holds into stories and save the
    stories that changed; the number of events merged. Only stories first
    reported near the new events (within the merge window) are read."""
    with store.transaction("merging events into stories"):
        return _update_stories(store, settings=settings, rebuild=rebuild)


def _update_stories(store: Store, *, settings: Settings, rebuild: bool) -> int:
    if rebuild:
        delete_stories(store)
    new = events_without_story(store)
    if not new:
        return 0
    window = _options(settings, "stories", MergeWindow)
    metas = _metas(store, (e.article_id for e in new))
    days = [d for e in new for d in _days(e.date, metas.get(e.article_id)) if d is not None]
    margin = dt.timedelta(days=window.claim_days + window.undated_days + window.days + 1)
    if rebuild:
        existing: list[Story] = []
    elif days:
        existing = find_stories(store, since=min(days) - margin, until=max(days) + margin,
                                include_undated=True)
    else:
        existing = find_stories(store)
    missing = {e.article_id for s in existing for e in s.events} - set(metas)
    metas.update(_metas(store, missing))
    merged = merge(existing, new, window=window, articles=metas,
                   countries=_country_names(settings))
    before = {s.id: len(s.events) for s in existing}
    changed = [s for s in merged if before.get(s.id) != len(s.events)]
    store.save_stories(changed)
    log.info("merged %d events into %d stories (%d new)", len(new), len(changed),
             sum(1 for s in changed if s.id not in before))
    return len(new)


def _days(date: DateValue | None, meta: ArticleMeta | None) -> tuple[dt.date | None, ...]:
    pub = meta.published if meta is not None else None
    if date is None:
        return (pub,)
    return (pub, date.start, date.end)


def _meta(row: ArticleRow) -> ArticleMeta:
    return ArticleMeta(id=row.id, name=row.name, published=row.published,
                       outlet=row.outlet or "", lang=row.lang or "", url=row.url)


def _metas(store: Store, ids: Iterable[str]) -> dict[str, ArticleMeta]:
    return {k: _meta(r) for k, r in article_rows(store, ids).items()}


def _all_metas(store: Store) -> dict[str, ArticleMeta]:
    return {r.id: _meta(r) for r in store.articles(limit=None)}


def _in_window(
    found: Iterable[Story], metas: dict[str, ArticleMeta], since: dt.date | None,
    until: dt.date | None,
) -> list[Story]:
    if since is not None and until is not None and since > until:
        raise StoreError(f"since ({since}) is after until ({until}); swap them")
    if since is None and until is None:
        return list(found)
    out: list[Story] = []
    for s in found:
        day = story_day(s, metas)
        if day is None:
            continue
        if (since is None or day >= since) and (until is None or day <= until):
            out.append(s)
    return out


def _options(settings: Settings, key: str, kind: type[T]) -> T:
    given = settings.extra.get(key) or {}
    try:
        return kind(**given)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"settings.extra[{key!r}] is not valid: {exc}") from exc


def _country_names(settings: Settings) -> frozenset[str]:
    """Casefolded names of every country (English and Dutch)."""
    from wending.kb import KnowledgeBase

    names: set[str] = set()
    for c in KnowledgeBase(settings.kb_files).countries.values():
        names.update(n.casefold() for n in (c.name_en, c.name_nl, *c.names) if n)
    return frozenset(names)


def _code(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    return value.strip().upper()


def _event_type(value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    name = normalize_event_type(value)
    if name not in EVENT_TYPES:
        raise StoreError(f"unknown event type {value!r}; use one of {', '.join(EVENT_TYPES)}")
    return name


def _pair(value: str | Sequence[str] | None) -> tuple[str, str] | None:
    if value is None:
        return None
    parts = value.replace("-", ",").split(",") if isinstance(value, str) else list(value)
    codes = [c for p in parts if (c := _code(p))]
    if len(codes) != 2:
        raise SettingsError(f"a pair is two actor codes such as RUS,UKR, not {value!r}")
    return codes[0], codes[1]
