"""Checks of the language lexicons in src/wending/lang/<code>/.

The files are plain data (docs/data-formats.md); these tests only read them
with yaml.safe_load and csv, so they hold independently of the engine.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

LANG_DIR = Path(__file__).resolve().parents[1] / "src" / "wending" / "lang"
LANGS = ["nl", "en"]

EVENT_TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
]

# PLOVER 2.0 modes, plus the free-text modes the dev gold uses where the
# manual has none (AID military/humanitarian/economic, CONCEDE apology).
MODES: dict[str, set[str]] = {
    "AGREE": set(),
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "SUPPORT": set(),
    "CONCEDE": {"apology"},
    "COOPERATE": set(),
    "AID": {"military", "humanitarian", "economic"},
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "THREATEN": {"restrict", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport",
               "withhold", "misinformation", "cyber"},
    "ASSAULT": {"abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive",
                "firearms", "explosives", "suicide-attack", "aerial", "drone",
                "heavy-weapons", "crowd-control", "unconventional"},
}

CONTEXTS = {
    "military", "intelligence", "executive", "legislative", "election",
    "political_institutions", "pro_democracy", "pro_autocracy", "economic", "legal",
    "reparations", "human_rights", "rights_freedoms", "repression", "human_security",
    "gender", "lgbt", "religion_ethnicity", "inequality", "diplomatic", "territory",
    "peacekeeping", "health", "asylum", "migration", "disasters", "natural_resource",
    "environment", "technology", "terrorism", "cbrn", "cyber", "misinformation", "crime",
    "corruption", "illegal_drugs", "trafficking",
}

# Where a recipient can be: the direct object, the subject (victim verbs), or
# the object of one of these prepositions.
RECIPIENT_SLOTS = {
    "nl": {"object", "subject", "aan", "op", "tegen", "naar", "van", "met", "bij", "voor",
           "in", "uit", "tussen", "achter", "over", "tot", "onder", "territory"},
    "en": {"object", "subject", "to", "on", "against", "at", "of", "from", "with", "for",
           "in", "into", "about", "over", "between", "behind", "upon", "territory"},
}

TRIGGER_KEYS = {"id", "event", "mode", "context", "verb", "noun", "phrase", "recipient",
                "joint", "alt"}
CUE_KEYS = ["reported", "alleged", "denied", "planned", "predicted", "negation",
            "hypothetical", "reporting_verbs", "background", "speaker_phrases"]
SOURCE_TEXT = "CAMEO-to-PLOVER 2021"


def load_yaml(lang: str, name: str) -> dict[str, Any]:
    path = LANG_DIR / lang / name
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path}: top level must be a mapping"
    return data


def load_tsv(lang: str, name: str) -> tuple[str, list[str], list[tuple[int, list[str]]]]:
    """(first line, header, [(line number, row)]) of a TSV file, comments skipped."""
    path = LANG_DIR / lang / name
    lines = path.read_text(encoding="utf-8").splitlines()
    rows: list[tuple[int, list[str]]] = []
    header: list[str] = []
    for number, row in enumerate(csv.reader(lines, delimiter="\t"), start=1):
        if not row or row[0].startswith("#"):
            continue
        if not header:
            header = row
            continue
        rows.append((number, row))
    return lines[0], header, rows


@pytest.fixture(scope="module", params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


# ---------------------------------------------------------------- triggers

def test_triggers_source(lang: str) -> None:
    text = (LANG_DIR / lang / "triggers.yaml").read_text(encoding="utf-8")
    assert text.startswith("source:")
    assert SOURCE_TEXT in load_yaml(lang, "triggers.yaml")["source"]


def test_trigger_entries_are_well_formed(lang: str) -> None:
    triggers = load_yaml(lang, "triggers.yaml")["triggers"]
    assert isinstance(triggers, list) and triggers
    problems: list[str] = []
    for entry in triggers:
        tid = entry.get("id", "?")
        unknown = set(entry) - TRIGGER_KEYS
        if unknown:
            problems.append(f"{tid}: unknown keys {sorted(unknown)}")
        event = entry.get("event")
        if event not in EVENT_TYPES:
            problems.append(f"{tid}: event {event!r} is not a PLOVER 2.0 type")
            continue
        if not re.fullmatch(rf"{lang}\.{event.lower()}\.[a-z0-9-]+", str(tid)):
            problems.append(f"{tid}: id must be {lang}.{event.lower()}.<slug>")
        kinds = [k for k in ("verb", "noun", "phrase") if k in entry]
        if len(kinds) != 1:
            problems.append(f"{tid}: needs exactly one of verb/noun/phrase, has {kinds}")
        else:
            value = entry[kinds[0]]
            if not isinstance(value, str) or not value.strip() or value != value.strip():
                problems.append(f"{tid}: {kinds[0]} must be a non-empty string")
            elif kinds[0] == "noun" and " " in value:
                problems.append(f"{tid}: a noun is one word; use phrase")
            elif kinds[0] == "verb" and len(value.split()) > (2 if lang == "en" else 1):
                # English phrasal verbs are "verb particle" (pull out); Dutch
                # separable verbs are written joined (terugtrekken)
                problems.append(f"{tid}: verb has too many words; use phrase")
            elif kinds[0] == "phrase" and " " not in value:
                problems.append(f"{tid}: a phrase has more than one word")
            elif value != value.lower():
                problems.append(f"{tid}: lemmas are lowercase")
        mode = entry.get("mode", "")
        if not isinstance(mode, str):
            problems.append(f"{tid}: mode must be a string")
        elif mode and mode not in MODES[event]:
            problems.append(f"{tid}: mode {mode!r} is not a mode of {event}")
        recipient = entry.get("recipient", ["object"])
        if not isinstance(recipient, list) or not all(isinstance(r, str) for r in recipient):
            problems.append(f"{tid}: recipient must be a list of strings")
        else:
            bad = set(recipient) - RECIPIENT_SLOTS[lang]
            if bad:
                problems.append(f"{tid}: unknown recipient positions {sorted(bad)}")
        context = entry.get("context", [])
        if not isinstance(context, list) or not set(context) <= CONTEXTS:
            problems.append(f"{tid}: context must be a list of PLOVER contexts")
        if "joint" in entry and not isinstance(entry["joint"], bool):
            problems.append(f"{tid}: joint must be true or false")
        alt = entry.get("alt", [])
        if not isinstance(alt, list) or not set(alt) <= set(EVENT_TYPES) or event in alt:
            problems.append(f"{tid}: alt must list other PLOVER types")
    assert not problems, "\n".join(problems)


def test_trigger_ids_are_unique(lang: str) -> None:
    ids = Counter(e["id"] for e in load_yaml(lang, "triggers.yaml")["triggers"])
    dupes = [i for i, n in ids.items() if n > 1]
    assert not dupes, dupes


def test_each_lemma_has_one_reading(lang: str) -> None:
    """The same verb/noun/phrase is listed once; other readings go in alt or a comment."""
    seen: Counter[tuple[str, str]] = Counter()
    for entry in load_yaml(lang, "triggers.yaml")["triggers"]:
        kind = next(k for k in ("verb", "noun", "phrase") if k in entry)
        seen[(kind, entry[kind])] += 1
    dupes = [k for k, n in seen.items() if n > 1]
    assert not dupes, dupes


def test_all_event_types_are_covered(lang: str) -> None:
    counts = Counter(e["event"] for e in load_yaml(lang, "triggers.yaml")["triggers"])
    thin = {t: counts.get(t, 0) for t in EVENT_TYPES if counts.get(t, 0) < 5}
    assert not thin, f"types with fewer than 5 triggers: {thin}"
    assert sum(counts.values()) >= 250


@pytest.mark.parametrize(
    ("lang_code", "kind", "value", "event"),
    [
        ("nl", "verb", "aanvallen", "ASSAULT"),
        ("nl", "verb", "binnenvallen", "ASSAULT"),
        ("nl", "noun", "luchtaanval", "ASSAULT"),
        ("nl", "noun", "staakt-het-vuren", "RETREAT"),
        ("nl", "noun", "sanctie", "SANCTION"),
        ("nl", "verb", "beschuldigen", "ACCUSE"),
        ("nl", "verb", "leveren", "AID"),
        ("nl", "verb", "terugtrekken", "RETREAT"),
        ("en", "verb", "attack", "ASSAULT"),
        ("en", "noun", "airstrike", "ASSAULT"),
        ("en", "noun", "ceasefire", "RETREAT"),
        ("en", "phrase", "impose sanction", "SANCTION"),
        ("en", "verb", "pull out", "RETREAT"),
        ("en", "verb", "accuse", "ACCUSE"),
        ("en", "phrase", "strike deal", "AGREE"),
    ],
)
def test_core_triggers(lang_code: str, kind: str, value: str, event: str) -> None:
    triggers = load_yaml(lang_code, "triggers.yaml")["triggers"]
    found = [e["event"] for e in triggers if e.get(kind) == value]
    assert found == [event]


def test_joint_triggers_exist(lang: str) -> None:
    joint = [e for e in load_yaml(lang, "triggers.yaml")["triggers"] if e.get("joint")]
    assert {e["event"] for e in joint} >= {"AGREE", "CONSULT", "ASSAULT", "RETREAT"}


# ---------------------------------------------------------------- cues

def test_cue_keys(lang: str) -> None:
    cues = load_yaml(lang, "cues.yaml")
    assert SOURCE_TEXT in cues["source"]
    for key in CUE_KEYS:
        values = cues.get(key)
        assert isinstance(values, list) and values, f"{lang} cues: {key} missing or empty"
        for value in values:
            assert isinstance(value, str) and value.strip() == value and value, (key, value)
            assert value == value.lower(), (key, value)
        assert len(values) == len(set(values)), f"{lang} cues: duplicates in {key}"


def test_cues_do_not_mark_two_modalities(lang: str) -> None:
    cues = load_yaml(lang, "cues.yaml")
    modal = ["reported", "alleged", "denied", "planned", "predicted"]
    owner: dict[str, str] = {}
    clashes = []
    for key in modal:
        for value in cues[key]:
            if value in owner:
                clashes.append((value, owner[value], key))
            owner[value] = key
    assert not clashes, clashes


# ---------------------------------------------------------------- units

def test_units(lang: str) -> None:
    first, header, rows = load_tsv(lang, "units.tsv")
    assert first.startswith("# source:") and SOURCE_TEXT in first
    assert header == ["word", "unit"]
    assert rows
    words: Counter[str] = Counter()
    for number, row in rows:
        assert len(row) == 2, f"{lang}/units.tsv:{number}: two columns expected"
        word, unit = row
        assert word and word == word.lower() and word.strip() == word, (number, word)
        assert unit.strip(), f"{lang}/units.tsv:{number}: empty unit"
        words[word] += 1
    assert not [w for w, n in words.items() if n > 1]
    units = {row[1] for _, row in rows}
    assert {"soldier", "death", "injury", "person", "prisoner", "euro", "missile",
            "drone", "shell"} <= units


# ---------------------------------------------------------------- numbers

def test_numbers(lang: str) -> None:
    first, header, rows = load_tsv(lang, "numbers.tsv")
    assert first.startswith("# source:") and SOURCE_TEXT in first
    assert header == ["word", "low", "high"]
    seen = set()
    for number, row in rows:
        assert len(row) == 3, f"{lang}/numbers.tsv:{number}: three columns expected"
        word, low, high = row[0], int(row[1]), int(row[2])
        assert word == word.lower() and word not in seen, (number, word)
        seen.add(word)
        assert 0 < low <= high, f"{lang}/numbers.tsv:{number}: low <= high"


@pytest.mark.parametrize(
    ("lang_code", "word", "low"),
    [
        ("nl", "tientallen", 20), ("nl", "honderden", 200), ("nl", "duizenden", 2000),
        ("nl", "tienduizenden", 20000), ("nl", "honderdduizenden", 200000),
        ("nl", "miljoenen", 2000000),
        ("en", "dozens", 24), ("en", "hundreds", 200), ("en", "thousands", 2000),
        ("en", "tens of thousands", 20000), ("en", "hundreds of thousands", 200000),
        ("en", "millions", 2000000),
    ],
)
def test_vague_amounts_take_the_lower_bound(lang_code: str, word: str, low: int) -> None:
    _, _, rows = load_tsv(lang_code, "numbers.tsv")
    table = {row[0]: int(row[1]) for _, row in rows}
    assert table[word] == low
