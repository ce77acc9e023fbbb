"""Build ``src/wending/kb/data/countries.tsv``.

The table merges two sources:

* pycountry's ISO 3166-1 entries: English names (short, common and official
  forms) and Dutch names through pycountry's gettext translations of the
  Debian iso-codes names;
* ``src/wending/kb/data/countries_extra.tsv``: hand-written rows with the same
  columns (QIDs, adjectives, demonyms, capitals, seats of power, better
  canonical names, and states pycountry lacks, such as Kosovo ``KOS``).

Merge rules: a non-empty scalar in the extra file (``qid``, ``name_en``,
``name_nl``) overrides pycountry's; list columns are unioned (pycountry's
values first, then the extra file's), de-duplicated with their order kept. A
list item written ``!value`` in the extra file removes ``value`` from the
merged list. The ``names_*`` lists never repeat the canonical name of their
language. pycountry's inverted long forms ("Korea, Republic of") never become
canonical names; they are kept among the other names.

Usage::

    python scripts/build_countries.py            # writes countries.tsv
    python scripts/build_countries.py --output /tmp/countries.tsv
"""

from __future__ import annotations

import argparse
import gettext
import importlib.metadata
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "src" / "wending" / "kb" / "data"
EXTRA_PATH = DATA_DIR / "countries_extra.tsv"
OUTPUT_PATH = DATA_DIR / "countries.tsv"

COLUMNS: tuple[str, ...] = (
    "code",
    "qid",
    "name_en",
    "name_nl",
    "names_en",
    "names_nl",
    "adj_en",
    "adj_nl",
    "demonym_en",
    "demonym_nl",
    "capitals",
    "seats",
)
SCALAR_COLUMNS: tuple[str, ...] = COLUMNS[:4]
LIST_COLUMNS: tuple[str, ...] = COLUMNS[4:]
#: Which canonical name a ``names_*`` list must not repeat.
CANONICAL_OF: dict[str, str] = {"names_en": "name_en", "names_nl": "name_nl"}

LIST_SEPARATOR = "|"
REMOVE_PREFIX = "!"
CODE_RE = re.compile(r"^[A-Z]{3}$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
DUTCH = "nl"


class BuildError(Exception):
    """The extra file is malformed; the message names the file and line."""


@dataclass
class Entry:
    """One country while it is being merged."""

    code: str
    scalars: dict[str, str] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)

    def values(self, column: str) -> list[str]:
        return self.lists.setdefault(column, [])


def split_list(value: str) -> list[str]:
    """Split a ``|``-separated cell into its non-empty, stripped items."""
    return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]


def unique(items: Iterable[str]) -> list[str]:
    """Drop repeated items, keeping the first occurrence's position."""
    seen: set[str] = set()
    result: list[str] = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result


def strip_article(name: str) -> str:
    """Drop a lower-case leading article ("the State of Eritrea")."""
    for article in ("the ", "de ", "het "):
        if name.startswith(article):
            return name[len(article) :]
    return name


def is_inverted(name: str) -> bool:
    """True for ISO's inverted long forms such as "Iran, Islamic Republic of".

    Names that merely contain a comma in a list ("Saint Helena, Ascension and
    Tristan da Cunha", "Bonaire, Sint Eustatius en Saba") are not inverted.
    """
    if ", " not in name:
        return False
    tail = name.rsplit(", ", 1)[1]
    return " and " not in tail and " en " not in tail


def reads_badly(name: str) -> bool:
    """Forms that should not be a canonical name: inverted or with a
    parenthetical ("Holy See (Vatican City State)")."""
    return is_inverted(name) or "(" in name


def pick_canonical(forms: Sequence[str]) -> str:
    """The first form that reads well, else the first form."""
    for form in forms:
        if not reads_badly(form):
            return form
    return forms[0]


def dutch_translations() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[DUTCH])


def pycountry_entries() -> dict[str, Entry]:
    """One entry per ISO 3166-1 country, with English and Dutch names."""
    nl = dutch_translations()
    entries: dict[str, Entry] = {}
    for country in pycountry.countries:
        # The gettext catalogue is keyed by pycountry's exact English strings.
        raw_en = unique(
            str(value)
            for value in (
                getattr(country, "common_name", None),
                getattr(country, "name", None),
                getattr(country, "official_name", None),
            )
            if value
        )
        forms_en = unique(strip_article(form) for form in raw_en)
        forms_nl = unique(strip_article(nl.gettext(form)) for form in raw_en)
        code = str(country.alpha_3)
        entry = Entry(code=code)
        entry.scalars = {
            "code": code,
            "qid": "",
            "name_en": pick_canonical(forms_en),
            "name_nl": pick_canonical(forms_nl),
        }
        entry.lists = {column: [] for column in LIST_COLUMNS}
        entry.lists["names_en"] = list(forms_en)
        entry.lists["names_nl"] = list(forms_nl)
        entries[code] = entry
    return entries


def read_extra(path: Path) -> dict[str, dict[str, str]]:
    """Read and validate ``countries_extra.tsv``: code -> column -> cell."""
    rows: dict[str, dict[str, str]] = {}
    header_seen = False
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("# source:"):
        raise BuildError(f"{path}:1: the file must start with a '# source: ...' comment")
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header_seen:
            if tuple(cells) != COLUMNS:
                raise BuildError(f"{path}:{number}: header must be {' '.join(COLUMNS)}")
            header_seen = True
            continue
        if len(cells) != len(COLUMNS):
            raise BuildError(
                f"{path}:{number}: expected {len(COLUMNS)} tab-separated cells, got {len(cells)}"
            )
        row = dict(zip(COLUMNS, (cell.strip() for cell in cells), strict=True))
        code = row["code"]
        if not CODE_RE.match(code):
            raise BuildError(f"{path}:{number}: code {code!r} is not three capital letters")
        if code in rows:
            raise BuildError(f"{path}:{number}: code {code} appears twice")
        if row["qid"] and not QID_RE.match(row["qid"]):
            raise BuildError(f"{path}:{number}: {row['qid']!r} is not a Wikidata QID")
        rows[code] = row
    if not header_seen:
        raise BuildError(f"{path}: no header row")
    return rows


def merge(base: Entry | None, code: str, extra: dict[str, str] | None) -> Entry:
    """Merge one pycountry entry (or none) with its extra row (or none)."""
    entry = Entry(code=code)
    entry.scalars = dict(base.scalars) if base else {column: "" for column in SCALAR_COLUMNS}
    entry.scalars["code"] = code
    entry.lists = {
        column: list(base.lists.get(column, [])) if base else [] for column in LIST_COLUMNS
    }
    removed: dict[str, set[str]] = {column: set() for column in LIST_COLUMNS}
    if extra:
        for column in SCALAR_COLUMNS[1:]:
            if extra[column]:
                entry.scalars[column] = extra[column]
        for column in LIST_COLUMNS:
            for item in split_list(extra[column]):
                if item.startswith(REMOVE_PREFIX):
                    removed[column].add(item[len(REMOVE_PREFIX) :].strip())
                else:
                    entry.values(column).append(item)
    for column in LIST_COLUMNS:
        drop = set(removed[column])
        if column in CANONICAL_OF:
            drop.add(entry.scalars[CANONICAL_OF[column]])
        entry.lists[column] = [item for item in unique(entry.lists[column]) if item not in drop]
    if not entry.scalars["name_en"] or not entry.scalars["name_nl"]:
        raise BuildError(f"{code}: a country needs both name_en and name_nl")
    return entry


def build_entries(extra_path: Path = EXTRA_PATH) -> list[Entry]:
    """All merged countries, sorted by code."""
    base = pycountry_entries()
    extra = read_extra(extra_path)
    codes = sorted(set(base) | set(extra))
    return [merge(base.get(code), code, extra.get(code)) for code in codes]


def source_line(extra_path: Path) -> str:
    version = importlib.metadata.version("pycountry")
    revision = dutch_translations().info().get("po-revision-date", "unknown")
    return (
        f"# source: pycountry {version} (ISO 3166-1 names from Debian iso-codes; Dutch names "
        f"from its iso3166-1 gettext translations, PO-Revision-Date {revision}) merged with "
        f"kb/data/{extra_path.name} (hand-written QIDs, adjectives, demonyms, capitals, seats "
        "and states pycountry lacks or misnames); generated by scripts/build_countries.py, "
        "do not edit by hand"
    )


def render(entries: Sequence[Entry], extra_path: Path = EXTRA_PATH) -> str:
    """The text of ``countries.tsv``."""
    lines = [source_line(extra_path), "\t".join(COLUMNS)]
    for entry in entries:
        cells: list[str] = []
        for column in COLUMNS:
            if column in SCALAR_COLUMNS:
                cell = entry.scalars[column]
            else:
                cell = LIST_SEPARATOR.join(entry.lists[column])
            if "\t" in cell or "\n" in cell:
                raise BuildError(f"{entry.code}: {column} holds a tab or newline")
            cells.append(cell)
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def build(output: Path = OUTPUT_PATH, extra_path: Path = EXTRA_PATH) -> int:
    """Write the merged table to ``output``; return the number of countries."""
    entries = build_entries(extra_path)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(render(entries, extra_path), encoding="utf-8")
    return len(entries)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--output", type=Path, default=OUTPUT_PATH, help="where to write")
    parser.add_argument("--extra", type=Path, default=EXTRA_PATH, help="hand-written rows")
    args = parser.parse_args(argv)
    try:
        count = build(args.output, args.extra)
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {count} countries to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
