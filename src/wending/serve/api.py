"""The REST API and the web page: ``create_app(settings)``.

Every route is a thin adapter over one :mod:`wending.library` function: it
turns query parameters into arguments, calls the function with the app's
settings and returns its ``to_dict()``. Each call opens its own store, so no
database connection is shared between threads. See docs/web.md.
"""

from __future__ import annotations

import gc
import threading
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, FastAPI, Path, Query, Request
from fastapi.staticfiles import StaticFiles

import wending
from wending import library
from wending.pipeline import Pipeline
from wending.serve import api_models as m
from wending.serve import api_models_analysis as ma
from wending.serve.api_edge import EdgeMiddleware, check_token, install_errors, to_body
from wending.serve.api_params import (
    Code,
    Codes,
    Conf,
    Creds,
    Day,
    EdgeCode,
    EventType,
    Ids,
    Interval,
    JsonRoute,
    Limit,
    ModalityName,
    Offset,
    Pair,
    Period,
    blank,
    code_list,
    errors,
    read_guard,
)
from wending.settings import Settings

reads = APIRouter(
    prefix="/api", responses=errors(400, 401, 403, 413, 422, 500), route_class=JsonRoute
)
TypeQuery = Annotated[EventType | None, Query(alias="type", description="PLOVER event type")]
Text = Annotated[str | None, Query(description="Full-text query over article titles and text")]


@reads.get("/articles", response_model=m.ArticlePageOut)
def articles(
    conf: Conf,
    lang: str | None = None,
    outlet: str | None = None,
    q: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    """Stored articles, newest first (without their text), and the total."""
    return to_body(
        library.articles_page(
            settings=conf, lang=lang, outlet=outlet, query=q, limit=limit, offset=offset
        )
    )


@reads.get("/articles/{article_id}", response_model=m.ArticleViewOut, responses=errors(404))
def article(conf: Conf, article_id: Annotated[str, Path(min_length=1)]) -> Any:
    """One article with its text and its events."""
    return to_body(library.get_article(article_id, settings=conf))


@reads.get("/events", response_model=m.EventPageOut)
def events(
    conf: Conf,
    when: Period,
    actor: Code = None,
    recipient: Code = None,
    event_type: TypeQuery = None,
    modality: ModalityName | None = None,
    lang: Annotated[str | None, Query(description="Article language: nl, en")] = None,
    q: Text = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    """Stored events (PLOVER 2.0 JSON) matching every filter given, by date,
    one page of them with the total."""
    query = library.event_query(
        actor=actor,
        recipient=recipient,
        event=event_type,
        since=when[0],
        until=when[1],
        modality=modality,
        lang=lang,
        query=q,
        limit=limit,
        offset=offset,
    )
    return to_body(library.events_page(settings=conf, query=query))


@reads.get("/events/by-id", response_model=m.EventPageOut)
def events_by_id(
    conf: Conf,
    ids: Annotated[
        list[str],
        Query(alias="id", min_length=1, max_length=500, description="Event ids; repeat id="),
    ],
) -> Any:
    """The events with these ids (a network edge's), in that order."""
    found = library.events_by_id(ids, settings=conf)
    return to_body(library.EventPage(found, len(found), len(found), 0))


@reads.get("/events/{event_id}", response_model=m.EventViewOut, responses=errors(404))
def event(conf: Conf, event_id: Annotated[str, Path(min_length=1)]) -> Any:
    """One event with its article's text, the spans to mark (actor,
    recipient, trigger, date, quantity, place, modality cue, evidence) and
    its story with every outlet that told it."""
    return to_body(library.get_event(event_id, settings=conf))


@reads.get("/stories", response_model=ma.StoryPageOut)
def stories(
    conf: Conf,
    when: Period,
    actor: Code = None,
    event_type: TypeQuery = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    """Stories (one real-world event merged from the events of many
    articles), first reported first; ``since``/``until`` bound the first report."""
    found = library.stories(
        settings=conf,
        since=when[0],
        until=when[1],
        actor=blank(actor),
        event=event_type,
        limit=limit,
        offset=offset,
    )
    return {"items": [s.to_dict() for s in found], "limit": limit, "offset": offset}


@reads.get("/stories/{story_id}", response_model=ma.StoryOut, responses=errors(404))
def story(conf: Conf, story_id: Annotated[str, Path(min_length=1)]) -> Any:
    """One story with its events, its articles and every outlet that told it."""
    return to_body(library.get_story(story_id, settings=conf))


@reads.get("/actors", response_model=list[m.ActorOut])
def actors(
    conf: Conf,
    q: Annotated[str | None, Query(description="Name, code or QID")] = None,
    on: Annotated[Day | None, Query(description="Offices held on (YYYY-MM-DD)")] = None,
    limit: Limit = 50,
) -> Any:
    """Knowledge-base actors matching ``q`` (all when empty)."""
    return [a.to_dict() for a in library.actors(q, settings=conf, on=on, limit=limit)]


@reads.get("/timeline", response_model=ma.TimelineOut)
def timeline(
    conf: Conf,
    when: Period,
    actor: Code = None,
    pair: Pair = None,
    event_type: TypeQuery = None,
    interval: Interval = "week",
    ids: Ids = 20,
) -> Any:
    """Stories per day, week or month, with conflict and cooperation counts,
    for an actor, a pair of actors or everything; each point lists the ids
    of its first ``ids`` stories (by day, then id)."""
    return to_body(
        library.timeline(
            settings=conf,
            actor=blank(actor),
            pair=blank(pair),
            event=event_type,
            interval=interval,
            since=when[0],
            until=when[1],
            ids=ids,
        )
    )


@reads.get("/network", response_model=ma.NetworkOut)
def network(conf: Conf, when: Period, actors: Codes = None, ids: Ids = 0) -> Any:
    """The actor network of the stories of a period: nodes with their bloc
    (community) and centrality, signed edges with their story and event
    counts; with ``ids``, each edge also lists its first ``ids`` stories (by
    day, then id) and their events on it. ``/api/network/edge`` lists all
    the events of one edge."""
    return to_body(
        library.graph(
            settings=conf, since=when[0], until=when[1], actors=code_list(actors), ids=ids
        )
    )


@reads.get("/network/edge", response_model=m.EventPageOut)
def network_edge(
    conf: Conf,
    when: Period,
    source: EdgeCode,
    target: EdgeCode,
    actors: Codes = None,
    limit: Limit = 100,
    offset: Offset = 0,
) -> Any:
    """The events of one edge ``source -> target`` of the network with the
    same period and actors, by story day, one page with the total."""
    return to_body(
        library.edge_events(
            settings=conf, source=source, target=target, since=when[0], until=when[1],
            actors=code_list(actors), limit=limit, offset=offset,
        )
    )


@reads.get("/alerts", response_model=ma.AlertListOut)
def alerts(conf: Conf, when: Period) -> Any:
    """New turns and escalations dated in the period."""
    found = library.alerts(settings=conf, since=when[0], until=when[1])
    return {"items": [a.to_dict() for a in found]}


writes = APIRouter(
    prefix="/api", responses=errors(400, 401, 403, 413, 422, 500), route_class=JsonRoute
)


@writes.post("/ingest", response_model=m.IngestOut)
def ingest(
    request: Request,
    conf: Conf,
    creds: Creds,
    body: Annotated[m.IngestRecords | m.IngestText, Body()],
) -> Any:
    """Extract and store articles: ``{"articles": [...]}`` (corpus/SPEC.md
    records) or one plain text ``{"text": ...}``. Needs the token."""
    check_token(conf, creds, what="writing")
    state = request.app.state
    with state.ingest_lock:  # one pipeline per app, used by one request at a time
        if state.pipeline is None:
            state.pipeline = Pipeline(conf)
        report = library.ingest_json(
            body.model_dump(exclude_none=True), settings=conf, pipeline=state.pipeline
        )
    return {
        "added": [
            {
                "name": a.name,
                "id": a.article_id,
                "lang": a.lang,
                "events": a.events,
                "status": a.status,
            }
            for a in report.added
        ],
        "duplicates": report.duplicates,
        "errors": report.errors,
        "events": report.events,
    }


def create_app(settings: Settings) -> FastAPI:
    """The REST API under ``/api/``, its OpenAPI document at
    ``/openapi.json`` and the web page at ``/``."""
    app = FastAPI(
        title="Wending",
        version=wending.__version__,
        docs_url=None,
        redoc_url=None,
        summary="PLOVER 2.0 events from the news, with evidence.",
    )
    app.state.settings = settings
    app.state.pipeline = None
    app.state.ingest_lock = threading.Lock()
    install_errors(app)
    app.add_middleware(EdgeMiddleware, max_bytes=settings.max_bytes)

    @app.get("/api/health", response_model=m.HealthOut, responses=errors(500))
    def health() -> Any:
        """Liveness, version, and the store's counts (when reading is open)."""
        counts = {} if settings.api_read_protected else library.stats(settings=settings)
        return {
            "status": "ok",
            "version": wending.__version__,
            "counts": counts,
            "read_protected": settings.api_read_protected,
            "writes_enabled": bool(settings.api_token),
        }

    guard = [Depends(read_guard)] if settings.api_read_protected else []
    app.include_router(reads, dependencies=guard)
    app.include_router(writes)
    # The page's files answer what no route matches, so that a wrong method on
    # an API path is still a 405 naming the methods it allows.
    app.router.default = StaticFiles(packages=[("wending.serve", "web")], html=True)
    # What is loaded by now (modules, the app, its schemas) lives as long as
    # the process: keep it out of the cyclic garbage collector's full
    # collections, which requests with large responses (a network of
    # thousands of edges) would otherwise trigger, walking all of it each
    # time (on 1M events: 230 ms a network request instead of 85 ms).
    gc.freeze()
    return app
