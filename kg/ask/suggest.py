"""The closest readings of a question that fits no pattern ("did you mean: who accused X?").

A stance verb found in the question (spelt right or nearly) picks that stance's reading forms in
``ask.toml`` ([suggest], with the forms of any stance); the question's other words fill them in.
Only readings that parse are offered, closest to the question first; with no stance verb, the help
examples closest to the question.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rapidfuzz import fuzz, process

from kg.ask.lexicon import load_lexicon
from kg.ask.spelling import MIN_LENGTH, WORD_CUTOFF

MAX_READINGS = 3
# question words that are the question's frame, not its content ("who", "did")
_FRAME = frozenset(
    [
        "who",
        "whom",
        "whose",
        "which",
        "what",
        "where",
        "when",
        "why",
        "how",
        "did",
        "does",
        "do",
        "was",
        "were",
        "is",
        "are",
        "has",
        "have",
        "had",
        "been",
        "be",
        "the",
        "a",
        "an",
        "ever",
        "really",
    ]
)
_WORD = re.compile(r"[\w.'-]+")


def closest_readings(text: str, parses: Callable[[str], bool]) -> tuple[str, ...]:
    """Up to MAX_READINGS questions close to ``text`` that ``parses`` accepts."""
    lx = load_lexicon()
    words = _WORD.findall(text)
    stance, at = _stance_verb(words)
    rest = " ".join(w for i, w in enumerate(words) if i != at and w.lower() not in _FRAME).strip(" ,")
    forms = (*lx.suggest.get(stance, ()), *lx.suggest.get("any", ())) if stance else ()
    readings = [form.replace("{x}", rest) for form in forms if rest]
    if not readings:
        readings = [e.rstrip("?") for e in lx.examples]
    ranked = process.extract(text, list(dict.fromkeys(readings)), scorer=fuzz.token_set_ratio, limit=None)
    return tuple(reading for reading, _, _ in ranked if parses(reading))[:MAX_READINGS]


def _stance_verb(words: list[str]) -> tuple[str | None, int]:
    """The stance of the first word that is (nearly) a one-word stance verb, and its position."""
    verbs = {v: s for v, s in load_lexicon().active_stance.items() if " " not in v}
    for i, word in enumerate(words):
        low = word.lower()
        if len(low) < MIN_LENGTH:
            continue
        if low in verbs:
            return verbs[low], i
        best = process.extractOne(low, list(verbs), scorer=fuzz.ratio, score_cutoff=WORD_CUTOFF)
        if best:
            return verbs[best[0]], i
    return None, -1
