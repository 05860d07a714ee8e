"""Names of offices and office-holders: a state's organ keeps the state's word ("Iranian Revolutionary
Guard", "Israel Defence Forces", "Russian Security Council"); an official named after a title is the person
("Iranian Telecommunication Minister Mohammad Azeri" -> "Mohammad Azeri"); a person speaks for the state named in
his title ("US director of national intelligence James Clapper"). Organ words are data
(``state_body_words`` in ``kg/lexicons/names.toml``)."""

from __future__ import annotations

import tomllib
from functools import cache

from spacy.tokens import Token

from kg.extract import entities
from kg.extract.context import TITLES
from kg.extract.lexicon import LEXICON_DIR, load_lexicon


def after_last_title(words: list[Token]) -> list[Token]:
    """ "Iranian Telecommunication Minister Mohammad Azeri": the person named after the last title word
    (the words before it describe the office); the words but the titles when no name follows them."""
    titled = [k for k, t in enumerate(words) if t.lower_ in TITLES]
    if titled and titled[-1] + 1 < len(words) and words[titled[-1] + 1].pos_ == "PROPN":
        return words[titled[-1] + 1 :]
    return [t for t in words if t.lower_ not in TITLES]


def affiliation_near(head: Token) -> str:
    """The state named in the phrase around a person ("US director of national intelligence James Clapper")."""
    sent = head.sent
    before = head.doc[max(sent.start, head.i - 8) : head.i + 1]
    after = head.doc[head.i + 1 : min(sent.end, head.i + 8)]
    found = entities.states_in(before.text)
    if found:  # the title before the name is nearest ("US director of national intelligence James Clapper")
        return found[-1][2]
    appositive = len(after) > 0 and (after[0].text in ",(" or after[0].lower_ in ("of", "from"))
    if not appositive:
        return ""  # "Clinton cited Russia's responsibility": a state after the verb is what is said
    verb = next((t.i for t in after if t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN"), None)
    window = after if verb is None else head.doc[after.start : verb]
    found = entities.states_in(window.text)
    return found[0][2] if found else ""


def state_organ(words: list[Token]) -> bool:
    """ "Iranian Revolutionary Guard", "Israel Defence Forces": a state's word, then an organ's name."""
    return len(words) > 1 and words[-1].text in _organ_words() and entities.state(words[0].text) is not None


def organ_state(name: str) -> str | None:
    """The state whose organ ``name`` is ("Russian Security Council" -> "Russia"), or None."""
    words = name.split()
    if len(words) < 2 or words[-1] not in _organ_words():
        return None
    known = entities.state(words[0])
    return known.name if known is not None else None


def with_state(name: str, head: Token) -> tuple[str, str] | None:
    """ "China's Ministry of Foreign Affairs", "the South Korean Defence Ministry": a body every state has
    keeps the state written before it -> (name with the state, the state); None for other names."""
    if name.split()[0] not in _generic_body_words() or entities.states_in(name):
        return None
    for child in head.children:
        if child.dep_ not in ("poss", "amod", "compound", "nmod") or child.i > head.i:
            continue
        words = head.doc[child.left_edge.i : child.i + 1].text.removeprefix("the ").removeprefix("The ")
        known = entities.state(words)
        if known is not None:
            joined = f"{words}'s" if child.dep_ == "poss" else words
            return f"{joined} {name}", known.name
    return None


def state_owned(token: Token) -> bool:
    """ "a research institute owned by the Russian government": a body a state owns or runs acts for it."""
    for clause in token.children:
        if clause.dep_ != "acl" or clause.lemma_.lower() not in _OWNING:
            continue
        agents = [g for c in clause.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if any(entities.states_in(g.doc[g.left_edge.i : g.i + 1].text) for g in agents):
            return True
    return False


_OWNING = {"own", "run", "operate", "control", "fund"}


@cache
def _generic_body_words() -> frozenset[str]:
    with open(LEXICON_DIR / "names.toml", "rb") as handle:
        return frozenset(tomllib.load(handle).get("generic_body_words", ()))


@cache
def _organ_words() -> frozenset[str]:
    with open(LEXICON_DIR / "names.toml", "rb") as handle:
        return frozenset(tomllib.load(handle).get("state_body_words", ()))


def press_report(head: Token, words: list[Token]) -> bool:
    """ "Media reports say ...", "press reports said ...": the press as a whole speaks."""
    return head.lemma_.lower() in load_lexicon().speech_nouns and words[0].lower_ in _press_words()


@cache
def _press_words() -> frozenset[str]:
    with open(LEXICON_DIR / "parties.toml", "rb") as handle:
        return frozenset(tomllib.load(handle).get("names", {}).get("press", ()))
