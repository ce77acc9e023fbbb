"""Shared records that cross stages.

Every record is a frozen, typed dataclass. Stages never mutate a record: they
return new ones (``dataclasses.replace``). Character offsets always point into
``Article.text``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["title", "heading", "paragraph", "source"]
MentionKind = Literal[
    "country", "body", "group", "person", "place", "sector", "pronoun", "unlinked"
]
Modality = Literal["asserted", "reported", "alleged", "denied", "planned", "predicted"]
Precision = Literal["day", "week", "month", "quarter", "year"]
Role = Literal["actor", "recipient"]

MODALITIES: tuple[Modality, ...] = (
    "asserted",
    "reported",
    "alleged",
    "denied",
    "planned",
    "predicted",
)

EVENT_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

#: PLOVER quad class of each event type: 1 verbal cooperation, 2 material
#: cooperation, 3 verbal conflict, 4 material conflict.
QUAD: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "CONCEDE": 1,
    "COOPERATE": 2,
    "AID": 2,
    "RETREAT": 2,
    "REQUEST": 3,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "SANCTION": 4,
    "MOBILIZE": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}

#: Older PLOVER names read as their 2.0 successors.
OLD_EVENT_NAMES: dict[str, str] = {
    "FIGHT": "ASSAULT",
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
}


def normalize_event_type(name: str) -> str:
    """Return the PLOVER 2.0 name of an event type, accepting older names."""
    upper = name.strip().upper()
    return OLD_EVENT_NAMES.get(upper, upper)


def normalize_text(text: str) -> str:
    """Normalize text the way every ingest path does before hashing.

    NFC, unified newlines, no trailing spaces on lines, no leading or trailing
    blank lines. Typographic quotes are kept: they carry meaning.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u00a0", " ").replace("\ufeff", "")
    text = unicodedata.normalize("NFC", text)
    lines = [line.rstrip() for line in text.split("\n")]
    return "\n".join(lines).strip("\n ")


def article_id(text: str) -> str:
    """The article's id: a hash of its normalized text."""
    return hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Block:
    """A layout unit of an article: its title, a pull-quote heading, a
    paragraph of the body, or the closing source line."""

    kind: BlockKind
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """One article as ingested.

    ``id`` is the hash of the normalized text, so the same text ingested twice
    is the same article. ``name`` is what the user calls it: the ``id`` of a
    JSONL record, or the file name or URL it came from.
    """

    id: str
    text: str
    name: str = ""
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    lang: str | None = None
    title: str = ""
    blocks: tuple[Block, ...] = ()
    #: The whole article is one quote of an unnamed expert (it opens with
    #: ``,,`` or ``„`` and closes with ``”``).
    quoted: bool = False
    origin: str = ""

    @classmethod
    def create(cls, text: str, **kwargs: object) -> Article:
        """Build an article from raw text, normalizing it and deriving its id."""
        norm = normalize_text(text)
        return cls(id=article_id(norm), text=norm, **kwargs)  # type: ignore[arg-type]

    def body_blocks(self) -> tuple[Block, ...]:
        return tuple(b for b in self.blocks if b.kind in ("paragraph", "heading"))


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str
    lemma: str
    is_punct: bool = False
    is_title: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...]
    block: BlockKind = "paragraph"


@dataclass(frozen=True, slots=True)
class Doc:
    """An article after the text stage: language, sentences and tokens."""

    article: Article
    lang: str | None
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Actor:
    """A stable identity: PLOVER code (ISO 3166 alpha-3 or IGO/UNO/EUR/...),
    sector, Wikidata QID and a canonical English name."""

    code: str
    sector: str = ""
    qid: str = ""
    name: str = ""
    kb_id: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names an actor (or a place), with the kb entry it
    links to and the rule that linked it."""

    start: int
    end: int
    text: str
    kind: MentionKind
    actor: Actor | None
    sentence: int
    rule: str = ""
    #: for places: the English place name
    place: str = ""
    #: for places: the code of the state they lie in, where known
    country: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """An event participant as exported (PLOVER's entity object)."""

    code: str
    sector: str = ""
    qid: str = ""
    text: str = ""
    name: str = ""
    start: int = -1
    end: int = -1


@dataclass(frozen=True, slots=True)
class DateValue:
    """When: an inclusive date range with its precision and the text that
    says it. Unresolved relative phrases keep ``text`` with no range."""

    start: dt.date | None
    end: dt.date | None
    precision: Precision
    text: str = ""

    def to_plover(self) -> str | dict[str, str] | None:
        if self.start is None or self.end is None:
            return None
        if self.start == self.end:
            return self.start.isoformat()
        if self.precision == "month" and self.start.day == 1:
            return self.start.strftime("%Y-%m")
        if self.precision == "year" and self.start.month == 1 and self.start.day == 1:
            return str(self.start.year)
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True, slots=True)
class Quantity:
    """How much: ``value`` is the lower bound for vague amounts, with
    ``high`` the upper bound where known."""

    value: float
    unit: str
    approx: bool = False
    text: str = ""
    high: float | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who says so: a named speaker, an unnamed source, and the outlet."""

    speaker: Entity | None = None
    source_text: str = ""
    outlet: str = ""


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event, with PLOVER 2.0 field names plus Wending's own."""

    event: str
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...] = ()
    mode: str = ""
    context: tuple[str, ...] = ()
    event_text: str = ""
    event_loc: str = ""
    date: DateValue | None = None
    quantity: Quantity | None = None
    modality: Modality = "asserted"
    attribution: Attribution = field(default_factory=Attribution)
    evidence: tuple[Span, ...] = ()
    confidence: float = 0.5
    rules: tuple[str, ...] = ()
    article_id: str = ""
    article_name: str = ""
    article_url: str | None = None
    sentence: int = -1
    id: str = ""

    @property
    def quad(self) -> int:
        return QUAD.get(self.event, 0)


@dataclass(frozen=True, slots=True)
class Story:
    """One real-world event merged from many events of many articles."""

    id: str
    event: str
    actor_codes: tuple[str, ...]
    recipient_codes: tuple[str, ...]
    events: tuple[Event, ...]
    first_reported: dt.date | None = None
    outlets: tuple[str, ...] = ()
    modality: Modality = "asserted"
