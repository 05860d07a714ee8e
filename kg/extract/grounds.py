"""What a cue of blame is about. "U.S. reimposes sanctions on Iran once lifted by the nuclear deal" punishes
a nuclear programme, not an attack; only sanctions, indictments and charges about cyber matters accuse.
"Responsible for protecting networks" names an office's duty, not a culprit. The words are data
(``[grounds]`` and ``[duties]`` in ``kg/lexicons/cues.toml``)."""

from __future__ import annotations

import re
import tomllib
from functools import cache

from spacy.tokens import Token

from kg.extract.lexicon import LEXICON_DIR, context_pattern


@cache
def _grounds() -> tuple[frozenset[str], re.Pattern[str]]:
    with open(LEXICON_DIR / "cues.toml", "rb") as handle:
        data = tomllib.load(handle).get("grounds", {})
    words = "|".join(re.escape(w) for w in sorted(data.get("non_cyber", ()), key=len, reverse=True))
    return frozenset(data.get("lemmas", ())), re.compile(rf"\b(?:{words})\b" if words else r"(?!)", re.I)


def non_cyber_grounds(token: Token) -> bool:
    """A sanction, indictment or charge whose clause names a non-cyber ground and no cyber matter."""
    lemmas, pattern = _grounds()
    if token.lemma_.lower() not in lemmas and token.lower_ not in lemmas:
        return False
    clause = token.head if token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") else token
    if clause.dep_ == "prep":
        clause = clause.head
    text = token.doc[clause.left_edge.i : clause.right_edge.i + 1].text
    return bool(pattern.search(text)) and not context_pattern().search(text)


@cache
def _duties() -> frozenset[str]:
    with open(LEXICON_DIR / "cues.toml", "rb") as handle:
        return frozenset(tomllib.load(handle).get("duties", {}).get("verbs", ()))


def a_duty(token: Token) -> bool:
    """ "the body responsible for helping to counter attacks", "responsible for protecting networks": an
    office's remit, named by a gerund of duty after "for"."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "for"):
        if any(g.pos_ == "VERB" and g.lemma_.lower() in _duties() for g in prep.children):
            return True
    return False
