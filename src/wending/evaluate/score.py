"""Score predicted events against a gold corpus, exactly as ``corpus/SPEC.md`` says.

An extracted event matches a gold event of the same article when

1. its type is the gold ``event`` or one of its ``alt_events``,
2. its source codes intersect the gold source codes, and
3. where the gold event has a target, its target codes intersect the gold
   target codes (a gold target ``[]`` accepts any target, or none).

Each gold event matches at most one prediction and each prediction at most
one gold event, and the score takes the *largest* such matching. Per article,
the candidate pairs form a bipartite graph; :func:`networkx.max_weight_matching`
with ``maxcardinality=True`` finds a maximum-cardinality matching, and the
edge weight ``1000 + number of attributes that agree`` chooses, among the
maximum matchings, the one whose pairs agree best on date, quantity,
modality, location and mode. (1000 exceeds any sum of attribute bonuses, so
the weight alone would already never trade a pair for better attributes.)

Attributes are scored on matched pairs only, each where the gold event has
it: ``date`` (ranges overlap and the prediction's precision is no coarser
than gold's), ``quantity`` (value within 10 %, same unit: case-insensitive,
singular and plural alike), ``modality`` (equal; where gold codes one),
``location`` (equal, case- and whitespace-insensitive, as a whole string),
``mode`` (equal, case-insensitive; where gold's mode is not empty).

The library is pure: it reads nothing and prints nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from wending.evaluate.gold import Corpus, DateRange, Scored, scored_from_prediction
from wending.model import article_id

#: Attributes scored on matched pairs, in report order.
ATTRIBUTES: tuple[str, ...] = ("date", "quantity", "modality", "location", "mode")

#: Edge weight of a candidate pair before its attribute bonus.
PAIR_WEIGHT = 1000

#: Relative tolerance of a quantity's value.
QUANTITY_TOLERANCE = 0.10

#: Language bucket of predictions for documents that are not in the corpus.
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class Tally:
    """Counts of one slice. ``matched`` counts matched gold events (recall's
    numerator), ``matched_found`` matched predictions (precision's). They
    differ only in a by-type slice, where a prediction of an alternative type
    is matched under its own type and the gold event under the gold type."""

    gold: int = 0
    found: int = 0
    matched: int = 0
    matched_found: int = 0

    @property
    def precision(self) -> float:
        return self.matched_found / self.found if self.found else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)


@dataclass(frozen=True, slots=True)
class AttributeScore:
    """Accuracy of one attribute over the matched pairs whose gold has it."""

    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class Pair:
    """A matched gold event and prediction, with the verdict on each
    attribute the gold event has."""

    gold: Scored
    predicted: Scored
    verdicts: Mapping[str, bool]


@dataclass(frozen=True, slots=True)
class Miss:
    """A gold event no prediction matched."""

    doc: str
    id: str
    lang: str
    event: str
    alt_events: tuple[str, ...]
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    evidence: str
    context: str


@dataclass(frozen=True, slots=True)
class FalseAlarm:
    """A prediction that matched no gold event. ``known_doc`` is false for a
    prediction about an article that is not in the corpus."""

    doc: str
    id: str
    index: int
    lang: str
    event: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]
    evidence: str
    context: str
    known_doc: bool = True


@dataclass(frozen=True, slots=True)
class ScoreReport:
    """Everything :func:`score` measures. ``by_doc`` keys are article ids
    (plus unknown docs that predictions name)."""

    total: Tally
    by_lang: Mapping[str, Tally]
    by_type: Mapping[str, Tally]
    by_doc: Mapping[str, Tally]
    attributes: Mapping[str, AttributeScore]
    pairs: tuple[Pair, ...]
    misses: tuple[Miss, ...]
    false_alarms: tuple[FalseAlarm, ...]
    name: str = ""
    articles: int = 0

    @property
    def gold(self) -> int:
        return self.total.gold

    @property
    def found(self) -> int:
        return self.total.found

    @property
    def matched(self) -> int:
        return self.total.matched

    @property
    def precision(self) -> float:
        return self.total.precision

    @property
    def recall(self) -> float:
        return self.total.recall

    @property
    def f1(self) -> float:
        return self.total.f1


def f1(precision: float, recall: float) -> float:
    """Harmonic mean; 0 when both are 0."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


# -- the rules ---------------------------------------------------------------------


def can_match(gold: Scored, predicted: Scored) -> bool:
    """SPEC.md's three conditions (the document is checked by the caller)."""
    if predicted.event not in gold.types:
        return False
    if not gold.source_codes & predicted.source_codes:
        return False
    if gold.target_codes is None:
        return True
    return bool(predicted.target_codes and gold.target_codes & predicted.target_codes)


def date_agrees(gold: DateRange, predicted: DateRange | None) -> bool:
    """Ranges overlap and the prediction is no coarser than gold."""
    if predicted is None:
        return False
    overlap = predicted.start <= gold.end and gold.start <= predicted.end
    return overlap and predicted.rank <= gold.rank


def _singulars(unit: str) -> set[str]:
    word = " ".join(unit.split()).casefold()
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("es"):
        forms.add(word[:-2])
    if word.endswith("s"):
        forms.add(word[:-1])
    return forms


def same_unit(a: str, b: str) -> bool:
    """Units are equal ignoring case and a plural ending (``-s``, ``-es``, ``-ies``)."""
    return bool(_singulars(a) & _singulars(b))


def quantity_agrees(gold: tuple[float, str], predicted: tuple[float, str] | None) -> bool:
    """Value within 10 % of gold's and the same unit."""
    if predicted is None:
        return False
    gold_value, gold_unit = gold
    value, unit = predicted
    close = abs(value - gold_value) <= QUANTITY_TOLERANCE * abs(gold_value) + 1e-9
    return close and same_unit(gold_unit, unit)


def _squash(text: str) -> str:
    return " ".join(text.split()).casefold()


def attribute_verdicts(gold: Scored, predicted: Scored) -> dict[str, bool]:
    """Whether each attribute agrees, for the attributes the gold event has."""
    out: dict[str, bool] = {}
    if gold.date is not None:
        out["date"] = date_agrees(gold.date, predicted.date)
    if gold.quantity is not None:
        out["quantity"] = quantity_agrees(gold.quantity, predicted.quantity)
    if gold.modality is not None:
        out["modality"] = (predicted.modality or "").casefold() == gold.modality.casefold()
    if gold.location.strip():
        out["location"] = _squash(predicted.location) == _squash(gold.location)
    if gold.mode.strip():
        out["mode"] = _squash(predicted.mode) == _squash(gold.mode)
    return out


def match(gold: Sequence[Scored], predicted: Sequence[Scored]) -> list[tuple[int, int]]:
    """The largest matching between one article's gold events and predictions,
    best attributes first among the largest: ``(gold index, prediction index)``
    pairs, sorted."""
    graph = nx.Graph()
    for i, g in enumerate(gold):
        for j, p in enumerate(predicted):
            if can_match(g, p):
                bonus = sum(attribute_verdicts(g, p).values())
                graph.add_edge(("g", i), ("p", j), weight=PAIR_WEIGHT + bonus)
    pairs: list[tuple[int, int]] = []
    for a, b in nx.max_weight_matching(graph, maxcardinality=True):
        g_node, p_node = (a, b) if a[0] == "g" else (b, a)
        pairs.append((int(g_node[1]), int(p_node[1])))
    return sorted(pairs)


# -- context for misses and false alarms ----------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])([\"'”’»]?)[ \t]+|\n")


def sentences_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` that overlap ``[start, end)``."""
    low, high = start, max(end, start + 1)
    found: list[str] = []
    begin = 0
    bounds = [(m.start() + len(m.group(1) or ""), m.end()) for m in _SENTENCE_END.finditer(text)]
    bounds.append((len(text), len(text)))
    for stop, following in bounds:
        if begin < high and stop > low:
            piece = text[begin:stop].strip()
            if piece:
                found.append(piece)
        begin = following
        if begin >= high:
            break
    return " ".join(found)


def _context(text: str, event: Scored) -> str:
    if not text:
        return ""
    pieces: list[str] = []
    for start, end in event.spans:
        if end <= len(text):
            piece = sentences_around(text, start, end)
            if piece and piece not in pieces:
                pieces.append(piece)
    if pieces:
        return " … ".join(pieces)
    first = event.evidence.split(" … ")[0]
    at = text.find(first) if first else -1
    if at >= 0:
        return sentences_around(text, at, at + len(first))
    return text if len(text) <= 300 else text[:300].rstrip() + " …"


# -- scoring -------------------------------------------------------------------------


def _resolve_docs(predicted: Sequence[Scored], corpus: Corpus) -> list[str]:
    """Each prediction's corpus doc: its ``doc``, else its ``article_id`` where
    that is the content hash Wending gives the article."""
    ids = {str(a["id"]) for a in corpus.articles}
    hashes: dict[str, str] | None = None
    out: list[str] = []
    for p in predicted:
        doc = p.doc
        if doc not in ids:
            if hashes is None:
                hashes = {article_id(str(a["text"])): str(a["id"]) for a in corpus.articles}
            doc = hashes.get(doc) or hashes.get(str(p.raw.get("article_id") or ""), doc)
        out.append(doc)
    return out


def score(predicted: Sequence[Mapping[str, Any]], corpus: Corpus) -> ScoreReport:
    """Score predicted event records against ``corpus`` (SPEC.md).

    ``predicted`` holds Wending's JSON records or PLOVER-like ones (see
    :func:`wending.evaluate.gold.scored_from_prediction`). Raises
    :class:`wending.errors.GoldError` for a record that cannot be read.
    """
    preds = [scored_from_prediction(rec, index=i) for i, rec in enumerate(predicted)]
    docs = _resolve_docs(preds, corpus)
    articles = {str(a["id"]): a for a in corpus.articles}
    lang_of = {doc: str(a.get("lang") or UNKNOWN) for doc, a in articles.items()}

    gold_by_doc: dict[str, list[Scored]] = defaultdict(list)
    for g in corpus.gold:
        gold_by_doc[g.doc].append(g)
    pred_by_doc: dict[str, list[Scored]] = defaultdict(list)
    for doc, p in zip(docs, preds, strict=True):
        pred_by_doc[doc].append(p)

    pairs: list[Pair] = []
    misses: list[Miss] = []
    alarms: list[FalseAlarm] = []
    order = list(articles) + sorted(d for d in pred_by_doc if d not in articles)
    for doc in order:
        golds, guesses = gold_by_doc.get(doc, []), pred_by_doc.get(doc, [])
        text = str(articles[doc]["text"]) if doc in articles else ""
        lang = lang_of.get(doc, UNKNOWN)
        matching = match(golds, guesses)
        for i, j in matching:
            pairs.append(Pair(golds[i], guesses[j], attribute_verdicts(golds[i], guesses[j])))
        hit_gold = {i for i, _ in matching}
        hit_pred = {j for _, j in matching}
        for i, g in enumerate(golds):
            if i not in hit_gold:
                misses.append(Miss(
                    doc=doc, id=g.id, lang=lang, event=g.event,
                    alt_events=tuple(sorted(g.alt_events)), sources=g.sources,
                    targets=g.targets, evidence=g.evidence, context=_context(text, g),
                ))
        for j, p in enumerate(guesses):
            if j not in hit_pred:
                alarms.append(FalseAlarm(
                    doc=doc, id=p.id, index=p.index, lang=lang, event=p.event,
                    sources=p.sources, targets=p.targets, evidence=p.evidence,
                    context=_context(text, p), known_doc=doc in articles,
                ))

    matched_gold = {id(pair.gold) for pair in pairs}
    matched_pred = {id(pair.predicted) for pair in pairs}
    slices: dict[str, dict[str, list[int]]] = {"lang": {}, "type": {}, "doc": {}}

    def add(kind: str, key: str, column: int) -> None:
        slices[kind].setdefault(key, [0, 0, 0, 0])[column] += 1

    for g in corpus.gold:
        hit = id(g) in matched_gold
        for kind, key in (("lang", lang_of.get(g.doc, UNKNOWN)), ("type", g.event),
                          ("doc", g.doc)):
            add(kind, key, 0)
            if hit:
                add(kind, key, 2)
    for doc, p in zip(docs, preds, strict=True):
        hit = id(p) in matched_pred
        for kind, key in (("lang", lang_of.get(doc, UNKNOWN)), ("type", p.event), ("doc", doc)):
            add(kind, key, 1)
            if hit:
                add(kind, key, 3)

    def tallies(kind: str, keys: Sequence[str] | None = None) -> dict[str, Tally]:
        rows = slices[kind]
        return {
            k: Tally(*rows.get(k, (0, 0, 0, 0)))
            for k in (keys if keys is not None else sorted(rows))
        }

    attributes: dict[str, AttributeScore] = {}
    for name in ATTRIBUTES:
        verdicts = [pair.verdicts[name] for pair in pairs if name in pair.verdicts]
        attributes[name] = AttributeScore(correct=sum(verdicts), total=len(verdicts))

    return ScoreReport(
        total=Tally(len(corpus.gold), len(preds), len(pairs), len(pairs)),
        by_lang=tallies("lang"),
        by_type=tallies("type"),
        by_doc=tallies("doc", order),
        attributes=attributes,
        pairs=tuple(pairs),
        misses=tuple(misses),
        false_alarms=tuple(alarms),
        name=corpus.name,
        articles=len(articles),
    )
