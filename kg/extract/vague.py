"""Phrases that name no party in particular: "a specific actor" in a general statement, "someone"; and
subjects that negate their own act ("neither country has acknowledged being behind the attack")."""

from __future__ import annotations

import tomllib
from functools import cache

from spacy.tokens import Token

from kg.extract.lexicon import LEXICON_DIR, load_lexicon

# Children that pick one party out ("a group calling itself X", "an attacker in Russia", "a Chinese actor").
_SPECIFYING = frozenset(["relcl", "acl", "prep", "compound", "appos", "nmod", "poss", "nummod", "amod"])


@cache
def _vague() -> dict[str, frozenset[str]]:
    with open(LEXICON_DIR / "parties.toml", "rb") as handle:
        data = tomllib.load(handle).get("vague", {})
    return {key: frozenset(words) for key, words in data.items()}


def unspecific(token: Token) -> bool:
    """ "a specific actor", "an attacker", "any particular nation", "someone": indefinite, with nothing
    that picks out one party; such a phrase in a claim's target position accuses nobody."""
    words = _vague()
    if token.lower_ in words["pronouns"] or _left_unnamed(token, words):
        return True
    if token.pos_ != "NOUN" or token.lemma_.lower() not in load_lexicon().attackers:
        return False
    dets = [c for c in token.children if c.dep_ == "det"]
    if not dets or dets[0].lower_ not in words["determiners"]:
        return False
    modifiers = [c for c in token.children if c.dep_ in _SPECIFYING]
    return all(c.dep_ == "amod" and c.lemma_.lower() in words["modifiers"] for c in modifiers)


def _left_unnamed(token: Token, words: dict[str, frozenset[str]]) -> bool:
    """ "didn't specify the country he thought might be behind the attack": what a negated verb of naming
    leaves unnamed is no party."""
    head = token.head
    return (
        token.dep_ in ("dobj", "nsubjpass")
        and head.lemma_.lower() in words["naming_verbs"]
        and any(c.dep_ == "neg" for c in head.children)
    )


def negative_subject(token: Token) -> bool:
    """ "neither country", "none of the groups", "nobody", "no government": a subject that says the act
    did not happen."""
    words = _vague()
    if token.lower_ in words["negative_subjects"]:
        return True
    return any(c.dep_ == "det" and c.lower_ in words["negative_determiners"] for c in token.children)
