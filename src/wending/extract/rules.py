"""The default engine: lexicon- and rule-driven PLOVER coding.

For each sentence: link actor mentions (kb), cut clauses, find triggers,
give each trigger its actor and recipient from the clause, then its date,
quantity, place, modality and speaker, each with the text that supports it.
Every event records the lexicon entries and rules that fired.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from wending.extract.attributes import Attributes, LangTools
from wending.extract.engine import Trace
from wending.extract.grammar import Clause, Grammar, clause_of, clauses, looks_adjective
from wending.extract.intent import THREAT_MODES, commitments, discontinued, intent_type
from wending.extract.lexicon import Cues
from wending.extract.roles import Placed, find_roles, place_mentions
from wending.extract.triggers import TriggerMatch
from wending.kb import KnowledgeBase
from wending.model import QUAD, Attribution, Doc, Entity, Event, Mention, Sentence, Span, Token
from wending.settings import Settings

QUOTED_SOURCE = "the article's unnamed source (the whole article is one quote)"


@dataclass(frozen=True, slots=True)
class SentenceResult:
    events: tuple[Event, ...]
    notes: tuple[str, ...]
    #: events told only as a background state: not coded, but the discourse
    #: that follows may refer to them ("de steun bestond uit leveringen ...
    #: er zijn er honderdduizenden verscheept")
    background: tuple[Event, ...] = ()


class RuleEngine:
    """Codes PLOVER events with the built-in lexicons and knowledge base."""

    name = "rules"

    def __init__(self, *, settings: Settings | None = None, kb: KnowledgeBase | None = None):
        self.settings = settings or Settings()
        self._kb = kb
        self._tools: dict[str, LangTools] = {}

    @cached_property
    def kb(self) -> KnowledgeBase:
        return self._kb or KnowledgeBase(self.settings.kb_files)

    def tools(self, lang: str) -> LangTools:
        if lang not in self._tools:
            self._tools[lang] = LangTools(lang, self.kb)
        return self._tools[lang]

    def extract(self, doc: Doc) -> list[Event]:
        return [e for t in self.explain(doc) for e in t.events]

    def explain(self, doc: Doc) -> list[Trace]:
        """Sentence by sentence: the events coded and why others were not."""
        if doc.lang is None or not doc.sentences:
            return []
        tools = self.tools(doc.lang)
        mentions = tools.linker.link(doc)
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        traces = []
        history: list[Event] = []
        salience = Salience(mentions)
        for sentence in doc.sentences:
            result = self._sentence(doc, sentence, by_sentence.get(sentence.index, []), tools,
                                    history, salience)
            events = tuple(_carry_date(e, history, doc.article.published)
                           for e in result.events)
            traces.append(Trace(sentence.index, result.notes, events))
            history.extend(result.background + events)
        return _dedupe(doc, traces)

    def _sentence(
        self, doc: Doc, sentence: Sentence, mentions: list[Mention], tools: LangTools,
        history: Sequence[Event] = (),
        salience: Salience | None = None,
    ) -> SentenceResult:
        toks = sentence.tokens
        cls = clauses(toks, tools.grammar)
        matches = tools.triggers.find(toks, cls)
        notes: list[str] = []
        if not matches:
            return SentenceResult((), ("no trigger",))
        placed = place_mentions(toks, mentions, tools.grammar, tools.quantity_words)
        matches = _outside_names(matches, placed)
        matches = _nouns_after_adjectives(matches, placed, tools)
        matches = _plural_nouns(matches, toks, tools)
        object_nouns = _object_nouns(matches, cls)
        attrs = Attributes(tools, doc, sentence, cls, placed)
        # who tells it ("volgens de luchtmacht", "..., officials said") is no
        # party to what is told
        aside = attrs.attribution_aside()
        unsaid = [p for p in placed if aside is None or not attrs.in_aside(p)]
        background: list[Event] = []
        by_head: dict[int, int] = {}
        events: list[Event] = []
        # head of a speech act -> the type of the act it asks for or refuses
        contents: dict[int, str] = {}
        cues = tools.lexicon.cues
        committed = commitments(matches, toks, cls, cues.commitment, cues.commitment_object,
                                tools.lexicon.lang)
        ended = discontinued(matches, toks, cls, cues.discontinue)
        readied = commitments(matches, toks, cls, cues.preparation, frozenset(),
                              tools.lexicon.lang)
        failed = commitments(matches, toks, cls, cues.failure, frozenset(), tools.lexicon.lang)
        # "Iran ontkent drones aan Soedan te leveren": the act is coded,
        # denied; the denial is not a rejection of its own
        denials = frozenset(p[0] for p in cues.modality.get("denied", ()) if len(p) == 1)
        denied = {act: c for act, c in commitments(matches, toks, cls, denials, frozenset(),
                                                   tools.lexicon.lang).items()
                  if QUAD.get(next(m.trigger.event for m in matches if m.head == act)) in (2, 4)}
        for match in matches:
            trig = match.trigger
            ci = clause_of(cls, match.head)
            clause = cls[ci]
            label = f"{trig.id} '{_match_text(sentence, match)}'"
            if clause.hypothetical:
                notes.append(f"{label}: skipped, hypothetical clause ({clause.opener})")
                continue
            ultimatum = _ultimatum(toks, match.head, cues.ultimatum)
            if _conditional(cls, ci, keeps_condition=QUAD.get(trig.event) in (1, 3)
                            or match.head in committed or ultimatum is not None):
                notes.append(f"{label}: skipped, the consequence of a condition")
                continue
            if _unable(toks[clause.start : clause.end], cues):
                notes.append(f"{label}: skipped, a negated ability (no act took place)")
                continue
            content = _content_of(match, matches, toks, tools.grammar, clause)
            if content is not None and match.head not in committed and match.head not in denied:
                notes.append(f"{label}: skipped, the content of {content.trigger.id}")
                contents.setdefault(content.head, trig.event)
                continue
            told = _told_before(match, toks, [*history, *events], tools.lexicon.lang)
            roles = find_roles(match, toks, cls, ci, unsaid, tools.grammar)
            if told is not None and not _other_parties(roles.actors, roles.recipients, told):
                notes.append(f"{label}: skipped, refers back to the {told.event} told in "
                             f"sentence {told.sentence}")
                continue
            if match.head in object_nouns.values() and not any(
                r.startswith(("actor:prenominal", "actor:noun-")) for r in roles.rules
            ):
                verb = next(v for v, n in object_nouns.items() if n == match.head)
                notes.append(f"{label}: skipped, the object of '{toks[verb].text}' "
                             "(an event told before)")
                contents.setdefault(verb, trig.event)
                continue
            event = self._event(doc, sentence, match, clause, ci, roles.actors, roles.recipients,
                                roles.rules, attrs)
            if match.head in failed and QUAD.get(event.event) in (1, 2):
                # "failed to reach agreement": the cooperation did not come about
                event = replace(event, modality="denied",
                                rules=(*event.rules, f"failed:{toks[failed[match.head]].lower}"))
            if event.event == "AGREE" and event.modality == "denied":
                # "will not accept", "weigert in te stemmen met": a refusal
                event = replace(event, event="REJECT", modality="asserted",
                                rules=(*event.rules, "negated-agreement"))
            if match.head in committed:
                event = _as_commitment(event, committed[match.head], sentence, cls, attrs,
                                       doc.article.text, placed)
            elif match.head in readied and event.event in ("ASSAULT", "COERCE"):
                # "the army prepared to storm the town": forces made ready
                word = toks[readied[match.head]]
                event = replace(event, event="MOBILIZE", mode="troops", modality="asserted",
                                rules=(*event.rules, f"readied:{word.lower}:{event.event}"))
            elif match.head in ended:
                word = toks[ended[match.head]]
                event = replace(event, event="SANCTION", mode="discontinue",
                                rules=(*event.rules, f"ended:{word.lower}:{event.event}"))
            obliged = _obligation(toks, clause, match.head, cues.obligation)
            speaker = attrs.speaker()
            if (obliged and clause.complement and speaker is not None and event.actor
                    and speaker.actor and speaker.actor.code
                    and _entity(speaker) not in event.actor and event.event != "REQUEST"):
                # "the minister said the government and the rebels must free
                # their prisoners": the speaker demands it of them
                event = replace(event, event="REQUEST", mode="", actor=(_entity(speaker),),
                                recipient=event.actor, modality="asserted",
                                rules=(*event.rules, f"obligation:{obliged}:{event.event}"))
            elif ultimatum is not None and event.modality == "planned":
                # "will recall its ambassador unless ...": an ultimatum
                event = replace(event, event="THREATEN", mode=THREAT_MODES.get(event.event, ""),
                                modality="asserted",
                                rules=(*event.rules, f"ultimatum:{ultimatum}:{event.event}"))
            subject_act = _event_subject(match, events, by_head)
            if subject_act is not None and QUAD.get(trig.event) == QUAD.get(subject_act.event):
                # "Israeli strike kills their prime minister": the act that is
                # the subject did it
                event = replace(event, actor=subject_act.actor,
                                rules=(*[r for r in event.rules if not r.startswith("actor:")],
                                       "actor:event-subject"))
            known = [*history, *events]
            if not event.actor:
                source = inherit_actor(known, trig.event, sentence.index) if (
                    roles.passive or trig.kind != "noun") else None
                speaker = attrs.speaker() if roles.passive else None
                if speaker is not None and not _may_act(speaker, event):
                    speaker = None
                if source is not None:
                    event = replace(event, actor=source.actor,
                                    recipient=event.recipient or source.recipient,
                                    rules=(*event.rules, "actor:discourse"))
                elif speaker is not None:
                    event = replace(event, actor=(_entity(speaker),),
                                    rules=(*event.rules, "actor:speaker"))
                elif (enemy := _enemy_of_fallen(event, salience, sentence.index, aside)
                      ) is not None:
                    event = replace(event, actor=(enemy,),
                                    rules=(*event.rules, "actor:salient-enemy"))
                else:
                    notes.append(
                        f"{label}: skipped, no actor found ({', '.join(roles.rules) or '-'})")
                    continue
            guessed = any(r.startswith(FALLBACK_RECIPIENTS) for r in event.rules)
            if (not event.recipient or guessed) and match.head in object_nouns:
                # "dismissed an appeal from X": words about an act answer its
                # agent; "prevented the demonstration by students" hits them
                noun = next(m for m in matches if m.head == object_nouns[match.head])
                found = find_roles(noun, toks, cls, clause_of(cls, noun.head), placed,
                                   tools.grammar)
                own = {(a.code, a.sector) for a in event.actor}
                agents = tuple(_entity(m) for m in found.actors if m.actor
                               and (m.actor.code, m.actor.sector) not in own) if any(
                    r.startswith(("actor:prenominal", "actor:noun-")) for r in found.rules
                ) else ()
                if agents:
                    event = replace(event, recipient=agents,
                                    rules=(*[r for r in event.rules
                                             if not r.startswith(FALLBACK_RECIPIENTS)],
                                           "recipient:agent-of-object"))
            if not event.recipient and match.head in object_nouns:
                noun = next(m for m in matches if m.head == object_nouns[match.head])
                targets = referenced_actors(known, noun.trigger.event, event)
                if targets:
                    event = replace(event, recipient=targets,
                                    rules=(*event.rules, "recipient:object-event"))
            if not event.recipient and trig.event in NEEDS_RECIPIENT:
                earlier = inherit_recipient(known, event, sentence.index)
                if earlier:
                    event = replace(event, recipient=earlier,
                                    rules=(*event.rules, "recipient:discourse"))
            if trig.kind == "noun" and _stative(toks, clause, tools.lexicon.cues.background):
                notes.append(f"{label}: skipped, part of a background state")
                background.append(event)
                continue
            if not event.recipient and QUAD.get(event.event) in (1, 3):
                topic = _topic_actor(event, history)
                if topic:
                    event = replace(event, recipient=topic,
                                    rules=(*event.rules, "recipient:topic-actor"))
            if not event.recipient and not _stands_alone(event) and salience is not None:
                other = salience.counterpart(event, sentence.index)
                if other is not None:
                    event = replace(event, recipient=(other,),
                                    rules=(*event.rules, "recipient:salient-counterpart"))
            if not event.recipient and ("PROTEST" in (event.event, trig.event) or (
                    event.event == "REQUEST" and trig.mode == "change")):
                # (also a protest threatened: "will boycott the elections unless")
                event = _against_own_government(event)
            event = replace(event, confidence=confidence(event))
            if event.confidence < self.settings.min_confidence:
                notes.append(f"{label}: skipped, confidence {event.confidence} is below "
                             f"{self.settings.min_confidence} ({', '.join(event.rules[1:])})")
                continue
            if not event.recipient and not _stands_alone(event):
                notes.append(f"{label}: skipped, {event.event} by "
                             f"{', '.join(a.code for a in event.actor)} aimed at no one found "
                             f"({', '.join(event.rules[1:])})")
                continue
            notes.append(f"{label}: coded {event.event} ({', '.join(event.rules)})")
            events.append(event)
            by_head[match.head] = len(events) - 1
        events = _modes_from_content(events, by_head, contents)
        events, by_head = _drop_promises(events, by_head, {**committed, **denied}, notes)
        events = _aim_at_agents(events, by_head, object_nouns)
        return SentenceResult(tuple(events), tuple(notes), tuple(background))

    def _event(
        self,
        doc: Doc,
        sentence: Sentence,
        match: TriggerMatch,
        clause: Clause,
        ci: int,
        actors: Sequence[Mention],
        recipients: Sequence[Mention],
        role_rules: Sequence[str],
        attrs: Attributes,
    ) -> Event:
        trig = match.trigger
        toks = sentence.tokens
        rules = [trig.id, match.rule, *role_rules]
        modality = attrs.modality(ci, match.head, frozenset(match.indexes),
                                  speech_act=QUAD.get(trig.event) in (1, 3))
        if modality.cue:
            rules.append(f"modality:{modality.cue}")
        date = attrs.date(clause, match.head)
        if date is not None:
            rules.append("date")
        quantity = attrs.quantity(clause, match.head, trig.event, trig.id)
        loc = attrs.location(clause, match.head, actors, recipients, trig.event)
        speaker = attrs.speaker()
        attribution = Attribution(
            speaker=_entity(speaker) if speaker else None,
            source_text=QUOTED_SOURCE if doc.article.quoted and speaker is None else "",
            outlet=doc.article.outlet or "",
        )
        lo = min([toks[i].start for i in match.indexes]
                 + [m.start for m in (*actors, *recipients) if m.start >= sentence.start])
        hi = max([toks[i].end for i in match.indexes]
                 + [m.end for m in (*actors, *recipients) if m.start >= sentence.start])
        text = doc.article.text
        return Event(
            event=trig.event,
            mode=attrs.mode(clause, trig.event, trig.mode),
            context=trig.context,
            actor=tuple(_entity(m) for m in actors),
            recipient=tuple(_entity(m) for m in recipients),
            event_text=_match_text(sentence, match),
            event_loc=loc,
            date=date,
            quantity=quantity,
            modality=modality.modality,
            attribution=attribution,
            evidence=(Span(lo, hi, text[lo:hi]),),
            confidence=0.5,
            rules=tuple(rules),
            sentence=sentence.index,
        )


#: Recipient rules that guess from what follows the trigger; the agent of the
#: act a verb takes as object is a better answer.
FALLBACK_RECIPIENTS = ("recipient:target-pp", "recipient:after-trigger", "recipient:place")

#: PLOVER types that require a recipient: when the clause names none, the
#: article's most recent event of the same actor supplies it.
NEEDS_RECIPIENT = frozenset({"AID", "COOPERATE", "SANCTION"})
#: How many sentences back an actor or recipient is carried over.
ACTOR_WINDOW = 2
RECIPIENT_WINDOW = 6


def inherit_actor(history: Sequence[Event], event: str, sentence: int) -> Event | None:
    """The latest event of the same type just before: an agentless
    "er zijn ... verscheept" continues it."""
    for e in reversed(history):
        if sentence - e.sentence > ACTOR_WINDOW:
            return None
        if e.event == event and e.actor:
            return e
    return None


def inherit_recipient(history: Sequence[Event], event: Event, sentence: int) -> tuple[Entity, ...]:
    """Recipients of the latest earlier event by the same actor."""
    codes = {a.code for a in event.actor}
    for e in reversed(history):
        if sentence - e.sentence > RECIPIENT_WINDOW:
            break
        if e.recipient and codes & {a.code for a in e.actor}:
            return tuple(r for r in e.recipient if r.code not in codes)
    return ()


def referenced_actors(history: Sequence[Event], event_type: str, event: Event
                      ) -> tuple[Entity, ...]:
    """Actors of the latest event of ``event_type`` told before: "condemned
    the strikes" is aimed at those who struck."""
    own = {a.code for a in event.actor}
    for e in reversed(history):
        if e.event == event_type:
            return tuple(a for a in e.actor if a.code not in own)
    return ()


#: Definite determiners: "the strikes", "de aanval" refer to an event told before.
DEFINITE_EVENT = frozenset({"the", "this", "these", "those", "de", "het", "deze", "die", "dit"})


def _told_before(match: TriggerMatch, toks: Sequence[Token], known: Sequence[Event],
                 lang: str) -> Event | None:
    """A definite nominal trigger ("the strikes", "de aanvallen") names an
    event the article told before, not a new one."""
    if match.trigger.kind != "noun" or match.head == 0:
        return None
    j = match.head - 1
    while j > 0 and toks[j].lower.isalpha() and toks[j].lower not in DEFINITE_EVENT and (
        looks_adjective(toks[j].lower, lang) or toks[j].lower.endswith("ed") or toks[j].is_title
    ):
        j -= 1  # skip adjectives: "the Russian air strikes", "de grote aanval"
    if toks[j].lower not in DEFINITE_EVENT:
        return None
    for e in reversed(known):
        if e.event == match.trigger.event:
            return e
    return None


#: Event types that often have no recipient: a mobilization or a protest
#: stands on its own.
NO_RECIPIENT_TYPES = frozenset({"MOBILIZE", "PROTEST", "RETREAT"})


#: How many sentences back an undated event takes the date of the story.
DATE_WINDOW = 3


#: What each rule adds to (or takes from) an event's confidence. Grammar
#: beats discourse: a recipient found in the clause counts more than one
#: carried over from the story. Weights were set by measuring how often
#: events with each rule match gold (scripts/rule_precision.py).
CONFIDENCE_BASE = 0.4
CONFIDENCE_WEIGHTS: tuple[tuple[str, float], ...] = (
    ("verb:", 0.2), ("separable:", 0.2), ("phrasal:", 0.2), ("phrase:", 0.2),
    ("joining:", 0.15), ("noun:", 0.1), ("compound:", 0.05),
    ("actor:subject", 0.1), ("passive:agent", 0.1), ("actor:noun-", 0.05),
    ("actor:prenominal", 0.0), ("actor:clause-subject", -0.05),
    ("actor:relative-antecedent", 0.0), ("actor:previous-clause", -0.05),
    ("actor:discourse", -0.05), ("actor:speaker", -0.1),
    ("recipient:object", 0.15), ("recipient:pp:", 0.15), ("recipient:noun-", 0.15),
    ("recipient:target-pp:", 0.1), ("recipient:subject", 0.1),
    ("recipient:complement-subject", 0.1), ("recipient:after-trigger", 0.05),
    ("recipient:place", 0.05), ("recipient:seat-of-body", 0.05),
    ("recipient:object-event", 0.1), ("recipient:answers-earlier-act", 0.05),
    ("recipient:discourse", 0.05), ("recipient:salient-counterpart", 0.0),
    ("joint", 0.1),
)


def confidence(event: Event) -> float:
    """How sure the engine is, from the rules that produced the event."""
    value = CONFIDENCE_BASE
    for rule in event.rules[1:]:
        weight = _rule_weight(rule)
        if weight is not None:
            value += weight
    if any(a.text.lower() in PRONOUN_TEXTS for a in event.actor):
        value -= 0.05
    return round(max(0.05, min(value, 0.95)), 2)


@lru_cache(maxsize=4096)
def _rule_weight(rule: str) -> float | None:
    """The weight of the first prefix of ``CONFIDENCE_WEIGHTS`` the rule
    starts with, if any (cached: rules repeat from event to event)."""
    for prefix, weight in CONFIDENCE_WEIGHTS:
        if rule.startswith(prefix):
            return weight
    return None


PRONOUN_TEXTS = frozenset({"hij", "zij", "ze", "he", "she", "they", "het land", "the country"})
#: How many sentences back an undated event takes the date of the story.
DATE_WINDOW = 3


#: Codes that are no state: their protests have no government of their own.
NON_STATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "IMG", "ISM", "MNC"})


def _against_own_government(event: Event) -> Event:
    """A protest, or a demand for a change of leaders or policy ("demanded
    elections"), that names no target is aimed at the actors' own government
    ("thousands rallied in Tbilisi"): PLOVER codes the state protested
    against as recipient."""
    states = [a.code for a in event.actor if a.code and a.code not in NON_STATE_CODES]
    if not states:
        return event
    return replace(event, recipient=(Entity(code=states[0], sector="GOV", text=""),),
                   rules=(*event.rules, "recipient:own-government"))


def _other_parties(actors: Sequence[Mention], recipients: Sequence[Mention], told: Event
                   ) -> bool:
    """Does a definite event noun name parties of its own, other than the
    event told before ("de steun aan Kyiv" by the Netherlands after China's
    support of Russia)? Then it is a new event."""
    def codes(ms: Sequence[Mention]) -> set[str]:
        return {m.actor.code for m in ms if m.actor and m.actor.code}
    mine_a, mine_r = codes(actors), codes(recipients)
    if not mine_a or not mine_r:
        return False
    return not (mine_a & {a.code for a in told.actor} or mine_r & {r.code for r in told.recipient})


def _topic_actor(event: Event, history: Sequence[Event]) -> tuple[Entity, ...]:
    """Words with no addressee in an article about an act are mostly a
    reaction to it: "Peking verzette zich fel" in a story about EU sanctions
    answers the EU. The topic act is the article's first event; its actors
    are the addressee of a third party's words (measured on the dev set:
    seven events matched gold that did not before, two no longer did)."""
    if not history:
        return ()
    topic = history[0]
    own = {a.code for a in event.actor}
    if own & {a.code for a in topic.actor}:
        return ()
    return tuple(a for a in topic.actor if a.code)


def _carry_date(event: Event, history: Sequence[Event], published: dt.date | None = None
                ) -> Event:
    """An event told with no time of its own happened when the events just
    before it did (news tells one occasion at a time)."""
    if event.date is not None:
        return event
    for e in reversed(history):
        if event.sentence - e.sentence > DATE_WINDOW:
            break
        if (e.date is not None and e.date.start is not None and e.modality == "asserted"
                and (published is None or e.date.start <= published)):
            return replace(event, date=replace(e.date, text=""),
                           rules=(*event.rules, "date:carried"))
    return event


#: PLOVER's modes of a request or a rejection by the kind of act asked for
#: or refused: a meeting, help, giving way, a change of policy or leaders.
CONTENT_MODES = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist",
                 "RETREAT": "yield", "CONCEDE": "yield", "SANCTION": "change"}
#: Types whose mode is the kind of act they ask for or refuse.
CONTENT_MODED = frozenset({"REQUEST", "REJECT"})


def _modes_from_content(events: list[Event], by_head: dict[int, int],
                        contents: dict[int, str]) -> list[Event]:
    """A request or rejection with no mode of its own takes it from the act
    it asks for or refuses ("asked for a meeting": meet; "demanded that
    Armenia pull its troops back": yield)."""
    out = list(events)
    for head, kind in contents.items():
        at = by_head.get(head)
        mode = CONTENT_MODES.get(kind, "")
        if at is not None and mode and out[at].event in CONTENT_MODED and not out[at].mode:
            out[at] = replace(out[at], mode=mode, rules=(*out[at].rules, f"mode:content:{kind}"))
    return out


#: Linker rules of a sector noun that takes its code from the owner right
#: before it: one reference, counted once.
OWNED_RULES = frozenset({"sector+genitive", "sector+owner"})


class Salience:
    """How present each actor is in an article, for events whose clause names
    no recipient: in news about two sides, an act of one is mostly aimed at
    the other."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        # ("Iran's ministry", "Hamas fighters": the owner already counts)
        self.mentions = [m for m in mentions if m.actor is not None and m.actor.code
                         and m.kind != "place" and m.rule not in OWNED_RULES]

    def ranked(self, event: Event, sentence: int, exclude: frozenset[str] = frozenset()
               ) -> list[tuple[str, float, Mention]]:
        """Other actors than the event's (and than ``exclude``), most present
        first (mentions near the sentence count double), each with its first
        mention."""
        own = {a.code for a in event.actor} | exclude
        score: dict[str, float] = {}
        first: dict[str, Mention] = {}
        for m in self.mentions:
            assert m.actor is not None
            code = m.actor.code
            if code in own:
                continue
            weight = 2.0 if abs(m.sentence - sentence) <= 1 else 1.0
            score[code] = score.get(code, 0.0) + weight
            first.setdefault(code, m)
        return sorted(((c, v, first[c]) for c, v in score.items()), key=lambda x: -x[1])

    def counterpart(self, event: Event, sentence: int, exclude: frozenset[str] = frozenset()
                    ) -> Entity | None:
        ranked = self.ranked(event, sentence, exclude)
        if not ranked:
            return None
        if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
            return None  # no clear counterpart
        m = ranked[0][2]
        assert m.actor is not None
        return Entity(code=m.actor.code, sector="", qid=m.actor.qid, text="",
                      name=m.actor.name)


#: Words after which a background cue is a noun or adjective ("a number of",
#: "its own missiles"), not the stative verb.
ARTICLES = frozenset({"a", "an", "the", "de", "het", "een", "its", "their", "his", "her", "our",
                      "zijn", "haar", "hun", "onze"})


def _stative(toks: Sequence[Token], clause: Clause, background: frozenset[str]) -> bool:
    """Whether the clause's verb states a background fact ("bestond uit",
    "lag in"): nominal events in it describe, they do not happen. Cues of
    several words must stand together ("lie in", not "lay down ... in")."""
    span = range(clause.start, clause.end)
    # a cue word after an article or possessive is a noun or adjective
    words = [(toks[n].lemma, toks[n].lower) for n in span
             if n == 0 or toks[n - 1].lower not in ARTICLES]
    present = {w for pair in words for w in pair}
    for cue in background:
        parts = cue.split()
        if not all(w in present for w in parts):
            continue  # (a word of the cue is not in the clause)
        for i in range(len(words) - len(parts) + 1):
            if all(w in words[i + k] for k, w in enumerate(parts)):
                return True
    return False


def _stands_alone(event: Event) -> bool:
    """An event without a recipient is kept only when it has none by nature:
    a joint act of several parties, a mobilization, a protest. Elsewhere a
    missing recipient means the clause was not understood (measured: such
    events are right one time in seven)."""
    # (two parts of one state count: "the army and the rebels clashed")
    joint = "joint" in event.rules and len({(a.code, a.sector) for a in event.actor}) >= 2
    return joint or event.event in NO_RECIPIENT_TYPES


def _aim_at_agents(events: list[Event], by_head: dict[int, int],
                   object_nouns: dict[int, int]) -> list[Event]:
    """Words about an act aimed at its agents: "NATO condemned the attack by
    Russia" is aimed at Russia, whoever the attack hit."""
    out = list(events)
    for verb, noun in object_nouns.items():
        if verb not in by_head or noun not in by_head:
            continue
        said, act = out[by_head[verb]], out[by_head[noun]]
        own_np = any(r.startswith(("actor:prenominal", "actor:noun-")) for r in act.rules)
        if QUAD.get(said.event) not in (1, 3) or not own_np:
            continue
        own = {a.code for a in said.actor}
        agents = tuple(a for a in act.actor if a.code not in own)
        if agents:
            out[by_head[verb]] = replace(said, recipient=agents,
                                         rules=(*said.rules, "recipient:agent-of-object"))
    return out


def _object_nouns(matches: Sequence[TriggerMatch], cls: Sequence[Clause]) -> dict[int, int]:
    """Verb head -> head of the nominal trigger that is its object
    ("condemned the strikes", "rejected the accusations")."""
    out: dict[int, int] = {}
    for verb in matches:
        if verb.trigger.kind == "noun":
            continue
        ci = clause_of(cls, verb.head)
        for noun in matches:
            if noun.trigger.kind != "noun" or clause_of(cls, noun.head) != ci:
                continue
            gap = noun.head - verb.span[1]
            if 0 < gap <= 5:
                out[verb.head] = noun.head
                break
    return out


#: Event types whose object noun is the content of the act, not an event of
#: its own ("verzoek om militaire steun", "call for sanctions").
CONTENT_TAKERS = frozenset({"REQUEST", "REJECT", "AGREE", "THREATEN", "SUPPORT", "ACCUSE",
                            "CONCEDE"})
CONTENT_LINKS = frozenset({"om", "tot", "voor", "van", "op", "for", "to", "of", "on", "over",
                           "about", "met", "with"})


#: Words that link an accusation to what it charges ("accused X of",
#: "charged X with", "beschuldigt X van/ervan").
CHARGE_LINKS = frozenset({"of", "with", "van", "ervan"})
#: How far the charge may stand from the accusation word.
ACCUSED_REACH = 8
#: Words that mark an infinitive: "te" in "om terug te slaan", English "to".
INFINITIVE_MARKERS = frozenset({"te", "to"})


def _conditional(cls: Sequence[Clause], ci: int, *, keeps_condition: bool = False) -> bool:
    """A clause next to a condition (``..., als ze worden aangevallen``) is
    its consequence: hypothetical, not asserted. A speech act or a promise
    followed by a condition states that condition ("urged the EU to tighten
    sanctions if ...", "vowed to strike if ..."): the act itself took place
    (``keeps_condition``)."""
    nxt = cls[ci + 1] if ci + 1 < len(cls) else None
    prev = cls[ci - 1] if ci > 0 else None
    return bool((nxt and nxt.hypothetical and not keeps_condition)
                or (prev and prev.hypothetical and ci == 1))


def _content_of(
    match: TriggerMatch, matches: Sequence[TriggerMatch], toks: Sequence[Token], g: Grammar,
    clause: Clause | None = None,
) -> TriggerMatch | None:
    """The speech-act trigger whose content this trigger is: a noun after it
    ("verzoek om militaire steun"), an infinitive ("threatened to strike",
    "dreigde Kyiv aan te vallen", "het recht voorbehouden om terug te slaan")
    or the clause a demand opens ("demanding that the government free them")."""
    if clause is not None and clause.complement and clause.opener in g.complementizers:
        for other in matches:
            if other.trigger.event == "REQUEST" and other.span[1] == clause.start - 1:
                return other
    first = min(match.indexes)
    for other in matches:
        # "accused the junta of arming", "charging the ministry with
        # hiding": what an accusation charges
        if (other is not match and other.trigger.event == "ACCUSE"
                and 0 < first - other.span[1] <= ACCUSED_REACH
                and toks[first - 1].lower in CHARGE_LINKS
                and not any(t.is_punct for t in toks[other.span[1] + 1 : first])):
            return other
    if match.trigger.kind != "noun":
        if first > 0 and toks[first - 1].lower in INFINITIVE_MARKERS:
            for other in matches:
                if (other is not match and other.trigger.event in CONTENT_TAKERS
                        and 0 < first - other.span[1] <= 8):
                    return other
        head = match.head
        if head > first and toks[head - 1].lower in INFINITIVE_MARKERS:
            # a Dutch phrase with "te" before its verb: "om wapens te leveren"
            for other in matches:
                if (other is not match and other.trigger.event in CONTENT_TAKERS
                        and other.head < first and 0 < head - other.head <= 10):
                    return other
        if match.trigger.kind == "verb":
            return None
    # "threatened to start a ground offensive", "dreigde een offensief te
    # beginnen": the noun is the object of the infinitive the speech act governs
    at = next((k for k in range(first - 1, max(first - 6, -1), -1)
               if toks[k].lower in INFINITIVE_MARKERS or toks[k].is_punct), None)
    verb = toks[at + 1] if at is not None and at + 1 < first else None
    if (at is not None and verb is not None and toks[at].lower in INFINITIVE_MARKERS
            and verb.text.isalpha() and verb.text.islower() and verb.lower not in g.determiners):
        for other in matches:
            if (other is not match and other.trigger.event in CONTENT_TAKERS
                    and 0 < at - min(other.indexes) <= 3):
                return other
    for other in matches:
        if other is match or other.trigger.event not in CONTENT_TAKERS:
            continue
        gap = match.span[0] - other.span[1]
        if 0 < gap <= 4:
            between = [t.lower for t in toks[other.span[1] + 1 : match.span[0]]]
            if between and between[0] in CONTENT_LINKS and all(
                w in CONTENT_LINKS or w in g.determiners or not w.isalpha() or w.endswith("e")
                or w.endswith(("al", "ic", "ary"))
                for w in between
            ):
                return other
    return None


def _obligation(toks: Sequence[Token], clause: Clause, head: int,
                phrases: Sequence[tuple[str, ...]]) -> str:
    """The modal of obligation before the trigger in its clause ("must
    reach", "moet ... terugtrekken"), or ""."""
    words = [t.lower for t in toks[clause.start : head]]
    for phrase in phrases:
        n = len(phrase)
        if any(tuple(words[i : i + n]) == phrase for i in range(len(words) - n + 1)):
            return " ".join(phrase)
    return ""


def _ultimatum(toks: Sequence[Token], head: int, words: frozenset[str]) -> str | None:
    """The word of condition after the trigger that makes its act an
    ultimatum ("will withdraw ... unless"), if any."""
    return next((t.lower for t in toks[head + 1 :] if t.lower in words), None)


#: Forms of the ability modals that carry their own negation.
NEGATED_MODALS = frozenset({"cannot", "can't", "couldn't", "unable"})


def _unable(clause: Sequence[Token], cues: Cues) -> bool:
    """"Caracas kan niet meteen terugslaan", "Kyiv cannot win without ...":
    a negated ability states that nothing happened."""
    words = [t.lower for t in clause]
    if any(w in NEGATED_MODALS for w in words):
        return True
    return any(w in cues.inability for w in words) and any(w in cues.negation for w in words)


def _event_subject(match: TriggerMatch, events: Sequence[Event], by_head: dict[int, int]
                   ) -> Event | None:
    """The event coded for the noun right before a verb trigger, which is
    then its subject ("strike kills", "de aanval doodde")."""
    if match.trigger.kind == "noun":
        return None
    at = by_head.get(min(match.indexes) - 1)
    return events[at] if at is not None else None


def _nouns_after_adjectives(matches: list[TriggerMatch], placed: Sequence[Placed],
                            tools: LangTools) -> list[TriggerMatch]:
    """A verb trigger right after a state adjective is the noun: "after
    Israeli strike", "Russian attacks" (an adjective never comes before a
    finite verb)."""
    adjectives = {p.last for p in placed if p.mention.rule == "adjective"}
    if not adjectives:
        return matches
    out = []
    for m in matches:
        if m.trigger.kind == "verb" and len(m.indexes) == 1 and m.head - 1 in adjectives:
            m = _as_noun(m, tools)
        out.append(m)
    return out


#: Kinds of mention that are names: a trigger word inside one names no event.
NAME_KINDS = frozenset({"body", "group", "person"})


def _outside_names(matches: list[TriggerMatch], placed: Sequence[Placed]
                   ) -> list[TriggerMatch]:
    """A trigger word inside a linked name is part of the name ("Amnesty
    International", "Solidarity", "Islamic Resistance Movement"), not an
    event."""
    names = {k for p in placed if p.mention.kind in NAME_KINDS
             for k in range(p.first, p.last + 1)}
    if not names:
        return matches
    return [m for m in matches if m.head not in names]


def _as_noun(m: TriggerMatch, tools: LangTools) -> TriggerMatch:
    """The noun trigger of the verb's lemma at the same word, where the
    lexicon has one; else the verb match as it was."""
    nouns = [t for t in tools.triggers.by_key.get(m.trigger.lemmas[0], ()) if t.kind == "noun"]
    if not nouns:
        return m
    return TriggerMatch(nouns[0], m.head, (m.head,), f"noun:{nouns[0].lemmas[0]}")


#: Sectors of those who fight: their dead fell to the other side.
COMBATANTS = frozenset({"MIL", "REB"})


def _enemy_of_fallen(event: Event, salience: Salience | None, sentence: int,
                     aside: Mention | None) -> Entity | None:
    """Soldiers killed or wounded with no agent named ("tweehonderd
    Russische soldaten zijn gesneuveld") fell to the side the
    article is clearly about besides theirs (not whoever reports it)."""
    if (salience is None or event.event != "ASSAULT" or not event.recipient
            or not all(r.sector in COMBATANTS for r in event.recipient)):
        return None
    fallen = replace(event, actor=event.recipient)
    teller = frozenset({aside.actor.code}) if aside is not None and aside.actor else frozenset()
    return salience.counterpart(fallen, sentence, exclude=teller)


#: Words after which an English "-s" form is a plural noun, not a verb:
#: "of shells", "the attacks", "3,000 strikes", "their raids".
PLURAL_AFTER = frozenset({"of", "the", "these", "those", "its", "their", "his", "her", "our",
                          "many", "several", "more", "some", "all", "no", "any"})


def _plural_nouns(matches: list[TriggerMatch], toks: Sequence[Token], tools: LangTools
                  ) -> list[TriggerMatch]:
    """An English verb trigger on an "-s" form after a determiner, "of" or a
    number ("the attacks", "3,000 strikes") is a plural noun: the noun
    trigger of the same lemma where the lexicon has one."""
    if tools.lexicon.lang != "en":
        return matches
    out = []
    for m in matches:
        at = m.head
        word = toks[at].lower
        if (m.trigger.kind == "verb" and len(m.indexes) == 1 and word.endswith("s")
                and at > 0 and (_plural_context(toks[at - 1])
                                or (at > 1 and toks[at - 2].lower == "of"
                                    and toks[at - 1].text.isalpha()
                                    and toks[at - 1].text.islower()))):
            m = _as_noun(m, tools)
        out.append(m)
    return out


def _plural_context(tok: Token) -> bool:
    return tok.lower in PLURAL_AFTER or tok.text.replace(",", "").isdigit()


def _may_act(speaker: Mention, event: Event) -> bool:
    """May the speaker of a passive report be its agent ("43 people were
    detained, the ministry said")? Not a pronoun, whose antecedent is not
    known to be an authority, not the reporter of an assault, and not a
    party on the receiving end."""
    if speaker.kind == "pronoun" or speaker.actor is None or event.event == "ASSAULT":
        # those who report killings are seldom who killed: "three civilians
        # were killed, police said"
        return False
    return _entity(speaker) not in event.recipient


def _drop_promises(
    events: list[Event], by_head: dict[int, int], committed: dict[int, int], notes: list[str]
) -> tuple[list[Event], dict[int, int]]:
    """A promise word that is a trigger of its own ("pledged", "offered") is
    not coded twice when the act it governs was coded as the commitment; nor
    is a denial ("ontkent ... te leveren") when the act was coded, denied."""
    drop = {by_head[c] for act, c in committed.items() if act in by_head and c in by_head}
    if not drop:
        return events, by_head
    for n in sorted(drop):
        notes.append(f"{events[n].rules[0]}: dropped, coded with the act it governs")
    kept = [e for n, e in enumerate(events) if n not in drop]
    position = {old: new for new, old in enumerate(n for n in range(len(events))
                                                   if n not in drop)}
    return kept, {h: position[n] for h, n in by_head.items() if n in position}


def _as_commitment(
    event: Event, c: int, sentence: Sentence, cls: Sequence[Clause], attrs: Attributes,
    text: str, placed: Sequence[Placed] = (),
) -> Event:
    """The event a commitment word makes of the act it governs: "promised to
    send troops" is an AGREE, "vowed to attack" a THREATEN (the promise is
    what happened; it is asserted unless the clause reports or denies it).
    With no recipient of the act, the one promised is: "beloofden het land
    steun te geven", "promised Kyiv to send jets"."""
    kind = intent_type(event.event)
    if kind is None:
        return event
    tok = sentence.tokens[c]
    own = {a.code for a in event.actor}
    if not event.recipient:
        promised = next((p for p in placed if 0 < p.first - c <= 2 and not p.prep
                         and p.mention.actor and p.mention.actor.code not in own), None)
        if promised is not None:
            event = replace(event, recipient=(_entity(promised.mention),),
                            rules=(*event.rules, "recipient:promised"))
    found = attrs.modality(clause_of(cls, c), c, frozenset({c}), speech_act=True)
    modality = "asserted" if found.modality in ("planned", "predicted") else found.modality
    lo = min(tok.start, *(s.start for s in event.evidence))
    hi = max(tok.end, *(s.end for s in event.evidence))
    return replace(
        event,
        event=kind,
        mode=THREAT_MODES.get(event.event, "") if kind == "THREATEN" else "",
        modality=modality,
        evidence=(Span(lo, hi, text[lo:hi]),),
        rules=(*event.rules, f"intent:{tok.lower}:{event.event}"),
    )


def _entity(m: Mention) -> Entity:
    actor = m.actor
    assert actor is not None
    return Entity(code=actor.code, sector=actor.sector, qid=actor.qid, text=m.text,
                  name=actor.name, start=m.start, end=m.end)


def _match_text(sentence: Sentence, match: TriggerMatch) -> str:
    return " ".join(sentence.tokens[i].text for i in sorted(match.indexes))


def _key(e: Event) -> tuple[str, frozenset[str], frozenset[str]]:
    return (e.event, frozenset(a.code for a in e.actor), frozenset(r.code for r in e.recipient))


def _dates_agree(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None or a.date.start is None or b.date.start is None:
        return True
    assert a.date.end is not None and b.date.end is not None
    return a.date.start <= b.date.end and b.date.start <= a.date.end


def _same_telling(a: Event, b: Event) -> bool:
    """Two mentions of one event in different body sentences: the same
    trigger word, or the same amount of the same thing."""
    if a.rules[:1] == b.rules[:1]:
        return True
    return bool(a.quantity and b.quantity and a.quantity.unit == b.quantity.unit
                and a.quantity.value == b.quantity.value)


def _dedupe(doc: Doc, traces: list[Trace]) -> list[Trace]:
    """One event per real event in an article: a pull-quote heading repeats
    the body, and an article may tell the same event twice."""
    blocks = {s.index: s.block for s in doc.sentences}
    kept: list[Event] = []
    order = sorted(
        (e for t in traces for e in t.events),
        key=lambda e: (blocks.get(e.sentence) == "heading", e.sentence),
    )
    dropped: set[int] = set()
    keys = {id(e): _key(e) for e in order}  # (each event's key, made once)
    for e in order:
        heading = blocks.get(e.sentence) == "heading"
        same = [k for k in kept if keys[id(k)] == keys[id(e)] and _dates_agree(k, e)
                and (heading or k.sentence == e.sentence or _same_telling(k, e))]
        if same:
            dropped.add(id(e))
            continue
        kept.append(e)
    out = []
    for t in traces:
        if not any(id(e) in dropped for e in t.events):
            out.append(t)  # (nothing merged: the trace as it is)
            continue
        events = tuple(e for e in t.events if id(e) not in dropped)
        notes = t.notes + tuple(
            f"{e.event}: merged with the same event told elsewhere in the article"
            for e in t.events if id(e) in dropped
        )
        out.append(replace(t, events=events, notes=notes))
    return out


__all__ = ["Placed", "RuleEngine"]
