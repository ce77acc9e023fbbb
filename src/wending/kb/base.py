"""The knowledge base: built-in data files plus the user's own, merged."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from wending.errors import KnowledgeBaseError
from wending.kb import load
from wending.kb.load import Body, Country, Person, Place, SectorWord
from wending.lang import pack_file
from wending.model import Token


@dataclass(frozen=True, slots=True)
class Entry:
    """One name of one thing, as the linker matches it."""

    kind: str  # country adjective demonym capital seat metonym body group person place ethnic
    key: str
    code: str
    sector: str = ""
    qid: str = ""
    name: str = ""
    form: str = ""
    person: Person | None = None
    place: str = ""


Tokenize = Callable[[str], list[str]]


@dataclass(slots=True)
class NameIndex:
    """Token sequences (lowercased) to the entries they may name."""

    entries: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    longest: int = 1
    #: every key and every start of a key (``("the",)`` of ``("the", "hague")``),
    #: so that :meth:`names_at` stops as soon as no name can go on
    prefixes: set[tuple[str, ...]] = field(default_factory=set)
    #: the first words of the keys (most tokens are none)
    first_words: set[str] = field(default_factory=set)

    def add(self, tokens: Sequence[str], entry: Entry) -> None:
        key = tuple(t.lower() for t in tokens)
        if not key:
            return
        bucket = self.entries.setdefault(key, [])
        if entry not in bucket:
            bucket.append(entry)
        self.longest = max(self.longest, len(key))
        self.prefixes.update(key[:n] for n in range(1, len(key) + 1))
        self.first_words.add(key[0])

    def names_at(self, tokens: Sequence[Token], i: int) -> list[tuple[int, list[Entry]]]:
        """The keys that start at ``tokens[i]``, longest first: how many tokens
        each has, and its entries (none for most tokens)."""
        if tokens[i].lower not in self.first_words:
            return []
        out: list[tuple[int, list[Entry]]] = []
        key: tuple[str, ...] = ()
        for j in range(i, min(i + self.longest, len(tokens))):
            key += (tokens[j].lower,)
            if key not in self.prefixes:
                break
            entries = self.entries.get(key)
            if entries is not None:
                out.append((len(key), entries))
        out.reverse()
        return out


def _detect_kind(path: Path) -> str:
    """Which kind of KB file a user file is, from its name or header."""
    if path.suffix in (".yaml", ".yml"):
        raise KnowledgeBaseError(str(path), None, "YAML KB files are not supported; use TSV")
    header: list[str] = []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(str(path), None, f"cannot read the file: {exc}") from exc
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            header = [h.strip() for h in line.split("\t")]
            break
    cols = set(header)
    if {"office", "start", "end"} <= cols:
        return "people"
    is_country = {"adj_en", "adj_nl"} & cols or {"name_en", "name_nl", "code", "qid"} <= cols
    if is_country and "id" not in cols:
        return "countries"
    if {"id", "code", "country", "names"} <= cols:
        return "groups"
    if {"id", "code", "sector", "names"} <= cols:
        return "bodies"
    if {"name_en", "country", "names"} <= cols:
        return "places"
    if {"name", "code", "sector"} <= cols:
        return "metonyms"
    raise KnowledgeBaseError(
        str(path), None,
        "cannot tell the kind of KB file from its header; see docs/data-formats.md",
    )


class KnowledgeBase:
    """All actors, people and places Wending knows; loaded lazily.

    ``extra_files`` are the user's own TSV files; their entries override
    built-in entries with the same id (or code, for countries).
    """

    def __init__(self, extra_files: Sequence[Path] = (), *, data_dir: Path | None = None) -> None:
        self.data_dir = data_dir or load.builtin_dir()
        self.extra_files = tuple(extra_files)

    def _extra(self, kind: str) -> list[Path]:
        return [p for p in self.extra_files if _detect_kind(p) == kind]

    def _check_extra(self) -> None:
        for p in self.extra_files:
            if not p.exists():
                raise KnowledgeBaseError(str(p), None, "no such file")

    @cached_property
    def countries(self) -> dict[str, Country]:
        self._check_extra()
        out = {c.code: c for c in load.load_countries(self.data_dir / "countries.tsv")}
        for p in self._extra("countries"):
            out.update({c.code: c for c in load.load_countries(p)})
        return out

    @cached_property
    def bodies(self) -> dict[str, Body]:
        out = {b.id: b for b in load.load_bodies(self.data_dir / "bodies.tsv")}
        for p in self._extra("bodies"):
            out.update({b.id: b for b in load.load_bodies(p)})
        return out

    @cached_property
    def groups(self) -> dict[str, Body]:
        out = {b.id: b for b in load.load_bodies(self.data_dir / "groups.tsv", groups=True)}
        for p in self._extra("groups"):
            out.update({b.id: b for b in load.load_bodies(p, groups=True)})
        return out

    @cached_property
    def people(self) -> dict[str, Person]:
        out = {p.id: p for p in load.load_people(self.data_dir / "people.tsv")}
        for path in self._extra("people"):
            out.update({p.id: p for p in load.load_people(path)})
        return out

    @cached_property
    def places(self) -> list[Place]:
        out = load.load_places(self.data_dir / "places.tsv")
        for p in self._extra("places"):
            out += load.load_places(p)
        return out

    @cached_property
    def metonyms(self) -> list[Body]:
        out = load.load_metonyms(self.data_dir / "metonyms.tsv")
        for p in self._extra("metonyms"):
            out += load.load_metonyms(p)
        return out

    def validate(self) -> None:
        """Load every file now, raising the first error found."""
        for name in ("countries", "bodies", "groups", "people", "places", "metonyms"):
            getattr(self, name)

    # -- per language ---------------------------------------------------

    def sectors(self, lang: str) -> dict[str, SectorWord]:
        path = pack_file(lang, "sectors.tsv")
        if not path.exists():
            return {}
        return {w.word: w for w in load.load_sectors(path)}

    def offices(self, lang: str) -> dict[str, str]:
        path = pack_file(lang, "offices.tsv")
        return load.load_pairs(path, "phrase", "office") if path.exists() else {}

    def ethnic(self, lang: str) -> dict[str, tuple[str, str]]:
        path = pack_file(lang, "groups.tsv")
        if not path.exists():
            return {}
        return {
            row["word"].lower(): (row["code"], row["sector"])
            for _, row in load.read_tsv(path, ("word", "code", "sector"))
        }

    def holder(self, code: str, office: str, day: dt.date | None) -> Person | None:
        """Who held ``office`` for ``code`` on ``day`` (undated: the latest)."""
        best: tuple[dt.date, Person] | None = None
        for person in self.people.values():
            for term in person.terms:
                if term.country != code or term.office != office:
                    continue
                if day is not None and term.holds(day):
                    return person
                if day is None:
                    start = term.start or dt.date.min
                    if best is None or start > best[0]:
                        best = (start, person)
        return best[1] if best else None

    def build_index(self, tokenize: Tokenize, lang: str) -> NameIndex:
        """The name index for one language's tokenizer."""
        index = NameIndex()
        for c in self.countries.values():
            for form in c.names:
                index.add(tokenize(form), Entry("country", c.code, c.code, "", c.qid, c.name_en,
                                                form))
            for form in c.adjectives:
                index.add(tokenize(form), Entry("adjective", c.code, c.code, "", c.qid,
                                                c.name_en, form))
            for form in c.demonyms:
                index.add(tokenize(form), Entry("demonym", c.code, c.code, "", c.qid, c.name_en,
                                                form))
            for form in c.capitals:
                index.add(tokenize(form), Entry("capital", c.code, c.code, "GOV", c.qid,
                                                c.name_en, form, place=form))
            for form in c.seats:
                index.add(tokenize(form), Entry("seat", c.code, c.code, "GOV", c.qid, c.name_en,
                                                form))
        for b in self.bodies.values():
            for form in b.names:
                index.add(tokenize(form), Entry("body", b.id, b.code, b.sector, b.qid, b.name,
                                                form))
        for g in self.groups.values():
            for form in g.names:
                index.add(tokenize(form), Entry("group", g.id, g.code, g.sector, g.qid, g.name,
                                                form))
        for m in self.metonyms:
            for form in m.names:
                index.add(tokenize(form), Entry("metonym", m.id, m.code, m.sector, m.qid, m.name,
                                                form, place=form))
        for p in self.people.values():
            for form in p.names:
                index.add(tokenize(form), Entry("person", p.id, "", "", p.qid, p.name, form,
                                                person=p))
        for place in self.places:
            for form in place.names:
                index.add(tokenize(form), Entry("place", "place:" + place.name, place.country,
                                                "", "", place.name, form, place=place.name))
        for word, (code, sector) in self.ethnic(lang).items():
            index.add(tokenize(word), Entry("ethnic", "ethnic:" + word, code, sector, "", word,
                                            word))
        return index
