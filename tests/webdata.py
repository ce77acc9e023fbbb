"""A small hand-made store for the REST API and browser tests.

Two articles (one Dutch, one English) written for these tests, with
hand-built events whose offsets are computed from the text, so the tests need
no extraction engine. Both texts carry markup that must never run in a page.
"""

from __future__ import annotations

import datetime as dt

from wending.model import (
    Article,
    Attribution,
    DateValue,
    Entity,
    Event,
    Quantity,
    Span,
)
from wending.store import open_store

#: Markup in the article texts; a page that runs it sets ``window.__xss``.
XSS_SCRIPT = "<script>window.__xss = 1</script>"
XSS_IMG = '<img src=x onerror="window.__xss = 2">'

NL_TEXT = (
    "Russische troepen rukken op bij Charkiv\n"
    "Russische troepen zouden dinsdag met drieduizend soldaten de grens bij Charkiv "
    "zijn overgestoken, meldt de krant. " + XSS_SCRIPT + "\n"
    "Oekraïne en Polen tekenden woensdag een akkoord over luchtverdediging.\n"
    "Bron: De Proefkrant"
)
EN_TEXT = (
    "Ukraine and Poland sign air defence pact\n"
    "Ukraine and Poland signed an air defence agreement on Wednesday, officials said. "
    + XSS_IMG + "\n"
    "Russia reportedly shelled Kharkiv on Tuesday, killing 12 civilians.\n"
    "Source: The Test Wire"
)


def span(text: str, part: str, after: int = 0) -> Span:
    start = text.index(part, after)
    return Span(start, start + len(part), part)


def entity(text: str, code: str, part: str, sector: str = "", after: int = 0) -> Entity:
    s = span(text, part, after)
    return Entity(code=code, sector=sector, text=part, start=s.start, end=s.end)


def day(iso: str, text: str) -> DateValue:
    d = dt.date.fromisoformat(iso)
    return DateValue(d, d, "day", text)


def articles() -> list[tuple[Article, list[Event]]]:
    nl = Article.create(NL_TEXT, name="proef-nl-1", outlet="De Proefkrant", lang="nl",
                        published=dt.date(2025, 3, 6), title="Russische troepen rukken op")
    t = nl.text
    body = t.index("\n") + 1
    line3 = t.index("Oekraïne")
    nl_events = [
        Event(
            event="ASSAULT", mode="", actor=(entity(t, "RUS", "Russische troepen", "MIL", body),),
            recipient=(entity(t, "UKR", "Charkiv", "", body + 10),),
            event_text="overgestoken", event_loc="Kharkiv",
            date=day("2025-03-04", "dinsdag"),
            quantity=Quantity(3000, "soldier", text="drieduizend soldaten"),
            modality="alleged", attribution=Attribution(outlet="De Proefkrant"),
            evidence=(span(t, "Russische troepen zouden dinsdag met drieduizend soldaten de "
                              "grens bij Charkiv zijn overgestoken", body),),
            confidence=0.7, rules=("nl.assault.oversteken", "verb:oversteken", "actor:subject",
                                   "modality:cue:zouden", "date"),
            sentence=1,
        ),
        Event(
            event="AGREE", actor=(entity(t, "UKR", "Oekraïne", "", line3),
                                  entity(t, "POL", "Polen", "", line3)),
            event_text="tekenden akkoord", date=day("2025-03-05", "woensdag"),
            attribution=Attribution(outlet="De Proefkrant"),
            evidence=(span(t, "Oekraïne en Polen tekenden woensdag een akkoord", line3),),
            confidence=0.65, rules=("nl.agree.akkoord-tekenen", "phrase:akkoord tekenen",
                                    "actor:subject", "joint", "date"),
            sentence=2,
        ),
    ]
    en = Article.create(EN_TEXT, name="test-en-1", outlet="The Test Wire", lang="en",
                        published=dt.date(2025, 3, 6), url="https://example.org/test-en-1",
                        title="Ukraine and Poland sign air defence pact")
    t = en.text
    body = t.index("\n") + 1
    line3 = t.index("Russia reportedly")
    en_events = [
        Event(
            event="AGREE", actor=(entity(t, "UKR", "Ukraine", "", body),
                                  entity(t, "POL", "Poland", "", body)),
            event_text="signed agreement", date=day("2025-03-05", "Wednesday"),
            modality="reported", attribution=Attribution(outlet="The Test Wire"),
            evidence=(span(t, "Ukraine and Poland signed an air defence agreement on Wednesday, "
                              "officials said", body),),
            confidence=0.65, rules=("en.agree.sign-agreement", "phrase:sign agreement",
                                    "actor:subject", "joint", "modality:report-verb:say", "date"),
            sentence=1,
        ),
        Event(
            event="ASSAULT", actor=(entity(t, "RUS", "Russia", "", line3),),
            recipient=(entity(t, "UKR", "Kharkiv", "", line3),),
            event_text="shelled", event_loc="Kharkiv", date=day("2025-03-04", "Tuesday"),
            quantity=Quantity(12, "civilian", text="12 civilians"),
            modality="reported", attribution=Attribution(outlet="The Test Wire"),
            evidence=(span(t, "Russia reportedly shelled Kharkiv on Tuesday, killing 12 civilians",
                           line3),),
            confidence=0.7, rules=("en.assault.shell", "verb:shell", "actor:subject",
                                   "modality:cue:reportedly", "date"),
            sentence=2,
        ),
    ]
    return [(nl, nl_events), (en, en_events)]


def fill(db: str) -> dict[str, list[str]]:
    """Store the test articles in ``db``; the event ids of each article name."""
    ids: dict[str, list[str]] = {}
    with open_store(db) as store:
        for article, events in articles():
            store.add_article(article, events)
            ids[article.name] = [f"{article.id}-{n}" for n in range(1, len(events) + 1)]
    return ids
