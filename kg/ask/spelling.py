"""Misspellings in a question: words of the grammar ("acused") and names of the graph ("Clappr"),
matched with ``rapidfuzz`` (normalised Levenshtein similarity).

Both are fallbacks, so a correct question is never changed: a word is corrected only when the question
as written fits no pattern, and a name only when no name of the graph contains its words. Short words
are never corrected (every three-letter word is close to another).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from rapidfuzz import fuzz, process

from kg.ask.lexicon import load_lexicon
from kg.ask.match import core, norm

WORD_CUTOFF = 80.0  # similarity (0..100) from which a question word is read as a grammar word
NAME_CUTOFF = 85.0  # ... and a phrase as a name of the graph
MIN_LENGTH = 4  # shorter words and names are never corrected
_WORD = re.compile(r"[A-Za-z][\w'-]*")


@cache
def grammar_words() -> frozenset[str]:
    """The single words of the grammar's verbs and kinds, the ones a misspelt question word is read as."""
    lx = load_lexicon()
    phrases: list[str] = [
        *lx.active_stance,
        *lx.passive_stance,
        *lx.say_verbs,
        *lx.perpetration_verbs,
        *lx.rebut_verbs,
        *lx.said_verbs,
        *lx.deny_verbs,
        *lx.deny_adjectives,
        *lx.kinds,
        *lx.behind_nouns,
    ]
    return frozenset(w for p in phrases for w in p.lower().split() if len(w) >= MIN_LENGTH)


@cache
def known_words() -> frozenset[str]:
    """Words of the question vocabulary that are spelt right as they are ("hack", "involvement")."""
    lx = load_lexicon()
    phrases = [*lx.act_heads, *lx.act_frames, *lx.stop_terms, *lx.topics, *lx.statements, *lx.months]
    return grammar_words() | frozenset(w for p in phrases for w in p.lower().split())


def correct_words(text: str) -> tuple[str, dict[str, str]]:
    """``text`` with each lower-case word that is no grammar word but close to one replaced by it, and
    the replacements made. Capitalised words are names and stay as written."""
    vocabulary = grammar_words()
    known = known_words()
    corrected: dict[str, str] = {}

    def fix(match: re.Match[str]) -> str:
        word = match.group(0)
        low = word.lower()
        if (word[0].isupper() and match.start() > 0) or len(low) < MIN_LENGTH or low in known:
            return word
        best = process.extractOne(low, vocabulary, scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF)
        if best is None or best[0].startswith(low) or low.startswith(best[0]):  # an inflection, not a slip
            return word
        corrected[word] = best[0]
        return best[0]

    return _WORD.sub(fix, text), corrected


def closest_name(phrase: str, names: Iterable[str]) -> str | None:
    """The name of ``names`` closest to ``phrase`` (whole names, and single words of longer names for a
    one-word phrase: "Clappr" is "Clapper" of "James Clapper"), if close enough."""
    wanted = core(phrase)
    if len(wanted.replace(" ", "")) < MIN_LENGTH:
        return None
    choices: dict[str, str] = {}
    for name in names:
        whole = core(name)
        choices.setdefault(whole, name)
        if " " not in wanted:
            for word in whole.split():
                if len(word) >= MIN_LENGTH:
                    choices.setdefault(word, name)
    best = process.extractOne(wanted, list(choices), scorer=fuzz.ratio, score_cutoff=NAME_CUTOFF)
    if best is None or norm(best[0]) == norm(wanted):
        return None
    return choices[best[0]]
