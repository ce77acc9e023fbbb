"""Listing and searching the knowledge base (``wending actors``)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from wending.kb.base import KnowledgeBase


@dataclass(frozen=True, slots=True)
class ActorRecord:
    """One KB entry as listed: a state, body, group or person."""

    kind: str
    id: str
    code: str
    sector: str
    qid: str
    name: str
    names: tuple[str, ...]
    office: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "id": self.id, "code": self.code, "sector": self.sector,
                "qid": self.qid, "name": self.name, "names": list(self.names),
                "office": self.office}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def all_records(kb: KnowledgeBase, *, on: dt.date | None = None) -> list[ActorRecord]:
    out: list[ActorRecord] = []
    for c in kb.countries.values():
        out.append(ActorRecord("state", c.code, c.code, "", c.qid, c.name_en,
                               (*c.names, *c.adjectives, *c.demonyms, *c.capitals, *c.seats)))
    for b in kb.bodies.values():
        out.append(ActorRecord("body", b.id, b.code, b.sector, b.qid, b.name, b.names))
    for g in kb.groups.values():
        out.append(ActorRecord("group", g.id, g.code, g.sector, g.qid, g.name, g.names))
    for p in kb.people.values():
        term = p.term_on(on) or p.term_on(None)
        out.append(ActorRecord("person", p.id, term.country if term else "",
                               term.sector if term else "", p.qid, p.name, p.names,
                               term.office if term else ""))
    return out


def search(kb: KnowledgeBase, query: str | None = None, *, on: dt.date | None = None,
           limit: int = 50) -> list[ActorRecord]:
    """KB entries whose id, code, QID or any name contains ``query``
    (case- and accent-insensitive); exact matches first."""
    records = all_records(kb, on=on)
    if not query:
        return records[:limit] if limit else records
    q = _fold(query.strip())

    def rank(r: ActorRecord) -> int | None:
        fields = [r.id, r.code, r.qid, r.name, *r.names]
        folded = [_fold(f) for f in fields if f]
        if q in folded:
            return 0
        if any(f.startswith(q) for f in folded):
            return 1
        if any(q in f for f in folded):
            return 2
        return None

    ranked = [(rk, r) for r in records if (rk := rank(r)) is not None]
    ranked.sort(key=lambda x: (x[0], x[1].kind != "state", x[1].name))
    return [r for _, r in ranked][:limit]
