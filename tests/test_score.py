"""The scorer follows corpus/SPEC.md rule by rule, on hand-made articles."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wending.errors import GoldError
from wending.evaluate.gold import (
    Corpus,
    DateRange,
    parse_date,
    read_corpus,
    read_predictions,
    scored_from_gold,
    scored_from_prediction,
)
from wending.evaluate.report import to_json, to_text
from wending.evaluate.score import (
    can_match,
    date_agrees,
    match,
    quantity_agrees,
    same_unit,
    score,
    sentences_around,
)
from wending.model import DateValue, Entity, Event, Quantity, Span, article_id
from wending.plover import event_to_plover

CORPUS_ROOT = Path("/work/shared/corpus")

TEXT_EN = (
    "Ruritanian artillery shelled the Freedonian town of Aldor on Friday. "
    "Freedonia called the attack a crime! Both governments met in Genf later."
)
TEXT_NL = (
    "Ruritanië stuurde dinsdag vijfhonderd soldaten naar de grens. "
    "Freedonia eiste dat de troepen vertrekken."
)
ARTICLES: list[dict[str, Any]] = [
    {"id": "a1", "lang": "en", "published": "2024-03-10", "outlet": "The Test",
     "title": "Shelling", "text": TEXT_EN},
    {"id": "a2", "lang": "nl", "published": "2024-03-12", "outlet": "De Toets",
     "title": "Troepen", "text": TEXT_NL},
]


def actors(*codes: str) -> list[dict[str, str]]:
    return [{"actorText": f"the {c} side", "code": c} for c in codes]


def gold(ident: str = "g1", **fields: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "doc": "a1", "id": ident, "event": "ASSAULT", "alt_events": [], "mode": "",
        "source": actors("RUR"), "target": actors("FRE"), "modality": "asserted",
        "evidence": "Ruritanian artillery shelled the Freedonian town of Aldor",
    }
    rec.update(fields)
    return rec


def pred(**fields: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "doc": "a1", "event": "ASSAULT", "actor": actors("RUR"), "recipient": actors("FRE"),
        "modality": "asserted",
    }
    rec.update(fields)
    return rec


def corpus(*events: dict[str, Any]) -> Corpus:
    return Corpus.from_records(ARTICLES, events, name="hand")


def one(g: dict[str, Any], p: dict[str, Any]) -> int:
    """Number of matches between one gold event and one prediction."""
    return score([p], corpus(g)).matched


# -- matching ------------------------------------------------------------------------


def test_exact_event_matches() -> None:
    report = score([pred()], corpus(gold()))
    assert (report.gold, report.found, report.matched) == (1, 1, 1)
    assert report.precision == report.recall == report.f1 == 1.0
    assert report.misses == () and report.false_alarms == ()


def test_alt_events_count_and_other_types_do_not() -> None:
    g = gold(alt_events=["COERCE"])
    assert one(g, pred(event="COERCE")) == 1
    assert one(g, pred(event="SANCTION")) == 0


@pytest.mark.parametrize(
    ("gold_type", "pred_type"),
    [
        ("FIGHT", "ASSAULT"), ("DEMAND", "REQUEST"), ("DISAPPROVE", "ACCUSE"),
        ("INVESTIGATE", "ACCUSE"), ("ASSAULT", "FIGHT"), ("REQUEST", "demand"),
        ("ACCUSE", "Disapprove"), ("ACCUSE", "INVESTIGATE"), ("FIGHT", "fight"),
    ],
)
def test_old_type_names_in_gold_and_predictions(gold_type: str, pred_type: str) -> None:
    report = score([pred(event=pred_type)], corpus(gold(event=gold_type)))
    assert report.matched == 1
    assert set(report.by_type) == {scored_from_gold(gold(event=gold_type)).event}


def test_old_type_names_in_alt_events() -> None:
    g = gold(event="COERCE", alt_events=["FIGHT", "DEMAND"])
    assert one(g, pred(event="ASSAULT")) == 1
    assert one(g, pred(event="REQUEST")) == 1


def test_gold_without_target_accepts_any_target_or_none() -> None:
    g = gold(event="AGREE", source=actors("RUR", "FRE"), target=[])
    assert one(g, pred(event="AGREE", recipient=actors("ZZZ"))) == 1
    assert one(g, pred(event="AGREE", recipient=[])) == 1
    assert one(g, pred(event="AGREE", actor=actors("FRE"), recipient=None)) == 1


def test_gold_with_target_needs_intersecting_target() -> None:
    g = gold(target=actors("FRE", "UNO"))
    assert one(g, pred(recipient=actors("UNO", "USA"))) == 1
    assert one(g, pred(recipient=actors("USA"))) == 0
    assert one(g, pred(recipient=[])) == 0


def test_source_must_intersect() -> None:
    g = gold(source=actors("RUR", "IMG"))
    assert one(g, pred(actor=actors("IMG"))) == 1
    assert one(g, pred(actor=actors("FRE"))) == 0
    assert one(g, pred(actor=[])) == 0


def test_gold_without_source_can_not_match() -> None:
    assert one(gold(source=[]), pred()) == 0


def test_codes_are_upper_cased_and_xkx_is_kos() -> None:
    assert one(gold(source=actors("XKX")), pred(actor=actors("kos"))) == 1
    assert one(gold(source=actors("KOS")), pred(actor=actors("xkx"))) == 1
    assert one(gold(target=actors("xkx")), pred(recipient=actors("XKX"))) == 1
    assert scored_from_gold(gold(source=actors("XKX"))).source_codes == {"KOS"}


def test_prediction_codes_may_be_plain_strings_and_plover_names() -> None:
    rec = {"doc": "a1", "event": "FIGHT", "source": ["rur"], "target": ["FRE"]}
    assert one(gold(), rec) == 1


def test_one_match_per_gold_event_and_per_prediction() -> None:
    report = score([pred(), pred()], corpus(gold()))
    assert (report.matched, len(report.false_alarms), len(report.misses)) == (1, 1, 0)
    report = score([pred()], corpus(gold("g1"), gold("g2")))
    assert (report.matched, len(report.false_alarms), len(report.misses)) == (1, 0, 1)


def test_largest_matching_beats_greedy() -> None:
    # p1 can match A or B, p2 only A; greedy p1->A (the first gold, with the
    # better attributes) would leave p2 unmatched.
    a = gold("A", target=[], date="2024-03-08", location="Aldor")
    b = gold("B", target=actors("FRE"))
    p1 = pred(recipient=actors("FRE"), date="2024-03-08", event_loc="Aldor")
    p2 = pred(recipient=actors("ZZZ"))
    report = score([p1, p2], corpus(a, b))
    assert report.matched == 2
    assert {(p.gold.id, p.predicted.index) for p in report.pairs} == {("A", 1), ("B", 0)}


def test_best_attributes_among_largest_matchings() -> None:
    g1 = gold("g1", date="2024-03-01", location="Aldor")
    g2 = gold("g2", date="2024-03-08", location="Berin")
    p1 = pred(date="2024-03-08", event_loc="Berin")
    p2 = pred(date="2024-03-01", event_loc="Aldor")
    report = score([p1, p2], corpus(g1, g2))
    assert report.matched == 2
    assert report.attributes["date"].accuracy == 1.0
    assert report.attributes["location"].accuracy == 1.0


def test_predictions_only_match_gold_of_their_own_article() -> None:
    report = score([pred(doc="a2")], corpus(gold()))
    assert report.matched == 0 and len(report.false_alarms) == 1


def test_predictions_for_unknown_docs_are_false_alarms() -> None:
    report = score([pred(), pred(doc="elsewhere")], corpus(gold()))
    assert (report.found, report.matched) == (2, 1)
    (alarm,) = report.false_alarms
    assert alarm.doc == "elsewhere" and not alarm.known_doc
    assert report.by_doc["elsewhere"].found == 1
    assert report.by_lang["unknown"].found == 1


def test_wending_article_hash_is_read_as_the_corpus_doc() -> None:
    report = score([pred(doc=article_id(TEXT_EN))], corpus(gold()))
    assert report.matched == 1


def test_empty_inputs_give_zeros() -> None:
    empty = Corpus.from_records([], [])
    for report in (score([], empty), score([], corpus()), score([pred()], corpus())):
        assert report.matched == 0
        assert report.precision == report.recall == report.f1 == 0.0
        assert all(a.total == 0 and a.accuracy == 0.0 for a in report.attributes.values())
        assert isinstance(to_text(report), str)
        json.dumps(to_json(report))
    assert score([], corpus(gold())).misses[0].id == "g1"


def test_by_lang_and_by_type() -> None:
    g_nl = gold("n1", doc="a2", event="MOBILIZE", alt_events=["AID"], target=[],
                evidence="Ruritanië stuurde dinsdag vijfhonderd soldaten naar de grens")
    g_nl2 = gold("n2", doc="a2", event="REQUEST", source=actors("FRE"), target=actors("RUR"),
                 evidence="Freedonia eiste dat de troepen vertrekken")
    preds = [pred(), pred(doc="a2", event="AID", recipient=[]), pred(doc="a2", event="THREATEN")]
    report = score(preds, corpus(gold(), g_nl, g_nl2))
    en, nl = report.by_lang["en"], report.by_lang["nl"]
    assert (en.gold, en.found, en.matched, en.precision, en.recall) == (1, 1, 1, 1.0, 1.0)
    assert (nl.gold, nl.found, nl.matched) == (2, 2, 1)
    assert nl.precision == 0.5 and nl.recall == 0.5
    # recall by the gold type, precision by the predicted type
    assert report.by_type["MOBILIZE"].recall == 1.0 and report.by_type["MOBILIZE"].found == 0
    assert report.by_type["AID"].precision == 1.0 and report.by_type["AID"].gold == 0
    assert report.by_type["THREATEN"].precision == 0.0
    assert report.by_type["REQUEST"].recall == 0.0
    assert report.by_doc["a2"].gold == 2 and report.by_doc["a1"].matched == 1


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from("AB"), st.sampled_from("XY")), max_size=5),
    st.lists(st.tuples(st.sampled_from("AB"), st.sampled_from("XYZ")), max_size=5),
)
def test_matching_is_maximum(golds: list[tuple[str, str]], preds: list[tuple[str, str]]) -> None:
    g = [scored_from_gold(gold(f"g{i}", source=actors(s), target=actors(t) if t != "X" else []))
         for i, (s, t) in enumerate(golds)]
    p = [scored_from_prediction(pred(actor=actors(s), recipient=actors(t)), index=i)
         for i, (s, t) in enumerate(preds)]
    pairs = match(g, p)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    assert all(can_match(g[i], p[j]) for i, j in pairs)
    graph = nx.Graph()
    graph.add_nodes_from(("g", i) for i in range(len(g)))
    graph.add_edges_from((("g", i), ("p", j)) for i in range(len(g)) for j in range(len(p))
                         if can_match(g[i], p[j]))
    best = nx.bipartite.maximum_matching(graph, top_nodes=[("g", i) for i in range(len(g))])
    assert len(pairs) == len(best) // 2


# -- attributes ------------------------------------------------------------------------


def attr(name: str, g: dict[str, Any], p: dict[str, Any]) -> tuple[int, int]:
    a = score([p], corpus(g)).attributes[name]
    return a.correct, a.total


def test_parse_date_forms() -> None:
    assert parse_date("2024") == DateRange(dt.date(2024, 1, 1), dt.date(2024, 12, 31), 4)
    assert parse_date("2024-02") == DateRange(dt.date(2024, 2, 1), dt.date(2024, 2, 29), 2)
    assert parse_date("2024-03-08") == DateRange(dt.date(2024, 3, 8), dt.date(2024, 3, 8), 0)
    two = parse_date({"start": "2024-03-07", "end": "2024-03-08"})
    assert two is not None and two.precision == "week"
    quarter = parse_date({"start": "2024-01-01", "end": "2024-03-10"})
    assert quarter is not None and quarter.precision == "quarter"
    long = parse_date({"start": "2023-11-01", "end": "2025-01-12"})
    assert long is not None and long.precision == "multi-year"
    assert parse_date(None) is None and parse_date("") is None
    with pytest.raises(GoldError):
        parse_date("March 2024")
    with pytest.raises(GoldError):
        parse_date({"start": "2024-03-09", "end": "2024-03-01"})


@pytest.mark.parametrize(
    ("gold_date", "pred_date", "ok"),
    [
        ("2024-03-08", "2024-03-08", True),
        ("2024-03-08", "2024-03-09", False),   # no overlap
        ("2024-03", "2024-03-08", True),       # finer than gold, inside it
        ("2024-03", "2024-04-02", False),      # finer, but outside
        ("2024-03-08", "2024-03", False),      # coarser than gold
        ("2024", "2024-03", True),
        ("2024-03", "2024", False),
        ("2024-03-08", {"start": "2024-03-07", "end": "2024-03-08"}, False),  # week vs day
        ({"start": "2024-03-07", "end": "2024-03-08"}, "2024-03-08", True),
        ({"start": "2024-03-07", "end": "2024-03-08"}, {"start": "2024-03-08",
                                                         "end": "2024-03-10"}, True),
        ({"start": "2024-03-01", "end": "2024-03-10"}, "2024-03", True),  # both month rank
        ("2024-03-08", None, False),           # gold has a date, prediction none
    ],
)
def test_date_overlap_and_precision(gold_date: Any, pred_date: Any, ok: bool) -> None:
    assert attr("date", gold(date=gold_date), pred(date=pred_date)) == (int(ok), 1)


def test_date_detail_is_preferred_and_its_precision_counts() -> None:
    detail = {"start": "2024-03-08", "end": "2024-03-08", "precision": "day", "text": "Friday"}
    assert attr("date", gold(date="2024-03-08"), pred(date="2023", date_detail=detail)) == (1, 1)
    weekly = dict(detail, precision="week")
    assert attr("date", gold(date="2024-03-08"), pred(date_detail=weekly)) == (0, 1)
    assert date_agrees(DateRange(dt.date(2024, 3, 4), dt.date(2024, 3, 10), 1),
                       scored_from_prediction(pred(date_detail=weekly)).date)
    unresolved = {"start": None, "end": None, "precision": "day", "text": "onlangs"}
    assert scored_from_prediction(pred(date_detail=unresolved)).date is None


def test_gold_without_date_does_not_count_date() -> None:
    assert attr("date", gold(), pred(date="2024-03-08")) == (0, 0)


@pytest.mark.parametrize(
    ("gold_q", "pred_q", "ok"),
    [
        ((100, "soldier"), (100, "soldier"), True),
        ((100, "soldier"), (110, "soldier"), True),
        ((100, "soldier"), (90, "soldiers"), True),
        ((100, "soldier"), (111, "soldier"), False),
        ((100, "soldier"), (89, "soldier"), False),
        ((100, "soldier"), (100, "person"), False),
        ((2000, "casualty"), (2100, "Casualties"), True),
        ((50000000000, "euro"), (50000000000, "EUROS"), True),
        ((100, "soldier"), None, False),
    ],
)
def test_quantity_within_ten_percent_and_same_unit(
    gold_q: tuple[int, str], pred_q: tuple[int, str] | None, ok: bool
) -> None:
    g = gold(quantity={"value": gold_q[0], "unit": gold_q[1], "approx": False, "text": ""})
    p = pred(quantity={"value": pred_q[0], "unit": pred_q[1]} if pred_q else None)
    assert attr("quantity", g, p) == (int(ok), 1)


def test_quantity_helpers() -> None:
    assert same_unit("Drone", "drones") and not same_unit("drone", "missile")
    assert quantity_agrees((0.0, "death"), (0.0, "deaths"))
    assert not quantity_agrees((0.0, "death"), (1.0, "death"))
    assert attr("quantity", gold(), pred(quantity={"value": 3, "unit": "shell"})) == (0, 0)


def test_modality_equal() -> None:
    assert attr("modality", gold(modality="reported"), pred(modality="reported")) == (1, 1)
    assert attr("modality", gold(modality="reported"), pred(modality="alleged")) == (0, 1)
    # a prediction that does not say is asserted
    assert attr("modality", gold(), pred(modality=None)) == (1, 1)
    no_modality = gold()
    del no_modality["modality"]
    assert attr("modality", no_modality, pred()) == (0, 0)


def test_location_equal_ignoring_case_and_spaces_only() -> None:
    assert attr("location", gold(location="Aldor"), pred(event_loc="aldor")) == (1, 1)
    assert attr("location", gold(location="New  Aldor"), pred(location=" new aldor")) == (1, 1)
    assert attr("location", gold(location="Aldor, Berin"), pred(event_loc="Aldor")) == (0, 1)
    assert attr("location", gold(location="Aldor, Berin"),
                pred(event_loc="aldor, berin")) == (1, 1)
    assert attr("location", gold(location="Aldor"), pred()) == (0, 1)
    assert attr("location", gold(), pred(event_loc="Aldor")) == (0, 0)


def test_mode_case_insensitive_and_only_where_gold_has_one() -> None:
    assert attr("mode", gold(mode="heavy-weapons"), pred(mode="Heavy-Weapons")) == (1, 1)
    assert attr("mode", gold(mode="aerial"), pred(mode="drone")) == (0, 1)
    assert attr("mode", gold(mode="aerial"), pred()) == (0, 1)
    assert attr("mode", gold(mode=""), pred(mode="")) == (0, 0)


def test_attributes_only_on_matched_pairs() -> None:
    report = score([pred(event="PROTEST", date="2024-03-08")], corpus(gold(date="2024-03-08")))
    assert report.attributes["date"].total == 0


# -- Wending's own records ------------------------------------------------------------------


def test_wending_record_is_read() -> None:
    start = TEXT_EN.index("Ruritanian artillery")
    event = Event(
        event="ASSAULT",
        actor=(Entity(code="RUR", sector="MIL", text="Ruritanian artillery"),),
        recipient=(Entity(code="xkx", text="Freedonian town"),),
        mode="Heavy-weapons",
        event_loc="aldor",
        date=DateValue(dt.date(2024, 3, 8), dt.date(2024, 3, 8), "day", "on Friday"),
        quantity=Quantity(value=12, unit="shells"),
        modality="reported",
        evidence=(Span(start, start + 29, TEXT_EN[start:start + 29]),),
        article_name="a1",
    )
    g = gold(target=actors("KOS"), date="2024-03-08", location="Aldor", mode="heavy-weapons",
             quantity={"value": 12, "unit": "shell", "approx": False, "text": ""},
             modality="reported")
    report = score([event_to_plover(event)], corpus(g))
    assert report.matched == 1
    assert {k: (a.correct, a.total) for k, a in report.attributes.items()} == {
        "date": (1, 1), "quantity": (1, 1), "modality": (1, 1), "location": (1, 1),
        "mode": (1, 1),
    }


# -- misses, false alarms, reports ------------------------------------------------------------


def test_sentences_around() -> None:
    at = TEXT_EN.index("the attack")
    assert sentences_around(TEXT_EN, at, at + 10) == "Freedonia called the attack a crime!"
    whole = sentences_around(TEXT_EN, 0, len(TEXT_EN))
    assert whole.startswith("Ruritanian") and whole.endswith("Genf later.")
    assert sentences_around("Een. Twee.\nDrie", 11, 12) == "Drie"


def test_misses_and_false_alarms_carry_their_sentence() -> None:
    miss = gold("m1", event="ACCUSE", target=actors("RUR"), source=actors("FRE"),
                evidence="called the attack a crime")
    at = TEXT_EN.index("Both governments")
    alarm = pred(event="CONSULT", evidence=[{"start": at, "end": at + 16,
                                             "text": "Both governments"}])
    report = score([alarm], corpus(miss))
    (m,) = report.misses
    assert (m.doc, m.id, m.event, m.sources, m.targets) == (
        "a1", "m1", "ACCUSE", ("FRE (the FRE side)",), ("RUR (the RUR side)",))
    assert m.context == "Freedonia called the attack a crime!"
    (a,) = report.false_alarms
    assert a.event == "CONSULT" and a.evidence == "Both governments"
    assert a.context == "Both governments met in Genf later."
    text = to_text(report)
    assert "m1 ACCUSE" in text and "Freedonia called the attack a crime!" in text
    assert "CONSULT" in text and "Both governments met in Genf later." in text
    data = to_json(report)
    for key in ("precision", "recall", "f1", "gold", "found", "matched", "by_lang", "by_type",
                "attributes", "misses", "false_alarms"):
        assert key in data
    assert data["misses"][0]["context"] == m.context
    assert data["false_alarms"][0]["evidence"] == "Both governments"
    json.dumps(data)


def test_text_report_lists_tables() -> None:
    report = score([pred(), pred(doc="a2", event="AID")], corpus(gold(date="2024-03-08")))
    text = to_text(report)
    for piece in ("precision 0.500", "recall 1.000", "By language", "By type", "ASSAULT",
                  "date", "Misses: gold events not found (0)",
                  "False alarms: predictions matching no gold event (1)"):
        assert piece in text


# -- reading files ---------------------------------------------------------------------------


def write_corpus(folder: Path, gold_lines: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "articles.jsonl").write_text(
        "\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    (folder / "gold.jsonl").write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    return folder


def test_read_corpus(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "set", [json.dumps(gold()), "",
                                             json.dumps(gold("g2", event="FIGHT"))])
    c = read_corpus(folder)
    assert c.name == "set" and [a["id"] for a in c.articles] == ["a1", "a2"]
    assert [g.event for g in c.gold] == ["ASSAULT", "ASSAULT"]
    assert c.article("a2") is not None and c.article("a2")["lang"] == "nl"  # type: ignore[index]


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (json.dumps(gold("g2", event="PUNCH")), "unknown event type"),
        (json.dumps(gold("g2", doc="a9")), "not an article id"),
        (json.dumps(gold("g1")), "appears twice"),
        (json.dumps(gold("g2", evidence="not in the text")), "exact substring"),
        (json.dumps(gold("g2", date="last week")), "date"),
        (json.dumps(gold("g2", modality="certain")), "modality"),
        (json.dumps(gold("g2", quantity=5)), "quantity"),
        (json.dumps(gold("g2", source=[{"actorText": "someone"}])), "has no 'code'"),
    ],
)
def test_read_corpus_names_file_and_line(tmp_path: Path, line: str, problem: str) -> None:
    folder = write_corpus(tmp_path / "bad", [json.dumps(gold()), line])
    with pytest.raises(GoldError) as err:
        read_corpus(folder)
    assert "gold.jsonl:2: " in str(err.value) and problem in str(err.value)


def test_read_corpus_missing_files(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="not a folder"):
        read_corpus(tmp_path / "nowhere")
    with pytest.raises(GoldError, match=r"articles\.jsonl: file not found"):
        read_corpus(tmp_path)


def test_read_predictions(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    path.write_text(json.dumps(pred()) + "\n\n" + json.dumps(pred(event="FIGHT")) + "\n",
                    encoding="utf-8")
    assert len(read_predictions(path)) == 2
    path.write_text(json.dumps(pred()) + "\n" + json.dumps(pred(date="soon")) + "\n",
                    encoding="utf-8")
    with pytest.raises(GoldError, match=r"events\.jsonl:2: .*date"):
        read_predictions(path)
    path.write_text(json.dumps(pred(event=None)) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"events\.jsonl:1: event type"):
        read_predictions(path)


# -- the shared corpora against themselves ---------------------------------------------------


def as_wending_record(rec: dict[str, Any]) -> dict[str, Any]:
    """A gold event written the way Wending writes events."""
    return {
        "doc": rec["doc"], "event": rec["event"], "mode": rec.get("mode", ""),
        "actor": [{"code": a["code"], "entity_text": a.get("actorText", "")}
                  for a in rec.get("source", [])],
        "recipient": [{"code": a["code"]} for a in rec.get("target", [])],
        "event_loc": rec.get("location", ""), "date": rec.get("date"),
        "quantity": rec.get("quantity"), "modality": rec.get("modality"),
        "evidence": [{"start": -1, "end": -1, "text": rec.get("evidence", "")}],
    }


@pytest.mark.parametrize("name", ["dev", "seed"])
def test_shared_gold_scores_perfectly_against_itself(name: str) -> None:
    folder = CORPUS_ROOT / name
    if not (folder / "gold.jsonl").exists():
        pytest.skip(f"{folder} is not here")
    c = read_corpus(folder)
    for preds in ([as_wending_record(dict(g.raw)) for g in c.gold],
                  [dict(g.raw) for g in c.gold]):
        report = score(preds, c)
        assert report.precision == report.recall == 1.0
        assert report.matched == len(c.gold) > 0
        assert all(a.accuracy == 1.0 for a in report.attributes.values() if a.total)
        assert report.misses == () and report.false_alarms == ()
