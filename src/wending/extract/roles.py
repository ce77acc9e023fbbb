"""Actor and recipient of a trigger, from the clause around it.

Without a parser the roles come from word order and prepositions, the same
way in Dutch and English:

* the subject is the first actor mention of the clause that is not inside a
  prepositional phrase (Dutch inversion puts it right after the finite verb,
  subordinate clauses right after the conjunction; both come first among the
  clause's bare noun phrases);
* a relative clause without its own subject takes the noun before it;
* passives: with a passive auxiliary and an agent (``door``/``by``), the agent
  is the actor and the subject the recipient;
* recipients: mentions in a prepositional phrase whose preposition the
  trigger lists (``aan``, ``tegen``, ``to``), or the first bare mention after
  the subject when the trigger takes its object as recipient;
* nouns: a possessive or adjective before the noun, or ``van``/``of`` after it,
  is the actor; the trigger's prepositions after it give the recipient;
* coordination (``X en Y``) adds every conjunct; joint triggers (sign, meet,
  fight each other) put all parties, ``met``/``with`` included, in the actor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from wending.extract.grammar import Clause, Grammar, preposition_before
from wending.extract.triggers import TriggerMatch
from wending.model import Mention, Token


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


def place_mentions(
    tokens: Sequence[Token], mentions: Sequence[Mention], g: Grammar
) -> list[Placed]:
    out = []
    for m in mentions:
        idx = [n for n, t in enumerate(tokens) if t.start >= m.start and t.end <= m.end]
        if not idx:
            continue
        out.append(Placed(m, idx[0], idx[-1], preposition_before(tokens, idx[0], g)))
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
    lo, hi = match.span
    inside_trigger = [p for p in in_clause if lo <= p.first <= hi and p.first != match.head]
    in_clause = [p for p in in_clause if p not in inside_trigger or trig.kind != "phrase"]
    earlier = [p for p in placed if p.first < match.head and is_actor(p)]

    actors: list[Placed]
    recipients: list[Placed]
    if trig.kind == "noun":
        actors, recipients, nrules = _noun_roles(match, tokens, clause, in_clause, g)
        rules += nrules
        if not actors:
            subj = _subject(in_clause, match, g, exclude=recipients)
            if subj:
                actors = _conjuncts(subj, in_clause, tokens, g)
                rules.append("actor:clause-subject")
        if not actors:
            actors = _relative_antecedent(clause, placed, tokens)
            if actors:
                rules.append("actor:relative-antecedent")
        return _finish(actors, recipients, trig.joint, in_clause, match, g, rules,
                       earlier=earlier)

    passive = _is_passive(tokens, clause, match, g)
    agent = [p for p in in_clause if p.prep in g.agent_prepositions and p.first > match.head]
    if passive and agent:
        rules.append("passive:agent")
        actors = _conjuncts(agent[0], in_clause, tokens, g)
        subj = _subject(in_clause, match, g, exclude=actors)
        recipients = [subj] if subj and "object" in trig.recipient else []
        recipients += _pp_recipients(in_clause, trig.recipient, g, exclude=actors + recipients)
        return _finish(actors, recipients, trig.joint, in_clause, match, g, rules, passive=True,
                       earlier=earlier)

    if "subject" in trig.recipient:
        # victim verbs (sneuvelen, be killed): the subject suffers the event
        victim = _subject(in_clause, match, g, exclude=agent)
        actors = _conjuncts(agent[0], in_clause, tokens, g) if agent else []
        recipients = [victim] if victim is not None else []
        rules.append("recipient:subject")
        return _finish(actors, recipients, False, in_clause, match, g, rules, earlier=earlier)
    subj = _subject(in_clause, match, g)
    actors = []
    if subj is not None:
        actors = _conjuncts(subj, in_clause, tokens, g)
        rules.append("actor:subject")
    else:
        actors = _relative_antecedent(clause, placed, tokens)
        if actors:
            rules.append("actor:relative-antecedent")
        elif clause_index > 0:
            prev = clauses[clause_index - 1]
            before = [p for p in placed if prev.start <= p.first < prev.end and is_actor(p)]
            subj = _subject(before, match, g)
            if subj is not None and not clause.hypothetical:
                actors = _conjuncts(subj, before, tokens, g)
                rules.append("actor:previous-clause")
    if passive and not agent:
        rules.append("passive:no-agent")
        recipients = actors if "object" in trig.recipient else []
        return Roles((), tuple(p.mention for p in recipients), tuple(rules), passive=True)
    recipients = _pp_recipients(in_clause, trig.recipient, g, exclude=actors)
    if "object" in trig.recipient:
        obj = _object(in_clause, actors, match, g)
        if obj is not None and obj not in recipients:
            recipients = [*_conjuncts(obj, in_clause, tokens, g), *recipients]
            rules.append("recipient:object")
    if recipients and "recipient:object" not in rules:
        rules.append(f"recipient:pp:{recipients[0].prep}")
    return _finish(actors, recipients, trig.joint, in_clause, match, g, rules, earlier=earlier)


def _finish(
    actors: list[Placed],
    recipients: list[Placed],
    joint: bool,
    in_clause: list[Placed],
    match: TriggerMatch,
    g: Grammar,
    rules: list[str],
    *,
    passive: bool = False,
    earlier: Sequence[Placed] = (),
) -> Roles:
    explicit = [r for r in recipients if r.prep and r.prep not in g.joint_prepositions]
    if joint and not explicit:
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


def _unique(mentions: object) -> list[Mention]:
    out: list[Mention] = []
    seen: set[tuple[str, str]] = set()
    for m in mentions:  # type: ignore[attr-defined]
        assert isinstance(m, Mention) and m.actor is not None
        key = (m.actor.code, m.actor.sector)
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _subject(
    in_clause: Sequence[Placed], match: TriggerMatch, g: Grammar,
    exclude: Sequence[Placed] = (),
) -> Placed | None:
    bare = [p for p in in_clause if not p.prep and p not in exclude
            and not (match.span[0] <= p.first <= match.span[1] and match.trigger.kind != "phrase")]
    if not bare:
        return None
    # the first bare mention; in English prefer one before the verb
    before = [p for p in bare if p.first < match.head]
    if g.lang == "en" and before:
        return before[-1] if _is_list_tail(before) else before[0]
    return bare[0]


def _is_list_tail(before: Sequence[Placed]) -> bool:
    return False


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
    in_clause: Sequence[Placed], preps: Sequence[str], g: Grammar, *, exclude: Sequence[Placed]
) -> list[Placed]:
    return [p for p in in_clause if p.prep and p.prep in preps and p not in exclude]


def _conjuncts(
    first: Placed, pool: Sequence[Placed], tokens: Sequence[Token], g: Grammar
) -> list[Placed]:
    """``X en Y``, ``X, Y and Z``: the mentions coordinated with ``first``."""
    out = [first]
    last = first.last
    for p in sorted(pool, key=lambda p: p.first):
        if p.first <= last:
            continue
        between = [t.lower for t in tokens[last + 1 : p.first]]
        if between and all(w in g.conjunctions or w in g.determiners for w in between) and any(
            w in g.conjunctions for w in between
        ):
            out.append(p)
            last = p.last
        elif p.first > last + 1:
            break
    return out


#: "is geleverd door": a perfect passive needs its agent to tell it from the
#: active perfect ("is gegaan").
PERFECT_PASSIVE = {"nl": frozenset({"is", "zijn", "was", "waren", "geweest"})}


def _is_passive(
    tokens: Sequence[Token], clause: Clause, match: TriggerMatch, g: Grammar
) -> bool:
    words = {t.lower for t in tokens[clause.start : clause.end]}
    has_agent = bool(words & g.agent_prepositions)
    if not words & g.passive_auxiliaries and not (
        has_agent and words & PERFECT_PASSIVE.get(g.lang, frozenset())
    ):
        return False
    head = tokens[match.head]
    if g.lang == "en":
        return head.lower.endswith(("ed", "en", "wn", "ght", "nt", "ck", "ung", "ot", "id"))
    return head.lower != head.lemma and (head.lower.startswith("ge") or (head.lower.endswith(
        ("d", "t", "en")) and any(head.lower.startswith(p) for p in ("aan", "op", "uit", "in",
                                                                      "af", "be", "ver", "ont",
                                                                      "ge", "toe", "mee"))))


def _relative_antecedent(
    clause: Clause, placed: Sequence[Placed], tokens: Sequence[Token]
) -> list[Placed]:
    if not clause.relative:
        return []
    before = [p for p in placed if p.last < clause.start and is_actor(p)]
    if before and clause.start - before[-1].last <= 3:
        return [before[-1]]
    return []


def _noun_roles(
    match: TriggerMatch,
    tokens: Sequence[Token],
    clause: Clause,
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
        if p.last < head and head - p.last <= 3 and not p.prep and all(
            not tokens[k].is_punct for k in range(p.last + 1, head)
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
        elif p.prep and p.prep in trig.recipient and p not in actors:
            recipients.append(p)
            rules.append(f"recipient:noun-{p.prep}")
    return actors, recipients, rules
