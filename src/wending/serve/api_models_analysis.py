"""Pydantic models of the analysis responses (stories, timeline, network,
alerts): what the OpenAPI document says and what each response is checked
against. They allow fields beyond those listed, so that the analysis can add
some without breaking the API."""

from __future__ import annotations

from pydantic import BaseModel, Field

from wending.serve.api_models import EventOut, Open, StoryArticle


class StoryQuantity(Open):
    unit: str
    value: float


class StoryOut(Open):
    """One real-world event merged from the events of many articles."""

    id: str
    event: str
    actors: list[str]
    recipients: list[str]
    date: str | None
    first_reported: str | None
    last_reported: str | None
    modality: str
    modalities: list[str]
    outlets: list[str]
    outlet_count: int
    languages: list[str]
    places: list[str]
    quantities: list[StoryQuantity]
    articles: list[StoryArticle]
    events: list[EventOut]


class StoryPageOut(BaseModel):
    items: list[StoryOut]
    limit: int
    offset: int


class TimelinePoint(Open):
    start: str
    end: str
    count: int
    conflict: int
    cooperation: int
    stories: list[str] = Field(description="The first ids of its stories (see ids=)")


class TimelineOut(Open):
    interval: str
    actor: str | None
    pair: list[str] | None
    event: str | None
    total: int
    points: list[TimelinePoint]


class NodeOut(Open):
    id: str
    code: str
    label: str
    community: int = Field(description="Bloc number (-1: none)")
    centrality: float
    betweenness: float
    degree: int


class EdgeOut(Open):
    source: str
    target: str
    weight: int = Field(description="Stories")
    sign: int = Field(description="+1 cooperation, -1 conflict, 0 balanced")
    net: int
    quad: dict[str, int]
    event_count: int = Field(description="Events on the edge")
    events: list[str] = Field(description="Events of the listed stories (see ids=)")
    stories: list[str] = Field(description="The first ids of its stories (see ids=)")


class NetworkOut(Open):
    nodes: list[NodeOut]
    edges: list[EdgeOut]
    communities: list[list[str]]


class AlertEvidence(Open):
    event_id: str
    article_id: str
    article: str
    text: str
    modality: str


class AlertOut(Open):
    id: str
    kind: str
    title: str
    summary: str
    actors: list[str]
    stories: list[str]
    evidence: list[AlertEvidence]
    date: str | None
    event_types: list[str]
    places: list[str]
    modality: str
    watch: list[str]


class AlertListOut(BaseModel):
    items: list[AlertOut]
