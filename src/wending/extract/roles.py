"""Actor and recipient of a trigger, from the clause around it.

Without a parser the roles come from word order and prepositions:

* the subject: in Dutch the first actor mention of the clause outside a
  prepositional phrase (inversion puts it right after the finite verb,
  subordinate clauses right after the conjunction); in English the bare
  mention closest before the verb; coordinated mentions (``X, Y en Z``) join;
* a relative clause without its own subject takes the noun before it, a
  clause with none at all the subject of the clause before;
* passives: the agent (``door``/``by``) is the actor and the subject the
  recipient;
* recipients, in order: a prepositional phrase whose preposition the trigger
  lists (``aan``, ``tegen``, ``to``), the direct object, a phrase with a
  general target preposition after the trigger, then any other actor
  mentioned after it in the clause;
* nouns: a possessive or adjective before the noun, or ``van``/``of`` after it,
  is the actor, the trigger's prepositions after it give the recipient;
* joint triggers (sign, meet, fight each other) with no explicit recipient put
  every party, ``met``/``with`` included, in the actor.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from wending.extract.grammar import Clause, Grammar, looks_adjective, preposition_before
from wending.extract.triggers import TriggerMatch
from wending.model import QUAD, Actor, Mention, Token

#: Prepositions that mark the one an act is aimed at, for any trigger.
TARGET_PREPS = {
    "nl": frozenset({"aan", "tegen", "op", "naar", "jegens", "voor"}),
    "en": frozenset({"to", "against", "on", "at", "toward", "towards", "into", "for"}),
}
#: Codes of bodies whose seat a place name may stand for (Brussel: the EU).
BODY_CODES = frozenset({"EUR", "UNO", "IGO"})
#: For acts of force, the place they happen is the recipient's ("killed in
#: Lebanon").
PLACE_TARGET_TYPES = frozenset({"ASSAULT", "COERCE"})
#: Prepositions that name whom a thing belongs to or serves ("a school for
#: children", "the offices of the party").
OWNER_PREPS = frozenset({"for", "of", "voor", "van"})
#: Articles that open a noun phrase of their own.
INDEFINITE_ARTICLES = frozenset({"a", "an", "een"})
#: The recipient key of measures imposed on a territory: a curfew or state of
#: siege "in Gondar" falls on that place's people, also when the state
#: imposes it on its own.
TERRITORY = "territory"
PLACE_PREPS = frozenset({"in", "bij", "nabij", "rond", "near", "around", "across", "over"})
#: Dutch and English perfect and passive auxiliaries used to spot passives.
PERFECT_PASSIVE = {"nl": frozenset({"is", "zijn", "was", "waren", "geweest"})}


@dataclass(frozen=True, slots=True)
class Placed:
    """A mention placed among the tokens: its token range and its preposition."""

    mention: Mention
    first: int
    last: int
    prep: str


@dataclass(frozen=True, slots=True)
class Roles:
    actors: tuple[Mention, ...]
    recipients: tuple[Mention, ...]
    rules: tuple[str, ...]
    passive: bool = False


#: "of"/"van" after which a noun phrase is the head of a quantity ("thousands
#: of Armenians", "duizenden Georgiërs"), not a complement.
QUANTITY_OF = frozenset({"of", "van"})


def place_mentions(
    tokens: Sequence[Token], mentions: Sequence[Mention], g: Grammar,
    quantities: frozenset[str] = frozenset(),
) -> list[Placed]:
    """Each mention with its token range and governing preposition. After a
    quantity word (``quantities``: "thousands", "tientallen", or digits) or a
    collective noun ("a group of", "een delegatie van") the "of"/"van" only
    counts the group: "thousands of Armenians protested" has the Armenians
    as subject."""
    out = []
    # tokens are in text order: those inside a mention are a run found by bisection
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    for m in mentions:
        first, last = bisect_left(starts, m.start), bisect_right(ends, m.end) - 1
        if first > last:
            continue
        prep = preposition_before(tokens, first, g)
        if prep in QUANTITY_OF and m.rule != "adjective":
            at = max(j for j in range(first) if tokens[j].lower == prep)
            head = tokens[at - 1].lower if at > 0 else ""
            if (head in quantities or head in g.collectives
                    or head.replace(",", "").replace(".", "").isdigit()):
                prep = ""
        out.append(Placed(m, first, last, prep))
    return out


def is_actor(p: Placed) -> bool:
    m = p.mention
    return m.actor is not None and bool(m.actor.code) and m.kind not in ("place", "unlinked")


def find_roles(
    match: TriggerMatch,
    tokens: Sequence[Token],
    clauses: Sequence[Clause],
    clause_index: int,
    placed: Sequence[Placed],
    g: Grammar,
) -> Roles:
    trig = match.trigger
    clause = clauses[clause_index]
    rules: list[str] = []
    in_clause = [p for p in placed if clause.start <= p.first < clause.end and is_actor(p)]
    places = [p for p in placed if clause.start <= p.first < clause.end
              and p.mention.kind == "place" and p.mention.country]
    following = clauses[clause_index + 1] if clause_index + 1 < len(clauses) else None
    said_to = (
        [p for p in placed if following.start <= p.first < following.end and is_actor(p)]
        if following is not None and following.complement and QUAD.get(trig.event) in (1, 3)
        else []
    )
    earlier = [p for p in placed if p.first < match.head and is_actor(p)]
    actors: list[Placed] = []
    recipients: list[Placed] = []

    # a nominal phrase after a state adjective ("an Israeli air strike") has
    # the roles of a noun
    nominal_phrase = trig.kind == "phrase" and any(
        p.last == min(match.indexes) - 1 and p.mention.rule == "adjective" for p in in_clause)
    if trig.kind == "noun" or nominal_phrase:
        actors, recipients, nrules = _noun_roles(match, tokens, in_clause, g)
        rules += nrules
        if not actors:
            subj = _subject(in_clause, match, g, exclude=recipients, tokens=tokens)
            if subj:
                actors = _conjuncts(subj, in_clause, tokens, g)
                rules.append("actor:clause-subject")
        if not actors:
            actors = _relative_antecedent(clause, placed)
            if actors:
                rules.append("actor:relative-antecedent")
        if not recipients:
            recipients = _fallback_recipients(match, in_clause, actors, g, rules, places, said_to,
                                              tokens)
        return _finish(actors, recipients, trig.joint, in_clause, g, rules, earlier=earlier)

    passive = _is_passive(tokens, clause, match, g)
    agent = [p for p in in_clause if p.prep in g.agent_prepositions
             and (p.first > match.head or g.lang == "nl")]
    if "subject" in trig.recipient:
        # victim verbs (sneuvelen, be killed): the subject suffers the event
        victim = _subject(in_clause, match, g, exclude=agent, tokens=tokens)
        actors = _conjuncts(agent[0], in_clause, tokens, g) if agent else []
        recipients = _conjuncts(victim, in_clause, tokens, g) if victim is not None else []
        rules.append("recipient:subject")
        return _finish(actors, recipients, False, in_clause, g, rules, passive=True,
                       earlier=earlier)
    if passive:
        subj = _subject(in_clause, match, g, exclude=agent, tokens=tokens)
        patients = _conjuncts(subj, in_clause, tokens, g) if subj is not None else []
        if agent:
            rules.append("passive:agent")
            actors = _conjuncts(agent[0], in_clause, tokens, g)
        else:
            rules.append("passive:no-agent")
        recipients = [p for p in patients if p not in actors]
        recipients += _pp_recipients(in_clause, trig.recipient, exclude=actors + recipients)
        if not recipients and subj is None:
            # "a school for Sudanese children was shelled": the subject is a
            # thing; those it belongs to suffer the act
            owners = [p for p in in_clause if p.first < match.head and p not in actors
                      and p.prep in OWNER_PREPS]
            if owners:
                recipients = owners[:1]
                rules.append("recipient:subject-owner")
        if not recipients:
            # "Kharkiv was shelled": the place's state suffers it
            subject_place = [p for p in places if not p.prep and p.first < match.head]
            codes = {a.mention.actor.code for a in actors if a.mention.actor}
            if subject_place and subject_place[0].mention.country not in codes:
                m = subject_place[0].mention
                recipients = [replace(subject_place[0], mention=replace(
                    m, kind="country", actor=Actor(m.country, "", "", m.place)))]
                rules.append("recipient:subject-place-state")
        if not recipients:
            recipients = _fallback_recipients(match, in_clause, actors, g, rules, places, said_to,
                                              tokens)
        return _finish(actors, recipients, trig.joint, in_clause, g, rules, passive=True,
                       earlier=earlier)

    antecedent = _relative_antecedent(clause, placed)
    subj = _subject(in_clause, match, g, tokens=tokens)
    if subj is not None:
        actors = _conjuncts(subj, in_clause, tokens, g)
        rules.append("actor:subject")
    elif antecedent:
        actors = antecedent
        rules.append("actor:relative-antecedent")
    else:
        if clause_index > 0 and not clause.complement and not clause.hypothetical:
            prev = clauses[clause_index - 1]
            before = [p for p in placed if prev.start <= p.first < prev.end and is_actor(p)]
            subj = _subject(before, match, g, tokens=tokens)
            if subj is not None:
                actors = _conjuncts(subj, before, tokens, g)
                rules.append("actor:previous-clause")
    recipients = _pp_recipients(in_clause, trig.recipient, exclude=actors)
    if recipients:
        rules.append(f"recipient:pp:{recipients[0].prep}")
    if "object" in trig.recipient:
        obj = _object(in_clause, actors, match, g)
        if obj is not None and obj not in recipients:
            recipients = [*_conjuncts(obj, in_clause, tokens, g), *recipients]
            rules.append("recipient:object")
    if not recipients:
        recipients = _fallback_recipients(match, in_clause, actors, g, rules, places, said_to,
                                              tokens)
    return _finish(actors, recipients, trig.joint, in_clause, g, rules, earlier=earlier)


def _fallback_recipients(
    match: TriggerMatch, in_clause: Sequence[Placed], actors: Sequence[Placed], g: Grammar,
    rules: list[str], places: Sequence[Placed] = (), said_to: Sequence[Placed] = (),
    tokens: Sequence[Token] = (),
) -> list[Placed]:
    """A target phrase after the trigger, the subject of what a speech act
    says ("warned that Washington would pay"), any other actor after the
    trigger, else the state of a place it is aimed at ("naar Koersk")."""
    after = [p for p in in_clause if p.first > match.span[0] and p not in actors
             and p.first not in match.indexes]
    targets = TARGET_PREPS.get(g.lang, frozenset())
    for p in after:
        if p.prep in targets:
            rules.append(f"recipient:target-pp:{p.prep}")
            return [p]
    if match.trigger.event in PLACE_TARGET_TYPES:
        for p in after:
            # "in Kharkiv", not "in an Israeli strike": an adjective is no place
            if p.prep in PLACE_PREPS and p.mention.rule != "adjective":
                rules.append(f"recipient:place:{p.prep}")
                return [p]
    actor_codes = {p.mention.actor.code for p in actors if p.mention.actor}
    actor_sectors = {(p.mention.actor.code, p.mention.actor.sector)
                     for p in actors if p.mention.actor}
    # another state, or another part of the same state ("the rebels demanded
    # that the government ...")
    bare = [p for p in said_to if not p.prep and p.mention.actor
            and (p.mention.actor.code not in actor_codes
                 or (p.mention.actor.sector and all(s for _, s in actor_sectors)
                     and (p.mention.actor.code, p.mention.actor.sector) not in actor_sectors))]
    if bare:
        rules.append("recipient:complement-subject")
        return [bare[0]]
    for p in after:
        a = p.mention.actor
        if _object_of_nominal(match, p, tokens, g):
            continue
        if a and (a.code not in actor_codes or (
            a.sector and (a.code, a.sector) not in actor_sectors
            and all(s for _, s in actor_sectors)
        )):
            # another state, or another part of the same state ("the
            # government" against "opposition candidates")
            # "by X" after the trigger in an active clause belongs to its object:
            # "dismissed an appeal by X" answers X
            rules.append("recipient:after-trigger")
            return [p]
    aimed = TARGET_PREPS.get(g.lang, frozenset()) | PLACE_PREPS | {"naar", "to", "into"}
    verbal = QUAD.get(match.trigger.event) in (1, 3)
    for p in places:
        if p.mention.country in BODY_CODES:
            # a seat of a body ("in Brussel"): only words are addressed to it
            if not verbal or p.mention.country in actor_codes:
                continue
            rules.append("recipient:seat-of-body")
            m = p.mention
            return [replace(p, mention=replace(m, kind="body",
                                               actor=Actor(m.country, "", "", m.place)))]
        # "naar Koersk", "at Kyiv"; for force also the bare object ("shelled Juba")
        as_object = (not p.prep and match.trigger.event in PLACE_TARGET_TYPES
                     and 0 < p.first - match.span[1] <= 2)
        # (also in the trigger's own recipient preposition: "withdraw from
        # Darfur")
        own_prep = bool(p.prep) and p.prep in match.trigger.recipient
        # (Dutch puts the phrase before a final verb: "naar Maracaibo gestuurd")
        placed_ok = p.first > match.span[0] or (
            g.lang == "nl" and p.first < match.span[0] and (own_prep or p.prep == "naar"))
        if (placed_ok and (p.prep in aimed or as_object or own_prep)
                and (p.mention.country not in actor_codes
                     or TERRITORY in match.trigger.recipient)):
            rules.append("recipient:place-state")
            m = p.mention
            # a measure of a state on its own territory falls on its people
            people = "CVL" if m.country in actor_codes else ""
            as_state = replace(m, kind="country", actor=Actor(m.country, people, "", m.place))
            return [replace(p, mention=as_state)]
    return []


#: Endings of nominalized verbs: Dutch infinitives ("het opnemen van"),
#: English gerunds and action nouns ("the listing of", "the inclusion of").
NOMINAL_ENDINGS = {"nl": ("en",), "en": ("ing", "ion")}
DEFINITE_ARTICLES = frozenset({"het", "de", "the"})


def _object_of_nominal(
    match: TriggerMatch, p: Placed, toks: Sequence[Token], g: Grammar
) -> bool:
    """Is the mention the object of a nominalized act ("tegen het opnemen
    van Chinese bedrijven")? Those are what the act is about, not whom the
    words are aimed at."""
    if p.prep not in g.possessive_prepositions or QUAD.get(match.trigger.event) not in (1, 3):
        return False
    at = p.first - 1
    while at >= 0 and toks[at].lower != p.prep:
        at -= 1
    if at < 2:
        return False
    noun, det = toks[at - 1], toks[at - 2]
    return (det.lower in DEFINITE_ARTICLES and noun.text.islower()
            and noun.lower.endswith(NOMINAL_ENDINGS.get(g.lang, ())))


def _finish(
    actors: list[Placed],
    recipients: list[Placed],
    joint: bool,
    in_clause: list[Placed],
    g: Grammar,
    rules: list[str],
    *,
    passive: bool = False,
    earlier: Sequence[Placed] = (),
) -> Roles:
    # "X and Y signed": all parties act; "X met with Y", "X signed a deal with
    # Y": the subject acts towards Y (and gold coded either way accepts it)
    if joint and not recipients:
        # all parties act together: "X en Y ondertekenden", "X met Y", "ze ... elkaar"
        partners = [p for p in in_clause if p.prep in g.joint_prepositions and p not in actors]
        actors = actors + partners + [r for r in recipients if r not in actors]
        recipients = []
        rules.append("joint")
        if len({p.mention.actor.code for p in actors if p.mention.actor}) < 2 and any(
            p.mention.kind == "pronoun" for p in actors
        ):
            more = [p for p in earlier if p.mention.kind != "pronoun"]
            codes: dict[str, Placed] = {}
            for p in reversed(more):
                if p.mention.actor and p.mention.actor.code not in codes:
                    codes[p.mention.actor.code] = p
                if len(codes) == 2:
                    break
            if len(codes) == 2:
                actors = list(reversed(codes.values()))
                rules.append("joint:plural-antecedents")
    elif joint:
        rules.append("joint:directed")
    actor_codes = {p.mention.actor.code for p in actors if p.mention.actor}
    recipients = [
        r for r in recipients
        if r not in actors and not (r.mention.actor and r.mention.actor.code in actor_codes
                                    and r.mention.actor.sector == "")
    ]
    return Roles(
        tuple(_unique(p.mention for p in actors)),
        tuple(_unique(p.mention for p in recipients)),
        tuple(rules),
        passive,
    )


def _unique(mentions: Iterable[Mention]) -> list[Mention]:
    out: list[Mention] = []
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        assert m.actor is not None
        key = (m.actor.code, m.actor.sector)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _subject(
    in_clause: Sequence[Placed], match: TriggerMatch, g: Grammar,
    exclude: Sequence[Placed] = (), tokens: Sequence[Token] = (),
) -> Placed | None:
    bare = [p for p in in_clause if not p.prep and p not in exclude
            and p.first not in match.indexes]
    if not bare:
        return None
    if g.lang == "en":
        before = [p for p in bare if p.first < match.head]
        if len(before) >= 2 and tokens and _in_apposition(before[-1], before[-2], match, tokens):
            # "Egypt, a close EU partner, has refused": the subject is before
            # the aside
            return before[-2]
        return before[-1] if before else None
    return bare[0]


def _in_apposition(p: Placed, q: Placed, match: TriggerMatch, tokens: Sequence[Token]
                   ) -> bool:
    """Does ``p`` stand in a comma-delimited aside right after ``q``, the
    aside closing before the trigger?"""
    opening = [t.text for t in tokens[q.last + 1 : p.first]]
    closing = [t.text for t in tokens[p.last + 1 : min(match.indexes)]]
    return bool(opening) and opening[0] == "," and "," in closing and "," not in opening[1:]


def _object(
    in_clause: Sequence[Placed], actors: Sequence[Placed], match: TriggerMatch, g: Grammar
) -> Placed | None:
    last_actor = max((p.last for p in actors), default=-1)
    for p in in_clause:
        if p in actors or p.prep or p.first <= last_actor:
            continue
        if g.lang == "en" and p.first < match.head:
            continue
        return p
    return None


def _pp_recipients(
    in_clause: Sequence[Placed], preps: Sequence[str], *, exclude: Sequence[Placed]
) -> list[Placed]:
    return [p for p in in_clause if p.prep and p.prep in preps and p not in exclude]


def _conjuncts(
    first: Placed, pool: Sequence[Placed], tokens: Sequence[Token], g: Grammar
) -> list[Placed]:
    """``X en Y``, ``X, Y and Z``: the mentions coordinated with ``first``,
    before and after it."""
    ordered = sorted(pool, key=lambda p: p.first)

    def linked(a: Placed, b: Placed) -> bool:
        between = [t.lower for t in tokens[a.last + 1 : b.first]]
        return bool(between) and all(
            w in g.conjunctions or w in g.determiners for w in between
        ) and any(w in g.conjunctions for w in between)

    out = [first]
    i = ordered.index(first) if first in ordered else -1
    if i < 0:
        return out
    j = i
    while j > 0 and linked(ordered[j - 1], ordered[j]) and ordered[j - 1].prep == first.prep:
        out.insert(0, ordered[j - 1])
        j -= 1
    j = i
    while j + 1 < len(ordered) and linked(ordered[j], ordered[j + 1]):
        out.append(ordered[j + 1])
        j += 1
    return out


def _is_passive(
    tokens: Sequence[Token], clause: Clause, match: TriggerMatch, g: Grammar
) -> bool:
    head = tokens[match.head]
    own = set(match.indexes)
    if g.lang == "en":
        if not head.lower.endswith(("ed", "en", "wn", "ght", "nt", "ck", "ung", "ot", "id",
                                    "ut", "it", "ld", "un")):
            return False
        for k in range(match.head - 1, max(clause.start - 1, match.head - 4), -1):
            w = tokens[k].lower
            if w in g.passive_auxiliaries:
                return True
            if tokens[k].is_punct or (w.isalpha() and not w.endswith("ly") and w not in (
                    "also", "not", "never", "already", "been", "being")):
                return False
        return False
    words = {tokens[k].lower for k in range(clause.start, clause.end) if k not in own}
    has_agent = bool(words & g.agent_prepositions)
    if not words & g.passive_auxiliaries and not (
        has_agent and words & PERFECT_PASSIVE.get(g.lang, frozenset())
    ):
        return False
    return head.lower != head.lemma and (head.lower.startswith("ge") or (head.lower.endswith(
        ("d", "t", "en")) and any(head.lower.startswith(p) for p in ("aan", "op", "uit", "in",
                                                                      "af", "be", "ver", "ont",
                                                                      "ge", "toe", "mee"))))


def _relative_antecedent(clause: Clause, placed: Sequence[Placed]) -> list[Placed]:
    if not clause.relative:
        return []
    before = [p for p in placed if p.last < clause.start and is_actor(p)]
    if before and clause.start - before[-1].last <= 3:
        return [before[-1]]
    return []


def _modifier(tok: Token, g: Grammar) -> bool:
    """A word that may stand between a possessor and its noun: ``'s``, an
    adjective, a determiner ("Russia's new offensive", "de Russische grote")."""
    w = tok.lower
    if w in ("'s", "’s", "'"):
        return True
    if tok.is_punct or w in g.prepositions:
        return False
    if w.endswith(("ed", "ing")) and g.lang == "en":
        return False  # "NATO condemned the attack": a verb, not an adjective
    if w in INDEFINITE_ARTICLES:
        return False  # "give Ghana a loan": a new noun phrase begins
    return w in g.determiners or looks_adjective(w, g.lang) or "-" in w


def _noun_roles(
    match: TriggerMatch,
    tokens: Sequence[Token],
    in_clause: Sequence[Placed],
    g: Grammar,
) -> tuple[list[Placed], list[Placed], list[str]]:
    """Roles inside the noun phrase of a nominal trigger."""
    head = match.head
    trig = match.trigger
    rules: list[str] = []
    actors: list[Placed] = []
    recipients: list[Placed] = []
    # a possessive/adjective just before the noun: "Russische aanval", "Poetins bezoek"
    for p in in_clause:
        if p.last < head and head - p.last <= 3 and all(
            _modifier(tokens[k], g) for k in range(p.last + 1, head)
        ):
            actors = [p]
            rules.append("actor:prenominal")
    # after the noun: van/of X, then recipient prepositions
    after = [p for p in in_clause if p.first > head and p.first - head <= 8]
    for p in after:
        if p.prep in g.possessive_prepositions:
            if (actors and "object" in trig.recipient) or p.prep in trig.recipient:
                recipients.append(p)
                rules.append(f"recipient:noun-{p.prep}")
            elif not actors:
                actors = _conjuncts(p, in_clause, tokens, g)
                rules.append(f"actor:noun-{p.prep}")
        elif not actors and (p.prep in g.agent_prepositions or (
            p.prep in g.source_prepositions and QUAD.get(trig.event) in (1, 3)
        )):
            # "the attack by X"; "an appeal from X" (words come from someone;
            # a withdrawal "from" a place does not)
            actors = _conjuncts(p, in_clause, tokens, g)
            rules.append(f"actor:noun-{p.prep}")
        elif p.prep and p.prep in trig.recipient and p not in actors:
            recipients.append(p)
            rules.append(f"recipient:noun-{p.prep}")
    return actors, recipients, rules
