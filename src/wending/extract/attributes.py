"""Per-language tools, and the date, quantity, place, modality and speaker
of an event, chosen from its clause first and then its sentence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property

from wending.extract.dates import DateFinder, DateMention
from wending.extract.grammar import Clause, Grammar, load_grammar
from wending.extract.lexicon import Lexicon, load_lexicon
from wending.extract.modality import ModalityFinding, find_modality, speaker_index
from wending.extract.quantities import QuantityFinder, QuantityMention
from wending.extract.roles import Placed, is_actor
from wending.extract.triggers import TriggerFinder
from wending.kb import KnowledgeBase, Linker
from wending.model import DateValue, Doc, Mention, Quantity, Sentence, Token
from wending.text.segment import Segmenter

#: Units that fit each event type, to pick the right number in a sentence.
UNITS_FOR = {
    "ASSAULT": {"death", "injury", "casualty", "projectile", "missile", "drone", "bomb", "shell",
                "rocket", "person", "prisoner", "soldier", "aircraft", "ship", "building"},
    "AID": {"soldier", "shell", "missile", "drone", "euro", "dollar", "pound", "tank",
            "aircraft", "weapon", "ammunition", "rocket", "bomb", "ship", "vehicle", "person"},
    "MOBILIZE": {"soldier", "person", "tank", "ship", "aircraft"},
    "PROTEST": {"person"},
    "COERCE": {"person", "prisoner", "soldier", "ship"},
    "RETREAT": {"soldier", "prisoner", "person"},
    "SANCTION": {"euro", "dollar", "pound", "person"},
    "COOPERATE": {"euro", "dollar", "soldier"},
}


#: Trigger ids that count the dead or the wounded.
KILLING = ("kill", "dood", "doden", "omkom", "sneuvel", "massacre", "slay", "execut",
           "kwamen om", "komen om", "kwam om", "died", "dead")
WOUNDING = ("wound", "gewond", "injur", "verwond", "hurt")
#: How many words after a count of people may say they died or were hurt.
CASUALTY_WINDOW = 6
#: How many words before it ("killing six civilians", "wounding dozens").
CASUALTY_LEAD = 2
#: Units of people whom a killing or wounding counts as deaths or injuries.
PEOPLE_UNITS = frozenset({"person", "soldier", "prisoner"})
#: Events whose place, when none is named, is the state they are aimed at.
AIMED_AT_A_PLACE = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "CONSULT"})


#: Modes read off the weapons named in an assault's clause.
WEAPON_MODES = {"drone": "drone", "missile": "heavy-weapons", "rocket": "heavy-weapons",
                "shell": "heavy-weapons", "projectile": "heavy-weapons",
                "bomb": "aerial", "aircraft": "aerial"}
MONEY_UNITS = frozenset({"euro", "dollar", "pound"})
HUMANITARIAN = frozenset({"humanitair", "humanitaire", "humanitarian", "voedsel", "food",
                          "medicijnen", "medicine", "noodhulp", "relief", "tenten", "shelter"})
#: The mode an event type has when its clause says nothing more specific.
#: How many words may follow the verb of a closing aside (", police said on
#: Friday.").
CLOSING_TAIL = 5
#: The longest closing aside, in tokens from its comma to its verb.
CLOSING_ASIDE = 8
#: Words that may open a speaker's noun phrase in a closing aside.
SPEAKER_LEAD = frozenset({"the", "de", "het", "a", "an", "een"})
#: Speaker cues after which the speaker is named ("volgens de minister").
SPEAKER_FOLLOWS = frozenset({"volgens", "according", "aldus", "zo"})
DEFAULT_MODES = {"AID": "military", "THREATEN": "violence"}


class LangTools:
    """Everything the engine loads for one language, loaded lazily."""

    def __init__(self, lang: str, kb: KnowledgeBase) -> None:
        self.lang = lang
        self.kb = kb

    @cached_property
    def segmenter(self) -> Segmenter:
        return Segmenter(self.lang)

    @cached_property
    def linker(self) -> Linker:
        return Linker(self.kb, self.lang, self.segmenter.tokenize)

    @cached_property
    def lexicon(self) -> Lexicon:
        return load_lexicon(self.lang)

    @cached_property
    def quantity_words(self) -> frozenset[str]:
        """Single words that name a vague quantity ("thousands", "tientallen")."""
        return frozenset(w for w in self.lexicon.vague if " " not in w)

    @cached_property
    def triggers(self) -> TriggerFinder:
        return TriggerFinder(self.lexicon)

    @cached_property
    def grammar(self) -> Grammar:
        return load_grammar(self.lang, self.lexicon.cues.hypothetical)

    @cached_property
    def dates(self) -> DateFinder:
        return DateFinder(self.lang)

    @cached_property
    def quantities(self) -> QuantityFinder:
        return QuantityFinder(self.lang, self.lexicon.units, self.lexicon.vague)


class Attributes:
    """Attribute finders for one sentence, computed once and shared by its
    events."""

    def __init__(
        self,
        tools: LangTools,
        doc: Doc,
        sentence: Sentence,
        clauses: Sequence[Clause],
        placed: Sequence[Placed],
    ) -> None:
        self.tools = tools
        self.doc = doc
        self.sentence = sentence
        self.clauses = clauses
        self.placed = placed

    @cached_property
    def _dates(self) -> list[DateMention]:
        return self.tools.dates.find(self.sentence.tokens, self.doc.article.published)

    @cached_property
    def _quantities(self) -> list[QuantityMention]:
        return self.tools.quantities.find(self.sentence.tokens)

    def _token_index(self, char: int) -> int:
        for n, t in enumerate(self.sentence.tokens):
            if t.start <= char < t.end or t.start >= char:
                return n
        return len(self.sentence.tokens) - 1

    def _nearest(self, items: Sequence[int], clause: Clause, head: int) -> int | None:
        """Index (into ``items``, token positions) of the closest one, in the
        clause first, else in the sentence."""
        in_clause = [n for n, pos in enumerate(items) if clause.start <= pos < clause.end]
        pool = in_clause or list(range(len(items)))
        if not pool:
            return None
        return min(pool, key=lambda n: abs(items[n] - head))

    def date(self, clause: Clause, head: int) -> DateValue | None:
        found = [d for d in self._dates if d.value.start is not None]
        if not found:
            return None
        n = self._nearest([self._token_index(d.start) for d in found], clause, head)
        if n is None:
            return None
        d = found[n]
        text = self.doc.article.text[d.start : d.end]
        return DateValue(d.value.start, d.value.end, d.value.precision, text)

    def quantity(self, clause: Clause, head: int, event: str, trigger_id: str = ""
                 ) -> Quantity | None:
        """How much, from the trigger's clause: the amount nearest the trigger
        whose unit fits the event type. People counted by a killing or
        wounding trigger are deaths or injuries."""
        q = self._quantity(clause, head, event)
        if q is not None and q.unit in PEOPLE_UNITS and event == "ASSAULT":
            # the trigger's own word ("killed"), else the words around the
            # count ("killing six civilians", "twaalf mensen kwamen om", "43
            # soldiers were wounded")
            after = " ".join(t.lower for t in self._after(q.text, CASUALTY_WINDOW))
            before = " ".join(t.lower for t in self._before(q.text, CASUALTY_LEAD))
            for w in (trigger_id, before, after):
                if any(k in w for k in KILLING):
                    return replace(q, unit="death")
                if any(k in w for k in WOUNDING):
                    return replace(q, unit="injury")
        return q

    def _before(self, text: str, n: int) -> list[Token]:
        """The ``n`` tokens before the first place ``text`` stands in the
        sentence."""
        toks = self.sentence.tokens
        at = self.doc.article.text.find(text, self.sentence.start)
        return [t for t in toks if t.end <= at][-n:] if at >= 0 else []

    def _after(self, text: str, n: int) -> list[Token]:
        """The ``n`` tokens after the first place ``text`` stands in the
        sentence."""
        toks = self.sentence.tokens
        at = self.doc.article.text.find(text, self.sentence.start)
        return [t for t in toks if t.start >= at + len(text)][:n] if at >= 0 else []

    def _quantity(self, clause: Clause, head: int, event: str) -> Quantity | None:
        fits = UNITS_FOR.get(event)
        found = [q for q in self._quantities if q.quantity.unit and (fits is None
                                                                     or q.quantity.unit in fits)]
        if not found:
            return None
        positions = [self._token_index(q.start) for q in found]
        in_clause = [n for n, pos in enumerate(positions) if clause.start <= pos < clause.end]
        if not in_clause:
            return None
        n = min(in_clause, key=lambda k: abs(positions[k] - head))
        q = found[n]
        text = self.doc.article.text[q.start : q.end]
        return Quantity(q.quantity.value, q.quantity.unit, q.quantity.approx, text,
                        q.quantity.high)

    def location(
        self, clause: Clause, head: int, actors: Sequence[Mention], recipients: Sequence[Mention],
        event: str = "",
    ) -> str:
        """Where: a place in the trigger's clause (a city or region before a
        state), else in its sentence; for acts of force and visits with no
        place named, the state they are aimed at."""
        places = [p for p in self.placed if p.mention.place and not (
            is_actor(p) and p.mention in (*actors, *recipients) and not p.prep)]
        places = [p for p in places if p.prep or p.mention.kind == "place"]
        if places:
            in_clause = [p for p in places if clause.start <= p.first < clause.end]
            pool = in_clause or places
            specific = [p for p in pool if p.mention.kind == "place"] or pool
            best = min(specific, key=lambda p: abs(p.first - head))
            return best.mention.place
        if event in AIMED_AT_A_PLACE:
            for m in recipients:
                if m.actor is not None and m.kind in ("country", "place") and m.actor.name:
                    return m.place or m.actor.name
        return ""

    def mode(self, clause: Clause, event: str, given: str) -> str:
        """The PLOVER mode: the trigger's own, else read off the clause (the
        weapons of an assault; money, relief or arms for aid), else the
        type's usual one."""
        if given:
            return given
        toks = self.sentence.tokens[clause.start : clause.end]
        units = [self.tools.lexicon.units.get(t.lower) or self.tools.lexicon.units.get(t.lemma)
                 for t in toks]
        if event == "ASSAULT":
            for unit in units:
                if unit in WEAPON_MODES:
                    return WEAPON_MODES[unit]
            return ""
        if event == "AID":
            if any(t.lower in HUMANITARIAN for t in toks):
                return "humanitarian"
            if any(u in MONEY_UNITS for u in units) and not any(
                    u in WEAPON_MODES or u == "soldier" for u in units):
                return "economic"
        return DEFAULT_MODES.get(event, "")

    def modality(self, clause_index: int, head: int,
                 own: frozenset[int] = frozenset(), *, speech_act: bool = False
                 ) -> ModalityFinding:
        found = find_modality(self.sentence.tokens, self.clauses, clause_index, head,
                              self.tools.lexicon.cues, self.tools.grammar, own,
                              speech_act=speech_act)
        if speech_act and found.cue.startswith("report-verb:"):
            # a statement reported by a speaker is still a statement made
            return ModalityFinding("asserted", "")
        return found

    def speaker(self) -> Mention | None:
        found = self._speaker_found
        return found[0] if found else None

    def attribution_aside(self) -> Mention | None:
        """The speaker when named in an aside after its cue ("volgens de
        luchtmacht", "according to X", "..., officials said"): no party to
        what is told."""
        found = self._speaker_found
        return found[0] if found and found[1] else None

    def in_aside(self, p: Placed) -> bool:
        """Is the mention part of the attribution aside: its speaker, or a
        word of a closing aside's noun phrase (", a Red Cross official in
        Goma said")?"""
        found = self._speaker_found
        if not found or not found[1]:
            return False
        if p.mention == found[0]:
            return True
        return found[2] <= p.first and p.last < self._cue_start

    @cached_property
    def _cue_start(self) -> int:
        at = speaker_index(self.sentence.tokens, self.tools.lexicon.cues)
        return at[0] if at is not None else -1

    @cached_property
    def _speaker_found(self) -> tuple[Mention, bool, int] | None:
        """The speaker, whether it stands in an aside, and where a closing
        aside starts (the token after its comma; the sentence length when
        the aside is not closing)."""
        at = speaker_index(self.sentence.tokens, self.tools.lexicon.cues)
        if at is None:
            return None
        start, end = at
        toks = self.sentence.tokens
        actors = [p for p in self.placed if is_actor(p)]
        # (not past a complementizer: "..., announced Thursday that it ..."
        # tells what was said, not who said it)
        after = [p for p in actors if p.first >= end and p.first - end <= 3
                 and not any(t.lower in self.tools.grammar.complementizers
                             for t in toks[end : p.first])]
        before = [p for p in actors if p.last < start and start - p.last <= 2]
        if len(toks) - end <= CLOSING_TAIL:
            # ", a Red Cross official in Goma said.": the speaker of a closing
            # aside is the first actor after its comma
            comma = max((n for n in range(start) if toks[n].text == ","), default=-1)
            told = [p for p in actors if comma >= 0 and comma < p.first and p.last < start]
            if told and start - comma <= CLOSING_ASIDE:
                return told[0].mention, True, comma + 1
        # "volgens X", "according to X", "..., said X", "zei X": the speaker
        # follows; "X said (that) ...": the speaker comes first, and the
        # words after the verb are what was said
        follows = toks[start].lower in SPEAKER_FOLLOWS or start == 0 or (
            toks[start - 1].is_punct)
        if follows and after:
            return after[0].mention, True, len(toks)
        if before:
            # ", the Israeli army said", ", aid workers in Goma said":
            # a closing aside
            first = before[-1].first
            while first > 0 and toks[first - 1].lower in SPEAKER_LEAD:
                first -= 1
            closing = len(toks) - end <= CLOSING_TAIL
            aside = closing and first > 0 and toks[first - 1].text == ","
            return before[-1].mention, aside, first if aside else len(toks)
        if after:
            return after[0].mention, False, len(toks)
        return None

