"""Loading and validating the knowledge-base files (docs/data-formats.md)."""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from wending.errors import KnowledgeBaseError

CODE_RE = re.compile(r"^[A-Z]{3}$")
QID_RE = re.compile(r"^Q\d+$")
OFFICES = frozenset(
    {
        "head_of_state",
        "head_of_government",
        "foreign_minister",
        "defence_minister",
        "army_chief",
        "leader",
        "secretary_general",
        "spokesperson",
        "opposition_leader",
        "other",
    }
)


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    qid: str
    name_en: str
    name_nl: str
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    seats: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Body:
    id: str
    code: str
    sector: str
    qid: str
    name: str
    names: tuple[str, ...]
    country: str = ""


@dataclass(frozen=True, slots=True)
class Term:
    country: str
    office: str
    sector: str
    start: dt.date | None
    end: dt.date | None

    def holds(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, slots=True)
class Person:
    id: str
    qid: str
    name: str
    names: tuple[str, ...]
    terms: tuple[Term, ...]

    def term_on(self, day: dt.date | None) -> Term | None:
        """The term in force on ``day``; undated: the latest term."""
        if not self.terms:
            return None
        if day is None:
            return max(self.terms, key=lambda t: t.start or dt.date.min)
        held = [t for t in self.terms if t.holds(day)]
        if held:
            return held[0]
        return None


@dataclass(frozen=True, slots=True)
class Place:
    name: str
    country: str
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SectorWord:
    word: str
    sector: str
    kind: str


def builtin_dir() -> Path:
    return Path(str(resources.files("wending.kb").joinpath("data")))


def split_list(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(dict.fromkeys(p.strip() for p in value.split("|") if p.strip()))


def read_tsv(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a TSV file as ``(line number, row)``, validating the header."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(str(path), None, f"cannot read the file: {exc}") from exc
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1)]
    body = [(n, line) for n, line in lines if line.strip() and not line.startswith("#")]
    if not body:
        raise KnowledgeBaseError(str(path), None, "the file has no header row")
    header_no, header_line = body[0]
    header = [h.strip() for h in header_line.split("\t")]
    missing = [c for c in required if c not in header]
    if missing:
        raise KnowledgeBaseError(
            str(path), header_no, f"the header lacks column(s) {', '.join(missing)}"
        )
    for n, line in body[1:]:
        cells = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(cells) > len(header):
            raise KnowledgeBaseError(
                str(path), n, f"{len(cells)} cells, but the header has {len(header)} columns"
            )
        cells += [""] * (len(header) - len(cells))
        yield n, {h: c.strip() for h, c in zip(header, cells, strict=True)}


def check_code(path: Path, line: int, code: str, *, allow_empty: bool = False) -> str:
    if not code and allow_empty:
        return code
    if not CODE_RE.match(code):
        raise KnowledgeBaseError(str(path), line, f"code {code!r} is not 3 capital letters")
    return code


def check_qid(path: Path, line: int, qid: str) -> str:
    if qid and not QID_RE.match(qid):
        raise KnowledgeBaseError(str(path), line, f"QID {qid!r} is not of the form Q123")
    return qid


def parse_date(path: Path, line: int, value: str) -> dt.date | None:
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}", value):
            return dt.date(int(value), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", value):
            return dt.date.fromisoformat(value + "-01")
        return dt.date.fromisoformat(value)
    except ValueError:
        raise KnowledgeBaseError(str(path), line, f"{value!r} is not a date") from None


def load_countries(path: Path) -> list[Country]:
    cols = ("code", "qid", "name_en", "name_nl")
    out = []
    for n, row in read_tsv(path, cols):
        code = check_code(path, n, row["code"])
        names = (
            row["name_en"], row["name_nl"],
            *split_list(row.get("names_en")), *split_list(row.get("names_nl")),
        )
        out.append(
            Country(
                code=code,
                qid=check_qid(path, n, row["qid"]),
                name_en=row["name_en"],
                name_nl=row["name_nl"],
                names=tuple(dict.fromkeys(x for x in names if x)),
                adjectives=(*split_list(row.get("adj_en")), *split_list(row.get("adj_nl"))),
                demonyms=(*split_list(row.get("demonym_en")), *split_list(row.get("demonym_nl"))),
                capitals=split_list(row.get("capitals")),
                seats=split_list(row.get("seats")),
            )
        )
    return out


def load_bodies(path: Path, *, groups: bool = False) -> list[Body]:
    cols = ("id", "code", "sector", "qid", "name_en", "name_nl", "names")
    out = []
    for n, row in read_tsv(path, (*cols, "country") if groups else cols):
        if not row["id"]:
            raise KnowledgeBaseError(str(path), n, "the id is empty")
        names = (row["name_en"], row["name_nl"], *split_list(row["names"]))
        out.append(
            Body(
                id=row["id"],
                code=check_code(path, n, row["code"]),
                sector=row["sector"],
                qid=check_qid(path, n, row["qid"]),
                name=row["name_en"] or row["name_nl"],
                names=tuple(dict.fromkeys(x for x in names if x)),
                country=check_code(path, n, row.get("country", ""), allow_empty=True),
            )
        )
    return out


def load_people(path: Path) -> list[Person]:
    cols = ("id", "qid", "name", "names", "country", "office", "sector", "start", "end")
    rows: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for n, row in read_tsv(path, cols):
        if not row["id"]:
            raise KnowledgeBaseError(str(path), n, "the id is empty")
        if row["office"] not in OFFICES:
            raise KnowledgeBaseError(
                str(path), n, f"office {row['office']!r} is not one of {', '.join(sorted(OFFICES))}"
            )
        rows.setdefault(row["id"], []).append((n, row))
    out = []
    for pid, items in rows.items():
        terms = []
        names: list[str] = []
        qid = ""
        for n, row in items:
            start = parse_date(path, n, row["start"])
            end = parse_date(path, n, row["end"])
            if start and end and end < start:
                raise KnowledgeBaseError(str(path), n, "the term ends before it starts")
            terms.append(
                Term(check_code(path, n, row["country"]), row["office"], row["sector"], start, end)
            )
            names += [row["name"], *split_list(row["names"])]
            qid = qid or check_qid(path, n, row["qid"])
        first = items[0][1]
        out.append(
            Person(pid, qid, first["name"], tuple(dict.fromkeys(x for x in names if x)),
                   tuple(terms))
        )
    return out


def load_places(path: Path) -> list[Place]:
    out = []
    for n, row in read_tsv(path, ("name_en", "country", "names")):
        out.append(
            Place(
                row["name_en"],
                check_code(path, n, row["country"], allow_empty=True),
                split_list(row["names"]) or (row["name_en"],),
            )
        )
    return out


def load_metonyms(path: Path) -> list[Body]:
    out = []
    for n, row in read_tsv(path, ("name", "code", "sector", "qid")):
        out.append(
            Body(
                id="metonym:" + row["name"],
                code=check_code(path, n, row["code"]),
                sector=row["sector"],
                qid=check_qid(path, n, row["qid"]),
                name=row["name"],
                names=(row["name"],),
            )
        )
    return out


def load_sectors(path: Path) -> list[SectorWord]:
    out = []
    for n, row in read_tsv(path, ("word", "sector", "kind")):
        if row["kind"] not in ("group", "office"):
            raise KnowledgeBaseError(str(path), n, "kind must be 'group' or 'office'")
        if not re.fullmatch(r"[A-Z]{3}", row["sector"]):
            raise KnowledgeBaseError(str(path), n, f"sector {row['sector']!r} is not a code")
        for word in split_list(row["word"]):
            out.append(SectorWord(word.lower(), row["sector"], row["kind"]))
    return out


def load_pairs(path: Path, key: str, value: str) -> dict[str, str]:
    return {row[key].lower(): row[value] for _, row in read_tsv(path, (key, value)) if row[key]}


def load_yaml(path: Path) -> dict[str, object]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(str(path), None, f"cannot read the file: {exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise KnowledgeBaseError(str(path), line, f"invalid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise KnowledgeBaseError(str(path), None, "the file must hold a mapping")
    return data
