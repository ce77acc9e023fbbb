"""Checks on the hand-written knowledge files (kb/data and lang/<code>).

Every file must parse as TSV with the csv module, start with a ``# source:``
comment, have its header row, valid codes, QIDs, ISO dates and office keys,
and state a few facts correctly.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections import defaultdict
from pathlib import Path

import pytest

import wending

PKG = Path(wending.__file__).parent
KB = PKG / "kb" / "data"
LANG = PKG / "lang"

CODE = re.compile(r"^[A-Z]{3}$")
QID = re.compile(r"^Q\d+$")
SECTORS = {
    "COP", "GOV", "JUD", "LEG", "MIL", "PRM", "PTY", "REB", "SPY", "UAF", "UNK",
    "AGR", "BUS", "CRM", "CVL", "EDU", "ELI", "JRN", "LAB", "MED", "REF", "OPP",
    "PRE", "REL", "SOC", "IGO",
}
BODY_CODES = {"EUR", "UNO", "IGO", "NGO", "MNC"}
OFFICES = {
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
    "army_chief", "leader", "secretary_general", "spokesperson", "opposition_leader",
    "other",
}
# offices that one person at a time holds for a country or body
SINGLE_HOLDER = {
    "head_of_state", "head_of_government", "foreign_minister", "defence_minister",
    "army_chief", "secretary_general",
}

FILES = {
    KB / "bodies.tsv": ["id", "code", "sector", "qid", "name_en", "name_nl", "names"],
    KB / "groups.tsv": [
        "id", "code", "sector", "country", "qid", "name_en", "name_nl", "names",
    ],
    KB / "people.tsv": [
        "id", "qid", "name", "names", "country", "office", "sector", "start", "end",
    ],
    LANG / "nl" / "sectors.tsv": ["word", "sector", "kind"],
    LANG / "en" / "sectors.tsv": ["word", "sector", "kind"],
    LANG / "nl" / "offices.tsv": ["phrase", "office"],
    LANG / "en" / "offices.tsv": ["phrase", "office"],
    LANG / "nl" / "groups.tsv": ["word", "code", "sector"],
    LANG / "en" / "groups.tsv": ["word", "code", "sector"],
}


def read(path: Path) -> list[dict[str, str]]:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# source: "), f"{path.name}: first line must be '# source: ...'"
    assert '"' not in text, f"{path.name}: double quotes would be read differently by csv"
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t"))
    header, body = rows[0], rows[1:]
    assert header == FILES[path], f"{path.name}: header {header}"
    out = []
    for n, row in enumerate(body, start=2):
        assert len(row) == len(header), f"{path.name} data row {n}: {len(row)} cells: {row}"
        assert all(c == c.strip() for c in row), f"{path.name} data row {n}: stray spaces"
        out.append(dict(zip(header, row, strict=True)))
    assert out, f"{path.name}: no rows"
    return out


def date(value: str) -> dt.date:
    return dt.date.fromisoformat(value)


@pytest.fixture(scope="module")
def people() -> list[dict[str, str]]:
    return read(KB / "people.tsv")


@pytest.fixture(scope="module")
def bodies() -> list[dict[str, str]]:
    return read(KB / "bodies.tsv")


@pytest.fixture(scope="module")
def groups() -> list[dict[str, str]]:
    return read(KB / "groups.tsv")


@pytest.mark.parametrize("path", list(FILES), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_file_parses(path: Path) -> None:
    read(path)


def test_bodies(bodies: list[dict[str, str]]) -> None:
    ids = [r["id"] for r in bodies]
    assert len(ids) == len(set(ids)), "duplicate body ids"
    for r in bodies:
        assert r["code"] in BODY_CODES or CODE.match(r["code"]), r
        assert r["sector"] == "" or r["sector"] in SECTORS, r
        assert r["qid"] == "" or QID.match(r["qid"]), r
        assert r["name_en"] and r["name_nl"] and r["names"], r
        assert "" not in r["names"].split("|"), r


def test_groups(groups: list[dict[str, str]]) -> None:
    ids = [r["id"] for r in groups]
    assert len(ids) == len(set(ids)), "duplicate group ids"
    for r in groups:
        assert CODE.match(r["code"]), r
        assert r["sector"] in SECTORS, r
        assert r["country"] == "" or CODE.match(r["country"]), r
        assert r["qid"] == "" or QID.match(r["qid"]), r
        assert r["name_en"] and r["name_nl"] and r["names"], r
        assert "" not in r["names"].split("|"), r


def test_people_rows(people: list[dict[str, str]]) -> None:
    for r in people:
        assert re.match(r"^[a-z0-9]+(-[a-z0-9]+)*$", r["id"]), r
        assert r["qid"] == "" or QID.match(r["qid"]), r
        assert r["name"] and r["names"], r
        assert "" not in r["names"].split("|"), r
        assert CODE.match(r["country"]), r
        assert r["office"] in OFFICES, r
        assert r["sector"] in SECTORS, r
        start = date(r["start"])
        if r["end"]:
            assert start <= date(r["end"]), r


def test_person_ids_consistent(people: list[dict[str, str]]) -> None:
    by_id: dict[str, set[tuple[str, str, str]]] = defaultdict(set)
    for r in people:
        by_id[r["id"]].add((r["qid"], r["name"], r["names"]))
    bad = {k: v for k, v in by_id.items() if len(v) > 1}
    assert not bad, bad
    qids = defaultdict(set)
    for r in people:
        if r["qid"]:
            qids[r["qid"]].add(r["id"])
    assert all(len(v) == 1 for v in qids.values()), {k: v for k, v in qids.items() if len(v) > 1}


def test_single_holder_offices_do_not_overlap(people: list[dict[str, str]]) -> None:
    far = dt.date(9999, 12, 31)
    terms = defaultdict(list)
    for r in people:
        if r["office"] in SINGLE_HOLDER:
            end = date(r["end"]) if r["end"] else far
            terms[(r["country"], r["office"])].append((date(r["start"]), end, r["id"]))
    clashes = []
    for key, ts in terms.items():
        ts.sort()
        for (_, e1, p1), (s2, _, p2) in itertools.pairwise(ts):
            if s2 < e1 and p1 != p2:  # a handover on the same day is fine
                clashes.append((key, p1, p2))
    assert not clashes, clashes


def holder(people: list[dict[str, str]], country: str, office: str, on: str) -> set[str]:
    day = date(on)
    return {
        r["id"]
        for r in people
        if r["country"] == country
        and r["office"] == office
        and date(r["start"]) <= day
        and (not r["end"] or day < date(r["end"]))
    }


def test_known_office_holders(people: list[dict[str, str]]) -> None:
    assert holder(people, "RUS", "head_of_state", "2024-10-25") == {"vladimir-putin"}
    assert holder(people, "UKR", "head_of_state", "2024-10-25") == {"volodymyr-zelensky"}
    assert holder(people, "PRK", "head_of_state", "2024-10-25") == {"kim-jong-un"}
    assert holder(people, "USA", "head_of_state", "2024-06-01") == {"joe-biden"}
    assert holder(people, "USA", "head_of_state", "2025-06-01") == {"donald-trump"}
    assert holder(people, "USA", "head_of_state", "2019-06-01") == {"donald-trump"}
    assert holder(people, "NLD", "head_of_government", "2024-06-01") == {"mark-rutte"}
    assert holder(people, "NLD", "head_of_government", "2025-06-01") == {"dick-schoof"}
    assert holder(people, "IGO", "secretary_general", "2025-06-01") == {"mark-rutte"}
    assert holder(people, "IGO", "secretary_general", "2020-06-01") == {"jens-stoltenberg"}
    assert holder(people, "UNO", "secretary_general", "2024-06-01") == {"antonio-guterres"}
    assert holder(people, "RUS", "defence_minister", "2023-06-01") == {"sergey-shoigu"}
    assert holder(people, "RUS", "defence_minister", "2024-06-01") == {"andrey-belousov"}
    assert holder(people, "UKR", "army_chief", "2023-06-01") == {"valerii-zaluzhnyi"}
    assert holder(people, "UKR", "army_chief", "2024-06-01") == {"oleksandr-syrskyi"}


def test_person_facts(people: list[dict[str, str]]) -> None:
    rows = {r["id"]: r for r in people}
    assert rows["vladimir-putin"]["qid"] == "Q7747"
    assert rows["volodymyr-zelensky"]["qid"] == "Q3874799"
    assert rows["kim-jong-un"]["qid"] == "Q56226"
    for name in ("Poetin", "Putin"):
        assert name in rows["vladimir-putin"]["names"].split("|")
    for name in ("Zelensky", "Zelenski", "Zelenskyy"):
        assert name in rows["volodymyr-zelensky"]["names"].split("|")
    assert "Kim" in rows["kim-jong-un"]["names"].split("|")


def alias_index(rows: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    index: dict[str, list[dict[str, str]]] = defaultdict(list)
    for r in rows:
        for name in [r["name_en"], r["name_nl"], *r["names"].split("|")]:
            index[name].append(r)
    return index


def test_body_facts(bodies: list[dict[str, str]]) -> None:
    index = alias_index(bodies)
    assert {r["code"] for r in index["NAVO"]} == {"IGO"}
    assert {r["code"] for r in index["het bondgenootschap"]} == {"IGO"}
    assert {r["code"] for r in index["Veiligheidsraad"]} == {"UNO"}
    assert {r["code"] for r in index["Internationaal Gerechtshof"]} == {"UNO"}
    assert {r["code"] for r in index["Europese Commissie"]} == {"EUR"}
    assert {r["code"] for r in index["ECOWAS"]} == {"IGO"}
    assert {r["code"] for r in index["Internationaal Strafhof"]} == {"IGO"}
    assert {r["code"] for r in index["Artsen zonder Grenzen"]} == {"NGO"}


def test_group_facts(groups: list[dict[str, str]]) -> None:
    index = alias_index(groups)
    assert {(r["code"], r["sector"]) for r in index["Houthi's"]} == {("YEM", "REB")}
    assert {(r["code"], r["sector"]) for r in index["Hezbollah"]} == {("LBN", "REB")}
    assert {(r["code"], r["sector"]) for r in index["Hamas"]} == {("PSE", "REB")}
    assert {(r["code"], r["sector"]) for r in index["RSF"]} == {("SDN", "REB")}
    assert {(r["code"], r["sector"]) for r in index["Wagner"]} == {("RUS", "PRM")}
    assert {r["code"] for r in index["JNIM"]} == {"IMG"}
    assert {r["code"] for r in index["Islamitische Staat"]} == {"IMG"}


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sectors(lang: str) -> None:
    rows = read(LANG / lang / "sectors.tsv")
    words = [r["word"] for r in rows]
    assert len(words) == len(set(words)), "duplicate sector words"
    for r in rows:
        assert r["word"] == r["word"].lower(), r
        assert r["sector"] in SECTORS, r
        assert r["kind"] in {"group", "office"}, r
    sector = {r["word"]: r["sector"] for r in rows}
    soldiers, government, rebels, protesters = {
        "nl": ("soldaten", "regering", "rebellen", "betogers"),
        "en": ("soldiers", "government", "rebels", "protesters"),
    }[lang]
    assert sector[soldiers] == "MIL"
    assert sector[government] == "GOV"
    assert sector[rebels] == "REB"
    assert sector[protesters] == "CVL"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_offices(lang: str) -> None:
    rows = read(LANG / lang / "offices.tsv")
    phrases = [r["phrase"] for r in rows]
    assert len(phrases) == len(set(phrases)), "duplicate office phrases"
    for r in rows:
        assert r["phrase"] == r["phrase"].lower(), r
        assert r["office"] in OFFICES, r
    office = {r["phrase"]: r["office"] for r in rows}
    assert office["president"] == "head_of_state"
    assert office["premier"] == "head_of_government"
    foreign = "minister van buitenlandse zaken" if lang == "nl" else "foreign minister"
    assert office[foreign] == "foreign_minister"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_lang_groups(lang: str) -> None:
    rows = read(LANG / lang / "groups.tsv")
    words = [r["word"] for r in rows]
    assert len(words) == len(set(words)), "duplicate group words"
    for r in rows:
        assert r["word"] == r["word"].lower(), r
        assert CODE.match(r["code"]), r
        assert r["sector"] in SECTORS, r
    buryats = "boerjaten" if lang == "nl" else "buryats"
    assert {(r["code"], r["sector"]) for r in rows if r["word"] == buryats} == {("RUS", "CVL")}
