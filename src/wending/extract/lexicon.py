"""Trigger, cue, unit and number lexicons of a language pack, validated."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from wending.errors import KnowledgeBaseError
from wending.kb.load import load_yaml, read_tsv
from wending.lang import pack_file
from wending.model import EVENT_TYPES

#: Dutch separable-verb particles (written joined in the lexicon). Prefixes
#: that are mostly inseparable (onder-, over-, door-, om-, achter-, voor-:
#: ondertekenen, overleggen, omsingelen) are left out; a trigger can name
#: its particle with the ``particle`` key.
PARTICLES = (
    "tegenover", "tegemoet", "gevangen", "overeen", "uiteen", "ineen", "terug", "binnen",
    "samen", "voort", "vrij", "vast", "neer", "open", "dicht", "dood", "dwars", "plat",
    "omver", "mee", "tegen", "weg", "uit", "toe", "aan", "af", "bij", "in", "na", "op",
    "los", "teweeg", "stop", "plaats", "lam",
)
MODALITY_KEYS = ("reported", "alleged", "denied", "planned", "predicted")


@dataclass(frozen=True, slots=True)
class Trigger:
    id: str
    event: str
    mode: str
    kind: str  # verb noun phrase
    lemmas: tuple[str, ...]
    recipient: tuple[str, ...]
    joint: bool
    context: tuple[str, ...]
    particle: str = ""
    stem: str = ""


@dataclass(frozen=True, slots=True)
class Cues:
    modality: dict[str, tuple[tuple[str, ...], ...]]
    negation: frozenset[str]
    hypothetical: frozenset[str]
    reporting_verbs: frozenset[str]
    background: frozenset[str]
    speaker_phrases: tuple[tuple[str, ...], ...]
    #: words of promising and vowing: an act they govern is coded as the
    #: commitment (AGREE or THREATEN, see ``extract/intent.py``)
    commitment: frozenset[str] = frozenset()
    #: those that also govern an object noun ("pledged military aid")
    commitment_object: frozenset[str] = frozenset()
    #: words of ending: the cooperation, aid or talks they govern as object
    #: are coded as a SANCTION (see ``extract/intent.py``)
    discontinue: frozenset[str] = frozenset()
    #: modal verbs of ability: negated ("kan niet", "cannot") they say no
    #: act took place; words of the list that carry the negation themselves
    #: ("cannot", "can't") need none
    inability: frozenset[str] = frozenset()
    #: words of failing: cooperation they govern did not come about and is
    #: coded as a rejection ("failed to reach agreement")
    failure: frozenset[str] = frozenset()
    #: modals of obligation: what a speaker says another must do is the
    #: speaker's demand (a REQUEST to the one obliged)
    obligation: tuple[tuple[str, ...], ...] = ()
    #: words of condition that make a stated future act an ultimatum (THREATEN)
    ultimatum: frozenset[str] = frozenset()
    #: words of making ready: an attack they govern has not happened; the
    #: forces are mobilized (MOBILIZE)
    preparation: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    lang: str
    triggers: tuple[Trigger, ...]
    cues: Cues
    units: dict[str, str]
    vague: dict[str, tuple[float, float]]

    def by_lemma(self) -> dict[str, list[Trigger]]:
        out: dict[str, list[Trigger]] = {}
        for t in self.triggers:
            for key in {t.lemmas[0], t.stem} - {""}:
                out.setdefault(key, []).append(t)
        return out


def split_particle(verb: str) -> tuple[str, str]:
    """``aanvallen`` -> (``aan``, ``vallen``); ``("", "")`` if not separable."""
    for p in PARTICLES:
        if verb.startswith(p) and len(verb) > len(p) + 3:
            return p, verb[len(p):]
    return "", ""


def _strings(path: Path, where: str, value: object) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise KnowledgeBaseError(str(path), None, f"{where}: expected a list of strings")


def load_triggers(path: Path, lang: str, tokenize: object = None) -> tuple[Trigger, ...]:
    data = load_yaml(path)
    items = data.get("triggers")
    if not isinstance(items, list):
        raise KnowledgeBaseError(str(path), None, "the file needs a 'triggers' list")
    out: list[Trigger] = []
    seen: set[str] = set()
    for n, item in enumerate(items, start=1):
        where = f"trigger #{n}"
        if not isinstance(item, dict):
            raise KnowledgeBaseError(str(path), None, f"{where} is not a mapping")
        tid = str(item.get("id") or "")
        if not tid or tid in seen:
            raise KnowledgeBaseError(str(path), None, f"{where}: missing or duplicate id {tid!r}")
        seen.add(tid)
        event = str(item.get("event") or "").upper()
        if event not in EVENT_TYPES:
            raise KnowledgeBaseError(str(path), None, f"{tid}: {event!r} is not a PLOVER type")
        kinds = [k for k in ("verb", "noun", "phrase") if item.get(k)]
        if len(kinds) != 1:
            raise KnowledgeBaseError(
                str(path), None, f"{tid}: give exactly one of verb/noun/phrase"
            )
        kind = kinds[0]
        text = str(item[kind]).lower().strip()
        lemmas = tuple(text.split())
        particle = stem = ""
        if kind == "verb" and lang == "nl" and len(lemmas) == 1:
            given = str(item.get("particle") or "")
            if given and text.startswith(given):
                particle, stem = given, text[len(given):]
            elif "particle" not in item:
                particle, stem = split_particle(text)
        if kind == "verb" and len(lemmas) == 2 and lang == "en":
            particle, stem = lemmas[1], lemmas[0]
        recipient = _strings(path, tid, item.get("recipient", ["object"]))
        out.append(
            Trigger(
                id=tid,
                event=event,
                mode=str(item.get("mode") or ""),
                kind=kind,
                lemmas=lemmas,
                recipient=tuple(r.lower() for r in recipient),
                joint=bool(item.get("joint", False)),
                context=_strings(path, tid, item.get("context")),
                particle=particle,
                stem=stem,
            )
        )
    return tuple(out)


def _phrases(path: Path, key: str, value: object) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.lower().split()) for p in _strings(path, key, value) if p.strip())


def _words(path: Path, data: dict[str, object], key: str) -> frozenset[str]:
    return frozenset(w.lower() for w in _strings(path, key, data.get(key)))


def load_cues(path: Path) -> Cues:
    data = load_yaml(path)
    return Cues(
        modality={k: _phrases(path, k, data.get(k)) for k in MODALITY_KEYS},
        negation=_words(path, data, "negation"),
        hypothetical=_words(path, data, "hypothetical"),
        reporting_verbs=_words(path, data, "reporting_verbs"),
        background=_words(path, data, "background"),
        speaker_phrases=_phrases(path, "speaker_phrases", data.get("speaker_phrases")),
        commitment=_words(path, data, "commitment"),
        commitment_object=_words(path, data, "commitment_object"),
        discontinue=_words(path, data, "discontinue"),
        inability=_words(path, data, "inability"),
        failure=_words(path, data, "failure"),
        obligation=_phrases(path, "obligation", data.get("obligation")),
        ultimatum=_words(path, data, "ultimatum"),
        preparation=_words(path, data, "preparation"),
    )


def load_units(path: Path) -> dict[str, str]:
    return {row["word"].lower(): row["unit"] for _, row in read_tsv(path, ("word", "unit"))}


def load_vague(path: Path) -> dict[str, tuple[float, float]]:
    out = {}
    for n, row in read_tsv(path, ("word", "low", "high")):
        try:
            low, high = float(row["low"]), float(row["high"])
        except ValueError:
            raise KnowledgeBaseError(str(path), n, "low and high must be numbers") from None
        if low > high:
            raise KnowledgeBaseError(str(path), n, "low is above high")
        out[row["word"].lower()] = (low, high)
    return out


def load_lexicon(lang: str, extra: Iterable[Path] = ()) -> Lexicon:
    """The lexicon of a built-in language pack, plus extra trigger files."""
    triggers = list(load_triggers(pack_file(lang, "triggers.yaml"), lang))
    for path in extra:
        added = load_triggers(path, lang)
        ids = {t.id for t in added}
        triggers = [t for t in triggers if t.id not in ids] + list(added)
    return Lexicon(
        lang=lang,
        triggers=tuple(triggers),
        cues=load_cues(pack_file(lang, "cues.yaml")),
        units=load_units(pack_file(lang, "units.tsv")),
        vague=load_vague(pack_file(lang, "numbers.tsv")),
    )
