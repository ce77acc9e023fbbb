"""Hand-built events for the analysis tests, coded from the story fixtures
(tests/fixtures/stories/README.md): the facts a careful coder finds in each
article, so the tests do not depend on what the extraction engine codes.

Other test modules import the builders (``from test_analyze_fixtures import
...``); the tests here check the builders against the fixture files.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from wending.analyze.facts import ArticleMeta
from wending.model import Attribution, DateValue, Entity, Event, Modality, Precision, Quantity, Span

STORIES = Path(__file__).resolve().parent / "fixtures" / "stories"
D = dt.date


def fixture_articles() -> dict[str, ArticleMeta]:
    """The fixture articles' metadata, keyed by their fixture id."""
    out: dict[str, ArticleMeta] = {}
    for line in (STORIES / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            r = json.loads(line)
            out[r["id"]] = ArticleMeta(id=r["id"], name=r["id"], published=D.fromisoformat(
                r["published"]), outlet=r["outlet"], lang=r["lang"])
    return out


def ev(
    article: str,
    n: int,
    event: str,
    actors: tuple[str, ...],
    recipients: tuple[str, ...] = (),
    *,
    day: dt.date | None = None,
    end: dt.date | None = None,
    precision: Precision = "day",
    modality: Modality = "asserted",
    qty: float | None = None,
    unit: str = "death",
    loc: str = "",
    mode: str = "",
    sectors: dict[str, str] | None = None,
) -> Event:
    """An event of a fixture article (id ``<article>-<n>``)."""
    sec = sectors or {}
    date = DateValue(day, end or day, precision) if day is not None else None
    text = f"{event} {' '.join(actors)} {' '.join(recipients)}"
    return Event(
        event=event,
        actor=tuple(Entity(c, sector=sec.get(c, "")) for c in actors),
        recipient=tuple(Entity(c, sector=sec.get(c, "")) for c in recipients),
        mode=mode,
        date=date,
        quantity=Quantity(qty, unit) if qty is not None else None,
        modality=modality,
        event_loc=loc,
        attribution=Attribution(),
        evidence=(Span(0, len(text), text),),
        article_id=article,
        article_name=article,
        id=f"{article}-{n}",
    )


def sumy() -> list[Event]:
    """Story 1: the Sumy strike told by three articles, two languages."""
    day = D(2025, 4, 13)
    return [
        ev("st-sumy-en-01", 1, "ASSAULT", ("RUS",), ("UKR",), day=day, qty=31, loc="Sumy",
           mode="heavy-weapons"),
        ev("st-sumy-en-01", 2, "REQUEST", ("UKR",), ("USA",), day=day),
        ev("st-sumy-nl-01", 1, "ASSAULT", ("RUS",), ("UKR",), day=day, qty=34, loc="Sumy"),
        ev("st-sumy-nl-01", 2, "ASSAULT", ("RUS",), ("UKR",), modality="reported",
           sectors={"UKR": "MIL"}),
        ev("st-sumy-nl-01", 3, "ACCUSE", ("DEU",), ("RUS",), day=D(2025, 4, 14)),
        ev("st-sumy-en-02", 1, "ASSAULT", ("RUS",), ("UKR",), day=day, qty=35, loc="Sumy"),
        ev("st-sumy-en-02", 2, "ASSAULT", ("RUS",), ("UKR",), modality="alleged", qty=60,
           unit="soldier"),
        ev("st-sumy-en-02", 3, "ACCUSE", ("EUR",), ("RUS",), day=D(2025, 4, 14)),
    ]


def libya() -> list[Event]:
    """Story 2: the Libyan war before and when Turkey sends troops."""
    return [
        ev("st-libya-01", 1, "ASSAULT", ("LBY",), ("LBY",), day=D(2019, 7, 2), qty=44,
           loc="Tajoura", modality="alleged", sectors={"LBY": "REB"}),
        ev("st-libya-01", 2, "ACCUSE", ("LBY",), ("LBY",), day=D(2019, 7, 3)),
        ev("st-libya-02", 1, "AID", ("RUS",), ("LBY",), modality="alleged", mode="military"),
        ev("st-libya-03", 1, "REQUEST", ("USA",), ("LBY",), day=D(2019, 11, 14)),
        ev("st-libya-03", 2, "ACCUSE", ("USA",), ("RUS",), day=D(2019, 11, 14)),
        ev("st-libya-04", 1, "THREATEN", ("LBY",), ("LBY",), day=D(2019, 12, 12)),
        ev("st-libya-04", 2, "ASSAULT", ("LBY",), ("LBY",), day=D(2019, 12, 12),
           loc="Tripoli"),
        ev("st-libya-04", 3, "REQUEST", ("UNO",), ("LBY",), day=D(2019, 12, 12)),
        ev("st-libya-05", 1, "MOBILIZE", ("TUR",), ("LBY",), day=D(2020, 1, 5),
           mode="troops", loc="Libya"),
        ev("st-libya-05", 2, "AGREE", ("TUR",), (), day=D(2020, 1, 2),
           sectors={"TUR": "LEG"}),
        ev("st-libya-05", 3, "ACCUSE", ("LBY",), ("TUR",), day=D(2020, 1, 5)),
    ]


def thkh() -> list[Event]:
    """Story 3: the Thai-Cambodian dyad from words to shelling."""
    a = "st-thkh-"
    return [
        ev(a + "01", 1, "THREATEN", ("THA",), ("KHM",), day=D(2025, 5, 29)),
        ev(a + "01", 2, "ACCUSE", ("KHM",), ("THA",), day=D(2025, 5, 29)),
        ev(a + "02", 1, "REJECT", ("THA",), ("KHM",), day=D(2025, 6, 2)),
        ev(a + "02", 2, "ACCUSE", ("KHM",), ("THA",), day=D(2025, 6, 2)),
        ev(a + "03", 1, "COERCE", ("THA",), ("KHM",), day=D(2025, 6, 7), mode="restrict"),
        ev(a + "03", 2, "THREATEN", ("KHM",), ("THA",), day=D(2025, 6, 7)),
        ev(a + "04", 1, "SANCTION", ("KHM",), ("THA",), day=D(2025, 6, 13)),
        ev(a + "04", 2, "CONSULT", ("THA", "KHM"), (), day=D(2025, 6, 14), loc="Phnom Penh"),
        ev(a + "05", 1, "SANCTION", ("KHM",), ("THA",), day=D(2025, 6, 17)),
        ev(a + "05", 2, "MOBILIZE", ("THA",), (), day=D(2025, 6, 17)),
        ev(a + "05", 3, "THREATEN", ("THA",), ("KHM",), day=D(2025, 6, 17)),
        ev(a + "06", 1, "COERCE", ("THA",), ("KHM",), day=D(2025, 6, 23), mode="restrict"),
        ev(a + "06", 2, "ACCUSE", ("KHM",), ("THA",), day=D(2025, 6, 24)),
        ev(a + "07", 1, "MOBILIZE", ("THA", "KHM"), (), modality="reported"),
        ev(a + "07", 2, "ACCUSE", ("KHM",), ("THA",), day=D(2025, 7, 3)),
        ev(a + "07", 3, "THREATEN", ("THA",), ("KHM",), day=D(2025, 7, 3)),
        ev(a + "08", 1, "ASSAULT", ("KHM",), ("THA",), day=D(2025, 7, 16), modality="alleged",
           sectors={"THA": "MIL"}),
        ev(a + "08", 2, "ACCUSE", ("THA",), ("KHM",), day=D(2025, 7, 16)),
        ev(a + "09", 1, "SANCTION", ("THA",), ("KHM",), day=D(2025, 7, 23), mode="expel"),
        ev(a + "09", 2, "ASSAULT", ("KHM",), ("THA",), day=D(2025, 7, 23), modality="alleged"),
        ev(a + "10", 1, "ASSAULT", ("KHM",), ("THA",), day=D(2025, 7, 24), qty=12,
           loc="Sisaket", mode="heavy-weapons"),
        ev(a + "10", 2, "ASSAULT", ("THA",), ("KHM",), day=D(2025, 7, 24), mode="aerial"),
        ev(a + "10", 3, "SANCTION", ("KHM",), ("THA",), day=D(2025, 7, 24)),
    ]


def drones() -> list[Event]:
    """Story 4: Iranian drones for Russia, alleged, denied, then admitted."""
    a = "st-drones-"
    return [
        ev(a + "01", 1, "AID", ("IRN",), ("RUS",), modality="alleged", mode="military",
           qty=300, unit="drone"),
        ev(a + "01", 2, "REJECT", ("IRN",), ("USA",), day=D(2022, 7, 12)),
        ev(a + "02", 1, "AID", ("IRN",), ("RUS",), modality="alleged", mode="military"),
        ev(a + "02", 2, "ASSAULT", ("RUS",), ("UKR",), day=D(2022, 9, 13), loc="Kupiansk",
           mode="drone"),
        ev(a + "03", 1, "AID", ("IRN",), ("RUS",), modality="denied", mode="military"),
        ev(a + "03", 2, "ASSAULT", ("RUS",), ("UKR",), day=D(2022, 10, 17), loc="Kyiv",
           mode="drone"),
        ev(a + "04", 1, "AID", ("IRN",), ("RUS",), day=D(2021, 11, 1), end=D(2021, 12, 31),
           precision="month", mode="military"),
    ]


def everything() -> list[Event]:
    return [*sumy(), *libya(), *thkh(), *drones()]


def test_every_hand_built_event_names_a_fixture_article() -> None:
    metas = fixture_articles()
    assert len(metas) == 22
    events = everything()
    assert {e.article_id for e in events} <= set(metas)
    assert len({e.id for e in events}) == len(events)


def test_expected_json_lists_the_articles_the_builders_use() -> None:
    expected = json.loads((STORIES / "expected.json").read_text(encoding="utf-8"))
    named = {a for s in expected["stories"] for a in s["articles"]}
    assert {e.article_id for e in everything()} == named
