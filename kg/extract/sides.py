"""Choices of party that depend on the whole claim: several governments speaking as one subject, the
group that claims a deed by a pronoun, the side a denial defends, an acknowledged deed's phrase, and a
person named as a doer in a charge."""

from __future__ import annotations

import tomllib
from functools import cache

from spacy.tokens import Token

from kg.extract import entities
from kg.extract.context import ArticleContext
from kg.extract.drafts import Draft
from kg.extract.lexicon import LEXICON_DIR
from kg.extract.naming import Party, name_party
from kg.extract.phrases import char_offset, conjuncts, hyphen_start, with_preps


def several_governments(token: Token, ctx: ArticleContext) -> list[Party]:
    """ "the governments of Canada, Australia and the U.K.", "the British and Dutch governments", "US and UK
    security chiefs": one speaker per state."""
    if token.lower_ not in _plural_bodies():
        return []
    named = [g for c in token.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    if named:
        parties = [name_party(t, ctx, "actor") for t in conjuncts(named[0])]
        return [p for p in parties if p is not None and p.type == "government"]
    modifiers = [c for c in token.children if c.dep_ in ("amod", "nmod", "compound") and c.i < token.i]
    listed = conjuncts(modifiers[0]) if modifiers else []
    states = [entities.state(a.text) for a in listed]
    if len(states) < 2 or not all(states):
        return []
    if token.lower_ in ("governments", "authorities"):
        return [Party(f"{state.name} government", "government", state.name) for state in states if state]
    rest = token.doc[max(t.i for t in listed) + 1 : token.i + 1].text  # "security chiefs"
    return [
        Party(f"{word.text} {rest}", "government", state.name)
        for word, state in zip(listed, states, strict=True)
        if state
    ]


@cache
def _plural_bodies() -> frozenset[str]:
    with open(LEXICON_DIR / "parties.toml", "rb") as handle:
        return frozenset(tomllib.load(handle)["government"].get("several", ()))


def claiming_group(draft: Draft, token: Token, ctx: ArticleContext) -> Party | None:
    """ "the gang posted the files; they claimed they had taken 1TB": who claims a deed by a pronoun is
    the hacker group named last, not the last speaker (often the victim denying it)."""
    if draft.cue.rule.stance != "acknowledge" or token.lower_ not in ("they", "it", "we"):
        return None
    offset = char_offset(token)
    mention = ctx.last({"group"}, offset)
    return Party(mention.name, "group") if mention and offset - mention.start < _GROUP_REACH else None


_GROUP_REACH = 400  # characters: a group named in the last paragraph or so


def own_side(actor: Party) -> Party:
    """A state's organ or spokesperson denies for the state; a company for itself."""
    state = actor.affiliation if actor.type in ("government", "person") and actor.affiliation else ""
    return Party(state or actor.name, actor.type, actor.affiliation, actor.galaxy)


def names_no_party(token: Token, lex) -> bool:
    """ "the possibility that this could be", "the reports": a lower-case noun that is no party; "it",
    "we" (a denial's pronoun stands for the denier's side)."""
    if token.pos_ == "PRON" and token.lower_ in ("it", "we", "they", "us", "i"):
        return True
    owned = any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("by", "from")) for c in token.children)
    return (
        token.pos_ == "NOUN"
        and token.is_lower
        and not owned
        and token.lemma_.lower() not in lex.attackers | lex.parties | lex.acts
    )


def act_phrase(token: Token) -> str:
    """An acknowledged deed with what it names: "1TB of data from the company's servers", "hacking into
    the Army's website" (a gerund with its objects, without its time words and purpose clauses)."""
    if token.pos_ != "VERB":
        prefix = token.doc[hyphen_start(token) : token.i].text  # "counter-" of "a counter-hack"
        return " ".join((prefix + with_preps(token)).split()).removeprefix("the ").strip(" ,;:")
    end = token.i
    for child in token.rights:
        if child.dep_ not in _DEED_PARTS:
            break
        end = child.right_edge.i
    return " ".join(token.doc[token.i : end + 1].text.split()).strip(" ,;:")


_DEED_PARTS = ("dobj", "prep", "prt", "dative", "oprd", "acomp", "advmod")


def alleging(draft: Draft) -> bool:
    """ "prosecutors allege Park conspired to conduct attacks", "according to the indictment, Ivanov hacked":
    a charge names a person as the doer (elsewhere a person who "exploited" a flaw may be a researcher)."""
    words = _allegation_words()
    act = draft.act
    speakers = draft.actors if isinstance(draft.actors, list) else []
    return (act is not None and act.lemma_.lower() in words) or any(
        s.lemma_.lower() in words for s in speakers
    )


@cache
def _allegation_words() -> frozenset[str]:
    with open(LEXICON_DIR / "cues.toml", "rb") as handle:
        return frozenset(tomllib.load(handle)["speech"].get("alleging", ()))
