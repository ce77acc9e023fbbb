"""The knowledge base (actors, people, places) and the actor linker."""

from __future__ import annotations

from wending.kb.base import Entry, KnowledgeBase
from wending.kb.linker import Linker

__all__ = ["Entry", "KnowledgeBase", "Linker"]
