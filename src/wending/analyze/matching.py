"""Do two coded events tell the same real-world event?

The test compares coded facts only (PLOVER type, actor and recipient
codes, dates, quantity, place), never words, so a Dutch and an English
article about the same strike match. See ``docs/analysis.md``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from wending.analyze.facts import (
    UNSETTLED,
    Articles,
    codes,
    date_range,
    has_precise_date,
    published,
    quad,
)
from wending.model import Event, Quantity

#: PLOVER quads of material acts (cooperation and conflict).
MATERIAL = (2, 4)

#: Pairs of PLOVER types that coders (and the rule engine) use for the same
#: act: troops sent are MOBILIZE or military AID; aid is AID or COOPERATE;
#: a restriction is COERCE or SANCTION; a capture is ASSAULT (abduct) or
#: COERCE (arrest).
COMPATIBLE_TYPES: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"AID", "MOBILIZE"}),
        frozenset({"AID", "COOPERATE"}),
        frozenset({"COERCE", "SANCTION"}),
        frozenset({"ASSAULT", "COERCE"}),
    }
)


@dataclass(frozen=True, slots=True)
class MergeWindow:
    """How far apart two reports of one event may be.

    ``days``: slack between two resolved date ranges (a day-precise date is
    a one-day range, a month a month-long one, so coarse dates match more).
    ``undated_days``: an event without a date happened in the days before
    its article was published. ``claim_days``: when one report of a
    material act alleges, denies, plans or predicts it and either has no
    precise date,
    the two match if their articles appeared within this many days (a claim
    is confirmed, a plan carried out, months later). ``quantity_ratio``: two
    amounts of the same unit match if the larger is at most this many times
    the smaller (death tolls grow).
    """

    days: int = 2
    undated_days: int = 3
    claim_days: int = 180
    quantity_ratio: float = 3.0

    def __post_init__(self) -> None:
        for name in ("days", "undated_days", "claim_days"):
            if getattr(self, name) < 0:
                raise ValueError(f"MergeWindow.{name} must be 0 or more")
        if self.quantity_ratio < 1:
            raise ValueError("MergeWindow.quantity_ratio must be 1 or more")


def types_compatible(a: str, b: str) -> bool:
    return a == b or frozenset({a, b}) in COMPATIBLE_TYPES


def parties_compatible(a: Event, b: Event) -> bool:
    """Actors overlap and, when both name recipients, recipients overlap.
    A report without a recipient matches one with (the target unnamed)."""
    actors_a, actors_b = set(codes(a.actor)), set(codes(b.actor))
    rec_a, rec_b = set(codes(a.recipient)), set(codes(b.recipient))
    if actors_a and actors_b:
        if not actors_a & actors_b:
            return False
    elif not (rec_a and rec_b):
        return False
    return not (rec_a and rec_b and not rec_a & rec_b)


def dates_compatible(a: Event, b: Event, articles: Articles, window: MergeWindow) -> bool:
    """Date ranges within ``window.days`` of each other (no slack when one
    date comes from the publication date, whose range is slack already);
    or, for material acts (PLOVER quads 2 and 4) when one report is not a
    firm statement of fact (alleged, denied, planned, predicted) and one
    has no precise date, publications within ``window.claim_days``. (A
    statement, verbal quads 1 and 3, happens when it is made: no claim
    window.) Unknown dates never rule a match out."""
    ra = date_range(a, articles, undated_days=window.undated_days)
    rb = date_range(b, articles, undated_days=window.undated_days)
    if ra is None or rb is None:
        return True
    gap = max((rb[0] - ra[1]).days, (ra[0] - rb[1]).days, 0)
    slack = window.days if a.date and a.date.start and b.date and b.date.start else 0
    if gap <= slack:
        return True
    unsettled = a.modality in UNSETTLED or b.modality in UNSETTLED
    material = quad(a.event) in MATERIAL and quad(b.event) in MATERIAL
    if unsettled and material and not (has_precise_date(a) and has_precise_date(b)):
        pa, pb = published(a, articles), published(b, articles)
        return pa is not None and pb is not None and abs((pa - pb).days) <= window.claim_days
    return False


def quantities_compatible(a: Quantity | None, b: Quantity | None, ratio: float) -> bool:
    """Amounts of the same unit whose ranges meet or are within ``ratio``;
    amounts of different units say nothing."""
    if a is None or b is None or a.unit.casefold() != b.unit.casefold():
        return True
    lo_a, hi_a = a.value, a.high if a.high is not None else a.value
    lo_b, hi_b = b.value, b.high if b.high is not None else b.value
    if lo_a <= hi_b and lo_b <= hi_a:
        return True
    small, large = (hi_a, lo_b) if hi_a < lo_b else (hi_b, lo_a)
    if small <= 0:
        return large <= ratio
    return large / small <= ratio


def places_compatible(a: str, b: str, countries: Collection[str]) -> bool:
    """Places match if either is unknown or a country (which holds the
    other), they are the same, or one name contains the other."""
    fa, fb = a.strip().casefold(), b.strip().casefold()
    if not fa or not fb or fa == fb:
        return True
    if fa in countries or fb in countries:
        return True
    return fa in fb or fb in fa


def same_event(
    a: Event,
    b: Event,
    *,
    articles: Articles,
    window: MergeWindow,
    countries: Collection[str] = (),
) -> bool:
    """True if ``a`` and ``b`` can be reports of one real-world event."""
    return (
        types_compatible(a.event, b.event)
        and parties_compatible(a, b)
        and dates_compatible(a, b, articles, window)
        and quantities_compatible(a.quantity, b.quantity, window.quantity_ratio)
        and places_compatible(a.event_loc, b.event_loc, countries)
    )


def similarity(a: Event, b: Event) -> float:
    """How alike two compatible events are (0..4), to pick the best story."""
    score = 1.0 if a.event == b.event else 0.5
    for x, y in ((codes(a.actor), codes(b.actor)), (codes(a.recipient), codes(b.recipient))):
        sx, sy = set(x), set(y)
        if sx and sy:
            score += len(sx & sy) / len(sx | sy)
    if a.event_loc and a.event_loc.casefold() == b.event_loc.casefold():
        score += 0.5
    if a.date and b.date and a.date.start and a.date.start == b.date.start:
        score += 0.5
    return score
