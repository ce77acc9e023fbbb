"""Checks on the generated countries table and its build script."""

from __future__ import annotations

import csv
import importlib.util
import re
import sys
from collections import defaultdict
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
COUNTRIES = ROOT / "src" / "wending" / "kb" / "data" / "countries.tsv"
SCRIPT = ROOT / "scripts" / "build_countries.py"
COLUMNS = [
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
]
KEY_STATES = ["RUS", "PRK", "UKR", "USA", "CHN", "KOS", "PSE", "TWN", "BLR", "GEO"]


def load_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    table = list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return table[0], table[1:]


def load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_countries", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # dataclasses resolve annotations through sys.modules while the module runs
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def by_code() -> dict[str, dict[str, str]]:
    header, rows = load_rows(COUNTRIES)
    assert header == COLUMNS
    return {row[0]: dict(zip(COLUMNS, row, strict=True)) for row in rows}


def items(cell: str) -> list[str]:
    return [item for item in cell.split("|") if item]


def test_file_starts_with_source_comment() -> None:
    first = COUNTRIES.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# source:")


def test_every_row_has_twelve_columns() -> None:
    _, rows = load_rows(COUNTRIES)
    assert len(rows) >= 249
    for row in rows:
        assert len(row) == len(COLUMNS), row


def test_codes_are_unique_uppercase_alpha3() -> None:
    _, rows = load_rows(COUNTRIES)
    codes = [row[0] for row in rows]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"[A-Z]{3}", code) for code in codes)
    assert codes == sorted(codes)


def test_qids_are_wikidata_ids_or_empty(by_code: dict[str, dict[str, str]]) -> None:
    for code, row in by_code.items():
        assert re.fullmatch(r"Q\d+", row["qid"]) or row["qid"] == "", code
    qids = [row["qid"] for row in by_code.values() if row["qid"]]
    assert len(qids) == len(set(qids))


def test_known_qids(by_code: dict[str, dict[str, str]]) -> None:
    expected = {
        "RUS": "Q159",
        "UKR": "Q212",
        "PRK": "Q423",
        "KOR": "Q884",
        "CHN": "Q148",
        "USA": "Q30",
        "GBR": "Q145",
        "NLD": "Q55",
        "IRN": "Q794",
        "ISR": "Q801",
        "KOS": "Q1246",
        "PSE": "Q219060",
        "TWN": "Q865",
    }
    for code, qid in expected.items():
        assert by_code[code]["qid"] == qid, code


@pytest.mark.parametrize("code", KEY_STATES)
def test_key_states_have_dutch_adjectives_and_demonyms(
    by_code: dict[str, dict[str, str]], code: str
) -> None:
    row = by_code[code]
    assert row["name_en"] and row["name_nl"]
    assert len(items(row["adj_nl"])) >= 2, "base form and -e form"
    assert len(items(row["demonym_nl"])) >= 2, "singular and plural"
    assert items(row["adj_en"]) and items(row["demonym_en"])


def test_russia_capital_and_seat(by_code: dict[str, dict[str, str]]) -> None:
    assert "Moskou" in items(by_code["RUS"]["capitals"])
    assert "het Kremlin" in items(by_code["RUS"]["seats"])


def test_canonical_names_read_well(by_code: dict[str, dict[str, str]]) -> None:
    assert by_code["RUS"]["name_en"] == "Russia"
    assert by_code["PRK"]["name_en"] == "North Korea"
    assert by_code["GEO"]["name_nl"] == "Georgië"
    assert "Korea, Democratic People's Republic of" in items(by_code["PRK"]["names_en"])
    assert "Wit-Rusland" in items(by_code["BLR"]["names_nl"])
    inverted = re.compile(r", .*\b(of|of the|Republiek|Staat|Britse|Amerikaanse|British|U\.S\.)$")
    for code, row in by_code.items():
        for column in ("name_en", "name_nl"):
            assert not inverted.search(row[column]), (code, row[column])


def test_no_surface_form_names_two_countries(by_code: dict[str, dict[str, str]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for code, row in by_code.items():
        for column in COLUMNS[2:]:
            for form in items(row[column]):
                owners[form].add(code)
    shared = {form: codes for form, codes in owners.items() if len(codes) > 1}
    assert not shared


def test_generated_file_is_up_to_date(tmp_path: Path) -> None:
    script = load_script()
    output = tmp_path / "countries.tsv"
    count = script.build(output)
    assert count == len(load_rows(COUNTRIES)[1])
    assert output.read_text(encoding="utf-8") == COUNTRIES.read_text(encoding="utf-8"), (
        "countries.tsv is stale: run python scripts/build_countries.py"
    )


def test_extra_file_is_validated(tmp_path: Path) -> None:
    script = load_script()
    bad = tmp_path / "extra.tsv"
    bad.write_text(
        "# source: test\n" + "\t".join(COLUMNS) + "\nRUS\tnot-a-qid" + "\t" * 10 + "\n",
        encoding="utf-8",
    )
    with pytest.raises(script.BuildError, match="not a Wikidata QID"):
        script.build(tmp_path / "out.tsv", bad)
