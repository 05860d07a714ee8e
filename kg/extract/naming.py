"""Naming the parties of a claim: from a head token to a name, a type and an affiliation.

Per article, :class:`ArticleContext` remembers what the text named so far (people, organisations,
agencies, hacker groups) so that "Hong said" is Hong Le(i), "he" is the last speaker, "the company" is
the last company named and "the group" the last group named.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from kg.extract import entities
from kg.extract.context import TITLES, ArticleContext, Mention
from kg.extract.lexicon import LEXICON_DIR, load_lexicon
from kg.extract.offices import affiliation_near, after_last_title, organ_state, state_organ, with_state
from kg.extract.offices import press_report as _press_report
from kg.extract.phrases import (
    RELATIVE,
    char_offset,
    clause_end,
    is_pronoun,
    name_span,
    np_tokens,
    prep_objects,
    proper_head,
    with_preps,
)
from kg.extract.temporal import is_dated_month
from kg.resolve.acronyms import is_acronym
from kg.resolve.names import name_type, person_after_body

_PERSON_HEADS = {
    "researcher",
    "researchers",
    "expert",
    "experts",
    "analyst",
    "analysts",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "partner",
    "head",
    "director",
    "executive",
    "strategist",
    "staff",
    "team",
    "unit",
    "investigators",
    "scientist",
    "scientists",
    "engineer",
    "engineers",
}


@dataclass(frozen=True, slots=True)
class Party:
    name: str
    type: str = "unknown"
    affiliation: str = ""
    galaxy: str | None = None
    is_act: bool = False


def entity_label(token: Token) -> str:
    return token.ent_type_ if token.ent_type_ else ""


def name_party(head: Token, ctx: ArticleContext, role: str) -> Party | None:
    """The party a noun phrase head stands for, or None when it names nobody."""
    start = char_offset(head)
    described = head.lower_ == "those" and any(
        c.dep_ in ("prep", "amod", "relcl", "acl") for c in head.children
    )
    if described:  # "those behind the attacks", "those responsible": a description of the doers
        return Party(_clean(with_preps(head)), "unknown")
    if is_pronoun(head) or head.lower_ in RELATIVE:
        return _pronoun(head, ctx) if role == "actor" else None
    government = _generic_government(head, ctx, start)
    if government is not None:
        return government
    whose = [c for c in head.children if c.dep_ == "poss" and c.lower_ == "whose"]
    if whose and head.head.dep_ == "relcl":
        return name_party(head.head.head, ctx, role)
    owned = _owned(head, ctx, start) if role == "actor" else None
    if owned is not None:
        return owned
    tokens = np_tokens(head)
    text = _clean(head.doc[tokens[0].i : tokens[-1].i + 1].text)
    proper = _proper_name(head)
    if proper:
        stated = with_state(proper, head)  # "China's Ministry of Foreign Affairs"
        if stated is not None:
            return Party(stated[0], "government", stated[1])
        named = _named(proper, head, ctx, start)
        state = entities.state(proper) if role == "target" and named.type == "government" else None
        return Party(state.name, "government", state.name) if state and state.kind != "demonym" else named
    if role == "actor" and _press_report(head, tokens):  # "Media reports say ...": no outlet named
        return Party(text, "media")
    if role == "actor" and _unowned_statement(head, tokens):  # "The statement added": the last speaker's
        return ctx.last_speaker(False, start) or ctx.last_speaker(True, start)
    descriptor = _descriptor(head, tokens, ctx, start, role)
    if descriptor is not None:
        return descriptor
    if _headline_common_phrase(head, tokens):
        return None  # "Ransomware Gang" in a headline with no earlier gang to point to names nobody
    institution = _institution(text, ctx)
    if institution is not None:
        return institution
    known = entities.state(text) or entities.agency(text) or entities.threat_actor(text)
    if known is not None and not (role == "target" and known.kind == "demonym" and head.pos_ == "NOUN"):
        return _from_known(known, text, role)
    return _common_party(head, tokens, text, role, ctx, start)


def _owned(head: Token, ctx: ArticleContext, start: int) -> Party | None:
    """An actor named by its owner: "researchers at Secureworks", "an En Marche! official"."""
    owner = _owner(head)
    if owner is None:
        return None
    if owner.head.i == head.i and owner.i < head.i:  # a name written before the noun
        kept = [
            t.i for t in owner.subtree if t.dep_ not in ("det", "poss", "punct")
        ]  # "Chinese Foreign Ministry"
        return _named(_clean(head.doc[min(kept, default=owner.i) : head.i].text), owner, ctx, start)
    return name_party(owner, ctx, "actor")


def _common_party(
    head: Token, tokens: list[Token], text: str, role: str, ctx: ArticleContext, start: int
) -> Party:
    """A party named by common words: a counted antecedent, or the description itself."""
    lex = load_lexicon()
    if role == "target":
        antecedent = _numbered_antecedent(tokens, ctx, start)
        if antecedent:
            return Party(antecedent, "person")
    # "two people with knowledge of the attack"; "actors within the North Korean government", "four
    # members of China's Ministry of State Security": an attacker's description is kept whole
    described = role == "actor" or head.lemma_.lower() in lex.attackers or head.pos_ == "NUM"
    phrase = with_preps(head) if described and head.pos_ in ("NOUN", "NUM") else text
    shared = _shared_modifiers(head, lex)
    if shared is not None:  # "Russian civilian and military intelligence services": one phrase
        phrase = head.doc[shared.left_edge.i : head.i + 1].text
        text = phrase
    restrictive = [t for t in head.rights if t.dep_ in ("relcl", "acl")]
    if role == "target" and restrictive and clause_end(restrictive[0]) - tokens[0].i < 12:
        phrase = head.doc[tokens[0].i : clause_end(restrictive[0]) + 1].text
    state = entities.states_in(text)
    return Party(_clean(phrase), _type_of_common(head), state[0][2] if state else "")


def _generic_government(head: Token, ctx: ArticleContext, start: int) -> Party | None:
    """ "the Government", "the authorities" with nothing naming the state: the government the article
    spoke of last ("the UK Foreign Office ... the Government's condemnation" -> United Kingdom)."""
    if head.lower_ not in load_lexicon().generic_governments:
        return None
    if any(t.i != head.i and t.dep_ not in ("det", "case", "punct") for t in head.lefts):
        return None  # "the Chinese government", "Britain's government": named in the phrase
    if any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
        return None  # "the Government of Ukraine": the phrase names it
    if head.i + 1 < len(head.doc) and head.doc[head.i + 1].text == "-" and not list(head.lefts):
        return None  # "government-backed hackers": some government, not the one spoken of
    seat = _seat(head)
    if seat is not None:  # "the government in Tehran", "the authorities in Pyongyang"
        return Party(seat, "government", seat)
    state = ctx.governing_state(start) or ctx.governing_state(char_offset(head.sent[-1]) + 1)
    return Party(state, "government", state) if state else None  # a subtitle names it after the verb


def _seat(head: Token) -> str | None:
    """The state whose capital or name follows "in" ("in Tehran" may hang on the verb after the noun)."""
    places = list(prep_objects(head, {"in"}, 1))
    after = head.right_edge.i + 1
    if not places and after < head.sent.end and head.doc[after].lower_ == "in":
        places = [c for c in head.doc[after].children if c.dep_ == "pobj"]
    known = entities.state(places[0].text) if places and places[0].pos_ == "PROPN" else None
    return known.name if known is not None and known.kind != "demonym" else None


def _unowned_statement(head: Token, tokens: list[Token]) -> bool:
    words = [t.lower_ for t in tokens]
    return words in (["the", head.lower_], ["this", head.lower_]) and head.lower_ in _names_list("statements")


def _headline_common_phrase(head: Token, tokens: list[Token]) -> bool:
    """A Title Case line's phrase made of common words only ("Ransomware Gang", "Hacker Group")."""
    if not head.doc.user_data.get("headline"):
        return False
    lex = load_lexicon()
    common = lex.attackers | lex.parties | {w for words in lex.descriptors.values() for w in words}
    words = [t.lower_ for t in tokens if t.dep_ != "det"]
    return bool(words) and all(w in common or w in _names_list("headline_common") for w in words)


@cache
def _names_list(key: str) -> frozenset[str]:
    """A word list of parties.toml [names] ("headline_common", "statements")."""
    with open(LEXICON_DIR / "parties.toml", "rb") as handle:
        return frozenset(tomllib.load(handle).get("names", {}).get(key, ()))


def _shared_modifiers(head: Token, lex) -> Token | None:
    """The first conjunct of "civilian and military services" parsed as two nouns: a modifier that names
    no party, coordinated with the head, whose left modifiers ("Russian") the head shares."""
    first = head.head
    if head.dep_ != "conj" or first.pos_ != "NOUN" or first.i >= head.i:
        return None
    if first.lemma_.lower() in lex.attackers | lex.parties or any(c.dep_ == "det" for c in head.lefts):
        return None
    return first if any(c.dep_ in ("amod", "compound") for c in first.lefts) else None


def _numbered_antecedent(tokens: list[Token], ctx: ArticleContext, start: int) -> str | None:
    """ "the two men" -> "Two Iranian men" when the article said so before."""
    if len(tokens) != 3 or tokens[0].lower_ != "the" or tokens[1].pos_ != "NUM":
        return None
    pattern = re.compile(
        rf"\b{re.escape(tokens[1].text)}\s+(?:[A-Z][\w-]*\s+){{1,2}}{re.escape(tokens[2].text)}\b", re.I
    )
    found = [m.group(0) for m in pattern.finditer(ctx.article.text[:start])]
    return found[0] if found else None


def _owner(head: Token) -> Token | None:
    if head.lower_ not in _PERSON_HEADS and head.lemma_.lower() not in _PERSON_HEADS:
        return None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"at", "from", "of", "for", "with"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ == "PROPN":
                    return pobj
    # "Secureworks researchers" are Secureworks'; "Secureworks Counter Threat Unit" is one whole name
    compounds = [c for c in head.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
    if compounds and head.pos_ != "PROPN" and not entities.states_in(compounds[-1].text):
        return compounds[0]
    return None


def _proper_name(head: Token) -> str | None:
    """The trailing run of proper nouns of the phrase ("Foreign Ministry spokesman Hong Le" -> "Hong Le")."""
    for child in head.children:  # "Another Chinese official, Foreign Ministry spokesman Hong Le"
        if (
            child.dep_ == "appos"
            and child.pos_ == "PROPN"
            and head.pos_ == "NOUN"
            and not is_dated_month(child)
        ):
            return _proper_name(child)
    if not proper_head(head):  # "the Belgian foreign ministry" tagged as a name
        return None
    start, end = name_span(head)
    if start > head.sent.start and state_organ([head.doc[start - 1], head.doc[end - 1]]):
        start -= 1  # "the Iranian Revolutionary Guard": the demonym is part of the organ's name
    words = after_last_title([t for t in head.doc[start:end] if t.lower_ != "the"])
    while (
        words
        and words[0].i != head.i
        and words[0].whitespace_
        and (
            words[0].pos_ not in ("PROPN", "NUM")
            or words[0].dep_ in ("advmod", "cc", "mark", "prep", "npadvmod")
        )
        and not state_organ(words)
    ):
        words.pop(0)  # "Instead Ciphr"
    if words:
        name = _clean(head.doc[words[0].i : end].text)
        return person_after_body(name) or name
    tokens = np_tokens(head)
    run: list[Token] = []
    for token in reversed(tokens):
        if (
            token.pos_ == "PROPN"
            or (run and token.text in {"&", "-", "!"})
            or (run and token.tag_ == "NNP")
            or (run and token.dep_ == "compound" and token.pos_ == "PROPN")
        ):
            run.insert(0, token)
        else:
            break
    while run and run[0].lower_ in TITLES:
        run.pop(0)
    if not run:
        return None
    return _clean(head.doc[run[0].i : run[-1].i + 1].text)


def _named(name: str, head: Token, ctx: ArticleContext, start: int) -> Party:
    label = entity_label(head)
    known = entities.threat_actor(name)
    if known is not None and (label != "PERSON" or len(name.split()) > 1):
        return Party(name, "group", known.state or "", known.galaxy)
    lex = load_lexicon()
    if name.lower() in lex.media or (ctx.article.publisher and name.lower() in ctx.article.publisher.lower()):
        return Party(name, "media")
    known = entities.state(name) or entities.agency(name, ctx.article.text[max(0, start - 300) : start])
    if known is not None:
        return Party(name, "government", known.state or "")
    org = entities.organization(name)
    if org is not None:
        return Party(name, org.type, org.state or "")
    full = ctx.acronym(name, start) if is_acronym(name) else None
    if full and full != name:  # "CTU says", after "Secureworks Counter Threat Unit"
        return _expanded(full)
    if len(name.split()) == 1:
        full = ctx.full_name(name, start)
        if full:
            return Party(full, "person", affiliation_near(head) or ctx.introduced_state(full, start))
    if len(name.split()) > 1:
        name = ctx.spelling_of(name)
    kind = {"PERSON": "person", "ORG": "organization", "GPE": "government", "NORP": "government"}.get(label)
    kind = name_type(name) or kind  # "New World Hackers" is a group whatever NER says
    if kind is None:
        first = head.i - len(name.split()) + 1  # "Telecommunication Minister Mohammad Javad Azeri Jahromi"
        titled = any(
            t.lower_ in TITLES for t in head.doc[max(head.sent.start, min(first, head.i) - 3) : head.i]
        )
        two_words = len(name.split()) in (2, 3) and label == "" and not any(c.isdigit() for c in name)
        kind = "person" if titled or two_words else "organization"
    state = organ_state(name)
    if state is not None and kind != "group":  # "Russian Security Council": the state's organ
        return Party(name, "government", state)
    if kind != "person":
        return Party(name, kind, "")
    return Party(name, kind, affiliation_near(head) or ctx.introduced_state(name, start))


def _expanded(full: str) -> Party:
    """The party an acronym stands for, named in full (a body: never a person's misspelling)."""
    known = entities.threat_actor(full)
    if known is not None:
        return Party(full, "group", known.state or "", known.galaxy)
    known = entities.agency(full) or entities.organization(full)
    if known is not None:
        return Party(full, known.type, known.state or "")
    kind = name_type(full)
    return Party(full, kind if kind in ("group", "media") else "organization")


_DEFINITE = {"the", "this", "that", "these", "its"}
_LOCATED = {"based", "headquartered", "registered", "owned", "run", "backed", "born", "founded"}
_MODIFIER_DEPS = {"amod", "compound", "npadvmod", "nmod", "punct", "advmod", "hmod", "hyph"}


def _descriptor(head: Token, tokens: list[Token], ctx: ArticleContext, start: int, role: str) -> Party | None:
    """ "the company", "the security firm", "the Moscow-based company", "the agency": the last party of a
    compatible kind the article named (a mention the resolver found, or an actor of an earlier claim)."""
    lex = load_lexicon()
    headline = bool(head.doc.user_data.get("headline")) and not any(t.dep_ == "det" for t in tokens)
    if not tokens or (tokens[0].lower_ not in _DEFINITE and not headline):
        return None  # a headline drops its articles: "Hacker Group Denies ..." is "the hacker group"
    lemma = head.lemma_.lower()
    kinds = [kind for kind, words in lex.descriptors.items() if lemma in words or head.lower_ in words]
    if not kinds or not _refers_back(head, tokens, role, "group" in kinds):
        return None
    if "state" in kinds:
        mention = ctx.last({"state"}, start)
        return Party(mention.name, "government", mention.name) if mention else None
    mentions = frozenset().union(*(lex.antecedents[k][0] for k in kinds if k in lex.antecedents))
    types = frozenset().union(*(lex.antecedents[k][1] for k in kinds if k in lex.antecedents))
    found = ctx.antecedent(mentions, types, start, lemma)
    if found is None and "spokesperson" in kinds:  # nobody named: the spokesperson of the body that spoke
        bodies = [p for at, p in ctx.speakers if at <= start and p.type == "government"]
        if bodies:
            return Party(f"{bodies[-1].name} {head.lower_}", "person", bodies[-1].affiliation)
    if found is None:
        return None
    party = _named_mention(found, ctx.article.text) if isinstance(found, Mention) else found
    states = [entities.state(t.text) for t in tokens[1:] if t.i != head.i and t.text[:1].isupper()]
    states = [s for s in states if s is not None]
    if states and not party.affiliation:  # "the Russian embassy" speaks for Russia
        party = Party(party.name, party.type, states[0].name, party.galaxy)
    return party


def _refers_back(head: Token, tokens: list[Token], role: str, group: bool) -> bool:
    """Is a definite description anaphoric? Not when it carries a name of its own ("the security firm
    CrowdStrike"), points elsewhere ("the other company"), counts ("the two firms") or is restricted by a
    clause ("the company that makes ..."); a target takes only bare descriptions ("the company")."""
    lex = load_lexicon()
    if role == "target" and head.lemma_.lower() in lex.acts:
        return False  # "the campaign" the actor talks about is an act, not the campaign team
    if head.tag_ == "NNS" and not group:
        return False  # "the authorities", "the companies": several, not the one named last
    modifiers = [t for t in tokens[1:] if t.i != head.i]
    if not modifiers:
        return True
    if group and all(t.dep_ in ("amod", "compound") for t in modifiers):
        return True  # "the hacking group"
    if role == "target" or head.pos_ == "PROPN":
        return False
    if any(t.dep_ in ("relcl", "acl") or (t.dep_ == "prep" and t.lower_ != "of") for t in head.rights):
        return False
    for token in modifiers:
        if token.lower_ in lex.not_anaphoric or token.dep_ not in _MODIFIER_DEPS:
            return False
        if (token.pos_ == "PROPN" or token.text[:1].isupper()) and not _located(token):
            return False
    return True


def _located(token: Token) -> bool:
    """ "Moscow" in "the Moscow-based company", a place modifier, not the description's own name."""
    after = token.doc[token.i + 1 : token.i + 3]
    if len(after) == 2 and after[0].text == "-" and after[1].lower_ in _LOCATED:
        return True
    return bool(entities.states_in(token.text))  # "the Russian company", "the Israeli startup"


def _named_mention(mention: Mention, text: str = "") -> Party:
    known = entities.threat_actor(mention.name) if mention.kind == "group" else None
    if known is not None:
        return Party(mention.name, "group", known.state or "", known.galaxy)
    kind = {"group": "group", "agency": "government", "person": "person", "state": "government"}.get(
        mention.kind, "organization"
    )
    if kind == "person" and text:  # "Russian Foreign Ministry spokeswoman Maria Zakharova"
        found = entities.states_in(text[max(0, mention.start - 60) : mention.start])
        return Party(mention.name, kind, found[-1][2] if found else "")
    return Party(mention.name, kind)


def _institution(text: str, ctx: ArticleContext) -> Party | None:
    lowered = text.lower()
    for name, words in load_lexicon().institutions.items():
        if any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words) and name in ctx.article.text:
            known = entities.agency(name)  # the institution's own state, not the first state the text names
            states = entities.states_in(ctx.article.text)
            state = known.state if known is not None and known.state else (states[0][2] if states else "")
            return Party(name, "government", state or "")
    return None


def _from_known(known: entities.Known, text: str, role: str) -> Party:
    """Targets take the state's canonical name ("Beijing" -> China); speakers keep their words (Kremlin)."""
    if known.type == "group":
        return Party(_clean(text), "group", known.state or "", known.galaxy)
    if known.kind == "name" or (role == "target" and known.kind in ("metonym", "government", "demonym")):
        return Party(known.name, "government", known.state or "")
    return Party(_clean(text), "government", known.state or "")


def _type_of_common(head: Token) -> str:
    lemma = head.lemma_.lower()
    types = load_lexicon().common_types
    return next((kind for kind, words in types.items() if lemma in words), "unknown")


def _pronoun(head: Token, ctx: ArticleContext) -> Party | None:
    """ "he" -> the last person speaking or named; "it", "they" -> an earlier subject, else the last speaker."""
    lower = head.lower_
    sent = head.sent
    earlier = [
        t for t in sent if t.i < head.i and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("PROPN", "NOUN")
    ]
    person = lower in {"he", "she", "him", "her", "his"}
    for token in reversed(earlier):
        party = name_party(token, ctx, "actor")
        if party is not None and party.type != "unknown" and person == (party.type == "person"):
            return party
    if lower in {"we", "i", "us", "our"}:
        return ctx.last_speaker(True, char_offset(head)) or ctx.last_speaker(False, char_offset(head))
    found = ctx.last_speaker(person, char_offset(head))
    mention = ctx.last({"person"}, char_offset(head)) if person else None
    if mention is not None and (found is None or _named_since_speaker(ctx, mention)):
        return Party(mention.name, "person")  # a person named after the last speaker's sentence
    return found


def _named_since_speaker(ctx: ArticleContext, mention: Mention) -> bool:
    """Was ``mention`` made in a sentence after the last person that spoke?"""
    spoke = [start for start, p in ctx.speakers if p.type == "person" and start <= mention.start]
    text = ctx.article.text
    introduced = text[max(0, mention.start - 40) : mention.start].lower().split()[-3:]
    if not any(word.strip(",") in _person_roles() for word in introduced):
        return False  # only a person introduced by a role ("adviser Thomas Bossert"), not any capitalised run
    return not spoke or bool(re.search(r"[.!?][\"”’]?\s", text[spoke[-1] : mention.start]))


@cache
def _person_roles() -> frozenset[str]:
    with open(LEXICON_DIR / "parties.toml", "rb") as handle:
        return frozenset(tomllib.load(handle).get("names", {}).get("person_roles", ()))


def _clean(text: str) -> str:
    text = re.sub(r"\s*\([^)]*\)", "", text)  # "(IAAF)", "(MSFT.O)"
    text = re.sub(r"^(?:the|a|an)\s+(?=[A-Z])", "", text.strip())
    return " ".join(text.replace("“", "").replace("”", "").replace('"', "").split()).strip(" ,;:-")
