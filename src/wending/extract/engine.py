"""The extraction interface: an engine takes a Doc and returns Events.

Every engine (the default rule engine, an optional syntax or LLM engine)
implements :class:`Engine`; ``wending evaluate`` scores any of them with no
other change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from wending.model import Doc, Event


@dataclass(frozen=True, slots=True)
class Trace:
    """Why an engine did or did not code events in one sentence."""

    sentence: int
    notes: tuple[str, ...] = ()
    events: tuple[Event, ...] = field(default=())


@runtime_checkable
class Engine(Protocol):
    """Article in, events out."""

    name: str

    def extract(self, doc: Doc) -> list[Event]:
        """The events of one article (a pure function of ``doc``)."""
        ...


class NullEngine:
    """Codes nothing: ingest and store without extraction."""

    name = "none"

    def extract(self, doc: Doc) -> list[Event]:
        return []
