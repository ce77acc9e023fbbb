"""Date phrases, resolved against the article's publication date.

The phrase finder reads the language pack's ``dates.yaml`` (months, weekdays,
relative phrases, modifiers such as ``begin``/``early``); ``N dagen geleden`` /
``N days ago`` go to dateparser's ``DateDataParser`` with the publication date
as its base. Without a publication date, relative phrases stay unresolved
(the phrase is kept, the range is empty).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

from wending.extract.quantities import parse_word
from wending.kb.load import load_yaml
from wending.lang import pack_file
from wending.model import DateValue, Precision, Token

YEAR_RE = re.compile(r"^(19|20)\d\d$")
DAY_RE = re.compile(r"^([1-9]|[12]\d|3[01])$")


@dataclass(frozen=True, slots=True)
class DateMention:
    start: int
    end: int
    value: DateValue


def _range(start: dt.date, end: dt.date, precision: Precision, text: str) -> DateValue:
    return DateValue(start, end, precision, text)


def _combined(found: list[DateMention]) -> list[DateMention]:
    """Two phrases side by side that name one time: a month or day with a
    relative year ("juli vorig jaar", "3 July last year": that month or day
    of that year) and a weekday with a relative week ("vorige week
    donderdag", "Thursday last week": that day of that week)."""
    out: list[DateMention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and 0 <= m.start - prev.end <= 1:
            merged = _one_time(prev, m) or _one_time(m, prev)
            if merged is not None:
                out[-1] = DateMention(prev.start, m.end, replace(
                    merged, text=f"{prev.value.text} {m.value.text}"))
                continue
        out.append(m)
    return out


def _one_time(a: DateMention, b: DateMention) -> DateValue | None:
    """``a`` narrowed by ``b`` (month by year, weekday by week), if they fit."""
    va, vb = a.value, b.value
    if None in (va.start, va.end, vb.start, vb.end):
        return None
    assert va.start is not None and va.end is not None
    assert vb.start is not None and vb.end is not None
    if va.precision == "month" and vb.precision == "year" and va.start.year != vb.start.year:
        start, end = month_range(vb.start.year, va.start.month)
        return DateValue(start, end, "month", va.text)
    if va.precision == "month" and vb.precision == "year":
        return va
    if va.precision == "day" and vb.precision == "year" and va.start == va.end:
        try:
            day = va.start.replace(year=vb.start.year)
        except ValueError:  # 29 February
            return None
        return DateValue(day, day, "day", va.text)
    if va.precision == "day" and va.start == va.end and vb.precision == "week":
        day = vb.start + dt.timedelta(days=(va.start.weekday() - vb.start.weekday()) % 7)
        if day <= vb.end:
            return DateValue(day, day, "day", va.text)
    return None


def month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def closest_year(published: dt.date, month: int, day: int = 1) -> int:
    """The year that puts ``month``/``day`` nearest to the publication date,
    preferring the past on ties (news mostly reports what happened)."""
    best = published.year
    best_gap: int | None = None
    for year in (published.year - 1, published.year, published.year + 1):
        try:  # only years that have the day: 29 februari is in a leap year
            d = dt.date(year, month, day)
        except ValueError:
            continue
        gap = (d - published).days
        score = abs(gap) if gap <= 0 else abs(gap) * 1.5
        if best_gap is None or score < best_gap:
            best, best_gap = year, int(score)
    return best


class DateFinder:
    """Finds and resolves date phrases in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    @cached_property
    def data(self) -> dict[str, Any]:
        return load_yaml(pack_file(self.lang, "dates.yaml"))

    @cached_property
    def relative(self) -> list[tuple[tuple[str, ...], str]]:
        rel = self.data.get("relative") or {}
        assert isinstance(rel, dict)
        return sorted(((tuple(k.split()), str(v)) for k, v in rel.items()),
                      key=lambda kv: -len(kv[0]))

    @cached_property
    def modifiers(self) -> list[tuple[tuple[str, ...], str]]:
        mods = self.data.get("modifiers") or {}
        assert isinstance(mods, dict)
        return sorted(((tuple(k.split()), str(v)) for k, v in mods.items()),
                      key=lambda kv: -len(kv[0]))

    @cached_property
    def _relative_at(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """``relative`` by first word (same order): the phrases a token may open."""
        return _by_first_word(self.relative)

    @cached_property
    def _modifiers_at(self) -> dict[str, list[tuple[tuple[str, ...], str]]]:
        """``modifiers`` by first word (same order)."""
        return _by_first_word(self.modifiers)

    @cached_property
    def _weekday_forms(self) -> dict[str, int]:
        """Each weekday word with its suffixes (``dinsdagavond``) -> the weekday;
        where two weekdays give the same form, the first listed."""
        weekdays: dict[str, int] = self.data.get("weekdays") or {}
        suffixes = ["", *list(self.data.get("weekday_suffixes") or [])]
        forms: dict[str, int] = {}
        for name, wd in weekdays.items():
            for s in suffixes:
                forms.setdefault(name + s, wd)
        return forms

    @cached_property
    def _ago_words(self) -> frozenset[str]:
        return frozenset(self.data.get("ago_words") or [])

    @cached_property
    def _openers(self) -> frozenset[str]:
        """The words a date phrase of :meth:`_at` may open with, besides a
        number, a month name (maybe with a full stop) and the count before
        an ``ago`` unit: relative phrases, modifiers and weekdays."""
        return frozenset([*self._relative_at, *self._modifiers_at, *self._weekday_forms])

    def find(self, tokens: Sequence[Token], published: dt.date | None) -> list[DateMention]:
        """Date phrases among ``tokens``, in text order."""
        out: list[DateMention] = []
        low = [t.lower for t in tokens]
        openers = self._openers
        months: dict[str, int] = self.data.get("months") or {}
        ago: dict[str, int] = self.data.get("ago") or {}
        i = 0
        while i < len(tokens):
            word = low[i]
            if not (word in openers or word[:1].isdigit() or word.rstrip(".") in months
                    or (i + 1 < len(low) and low[i + 1] in ago)):
                i += 1  # no date phrase starts here (the quick test of what _at reads)
                continue
            try:
                found = self._at(tokens, i, published, low)
            except OverflowError:  # a publication date near year 1 or 9999
                found = None
            if found is None:
                i += 1
                continue
            mention, used = found
            out.append(mention)
            i += used
        return _combined(out) if len(out) > 1 else out

    def _at(
        self, toks: Sequence[Token], i: int, pub: dt.date | None, low: list[str]
    ) -> tuple[DateMention, int] | None:
        """The date phrase at token ``i``; ``low`` holds the tokens' lowercase forms."""
        months: dict[str, int] = self.data.get("months") or {}
        # relative phrases
        for phrase, rule in self._relative_at.get(low[i], ()):
            if tuple(low[i : i + len(phrase)]) == phrase:
                end_tok = toks[i + len(phrase) - 1]
                text = _text(toks, i, i + len(phrase))
                value = resolve_relative(rule, pub, text)
                return self._wrap(toks, i, end_tok.end, value, pub), len(phrase)
        # modifier + month / explicit dates
        mod = ""
        j = i
        for phrase, name in self._modifiers_at.get(low[i], ()):
            if tuple(low[i : i + len(phrase)]) == phrase:
                mod, j = name, i + len(phrase)
                break
        if j < len(toks) and DAY_RE.match(low[j]) and j + 1 < len(toks) and low[j + 1].rstrip(
            "."
        ) in months:
            day, month = int(low[j]), months[low[j + 1].rstrip(".")]
            k = j + 2
            year = None
            if k < len(toks) and YEAR_RE.match(low[k]):
                year, k = int(low[k]), k + 1
            return self._explicit(toks, i, k, pub, year, month, day)
        if j < len(toks) and low[j].rstrip(".") in months and (
            toks[j].is_title or self.lang == "nl"
        ):
            month = months[low[j].rstrip(".")]
            if self.lang == "en" and low[j] == "may" and not toks[j].is_title:
                return None
            k = j + 1
            if k < len(toks) and DAY_RE.match(low[k]):  # English: March 3[, 2024]
                day = int(low[k])
                k += 1
                year = None
                if k + 1 < len(toks) and low[k] == "," and YEAR_RE.match(low[k + 1]):
                    year, k = int(low[k + 1]), k + 2
                elif k < len(toks) and YEAR_RE.match(low[k]):
                    year, k = int(low[k]), k + 1
                return self._explicit(toks, i, k, pub, year, month, day)
            if self.lang == "nl" and j == i and not _month_context(low, i):
                return None
            year = None
            if k < len(toks) and YEAR_RE.match(low[k]):
                year, k = int(low[k]), k + 1
            if year is None and pub is None:
                value = DateValue(None, None, "month", _text(toks, i, k))
            else:
                y = year if year is not None else closest_year(pub or dt.date.today(), month)
                start, end = month_range(y, month)
                start, end, precision = _modify(start, end, mod)
                value = _range(start, end, precision, _text(toks, i, k))
            return self._wrap(toks, i, toks[k - 1].end, value, pub), k - i
        if YEAR_RE.match(low[i]) and i > 0 and low[i - 1] in ("in", "sinds", "since", "van",
                                                               "begin", "eind", "early", "late"):
            year = int(low[i])
            start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
            start, end, precision = _modify(start, end, mod or _mod_word(low[i - 1]))
            return self._wrap(toks, i, toks[i].end, _range(start, end, precision, toks[i].text),
                              pub), 1
        # weekdays: dinsdag, dinsdagavond, last Tuesday, on Tuesday
        wd = self._weekday_forms.get(low[i])
        if wd is not None:
            if pub is None:
                value = DateValue(None, None, "day", toks[i].text)
            else:
                back = (pub.weekday() - wd) % 7
                when = pub - dt.timedelta(days=back)
                if i > 0 and low[i - 1] in ("next", "volgende", "komende", "aanstaande"):
                    when = pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7)
                value = _range(when, when, "day", toks[i].text)
            return self._wrap(toks, i, toks[i].end, value, pub), 1
        # N days ago
        ago: dict[str, int] = self.data.get("ago") or {}
        if not (i + 2 < len(toks) and low[i + 1] in ago and low[i + 2] in self._ago_words
                and pub is not None):
            return None
        count = low[i] if low[i].isdigit() else parse_word(low[i], self.lang)
        if count is not None:
            n = int(float(count))
            ago_value = self._ago(f"{n} {low[i + 1]} {low[i + 2]}", pub)
            if ago_value is not None:
                ago_value = replace(ago_value, text=_text(toks, i, i + 3))
            if ago_value is not None:
                return self._wrap(toks, i, toks[i + 2].end, ago_value, pub), 3
        return None

    def _explicit(
        self, toks: Sequence[Token], i: int, k: int, pub: dt.date | None,
        year: int | None, month: int, day: int,
    ) -> tuple[DateMention, int] | None:
        text = _text(toks, i, k)
        if year is None and pub is None:
            value = DateValue(None, None, "day", text)
        else:
            y = year if year is not None else closest_year(pub or dt.date.today(), month, day)
            try:
                d = dt.date(y, month, day)
            except ValueError:
                return None
            value = _range(d, d, "day", text)
        return self._wrap(toks, i, toks[k - 1].end, value, pub), k - i

    def _wrap(
        self, toks: Sequence[Token], i: int, end: int, value: DateValue, pub: dt.date | None
    ) -> DateMention:
        """Apply ``tot``/``until`` and ``sinds``/``since`` before the phrase."""
        start = toks[i].start
        if i > 0 and value.start is not None and value.end is not None:
            v_start, v_end = value.start, value.end
            prev = toks[i - 1].lower
            until = set(self.data.get("until") or [])
            since = set(self.data.get("since") or [])
            if prev in until and pub is not None and v_end >= pub:
                value = DateValue(pub, v_end, _precision(pub, v_end),
                                  f"{toks[i - 1].text} {value.text}")
                start = toks[i - 1].start
            elif prev in since and pub is not None and v_start <= pub:
                value = DateValue(v_start, pub, _precision(v_start, pub),
                                  f"{toks[i - 1].text} {value.text}")
                start = toks[i - 1].start
        return DateMention(start, end, value)

    def _ago(self, text: str, pub: dt.date) -> DateValue | None:
        from dateparser.date import DateDataParser

        parser = DateDataParser(
            languages=[self.lang],
            settings={"RELATIVE_BASE": dt.datetime(pub.year, pub.month, pub.day)},
        )
        data = parser.get_date_data(text)
        if data.date_obj is None:
            return None
        day = data.date_obj.date()
        return _range(day, day, "day", text)


def _by_first_word(
    phrases: list[tuple[tuple[str, ...], str]]
) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Phrases grouped by their first word, each group in the given order."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for phrase, value in phrases:
        if phrase:
            out.setdefault(phrase[0], []).append((phrase, value))
    return out


def _mod_word(word: str) -> str:
    return {"begin": "early", "early": "early", "eind": "late", "late": "late"}.get(word, "")


def _month_context(low: list[str], i: int) -> bool:
    """A bare Dutch month name needs a preposition or a number around it
    (``in juni``, ``sinds maart``), since ``mei`` and ``jan`` are also words."""
    return i > 0 and low[i - 1] in ("in", "sinds", "vanaf", "tot", "eind", "begin", "half",
                                    "medio", "van", "na", "voor", "rond", "sedert", "per")


def _modify(start: dt.date, end: dt.date, mod: str) -> tuple[dt.date, dt.date, Precision]:
    """``begin``/``eind``/``medio`` of a month (days 1-10, 11-20, 21-end) or
    of a year (first quarter, the middle, last quarter)."""
    if not mod:
        return start, end, _precision(start, end)
    if (end - start).days > 62:  # a year
        if mod == "early":
            s, e = start, dt.date(start.year, 3, 31)
        elif mod == "late":
            s, e = dt.date(end.year, 10, 1), end
        else:
            s, e = dt.date(start.year, 4, 1), dt.date(start.year, 9, 30)
        return s, e, "quarter"
    if mod == "early":
        s, e = start, start.replace(day=min(10, end.day))
    elif mod == "late":
        s, e = start.replace(day=min(21, end.day)), end
    else:
        s, e = start.replace(day=min(11, end.day)), start.replace(day=min(20, end.day))
    return s, e, _precision(s, e)


def _precision(start: dt.date, end: dt.date) -> Precision:
    days = (end - start).days + 1
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    if days <= 31:
        return "month"
    if days <= 92:
        return "quarter"
    return "year"


def resolve_relative(rule: str, pub: dt.date | None, text: str) -> DateValue:
    """A relative phrase as a date range around the publication date."""
    if pub is None:
        return DateValue(None, None, "day", text)
    monday = pub - dt.timedelta(days=pub.weekday())
    first = pub.replace(day=1)
    if rule == "today":
        return _range(pub, pub, "day", text)
    if rule == "yesterday":
        d = pub - dt.timedelta(days=1)
        return _range(d, d, "day", text)
    if rule == "day_before_yesterday":
        d = pub - dt.timedelta(days=2)
        return _range(d, d, "day", text)
    if rule == "tomorrow":
        d = pub + dt.timedelta(days=1)
        return _range(d, d, "day", text)
    if rule == "overnight":
        return _range(pub - dt.timedelta(days=1), pub, "week", text)
    if rule == "this_week":
        return _range(monday, monday + dt.timedelta(days=6), "week", text)
    if rule == "last_week":
        return _range(monday - dt.timedelta(days=7), monday - dt.timedelta(days=1), "week", text)
    if rule == "next_week":
        return _range(monday + dt.timedelta(days=7), monday + dt.timedelta(days=13), "week", text)
    if rule == "last_weekend":
        sat = monday - dt.timedelta(days=2) if pub.weekday() < 5 else monday + dt.timedelta(5)
        return _range(sat, sat + dt.timedelta(days=1), "week", text)
    if rule == "this_month":
        s, e = month_range(pub.year, pub.month)
        return _range(s, e, "month", text)
    if rule == "earlier_this_month":
        return _range(first, pub, _precision(first, pub), text)
    if rule == "last_month":
        prev = first - dt.timedelta(days=1)
        s, e = month_range(prev.year, prev.month)
        return _range(s, e, "month", text)
    if rule == "next_month":
        nxt = first + dt.timedelta(days=32)
        s, e = month_range(nxt.year, nxt.month)
        return _range(s, e, "month", text)
    if rule == "this_year":
        return _range(dt.date(pub.year, 1, 1), dt.date(pub.year, 12, 31), "year", text)
    if rule == "earlier_this_year":
        s = dt.date(pub.year, 1, 1)
        return _range(s, pub, _precision(s, pub), text)
    if rule == "last_year":
        y = pub.year - 1
        return _range(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", text)
    if rule == "next_year":
        y = pub.year + 1
        return _range(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", text)
    return DateValue(None, None, "day", text)


def _text(toks: Sequence[Token], i: int, k: int) -> str:
    out = toks[i].text
    for prev, tok in zip(toks[i:k], toks[i + 1 : k], strict=False):
        out += (" " if tok.start > prev.end else "") + tok.text
    return out
