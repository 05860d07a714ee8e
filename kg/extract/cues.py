"""Stage 2 of extraction: cue matching.

:func:`candidate` is the cheap prefilter on raw sentence text (only sentences that can hold a claim are
parsed); :func:`find_cues` matches the cue lexicon against the tokens of a parsed sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from kg.extract.lexicon import CueRule, load_lexicon


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    """One compiled alternation per prefilter list of the cue lexicon."""
    lists = load_lexicon().prefilter
    flags = {"attacker": 0}  # "by [A-Z]" must see the capital letter
    return {
        name: re.compile("|".join(f"(?:{p})" for p in patterns), flags.get(name, re.IGNORECASE))
        for name, patterns in lists.items()
    }


def candidate(text: str, voiced: bool = False) -> bool:
    """Can this sentence hold a claim? A cheap test on the raw text, generous enough to keep recall.
    ``voiced``: the sentence goes on with a statement whose speaker was named before."""
    found = _patterns()
    if found["alone"].search(text):
        return True
    if not voiced and not found["speaker"].search(text):
        return False
    return bool(
        found["predicate"].search(text) or (found["doer"].search(text) and found["attacker"].search(text))
    )


def is_speech_like(text: str) -> bool:
    return bool(_patterns()["speaker"].search(text))


@dataclass(frozen=True, slots=True)
class Cue:
    """A matched stance cue: the rule and the token it hangs on."""

    rule: CueRule
    token: Token


def find_cues(sent: Span) -> list[Cue]:
    """Every token of ``sent`` whose lemma (or surface word) is a stance cue, plus phrase cues."""
    lex = load_lexicon()
    found: list[Cue] = []
    lowered = sent.text.lower()
    in_term = _term_chars(lowered, lex.terms, sent.start_char)
    for token in sent:
        if token.pos_ == "PROPN":  # "Counter Threat Unit", "Troy Hunt": names, not cues
            continue
        if token.idx in in_term:  # "denial of service", "chargé d'affaires": terms, not cues
            continue
        for key in {token.lemma_.lower(), token.lower_}:
            for rule in lex.cue_rules_for(key):
                found.append(Cue(rule, token))
    for rule in lex.phrases:
        at = lowered.find(rule.phrase)
        if at >= 0:
            token = sent.char_span(at, at + len(rule.phrase), alignment_mode="expand")
            if token is not None:
                found.append(Cue(rule, token.root))
    return _dedupe(found)


def _term_chars(lowered: str, terms: tuple[str, ...], offset: int) -> set[int]:
    """Document offsets of the characters covered by a technical term in the sentence text."""
    covered: set[int] = set()
    for term in terms:
        for match in re.finditer(re.escape(term), lowered):
            covered.update(range(offset + match.start(), offset + match.end()))
    return covered


def _dedupe(cues: list[Cue]) -> list[Cue]:
    seen: set[tuple[int, int]] = set()
    out = []
    for cue in cues:
        key = (cue.token.i, id(cue.rule))
        if key not in seen:
            seen.add(key)
            out.append(cue)
    return out
