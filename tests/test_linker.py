"""The actor linker on hand-written sentences, and user KB files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wending.errors import KnowledgeBaseError
from wending.extract.rules import RuleEngine
from wending.ingest import parse_plain_text
from wending.kb import KnowledgeBase
from wending.model import Mention
from wending.settings import Settings
from wending.text import TextPipeline


def link(engine: RuleEngine, tp: TextPipeline, text: str, lang: str,
         published: dt.date | None = dt.date(2024, 10, 25)) -> list[Mention]:
    doc = tp.process(parse_plain_text(text, lang=lang, published=published))
    return engine.tools(lang).linker.link(doc)


def codes(mentions: list[Mention]) -> list[tuple[str, str, str]]:
    return [(m.text, m.actor.code, m.actor.sector) for m in mentions if m.actor]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Noord-Koreaanse soldaten vechten mee.", "nl", ("Noord-Koreaanse soldaten", "PRK", "MIL")),
        ("Het Russische leger rukt op.", "nl", ("Russische leger", "RUS", "MIL")),
        ("Chinese bedrijven leveren onderdelen.", "nl", ("Chinese bedrijven", "CHN", "BUS")),
        ("The Russian army advanced.", "en", ("Russian army", "RUS", "MIL")),
        ("Poetin sprak met Xi.", "nl", ("Poetin", "RUS", "GOV")),
        ("De NAVO waarschuwt.", "nl", ("De NAVO", "IGO", "IGO")),
        ("The Houthis fired missiles.", "en", ("The Houthis", "YEM", "REB")),
    ],
)
def test_names_adjectives_and_sectors(engine: RuleEngine, text_pipeline: TextPipeline,
                                      text: str, lang: str,
                                      expected: tuple[str, str, str]) -> None:
    assert expected in codes(link(engine, text_pipeline, text, lang))


def test_office_resolves_by_date(engine: RuleEngine, text_pipeline: TextPipeline) -> None:
    before = link(engine, text_pipeline, "De Amerikaanse president dreigde.", "nl",
                  dt.date(2024, 6, 1))
    after = link(engine, text_pipeline, "De Amerikaanse president dreigde.", "nl",
                 dt.date(2025, 6, 1))
    assert before[0].actor is not None and "Biden" in before[0].actor.name
    assert after[0].actor is not None and "Trump" in after[0].actor.name


def test_metonym_acts_but_locative_is_a_place(engine: RuleEngine,
                                              text_pipeline: TextPipeline) -> None:
    acting = link(engine, text_pipeline, "Moskou besteedde weinig aandacht aan de zaak.", "nl")
    assert acting[0].kind == "country" and acting[0].rule == "metonym"
    place = link(engine, text_pipeline, "De top vond plaats in Moskou.", "nl")
    assert [m.kind for m in place if m.text == "Moskou"] == ["place"]
    assert [m.country for m in place if m.text == "Moskou"] == ["RUS"]


def test_pronouns_follow_the_last_compatible_actor(engine: RuleEngine,
                                                   text_pipeline: TextPipeline) -> None:
    mentions = link(engine, text_pipeline,
                    "Kim Jong-un ontving een delegatie. Daarna stuurde hij troepen.", "nl")
    hij = [m for m in mentions if m.text == "hij"]
    assert hij and hij[0].actor is not None and hij[0].actor.code == "PRK"
    assert hij[0].rule == "coref"


def test_unknown_names_are_kept_unlinked(engine: RuleEngine,
                                         text_pipeline: TextPipeline) -> None:
    mentions = link(engine, text_pipeline, "Vandaag sprak Jan Vermeulen met de pers.", "nl")
    assert ("Jan Vermeulen", "unlinked") in [(m.text, m.kind) for m in mentions]


def test_sector_nouns_take_a_nearby_state(engine: RuleEngine,
                                          text_pipeline: TextPipeline) -> None:
    mentions = link(engine, text_pipeline, "Police in Tbilisi used water cannon.", "en")
    assert ("Police", "GEO", "COP") in codes(mentions)


def test_user_kb_file_overrides_and_is_validated(tmp_path: Path,
                                                 text_pipeline: TextPipeline) -> None:
    extra = tmp_path / "my-groups.tsv"
    extra.write_text(
        "# source: a test\n"
        "id\tcode\tsector\tcountry\tqid\tname_en\tname_nl\tnames\n"
        "wagner\tRUS\tMIL\tRUS\t\tWagner Group\tWagnergroep\tWagner\n"
        "bluefront\tFRA\tREB\tFRA\t\tBlue Front\tBlauw Front\tBlue Front|Blauw Front\n",
        encoding="utf-8",
    )
    engine = RuleEngine(settings=Settings(kb_files=(extra,)))
    mentions = link(engine, text_pipeline, "Het Blauw Front en Wagner trokken zich terug.",
                    "nl")
    assert ("Blauw Front", "FRA", "REB") in codes(mentions)
    assert ("Wagner", "RUS", "MIL") in codes(mentions)

    bad = tmp_path / "bad-groups.tsv"
    bad.write_text("id\tcode\tsector\tcountry\tqid\tname_en\tname_nl\tnames\n"
                   "x\tRussia\tMIL\tRUS\t\tX\tX\tX\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"bad-groups\.tsv:2: code 'Russia'"):
        KnowledgeBase((bad,)).validate()


def test_definite_group_noun_refers_to_the_latest_group(engine: RuleEngine,
                                                        text_pipeline: TextPipeline) -> None:
    text = ("Hezbollah vuurde raketten af op Haifa. Israël reageerde met luchtaanvallen. "
            "De sjiitische beweging dreigde daarna met nieuwe beschietingen.")
    mentions = link(engine, text_pipeline, text, "nl")
    group = [m for m in mentions if m.rule == "coref:group"]
    assert [(m.text, m.actor.code if m.actor else "") for m in group] == [
        ("De sjiitische beweging", "LBN")]
    # without a group named before, the noun stays what it is
    alone = link(engine, text_pipeline, "De beweging dreigde met aanvallen.", "nl")
    assert not [m for m in alone if m.rule == "coref:group"]


def test_titled_unknown_name_takes_the_only_state_named(engine: RuleEngine,
                                                        text_pipeline: TextPipeline) -> None:
    one = link(engine, text_pipeline,
               "President Teodoro Mbasogo ordered a curfew in Malabo.", "en")
    assert [(m.rule, m.actor.code if m.actor else "") for m in one
            if m.text.startswith("President")] == [("title+name+sole-state", "GNQ")]
    two = link(engine, text_pipeline,
               "President Teodoro Mbasogo ordered a curfew in Malabo and Yaoundé.", "en")
    assert [m.actor.code if m.actor else "" for m in two if m.text.startswith("President")] == [""]


def test_jihadists_are_a_transnational_armed_group(engine: RuleEngine,
                                                   text_pipeline: TextPipeline) -> None:
    assert ("jihadisten", "IMG", "REB") in codes(
        link(engine, text_pipeline, "De jihadisten rukken op naar Bamako.", "nl"))
    assert ("jihadists", "IMG", "REB") in codes(
        link(engine, text_pipeline, "The jihadists advanced on Bamako.", "en"))


def test_the_army_is_the_army_of_the_article_state(engine: RuleEngine,
                                                   text_pipeline: TextPipeline) -> None:
    text = ("Soedan beschuldigt de Emiraten. Port Sudan eist opheldering van Soedan. "
            "Het leger zegt dat het de stad heeft heroverd.")
    found = [m for m in link(engine, text_pipeline, text, "nl") if m.text.endswith("leger")]
    assert found and found[0].actor is not None and found[0].actor.code == "SDN"
    # indefinite armies stay open
    found = [m for m in link(engine, text_pipeline, "Soedan vreest een leger uit het westen.",
                             "nl") if m.text.endswith("leger")]
    assert found and found[0].actor is not None and found[0].actor.code == ""


def test_the_people_of_a_body_take_its_code(engine: RuleEngine,
                                            text_pipeline: TextPipeline) -> None:
    mentions = link(engine, text_pipeline, "Hamas fighters crossed into Israel.", "en")
    fighters = [m for m in mentions if m.text == "fighters"]
    assert [(m.rule, m.actor.code if m.actor else "") for m in fighters] == [
        ("sector+owner", "PSE")]


def test_a_domestic_sector_takes_the_only_state_of_the_article(
        engine: RuleEngine, text_pipeline: TextPipeline) -> None:
    mentions = link(engine, text_pipeline,
                    "The military government declared a curfew in Bamako.", "en")
    gov = [m for m in mentions if m.kind == "sector"]
    assert gov and gov[0].actor is not None and gov[0].actor.code == "MLI"
    assert gov[0].rule.endswith("+sole-state")


def test_a_name_after_a_place_noun_is_the_place(engine: RuleEngine,
                                                text_pipeline: TextPipeline) -> None:
    mentions = link(engine, text_pipeline,
                    "In de Armeense hoofdstad Jerevan greep de politie in.", "nl")
    yerevan = [m for m in mentions if m.text == "Jerevan"]
    assert yerevan and yerevan[0].kind == "place" and yerevan[0].country == "ARM"


def test_a_state_adjective_before_a_demonym_or_ground_noun(engine: RuleEngine,
                                                           text_pipeline: TextPipeline) -> None:
    mentions = link(engine, text_pipeline,
                    "Bosnian Serbs shelled villages near the Croatian border.", "en")
    by_text = {m.text: m for m in mentions}
    assert by_text["Bosnian Serbs"].actor is not None
    assert by_text["Bosnian Serbs"].actor.code == "BIH"
    assert by_text["Croatian"].kind == "place" and by_text["Croatian"].country == "HRV"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Militias clashed in Tripoli on Sunday, and shells fell on the Lebanese port.", "LBN"),
        ("Militias clashed in Tripoli on Sunday, and shells fell on the Libyan capital.", "LBY"),
    ],
)
def test_a_city_name_of_two_states_takes_the_one_the_article_names(
        engine: RuleEngine, text_pipeline: TextPipeline, text: str, country: str) -> None:
    place = next(m for m in link(engine, text_pipeline, text, "en") if m.text == "Tripoli")
    assert place.country == country


def test_a_pronoun_after_and_said_is_the_subject(engine: RuleEngine,
                                                 text_pipeline: TextPipeline) -> None:
    text = ("Malian rebels turned down an Algerian proposal on Friday, and said they opposed "
            "any foreign force.")
    they = next(m for m in link(engine, text_pipeline, text, "en") if m.text == "they")
    assert they.actor is not None and they.actor.code == "MLI"


@pytest.mark.parametrize(
    ("text", "lang", "name", "code"),
    [
        ("The Hungarians of southern Slovakia demanded autonomy.", "en", "Hungarians", "SVK"),
        ("Ethnic Albanians in Macedonia protested.", "en", "Ethnic Albanians", "MKD"),
        ("Turken in Zweden protesteerden.", "nl", "Turken", "SWE"),
        # an adjective is no place of residence
        ("Syrians of the Turkish-held north went on strike.", "en", "Syrians", "SYR"),
    ],
)
def test_a_people_named_with_where_they_live(engine: RuleEngine, text_pipeline: TextPipeline,
                                             text: str, lang: str, name: str, code: str
                                             ) -> None:
    people = next(m for m in link(engine, text_pipeline, text, lang) if m.text == name)
    assert people.actor is not None and people.actor.code == code


def test_the_police_in_the_seat_of_a_body_are_the_host_states(
        engine: RuleEngine, text_pipeline: TextPipeline) -> None:
    # Brussels is the seat of the EU, but its police are Belgian
    text = "Farmers protested in Brussels on Thursday.\nThe police used water cannon."
    police = next(m for m in link(engine, text_pipeline, text, "en") if m.text == "police")
    assert police.actor is not None and police.actor.code == "BEL"


def test_a_groups_home_state_makes_the_article_state(engine: RuleEngine,
                                                      text_pipeline: TextPipeline) -> None:
    # the only state this article names is UNITA's: the unknown president and
    # the military are Angola's; an indefinite army stays open
    text = ("President Ivo Tamba met envoys of UNITA. The military has "
            "withdrawn. UNITA fears an army from the north.")
    found = {m.text: m.actor.code for m in link(engine, text_pipeline, text, "en") if m.actor}
    assert found["President Ivo Tamba"] == "AGO"
    assert found["military"] == "AGO"
    assert found["army"] == ""


def test_a_states_genitive_owns_the_sector_noun(engine: RuleEngine,
                                                text_pipeline: TextPipeline) -> None:
    text = "Syria's army shelled the town. Turkey's foreign ministry condemned it."
    found = {m.text: (m.actor.code, m.rule) for m in link(engine, text_pipeline, text, "en")
             if m.actor}
    assert found["ministry"] == ("TUR", "sector+genitive")
