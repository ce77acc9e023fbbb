"""The public library: one function for each CLI command and REST route.

The CLI (``serve/cli.py``) and the REST API (``serve/api.py``) are thin
adapters over these functions; they hold no logic of their own. The
functions live in a module per area and are all importable from here.
"""

from __future__ import annotations

from wending.library.analysis import *  # noqa: F403
from wending.library.core import (
    Added,
    Explained,
    IngestReport,
    Linked,
    actors,
    articles,
    evaluate,
    events,
    explain,
    extract,
    ingest,
    link,
    read_articles,
    score,
)
from wending.library.scale import SparkReport, spark_extract
from wending.library.web import (
    ArticlePage,
    ArticleView,
    EventPage,
    EventView,
    NotFoundError,
    QueryError,
    article_to_dict,
    articles_page,
    edge_events,
    event_query,
    events_by_id,
    events_page,
    get_article,
    get_event,
    get_story,
    ingest_json,
    stats,
)

__all__ = [
    "Added",
    "ArticlePage",
    "ArticleView",
    "EventPage",
    "EventView",
    "Explained",
    "IngestReport",
    "Linked",
    "NotFoundError",
    "QueryError",
    "SparkReport",
    "actors",
    "article_to_dict",
    "articles",
    "articles_page",
    "edge_events",
    "evaluate",
    "event_query",
    "events",
    "events_by_id",
    "events_page",
    "explain",
    "extract",
    "get_article",
    "get_event",
    "get_story",
    "ingest",
    "ingest_json",
    "link",
    "read_articles",
    "score",
    "spark_extract",
    "stats",
]
