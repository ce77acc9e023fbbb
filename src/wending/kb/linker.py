"""The actor linker: finds actor and place mentions in a sentence-split Doc.

Rules, each named in ``Mention.rule``:

* ``name``: longest match of KB names over token sequences, with case
  checked where the KB form is capitalized (``US`` is not ``us``);
* ``genitive``: ``Poetins``, ``Zelensky's`` - a name with a possessive ending;
* ``compound``: ``VN-vredesmacht``, ``EU-buitenlandchef`` - a name as the first part
  of a hyphenated compound, sector from the head noun when known;
* ``adj+sector``: an adjective or demonym of a state plus a sector noun
  (``Noord-Koreaanse soldaten`` PRK MIL, ``the Russian army`` RUS MIL);
* ``office``: an office noun with a state (``de Russische president``) resolved to
  the person holding it on the article's date;
* ``metonym``: a capital or seat of power that is not after a locative
  preposition stands for the government (``Moskou besteedde``), else a place;
* ``coref``: pronouns and ``het land``/``the country`` to the most recent
  compatible actor in the same or the previous sentence;
* ``unlinked``: a capitalized name that the KB does not know.
"""

from __future__ import annotations

import datetime as dt
import itertools
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property

from wending.kb.base import Entry, KnowledgeBase, NameIndex, Tokenize
from wending.kb.places import CityIndex
from wending.model import Actor, Doc, Mention, MentionKind, Sentence, Token

LOCATIVE = {
    "nl": frozenset({"in", "uit", "bij", "nabij", "rond", "rondom", "te", "vanuit", "richting",
                     "naar", "door", "via", "boven", "langs", "buiten", "binnen"}),
    "en": frozenset({"in", "at", "near", "from", "around", "outside", "inside", "into", "across",
                     "over", "to", "toward", "towards", "via", "off", "throughout", "within"}),
}
#: Nouns for places: a name right after them is the place ("de hoofdstad
#: Tbilisi", "the city of Kharkiv").
PLACE_NOUNS = frozenset({"hoofdstad", "stad", "havenstad", "grensstad", "regio", "provincie",
                         "capital", "city", "town", "port", "region", "province", "village",
                         "dorp"})
#: English sector words that are also adjectives, and verbs that may follow
#: them as nouns ("the military said").
EN_ADJECTIVAL = frozenset({"military", "civilian", "rebel", "government", "opposition",
                           "police", "army", "security", "militia", "navy", "state"})
EN_VERBS = frozenset({"said", "say", "says", "have", "has", "had", "will", "would", "is", "are",
                      "was", "were", "did", "do", "can", "could", "may", "might", "must"})
EN_FUNCTION_WORDS = frozenset({"in", "at", "on", "of", "to", "from", "with", "by", "and", "or",
                               "the", "a", "an", "who", "which", "that", "for", "near",
                               "around", "across", "after", "before", "also", "then", "later"})
#: Definite determiners: "de soldaten", "the troops" refer back.
DEFINITE = frozenset({"de", "het", "die", "deze", "the", "these", "those"})
#: Sectors that take the state the article is about when nothing nearer names
#: one (institutions and civilians are mostly domestic; armed groups are not).
DOMESTIC_SECTORS = frozenset({"GOV", "COP", "LEG", "JUD", "CVL", "OPP", "PTY", "LAB", "EDU",
                              "MED", "AGR", "BUS"})
#: Codes that are not states: a sector noun never takes them from context.
NON_STATES = frozenset({"EUR", "UNO", "IGO", "NGO", "IMG", "MNC", "ISM"})
PRONOUNS = {
    "nl": {"hij": "person", "zij": "any", "ze": "any", "hem": "person", "die": "any"},
    "en": {"he": "person", "she": "person", "they": "group", "him": "person", "her": "person",
           "them": "group"},
}
#: Verbs of saying that, after "and"/"en", share the subject of the sentence:
#: "the rebels rejected the plan, and said they ..." (they = the rebels).
SHARED_SUBJECT_SAY = {
    "nl": frozenset({"zei", "zeiden", "zegt", "zeggen", "verklaarde", "verklaarden",
                     "liet", "lieten", "voegde", "voegden"}),
    "en": frozenset({"said", "says", "added", "declared", "announced", "insisted", "warned",
                     "stated"}),
}
COUNTRY_NOUNS = {
    "nl": {("het", "land"), ("dat", "land"), ("beide", "landen"), ("de", "twee", "landen")},
    "en": {("the", "country"), ("both", "countries"), ("the", "two", "countries")},
}
#: Nouns that name an organised group; with a definite determiner ("de
#: beweging", "the militia", "de door Rusland gesteunde beweging") they refer
#: back to the latest armed group or party named.
GROUP_NOUNS = {
    "nl": frozenset({"beweging", "groepering", "militie", "organisatie", "groep",
                     "rebellenbeweging", "terreurgroep", "partij"}),
    "en": frozenset({"movement", "group", "militia", "organisation", "organization",
                     "faction", "party"}),
}
#: How many sentences back such a noun may find its group.
GROUP_WINDOW = 3
STOP_CAPS = frozenset(
    (
        "de", "het", "een", "en", "of", "maar", "dat", "die", "dit", "deze", "wat", "wie",
        "waar", "hoe", "toen", "nu", "ook", "als", "dan", "the", "a", "an", "and", "or", "but",
        "that", "this", "these", "those", "what", "who", "where", "how", "then", "now", "also",
        "if", "when", "in", "on", "at", "of", "to", "for", "with", "by", "from", "op", "aan",
        "van", "voor", "met", "door", "naar", "bij", "uit", "over", "om", "tot", "hij", "zij",
        "ze", "wij", "we", "ik", "je", "jij", "u", "hun", "zijn", "haar", "he", "she", "they",
        "we", "i", "you", "it", "its", "his", "her", "mr", "mrs", "ms", "dr", "maandag",
        "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "januari", "februari", "maart",
        "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november",
        "december", "january", "february", "march", "may", "june", "july", "august", "october",
        "bron", "source", "volgens", "according",
    )
)


class Linker:
    """Links mentions for one language. Build once per language and reuse."""

    def __init__(self, kb: KnowledgeBase, lang: str, tokenize: Tokenize) -> None:
        self.kb = kb
        self.lang = lang
        self.tokenize = tokenize

    @cached_property
    def index(self) -> NameIndex:
        return self.kb.build_index(self.tokenize, self.lang)

    @cached_property
    def sectors(self) -> dict[str, tuple[str, str]]:
        return {w: (s.sector, s.kind) for w, s in self.kb.sectors(self.lang).items()}

    @cached_property
    def offices(self) -> dict[str, str]:
        return self.kb.offices(self.lang)

    @cached_property
    def cities(self) -> CityIndex:
        return CityIndex()

    @cached_property
    def _country_nouns(self) -> dict[str, list[tuple[str, ...]]]:
        """``COUNTRY_NOUNS`` of the language by first word (a token tries only
        the phrases it may open)."""
        out: dict[str, list[tuple[str, ...]]] = {}
        for phrase in COUNTRY_NOUNS.get(self.lang, set()):
            out.setdefault(phrase[0], []).append(phrase)
        return out

    @cached_property
    def _pronoun_openers(self) -> frozenset[str]:
        """The words coreference starts from: pronouns, the first words of
        the country nouns, group nouns and the neuter pronouns (any other is
        passed)."""
        return frozenset([*PRONOUNS.get(self.lang, {}), *self._country_nouns,
                          *GROUP_NOUNS.get(self.lang, ()), *NEUTER_PRONOUNS])

    # -- public --------------------------------------------------------------

    def link(self, doc: Doc) -> list[Mention]:
        """All mentions of the doc, in text order."""
        published = doc.article.published
        headings = frozenset(s.index for s in doc.sentences if s.block == "heading")
        out: list[Mention] = []
        full_names = self._full_names(doc)
        for sentence in doc.sentences:
            mentions = self._sentence(sentence, published, full_names)
            mentions = _residents(sentence.tokens, mentions, self.lang)
            mentions = self._resolve_pronouns(sentence, mentions, out, headings)
            out.extend(mentions)
        text = doc.article.text
        out = self._shared_city_names(out)
        out = self._sector_codes(doc, out)
        # (most mentions already have their text: only the others are copied)
        return [m if m.text == text[m.start : m.end] else replace(m, text=text[m.start : m.end])
                for m in out]

    def _shared_city_names(self, mentions: list[Mention]) -> list[Mention]:
        """A city name that several states share ("Tripoli": Libya and
        Lebanon) names the city of the state the article otherwise names,
        when it names just one of them ("Tripoli" in an article that
        otherwise names Lebanon)."""
        def city(m: Mention) -> frozenset[str]:
            if m.kind == "place":
                return self.cities.countries(m.place or m.text)
            if m.rule == "metonym":
                return self.cities.countries(m.text)
            return frozenset()
        shared = {n: city(m) for n, m in enumerate(mentions)}
        if not any(shared.values()):
            return mentions
        states = {m.actor.code for n, m in enumerate(mentions)
                  if not shared[n] and m.actor is not None and m.actor.code}
        states |= {m.country for n, m in enumerate(mentions)
                   if not shared[n] and m.kind == "place" and m.country}
        out = []
        for n, m in enumerate(mentions):
            own = m.country if m.kind == "place" else (m.actor.code if m.actor else "")
            named = shared[n] & states
            if shared[n] and own not in states and len(named) == 1:
                (code,) = named
                m = (replace(m, country=code) if m.kind == "place" else
                     replace(m, actor=replace(m.actor, code=code, qid="", name="", kb_id="")
                             if m.actor else None))
            out.append(m)
        return out

    def _sector_codes(self, doc: Doc, mentions: list[Mention]) -> list[Mention]:
        """A sector noun with no state ("de politie", "demonstrators") takes the
        state of a place right after it ("police in Tbilisi", "boeren uit
        België"), else the state the article is most about so far."""
        counts: dict[str, int] = {}
        out: list[Mention] = []
        by_sentence: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        tokens = {s.index: s.tokens for s in doc.sentences}
        for m in mentions:
            if m.kind in ("country", "person", "sector") and m.actor and m.actor.code and len(
                m.actor.code
            ) == 3 and m.actor.code not in NON_STATES:
                counts[m.actor.code] = counts.get(m.actor.code, 0) + 1
            elif m.kind == "place" and m.country:
                # a seat of a body ("Brussel") counts for its own state
                state = (self.cities.country(m.place) if m.country in NON_STATES and m.place
                         else m.country)
                if state and state not in NON_STATES:
                    counts[state] = counts.get(state, 0) + 1
            if m.kind != "sector" or m.actor is None or m.actor.code:
                out.append(m)
                continue
            toks = tokens.get(m.sentence, ())
            owner = next((o for o in reversed(out) if o.sentence == m.sentence
                          and o.end <= m.start), None)
            if (owner is not None and owner.kind in ("body", "group") and owner.actor
                    and owner.actor.code and _gap_is_space(toks, owner.end, m.start)):
                # "Red Cross officials", "Hamas fighters": the body's own people
                out.append(replace(m, actor=replace(m.actor, code=owner.actor.code),
                                   rule="sector+owner"))
                continue
            if (owner is not None and owner.kind == "country" and owner.actor
                    and owner.actor.code and _genitive_before(toks, owner.end, m.start)):
                # "Turkey's foreign ministry": the state's own
                out.append(replace(m, actor=replace(m.actor, code=owner.actor.code),
                                   rule="sector+genitive"))
                continue
            code = self._nearby_state(m, by_sentence.get(m.sentence, []), toks)
            rule = "sector+place"
            if not code and _definite(toks, m):
                code = _same_sector_before(out, m)
                rule = "sector+definite-coref"
            if not code and m.actor.sector in DOMESTIC_SECTORS:
                code = _recent_place_state(out, m, self.cities)
                rule = "sector+recent-place"
            if not code and counts and (m.actor.sector in DOMESTIC_SECTORS
                                        or _national_army(toks, m)):
                ranked = sorted(counts.items(), key=lambda kv: -kv[1])
                if len(ranked) == 1 or (ranked[0][1] >= 2
                                        and ranked[0][1] >= 1.5 * ranked[1][1]):
                    code = ranked[0][0]
                    rule = "sector+article-state"
            out.append(replace(m, actor=replace(m.actor, code=code), rule=rule) if code else m)
        indefinite = {n for n, m in enumerate(out) if _indefinite(tokens.get(m.sentence, ()), m)}
        return _titled_from_sole_state(out, indefinite)

    def _nearby_state(
        self, m: Mention, same: list[Mention], toks: Sequence[Token]
    ) -> str:
        preps = LOCATIVE.get(self.lang, frozenset()) | {"van", "of"}
        for other in same:
            if other.start <= m.end or other.start - m.end > 40:
                continue
            between = [t.lower for t in toks if t.start >= m.end and t.end <= other.start]
            if not between or between[0] not in preps or len(between) > 4:
                continue
            if other.kind == "place" and other.country:
                return other.country
            if other.kind == "country" and other.actor and other.actor.code not in NON_STATES:
                return other.actor.code
        return ""

    # -- per sentence --------------------------------------------------------

    def _full_names(self, doc: Doc) -> set[str]:
        """Ids of people named in full (two tokens or more) in the doc, and codes
        of countries named, as context for short, ambiguous aliases."""
        found: set[str] = set()
        first_words = self.index.first_words
        for sentence in doc.sentences:
            toks = sentence.tokens
            for i, tok in enumerate(toks):
                if tok.lower not in first_words:
                    continue  # (most words start no name)
                for k, entries in self.index.names_at(toks, i):
                    for e in entries:
                        if e.kind == "person" and k > 1:
                            found.add(e.key)
                        elif e.kind in ("country", "adjective", "demonym", "capital"):
                            found.add("code:" + e.code)
        return found

    def _sentence(
        self, sentence: Sentence, published: dt.date | None, context: set[str]
    ) -> list[Mention]:
        toks = sentence.tokens
        mentions: list[Mention] = []
        i = 0
        while i < len(toks):
            found = self._match(toks, i, published, context, sentence.index)
            if found is None:
                i += 1
                continue
            mention, used = found
            mentions.append(mention)
            i += used
        mentions = self._merge_titles(toks, mentions, published, sentence.index)
        mentions = _adjective_phrases(toks, mentions)
        return mentions

    def _match(
        self,
        toks: Sequence[Token],
        i: int,
        published: dt.date | None,
        context: set[str],
        sent: int,
    ) -> tuple[Mention, int] | None:
        for k, named in self.index.names_at(toks, i):
            span = toks[i : i + k]
            entries = [e for e in named if _case_ok(e.form, span)]
            if entries:
                entry = self._choose(entries, published, context)
                if entry is None:
                    return self._unlinked(span, sent, "ambiguous"), k
                found = self._from_entry(entry, toks, i, k, published, sent)
                # the tokens it covers (tokens are in text order)
                used = next((n for n in range(i, len(toks)) if toks[n].start >= found.end),
                            len(toks)) - i
                return found, max(k, used)
        tok = toks[i]
        # genitive: Poetins, Zelensky's, Russia's handled by tokenizer
        # (every ending ends in "s" or "'": other words skip the loop)
        for ending in ("'s", "’s", "s'", "s") if tok.lower.endswith(("s", "'")) else ():
            if tok.lower.endswith(ending) and len(tok.lower) > len(ending) + 2:
                stem = tok.text[: -len(ending)]
                entries = [
                    e for e in self.index.entries.get((stem.lower(),), ())
                    if e.kind in ("person", "country", "body", "group") and _case_ok(e.form, [tok])
                ]
                if entries:
                    entry = self._choose(entries, published, context)
                    if entry is not None:
                        m = self._from_entry(entry, toks, i, 1, published, sent)
                        return replace(m, rule="genitive"), 1
        if "-" in tok.text:
            compound = self._compound(tok, published, context, sent)
            if compound is not None:
                return compound, 1
        sector = self._sector_word(tok)
        if sector is not None and sector[1] == "group":
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            following = self._sector_word(nxt) if nxt is not None else None
            if nxt is not None and following is not None and following[1] == "group":
                # "government forces", "rebel fighters": the head noun decides
                return (Mention(tok.start, nxt.end, _span_text(toks[i : i + 2]), "sector",
                                Actor("", following[0]), sent, "sector"), 2)
            if not self._attributive(tok, nxt):
                return (Mention(tok.start, tok.end, tok.text, "sector", Actor("", sector[0]),
                                sent, "sector"), 1)
        if not tok.is_title:
            return None  # a city and an unlinked name are both capitalized
        city = self._city(toks, i, sent)
        if city is not None:
            return city
        if tok.is_title and tok.lower not in STOP_CAPS and i > 0 and tok.text.isalpha():
            j = i + 1
            while (j < len(toks) and toks[j].is_title and toks[j].lower not in STOP_CAPS
                   and not self._starts_name(toks, j)):
                j += 1
            span = toks[i:j]
            return self._unlinked(span, sent, "unlinked"), j - i
        return None

    def _starts_name(self, toks: Sequence[Token], j: int) -> bool:
        """Whether a known name starts at token ``j``."""
        return bool(self.index.names_at(toks, j))

    def _attributive(self, tok: Token, nxt: Token | None) -> bool:
        """A sector word used as an adjective ("militaire steun", "military
        retaliation") names no actor."""
        if nxt is None or not nxt.text.isalpha() or not nxt.text.islower():
            return False
        if self.lang == "nl":
            return tok.lower.endswith("e") and tok.lower != tok.lemma
        return tok.lower in EN_ADJECTIVAL and not (
            nxt.lower.endswith(("ed", "s")) or nxt.lower in EN_VERBS
            or nxt.lower in EN_FUNCTION_WORDS
        )

    def _sector_word(self, tok: Token) -> tuple[str, str] | None:
        return self.sectors.get(tok.lower) or self.sectors.get(tok.lemma)

    def _choose(
        self, entries: list[Entry], published: dt.date | None, context: set[str]
    ) -> Entry | None:
        """One entry among several the same words name, or None if unsure."""
        non_person = [e for e in entries if e.kind != "person"]
        people = list({e.key: e for e in entries if e.kind == "person"}.values())
        if people:
            if len(people) > 1:
                named = [e for e in people if e.key in context]
                if len(named) == 1:
                    return named[0]
                held = [e for e in people if e.person and published
                        and e.person.term_on(published) is not None]
                if len(held) == 1:
                    return held[0]
                if non_person:
                    return non_person[0]
                # several people, one state ("Bush"): the state is certain
                states = {_state_of(e, published) for e in people}
                if len(states) == 1 and "" not in states:
                    return _shared_state(people[0], states.pop())
                return None
            person = people[0]
            if len(person.form.split()) == 1 and person.person is not None:
                # a short alias: needs a date it fits or context that names it
                term = person.person.term_on(published)
                codes = {"code:" + t.country for t in person.person.terms}
                if (published is not None and term is None and person.key not in context
                        and not codes & context):
                    return non_person[0] if non_person else None
            return person
        priority = ("body", "group", "country", "seat", "metonym", "capital", "adjective",
                    "demonym", "ethnic", "place")
        return min(non_person, key=lambda e: priority.index(e.kind))

    def _from_entry(
        self, entry: Entry, toks: Sequence[Token], i: int, k: int,
        published: dt.date | None, sent: int,
    ) -> Mention:
        span = toks[i : i + k]
        start, end = span[0].start, span[-1].end
        text = _span_text(span)
        if entry.kind == "person" and entry.person is not None:
            term = entry.person.term_on(published) or entry.person.term_on(None)
            code = term.country if term else ""
            sector = term.sector if term and term.holds(published or dt.date.max) else (
                term.sector if published is None and term else "ELI")
            actor = Actor(code, sector, entry.qid, entry.name, entry.key)
            return Mention(start, end, text, "person", actor, sent, "name")
        if entry.kind in ("capital", "metonym", "seat"):
            if entry.kind != "seat" and self._locative(toks, i):
                return Mention(start, end, text, "place", None, sent, "place",
                               place=self._place_name(entry),
                               country=entry.code)
            mkind: MentionKind = "body" if entry.kind == "metonym" else "country"
            return Mention(start, end, text, mkind,
                           Actor(entry.code, entry.sector or "GOV", entry.qid, entry.name,
                                 entry.key), sent, "metonym")
        if entry.kind == "place":
            return Mention(start, end, text, "place", None, sent, "place", place=entry.place,
                           country=entry.code)
        if entry.kind in ("adjective", "demonym"):
            sector = ""
            nxt = i + k
            # skip up to two more adjectives: "het Russische reguliere leger"
            for j in range(nxt, min(nxt + 3, len(toks))):
                found = self._sector_word(toks[j])
                if found is None and j + 1 < len(toks):
                    # sector words of two ("armed groups", "armed forces")
                    found = self.sectors.get(f"{toks[j].lower} {toks[j + 1].lower}")
                    if found is not None:
                        j += 1
                if found is not None:
                    if found[1] == "office":
                        person = self._office_holder(entry.code, toks[j], published)
                        if person is not None:
                            return Mention(start, toks[j].end, _span_text(toks[i : j + 1]),
                                           "person", person, sent, "office")
                    if entry.kind == "adjective":
                        sector = found[0]
                        return Mention(start, toks[j].end, _span_text(toks[i : j + 1]),
                                       "country", Actor(entry.code, sector, entry.qid,
                                                        entry.name, entry.key), sent,
                                       "adj+sector")
                    break
                if toks[j].is_punct or not toks[j].lower.isalpha():
                    break
            return Mention(start, end, text, "country",
                           Actor(entry.code, sector, entry.qid, entry.name, entry.key), sent,
                           entry.kind)
        kinds: dict[str, MentionKind] = {"body": "body", "group": "group", "ethnic": "group"}
        kind = kinds.get(entry.kind, "country")
        place = self._place_name(entry) if kind == "country" and self._locative(toks, i) else ""
        return Mention(start, end, text, kind,
                       Actor(entry.code, entry.sector, entry.qid, entry.name, entry.key), sent,
                       "ethnic" if entry.kind == "ethnic" else "name", place=place,
                       country=entry.code if place else "")

    def _place_name(self, entry: Entry) -> str:
        if entry.kind in ("capital", "metonym"):
            city = self.cities.lookup(entry.form)
            return city or entry.form
        if entry.kind in ("country",):
            return entry.name
        return entry.place or entry.name

    def _locative(self, toks: Sequence[Token], i: int) -> bool:
        """A place name after a locative preposition, or after a noun for a
        place ("de hoofdstad Tbilisi", "the port city of Odesa"): the place,
        not its government."""
        preps = LOCATIVE.get(self.lang, frozenset())
        if i > 0 and (toks[i - 1].lower in PLACE_NOUNS or (
                i > 1 and toks[i - 1].lower == "of" and toks[i - 2].lower in PLACE_NOUNS)):
            return True
        for j in range(i - 1, max(-1, i - 4), -1):
            if toks[j].lower in preps:
                return True
            if toks[j].is_punct:
                return False
        return False

    def _office_holder(self, code: str, tok: Token, published: dt.date | None) -> Actor | None:
        office = self.offices.get(tok.lower) or self.offices.get(tok.lemma)
        if office is None:
            return None
        person = self.kb.holder(code, office, published)
        if person is None:
            return Actor(code, "GOV")
        return Actor(code, "GOV" if office != "army_chief" else "MIL", person.qid, person.name,
                     person.id)

    def _compound(
        self, tok: Token, published: dt.date | None, context: set[str], sent: int
    ) -> Mention | None:
        parts = tok.text.split("-")
        for cut in range(len(parts) - 1, 0, -1):
            head = "-".join(parts[:cut])
            entries = [e for e in self.index.entries.get((head.lower(),), ())
                       if e.kind in ("country", "body", "group", "adjective", "person")
                       and _case_ok(e.form, [tok])]
            if not entries:
                continue
            entry = self._choose(entries, published, context)
            if entry is None:
                return None
            tail = "-".join(parts[cut:]).lower()
            sector = self.sectors.get(tail)
            if entry.kind == "person" and entry.person is not None:
                term = entry.person.term_on(published) or entry.person.term_on(None)
                actor = Actor(term.country if term else "", term.sector if term else "",
                              entry.qid, entry.name, entry.key)
            else:
                actor = Actor(entry.code, sector[0] if sector else entry.sector, entry.qid,
                              entry.name, entry.key)
            kind: MentionKind = "body" if entry.kind == "body" else "country"
            return Mention(tok.start, tok.end, tok.text, kind, actor, sent, "compound")
        return None

    def _city(self, toks: Sequence[Token], i: int, sent: int) -> tuple[Mention, int] | None:
        tok = toks[i]
        if not tok.is_title or tok.lower in STOP_CAPS:
            return None
        for k in (3, 2, 1):
            span = toks[i : i + k]
            if len(span) < k or not all(t.is_title or t.lower in ("-",) for t in span):
                continue
            name = self.cities.lookup(_span_text(span))
            if name and (self._locative(toks, i) or self.cities.is_major(name)):
                return (Mention(span[0].start, span[-1].end, _span_text(span), "place", None,
                                sent, "place", place=name, country=self.cities.country(name)),
                        k)
        return None

    def _unlinked(self, span: Sequence[Token], sent: int, rule: str) -> Mention:
        return Mention(span[0].start, span[-1].end, _span_text(span), "unlinked", None, sent,
                       rule)

    def _merge_titles(
        self, toks: Sequence[Token], mentions: list[Mention], published: dt.date | None,
        sent: int,
    ) -> list[Mention]:
        """``de Oekraïense president Zelensky``, ``president Poetin``: an office
        before a person name is part of that person's mention."""
        out: list[Mention] = []
        for m in mentions:
            if m.kind == "unlinked":
                titled = self._titled_unknown(toks, m)
                if titled is not None:
                    prev = out[-1] if out else None
                    if (prev is not None and prev.kind in ("country", "person") and prev.actor
                            and prev.rule in ("adjective", "office", "adj+sector")
                            and (prev.end > titled.start
                                 or _gap_is_space(toks, prev.end, titled.start))):
                        # "Ugandan President Yoweri Museveni"
                        out.pop()
                        titled = replace(titled, start=prev.start,
                                         actor=replace(prev.actor, sector=titled.actor.sector
                                                       if titled.actor else "GOV"),
                                         rule="title+name")
                    m = titled
            if m.kind == "person" and m.rule == "name":
                start_tok = next(n for n, t in enumerate(toks) if t.start == m.start)
                j = start_tok - 1
                while j >= 0 and (self._is_title_word(toks[j])):
                    j -= 1
                if j + 1 < start_tok:
                    first = toks[j + 1].start
                    while out and out[-1].start >= first and out[-1].kind != "person":
                        first = min(first, out.pop().start)
                    prev = out[-1] if out else None
                    if prev and prev.end <= first and prev.kind == "country" and \
                            prev.rule in ("adjective", "adj+sector", "office") and \
                            _gap_is_space(toks, prev.end, first):
                        out.pop()
                        first = prev.start
                    m = replace(m, start=first, text=_text_between(toks, first, m.end))
            out.append(m)
        return out

    def _titled_unknown(self, toks: Sequence[Token], m: Mention) -> Mention | None:
        """An office title with a name the KB does not know ("President Yoweri
        Museveni", "generaal X"): a person of that office, state unknown yet."""
        idx = [n for n, t in enumerate(toks) if t.start >= m.start and t.end <= m.end]
        first = idx[0] if idx else -1
        title_at = first if first >= 0 and self._is_title_word(toks[first]) else first - 1
        if title_at < 0 or not self._is_title_word(toks[title_at]):
            return None
        if len(idx) < 2 and title_at == first:
            return None
        found = self._sector_word(toks[title_at])
        sector = found[0] if found else "GOV"
        return Mention(toks[title_at].start, m.end, _text_between(toks, toks[title_at].start,
                                                                  m.end),
                       "sector", Actor("", sector), m.sentence, "title+name")

    def _is_title_word(self, tok: Token) -> bool:
        found = self._sector_word(tok)
        return (found is not None and found[1] == "office") or tok.lower in self.offices

    def _resolve_pronouns(
        self, sentence: Sentence, mentions: list[Mention], previous: list[Mention],
        headings: frozenset[int] = frozenset(),
    ) -> list[Mention]:
        if sentence.block == "heading":
            return mentions  # a pull quote stands apart from the sentences around it
        kinds = PRONOUNS.get(self.lang, {})
        nouns = self._country_nouns
        toks = sentence.tokens
        taken = {(m.start, m.end) for m in mentions}
        extra: list[Mention] = []
        # (``previous`` is in text order: only its tail can be that recent)
        recent = len(previous)
        while recent > 0 and previous[recent - 1].sentence >= sentence.index - 1:
            recent -= 1
        window = [m for m in previous[recent:] if m.sentence >= sentence.index - 1 and m.actor
                  and m.actor.code and m.sentence not in headings]
        covered = _covered(toks, mentions)
        openers = self._pronoun_openers
        for n, tok in enumerate(toks):
            if tok.lower not in openers or n in covered:
                continue
            for phrase in nouns.get(tok.lower, ()):
                if tuple(t.lower for t in toks[n : n + len(phrase)]) == phrase:
                    span = toks[n : n + len(phrase)]
                    before = window + [m for m in mentions if m.end <= tok.start and m.actor]
                    plural = phrase[-1] in ("landen", "countries")
                    allowed = ("country", "person") if plural else ("country",)
                    countries = [m for m in before if m.kind in allowed and m.actor]
                    chosen = _distinct_codes(countries)[-2:] if plural else countries[-1:]
                    for c in chosen:
                        assert c.actor is not None
                        extra.append(Mention(span[0].start, span[-1].end, _span_text(span),
                                             "pronoun", replace(c.actor, sector=""),
                                             sentence.index, "coref"))
            if tok.lower in GROUP_NOUNS.get(self.lang, ()) and (tok.start, tok.end) not in taken:
                group = self._group_antecedent(toks, n, previous, sentence.index, headings)
                if group is not None:
                    extra.append(group)
                    continue
            want = kinds.get(tok.lower)
            if want is None and tok.lower in NEUTER_PRONOUNS and _neuter_subject(toks, n):
                want = "group"  # "China zegt dat het geen wapens levert", "it said it would"
            if want is None or (tok.start, tok.end) in taken or tok.lower == "die":
                continue
            before = window + [m for m in mentions + extra if m.end <= tok.start and m.actor
                               and m.actor.code]
            pick = self._subject_of_said(toks, n, mentions, want) or _antecedent(before, want)
            if pick is not None and pick.actor is not None:
                extra.append(Mention(tok.start, tok.end, tok.text, "pronoun", pick.actor,
                                     sentence.index, "coref"))
        return sorted(mentions + extra, key=lambda m: (m.start, m.end))


    def _subject_of_said(self, toks: Sequence[Token], n: int, mentions: list[Mention],
                         want: str) -> Mention | None:
        """The pronoun after "..., and said (that)" is the subject of the
        sentence, not the nearest noun: "Malian rebels rejected an
        Algerian plan, and said they opposed ..." """
        at = n - 1
        if at >= 0 and toks[at].lower in ("that", "dat"):
            at -= 1
        if at < 1 or toks[at].lower not in SHARED_SUBJECT_SAY.get(self.lang, ()) or toks[
                at - 1].lower not in ("and", "en"):
            return None
        first = [m for m in mentions if m.end <= toks[at - 1].start and m.actor and m.actor.code
                 and m.kind not in ("place", "unlinked")]
        if not first:
            return None
        pick = first[0]
        if want == "person" and pick.kind != "person":
            return None
        return pick

    def _group_antecedent(
        self, toks: Sequence[Token], n: int, previous: list[Mention], index: int,
        headings: frozenset[int],
    ) -> Mention | None:
        """``de beweging`` / ``the group`` (a determiner at most four words
        before, no punctuation between): the latest group named in this or
        the sentences before."""
        start = next((j for j in range(n - 1, max(-1, n - 5), -1)
                      if toks[j].lower in DEFINITE), None)
        if start is None or any(t.is_punct for t in toks[start:n]):
            return None
        for m in reversed(previous):
            if index - m.sentence > GROUP_WINDOW:
                break
            if m.kind == "group" and m.actor and m.actor.code and m.sentence not in headings:
                return Mention(toks[start].start, toks[n].end, _span_text(toks[start : n + 1]),
                               "pronoun", m.actor, index, "coref:group")
        return None


PERSON_PRONOUNS = frozenset({"hij", "hem", "he", "him", "she", "her"})


def _state_of(entry: Entry, published: dt.date | None) -> str:
    if entry.person is None:
        return ""
    term = entry.person.term_on(published) or entry.person.term_on(None)
    return term.country if term else ""


def _shared_state(entry: Entry, code: str) -> Entry:
    """An entry for a name several people of one state share: the state is
    known, the person is not."""
    return Entry("country", code, code, "GOV", "", code, entry.form)


def _definite(toks: Sequence[Token], m: Mention) -> bool:
    """Whether the mention opens with a definite determiner, maybe followed by
    one modifier ("de soldaten", "de twee militairen", "the troops")."""
    before = [t for t in toks if t.end <= m.start]
    if before and before[-1].lower in DEFINITE:
        return True
    return (len(before) >= 2 and before[-2].lower in DEFINITE and before[-1].lower.isalpha()
            and not before[-1].is_title)


#: Nouns for a state's own armed forces: "het leger" with a definite article
#: is the army of the state the article is about.
NATIONAL_ARMY = frozenset({"leger", "krijgsmacht", "army", "military"})


def _national_army(toks: Sequence[Token], m: Mention) -> bool:
    assert m.actor is not None
    return (m.actor.sector == "MIL" and m.text.lower().split()[-1] in NATIONAL_ARMY
            and _definite(toks, m))


def _same_sector_before(done: list[Mention], m: Mention) -> str:
    """The state of the latest earlier actor of the same sector (within three
    sentences): "de militairen" after "Noord-Koreaanse soldaten"."""
    assert m.actor is not None
    for other in reversed(done):
        if m.sentence - other.sentence > 3:
            break
        a = other.actor
        if a is not None and a.code and a.sector == m.actor.sector and other is not m:
            return a.code
    return ""


def _recent_place_state(done: list[Mention], m: Mention, cities: CityIndex) -> str:
    """The state of the latest place named in this or the two sentences
    before; a seat of a body ("Brussel" for the EU) counts as the city of
    its state, whose police and farmers these are."""
    for other in reversed(done):
        if m.sentence - other.sentence > 2:
            break
        if other.kind == "place" and other.country:
            if other.country in NON_STATES:
                return cities.country(other.place) if other.place else ""
            return other.country
    return ""


#: Words after a neuter pronoun that make it a subject, not an article or
#: an expletive: "dat het geen wapens levert", "said it would cancel".
NEUTER_FOLLOWERS = frozenset({"geen", "niet", "al", "nog", "ook", "zal", "zou", "wil", "heeft",
                              "had", "gaat", "kan", "moet", "would", "will", "has",
                              "could", "can", "plans", "wants", "intends", "did", "does"})
NEUTER_OPENERS = frozenset({"dat", "omdat", "nu", "that", "said", "says", "and", "en"})


NEUTER_PRONOUNS = ("het", "it")


#: Prepositions after a people's name that say where they live ("the
#: Hungarians of southern Slovakia", "ethnic Turks in Germany").
RESIDENCE = {"en": frozenset({"of", "in"}), "nl": frozenset({"in", "uit", "van"})}
#: Words of direction between such a preposition and the place.
COMPASS = frozenset({"southern", "northern", "eastern", "western", "central", "south",
                     "north", "east", "west", "zuid", "noord", "oost", "midden",
                     "the", "het", "de"})


def _residents(toks: Sequence[Token], mentions: list[Mention], lang: str) -> list[Mention]:
    """A people named with where they live ("the Hungarians of southern
    Slovakia", "Turken in Zweden") are coded as the residents of that state, as
    PLOVER codes actors by where they act."""
    preps = RESIDENCE.get(lang, frozenset())
    starts = {t.start: n for n, t in enumerate(toks)}
    ends = {t.end: n for n, t in enumerate(toks)}
    out = list(mentions)
    for k, m in enumerate(mentions[:-1]):
        if m.rule not in ("demonym", "ethnic") or m.actor is None or m.end not in ends:
            continue
        at = ends[m.end] + 1
        if at >= len(toks) or toks[at].lower not in preps:
            continue
        at += 1
        while at < len(toks) and toks[at].lower in COMPASS:
            at += 1
        where = mentions[k + 1]
        # a place or a state's name, not an adjective ("the Israeli-occupied")
        code = where.country if where.kind == "place" else (
            where.actor.code if where.kind == "country" and where.actor
            and where.rule == "name" else "")
        if (at < len(toks) and starts.get(where.start) == at and code
                and code != m.actor.code and len(code) == 3):
            out[k] = replace(m, actor=replace(m.actor, code=code, qid="", name="", kb_id="",
                                              sector=m.actor.sector or "CVL"),
                             rule=m.rule + "+residence")
    return out


def _neuter_subject(toks: Sequence[Token], n: int) -> bool:
    """``het``/``it`` as the subject of a clause about a state or body."""
    if toks[n].lower not in NEUTER_PRONOUNS or n == 0 or n + 1 >= len(toks):
        return False
    return toks[n - 1].lower in NEUTER_OPENERS and toks[n + 1].lower in NEUTER_FOLLOWERS


def _covered(toks: Sequence[Token], mentions: Sequence[Mention]) -> set[int]:
    """Indexes of the tokens that start inside a mention."""
    starts = [t.start for t in toks]
    out: set[int] = set()
    for m in mentions:
        out.update(range(bisect_left(starts, m.start), bisect_left(starts, m.end)))
    return out


def _antecedent(before: list[Mention], want: str) -> Mention | None:
    for m in reversed(before):
        if m.kind in ("place", "unlinked"):
            continue
        is_person = m.kind == "person" or (m.kind == "pronoun" and m.text.lower() in
                                           PERSON_PRONOUNS)
        if want == "person" and is_person:
            return m
        if want == "group" and m.kind != "person":
            return m
        if want == "any":
            return m
    if want == "person":
        return None
    return before[-1] if before else None


def _distinct_codes(mentions: list[Mention]) -> list[Mention]:
    seen: dict[str, Mention] = {}
    for m in mentions:
        if m.actor:
            seen.pop(m.actor.code, None)
            seen[m.actor.code] = m
    return list(seen.values())


def _case_ok(form: str, span: Sequence[Token]) -> bool:
    words = form.split()
    if len(words) != len(span):
        words = [form]
        span = [span[0]]
    for word, tok in zip(words, span, strict=False):
        if word.isupper() and len(word) > 1 and word.isalpha():
            if tok.text != word:
                return False
        elif word[:1].isupper() and not tok.text[:1].isupper():
            return False
    return True


def _span_text(span: Sequence[Token]) -> str:
    out = span[0].text
    for prev, tok in itertools.pairwise(span):
        out += (" " if tok.start > prev.end else "") + tok.text
    return out


def _text_between(toks: Sequence[Token], start: int, end: int) -> str:
    return _span_text([t for t in toks if t.start >= start and t.end <= end])


def _genitive_before(toks: Sequence[Token], end: int, start: int) -> bool:
    """Only a genitive "'s" and at most two lowercase modifiers stand between
    an owner and a sector noun ("Turkey's foreign ministry")."""
    gap = [t for t in toks if t.start >= end and t.end <= start]
    return (bool(gap) and gap[0].text in ("'s", "’s") and len(gap) <= 3
            and all(t.text.isalpha() and t.text.islower() for t in gap[1:]))


def _gap_is_space(toks: Sequence[Token], end: int, start: int) -> bool:
    return not [t for t in toks if t.start >= end and t.end <= start]


def _indefinite(toks: Sequence[Token], m: Mention) -> bool:
    """Whether an indefinite article opens the mention's phrase ("een leger",
    "an army from the west")."""
    before = [t for t in toks if t.end <= m.start][-2:]
    return any(t.lower in INDEFINITE for t in before)


INDEFINITE = frozenset({"een", "a", "an"})


def _titled_from_sole_state(mentions: list[Mention], indefinite: set[int] | None = None
                            ) -> list[Mention]:
    """A titled name the KB does not know ("President Ivo Petrovski", a
    name it lacks), a domestic sector ("the military government") or the military
    with no state nearby takes the state of the article when the article
    names only one (a group's home state counts)."""
    states = {m.actor.code for m in mentions
              if m.kind in ("country", "person", "place", "sector", "group") and m.actor
              and len(m.actor.code) == 3 and m.actor.code not in NON_STATES}
    states |= {m.country for m in mentions if m.kind == "place" and m.country}
    if len(states) != 1:
        return mentions
    (code,) = states
    return [replace(m, actor=replace(m.actor, code=code), rule=m.rule + "+sole-state")
            if m.kind == "sector" and m.actor and not m.actor.code
            and (m.rule == "title+name" or m.actor.sector in DOMESTIC_SECTORS
                 or (m.actor.sector == "MIL" and n not in (indefinite or set()))) else m
            for n, m in enumerate(mentions)]


#: Nouns for the ground or border of a state: "the Thai border", "op Iraanse
#: bodem" name a place, not an actor.
GROUND_NOUNS = frozenset({"border", "borders", "frontier", "soil", "territory", "waters",
                          "airspace", "coast", "grens", "grenzen", "bodem", "grondgebied",
                          "wateren", "luchtruim", "kust"})


def _adjective_phrases(toks: Sequence[Token], mentions: list[Mention]) -> list[Mention]:
    """Two readings of a state adjective that are no actor of that state's
    own: before a demonym of another state it names where the group lives
    ("Bosnian Serbs" are Bosnia's), and before a ground noun a place ("near
    the Thai border")."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (prev is not None and prev.rule == "adjective" and m.rule == "demonym"
                and prev.actor and m.actor and prev.actor.code != m.actor.code
                and _gap_is_space(toks, prev.end, m.start)):
            out[-1] = replace(prev, end=m.end, text=_text_between(toks, prev.start, m.end),
                              rule="adjective+demonym")
            continue
        out.append(m)
    final: list[Mention] = []
    for m in out:
        after = [t for t in toks if t.start >= m.end]
        if (m.rule == "adjective" and m.actor and after
                and after[0].lower in GROUND_NOUNS):
            m = replace(m, kind="place", country=m.actor.code, place=m.actor.name,
                        rule="adjective+ground")
        final.append(m)
    return final
