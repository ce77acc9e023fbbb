"""Library functions of the analysis stage: stories, the actor graph,
timelines and alerts. The CLI (``serve/cli_analysis.py``) and the REST API
are thin adapters over them.

Each function opens the store, first merges the stored events that no story
holds yet into stories (incrementally: only the stories near the new
events in time are read and rewritten; with none waiting, one index
lookup), then answers: timelines and the network by SQL over the store's
story facts (``wending.store.aggregate``), the others from the stories.

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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TypeVar

import httpx

from wending.analyze.alerts import Alert, AlertRules, find_alerts
from wending.analyze.facts import ArticleMeta, top_name
from wending.analyze.matching import MergeWindow
from wending.analyze.network import Edge, Network, network
from wending.analyze.notify import post_webhook, write_atom
from wending.analyze.stories import StoryView, merge, view
from wending.analyze.timeline import INTERVALS, Timeline, TimelinePoint, assemble
from wending.analyze.watch import load_watch
from wending.errors import SettingsError, StoreError
from wending.model import EVENT_TYPES, DateValue, Story, normalize_event_type
from wending.settings import Settings
from wending.store import Store, aggregate, open_store
from wending.store.rows import ArticleRow
from wending.store.stories import (
    any_without_story,
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


#: Story ids listed per timeline point unless asked for otherwise (the
#: counts always cover every story).
IDS = 20


def graph(
    *,
    settings: Settings,
    since: dt.date | None = None,
    until: dt.date | None = None,
    actors: Sequence[str] | None = None,
    ids: int | None = 0,
) -> Network:
    """The actor network of the stories that happened ``since``..``until``
    (story days; without either, every story, those without a day too),
    limited to stories in which one of ``actors`` takes part.

    Edge weights, quad and event counts cover every story; each edge lists
    the ids of its first ``ids`` stories (by day, then id; none by default,
    all when ``None``) and of their events on it
    (:func:`~wending.library.edge_events` pages through all of them).
    """
    _check_ids(ids)
    found = stories_in(since, until, actors)
    with open_store(settings.db) as store:
        update_stories(store, settings=settings)
        counts = aggregate.edge_counts(store, found)
        parties = aggregate.party_names(store, found)
        samples = aggregate.edge_samples(store, found, ids) if ids != 0 else []
    listed: dict[tuple[str, str], tuple[list[str], list[str]]] = {}
    for u, v, story_id, event_ids in samples:
        stories, events = listed.setdefault((u, v), ([], []))
        stories.append(story_id)
        events.extend(event_ids)
    nothing: tuple[list[str], list[str]] = ([], [])
    edges = []
    for c in counts:
        stories, events = listed.get((c.source, c.target), nothing)
        edges.append(
            Edge(c.source, c.target, c.stories, c.quad, c.events, tuple(stories), tuple(events))
        )
    named: dict[str, dict[str, int]] = {}
    for code, name, n in parties:
        counted = named.setdefault(code, {})
        if name:
            counted[name] = counted.get(name, 0) + n
    names = {code: top_name(counted)[0] for code, counted in named.items()}
    return network(names, edges)


def stories_in(
    since: dt.date | None, until: dt.date | None, actors: Sequence[str] | None
) -> aggregate.StoryFilter:
    """The stories :func:`graph` draws: of a period (story days), with one
    of some actors."""
    if since is not None and until is not None and since > until:
        raise StoreError(f"since ({since}) is after until ({until}); swap them")
    wanted = tuple(sorted({c for a in actors or () if (c := _code(a))}))
    return aggregate.StoryFilter(
        actors=wanted, since=since, until=until, dated=since is not None or until is not None
    )


def _check_ids(ids: int | None) -> None:
    if ids is not None and ids < 0:
        raise SettingsError(f"ids is how many ids to list, 0 or more (or None for all), not {ids}")


def timeline(
    *,
    settings: Settings,
    actor: str | None = None,
    pair: str | Sequence[str] | None = None,
    event: str | None = None,
    interval: str = "week",
    since: dt.date | None = None,
    until: dt.date | None = None,
    ids: int | None = IDS,
) -> Timeline:
    """Stories per day, week or month for an actor, a pair of actors
    (``"RUS,UKR"`` or ``("RUS", "UKR")``, either direction) or an event
    type. Counts cover every story; each point lists the ids of its first
    ``ids`` stories (by day, then id; all when ``None``)."""
    if interval not in INTERVALS:
        raise SettingsError(f"unknown interval {interval!r}; use one of {', '.join(INTERVALS)}")
    _check_ids(ids)
    found = aggregate.StoryFilter(
        actor=_code(actor), pair=_pair(pair), event=_event_type(event), since=since, until=until
    )
    with open_store(settings.db) as store:
        update_stories(store, settings=settings)
        counts = aggregate.story_counts(store, found)
        listed = []
        if ids is None:
            listed = [(d, i) for d, i in aggregate.story_ids(store, found, limit=None) if d]
        shape = assemble(counts, listed, interval=interval, since=since, until=until,
                         ids_per_point=ids, actor=found.actor, pair=found.pair,
                         event=found.event)
        if not ids:
            return shape
        points = tuple(
            replace(p, stories=tuple(aggregate.first_ids(store, found, p.start, p.end, ids)))
            if p.count else p
            for p in shape.points
        )
    return replace(shape, points=points)


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
    reported near the new events (within the merge window) are read. When
    every event is in a story this is one index lookup, without taking the
    write lock."""
    if not rebuild and not any_without_story(store):
        return 0
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
