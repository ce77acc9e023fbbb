"""Pydantic models of the REST API's bodies: what the OpenAPI document says
and what each response is checked against.

Responses are the library's ``to_dict()`` values; the routes serialise them
with ``response_model_exclude_unset`` so a field the library leaves out (an
entity without a QID) stays out rather than turning into a default.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    """A record that may carry more fields than listed (added later)."""

    model_config = ConfigDict(extra="allow")


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. not_found.")
    message: str = Field(description="What went wrong and what to do.")


class ErrorBody(BaseModel):
    """Every error response: ``{"error": {"code", "message"}}``."""

    error: ErrorDetail


class Entity(BaseModel):
    code: str
    sector: str
    entity_text: str
    identifier_id: str = Field("", description="Wikidata QID")
    identifier_text: str = Field("", description="Canonical name")
    span: tuple[int, int] | None = Field(None, description="Offsets in the article text")


class DateRange(BaseModel):
    start: str
    end: str


class DateDetail(BaseModel):
    start: str | None
    end: str | None
    precision: str
    text: str


class QuantityOut(BaseModel):
    value: float
    unit: str
    approx: bool
    text: str
    high: float | None = None


class AttributionOut(BaseModel):
    speaker: Entity | None
    source_text: str
    outlet: str


class SpanOut(BaseModel):
    start: int
    end: int
    text: str


class EventOut(BaseModel):
    """One event: PLOVER 2.0 fields plus Wending's own (see docs/web.md)."""

    id: str
    doc: str
    article_id: str
    url: str | None
    event: str
    mode: str
    context: list[str]
    quad_code: int
    actor: list[Entity]
    recipient: list[Entity]
    event_text: str
    event_loc: str
    date: str | DateRange | None
    date_detail: DateDetail | None
    quantity: QuantityOut | None
    modality: str
    attribution: AttributionOut
    evidence: list[SpanOut]
    confidence: float
    rules: list[str]
    sentence: int


class ArticleOut(BaseModel):
    id: str
    name: str
    url: str | None
    outlet: str | None
    published: str | None
    lang: str | None
    title: str
    status: str | None = None
    event_count: int | None = None
    ingested_at: str | None = None
    text: str | None = None


class Page(BaseModel):
    total: int = Field(description="How many match in all")
    limit: int
    offset: int


class EventPageOut(Page):
    items: list[EventOut]


class ArticlePageOut(Page):
    items: list[ArticleOut]


class ArticleViewOut(BaseModel):
    article: ArticleOut
    events: list[EventOut]


class HighlightOut(BaseModel):
    kind: Literal[
        "evidence", "actor", "recipient", "trigger", "date", "quantity", "modality", "location"
    ]
    start: int = Field(description="Offset in article.text (Unicode code points)")
    end: int
    text: str
    label: str


class EventViewOut(BaseModel):
    event: EventOut
    article: ArticleOut
    highlights: list[HighlightOut]
    story: StorySummary | None


class ActorOut(BaseModel):
    kind: str
    id: str
    code: str
    sector: str
    qid: str
    name: str
    names: list[str]
    office: str


class StoryArticle(Open):
    id: str
    name: str
    published: str | None
    outlet: str
    lang: str
    url: str | None


class StorySummary(Open):
    """The story an event belongs to, with every outlet that told it."""

    id: str
    event: str
    date: str | None
    modality: str
    outlets: list[str]
    outlet_count: int
    languages: list[str]
    articles: list[StoryArticle]


class IngestArticle(BaseModel):
    """An article record (corpus/SPEC.md)."""

    model_config = ConfigDict(extra="allow", strict=True)

    text: str = Field(min_length=1)
    id: str | int | None = None
    lang: str | None = None
    published: str | None = Field(None, description="YYYY-MM-DD")
    outlet: str | None = None
    title: str | None = None
    url: str | None = None


class IngestRecords(BaseModel):
    model_config = ConfigDict(strict=True)

    articles: list[IngestArticle] = Field(min_length=1)


class IngestText(BaseModel):
    """One plain-text article, as printed (title line, paragraphs, ``Bron:``)."""

    model_config = ConfigDict(strict=True)

    text: str = Field(min_length=1)
    published: str | None = Field(None, description="YYYY-MM-DD")
    lang: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    name: str | None = None


class AddedOut(BaseModel):
    name: str
    id: str
    lang: str | None
    events: int
    status: str


class IngestOut(BaseModel):
    added: list[AddedOut]
    duplicates: list[str]
    errors: list[str]
    events: int


class HealthOut(BaseModel):
    status: Literal["ok"]
    version: str
    read_protected: bool
    writes_enabled: bool
    counts: dict[str, Any]
