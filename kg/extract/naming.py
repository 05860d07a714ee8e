"""Naming the parties of a claim: from a head token to a name, a type and an affiliation.

Per article, :class:`ArticleContext` remembers what the text named so far (people, organisations,
agencies, hacker groups) so that "Hong said" is Hong Le(i), "he" is the last speaker, "the company" is
the last company named and "the group" the last group named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Token

from kg.extract import entities
from kg.extract.context import TITLES, ArticleContext, Mention
from kg.extract.lexicon import load_lexicon
from kg.extract.phrases import RELATIVE, char_offset, is_pronoun, name_span, np_tokens, with_preps
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
    lex = load_lexicon()
    start = char_offset(head)
    if is_pronoun(head) or head.lower_ in RELATIVE:
        return _pronoun(head, ctx) if role == "actor" else None
    whose = [c for c in head.children if c.dep_ == "poss" and c.lower_ == "whose"]
    if whose and head.head.dep_ == "relcl":
        return name_party(head.head.head, ctx, role)
    owner = _owner(head)
    if owner is not None and role == "actor":  # "researchers at Secureworks", "an En Marche! official"
        if owner.head.i == head.i and owner.i < head.i:  # a name written before the noun
            return _named(_clean(head.doc[owner.i : head.i].text), owner, ctx, start)
        named = name_party(owner, ctx, role)
        if named is not None:
            return named
    tokens = np_tokens(head)
    text = _clean(head.doc[tokens[0].i : tokens[-1].i + 1].text)
    proper = _proper_name(head)
    if proper:
        named = _named(proper, head, ctx, start)
        state = entities.state(proper) if role == "target" and named.type == "government" else None
        return Party(state.name, "government", state.name) if state and state.kind != "demonym" else named
    descriptor = _descriptor(head, tokens, ctx, start, lex.descriptors)
    if descriptor is not None:
        return descriptor
    institution = _institution(text, ctx)
    if institution is not None:
        return institution
    known = entities.state(text) or entities.agency(text) or entities.threat_actor(text)
    if known is not None and not (role == "target" and known.kind == "demonym" and head.pos_ == "NOUN"):
        return _from_known(known, text, role)
    if role == "target":
        antecedent = _numbered_antecedent(tokens, ctx, start)
        if antecedent:
            return Party(antecedent, "person")
    # "two people with knowledge of the attack"; "actors within the North Korean government", "four
    # members of China's Ministry of State Security": an attacker's description is kept whole
    described = role == "actor" or head.lemma_.lower() in lex.attackers or head.pos_ == "NUM"
    phrase = with_preps(head) if described and head.pos_ in ("NOUN", "NUM") else text
    restrictive = [t for t in head.rights if t.dep_ in ("relcl", "acl")]
    if role == "target" and restrictive and restrictive[0].right_edge.i - tokens[0].i < 12:
        phrase = head.doc[tokens[0].i : restrictive[0].right_edge.i + 1].text
    state = entities.states_in(text)
    return Party(_clean(phrase), _type_of_common(head), state[0][2] if state else "")


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
    compounds = [c for c in head.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
    if compounds and not entities.states_in(compounds[-1].text):
        return compounds[0]
    return None


def _proper_name(head: Token) -> str | None:
    """The trailing run of proper nouns of the phrase ("Foreign Ministry spokesman Hong Le" -> "Hong Le")."""
    for child in head.children:  # "Another Chinese official, Foreign Ministry spokesman Hong Le"
        if child.dep_ == "appos" and child.pos_ == "PROPN" and head.pos_ == "NOUN":
            return _proper_name(child)
    if head.pos_ != "PROPN":
        return None
    if head.pos_ == "PROPN":
        start, end = name_span(head)
        words = [t for t in head.doc[start:end] if t.lower_ not in TITLES and t.lower_ != "the"]
        while (
            words
            and words[0].i != head.i
            and words[0].whitespace_
            and (
                words[0].pos_ not in ("PROPN", "NUM")
                or words[0].dep_ in ("advmod", "cc", "mark", "prep", "npadvmod")
            )
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
    if len(name.split()) == 1:
        full = ctx.full_name(name, start)
        if full:
            return Party(full, "person", _affiliation_near(head))
    if len(name.split()) > 1:
        name = ctx.spelling_of(name)
    kind = {"PERSON": "person", "ORG": "organization", "GPE": "government", "NORP": "government"}.get(label)
    kind = name_type(name) or kind  # "New World Hackers" is a group whatever NER says
    if kind is None:
        titled = any(t.lower_ in TITLES for t in head.doc[max(head.sent.start, head.i - 3) : head.i])
        two_words = len(name.split()) in (2, 3) and label == "" and not any(c.isdigit() for c in name)
        kind = "person" if titled or two_words else "organization"
    return Party(name, kind, _affiliation_near(head) if kind == "person" else "")


def _affiliation_near(head: Token) -> str:
    """The state named in the phrase around a person ("US director of national intelligence James Clapper")."""
    sent = head.sent
    window = head.doc[max(sent.start, head.i - 8) : min(sent.end, head.i + 8)].text
    found = entities.states_in(window)
    return found[0][2] if found else ""


def _descriptor(
    head: Token, tokens: list[Token], ctx: ArticleContext, start: int, kinds: dict
) -> Party | None:
    """ "the company", "the group", "the agency": the last party of that kind the article named."""
    if not tokens or tokens[0].lower_ not in {"the", "this", "that", "these", "its"}:
        return None
    if any(t.pos_ == "PROPN" for t in tokens):
        return None
    lemma = head.lemma_.lower()
    modifiers = [t for t in tokens[1:] if t.i != head.i]
    if modifiers and not (
        lemma in kinds.get("group", ()) and all(t.dep_ in ("amod", "compound") for t in modifiers)
    ):
        return None  # "the privacy platform" describes; only "the company", "the (hacking) group" refer back
    for kind, words in kinds.items():
        if lemma in words or head.lower_ in words:
            wanted = {"company", "organization"} if kind == "company" else {kind}
            if kind == "state":
                mention = ctx.last({"state"}, start)
                return Party(mention.name, "government", mention.name) if mention else None
            mention = ctx.last(wanted, start)
            if mention is not None:
                return _named_mention(mention)
    return None


def _named_mention(mention: Mention) -> Party:
    known = entities.threat_actor(mention.name) if mention.kind == "group" else None
    if known is not None:
        return Party(mention.name, "group", known.state or "", known.galaxy)
    kind = {"group": "group", "agency": "government", "person": "person", "state": "government"}.get(
        mention.kind, "organization"
    )
    return Party(mention.name, kind)


def _institution(text: str, ctx: ArticleContext) -> Party | None:
    lowered = text.lower()
    for name, words in load_lexicon().institutions.items():
        if any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words) and name in ctx.article.text:
            return Party(
                name,
                "government",
                entities.states_in(ctx.article.text)[0][2] if entities.states_in(ctx.article.text) else "",
            )
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
    if found is None and person:
        mention = ctx.last({"person"}, char_offset(head))
        return Party(mention.name, "person") if mention else None
    return found


def _clean(text: str) -> str:
    text = re.sub(r"\s*\([^)]*\)", "", text)  # "(IAAF)", "(MSFT.O)"
    text = re.sub(r"^(?:the|a|an)\s+(?=[A-Z])", "", text.strip())
    return " ".join(text.replace("“", "").replace("”", "").replace('"', "").split()).strip(" ,;:-")
