"""Stage 6 of extraction: the topic of a claim, from its evidence (patterns in ``lexicons/topics.toml``)."""

from __future__ import annotations

import re
import tomllib
from functools import cache

from kg.extract.lexicon import LEXICON_DIR


@cache
def _lexicon() -> tuple[tuple[tuple[str, re.Pattern[str]], ...], str]:
    with open(LEXICON_DIR / "topics.toml", "rb") as handle:
        data = tomllib.load(handle)
    patterns = tuple(
        (entry["name"], re.compile("|".join(f"(?:{p})" for p in entry["patterns"]), re.IGNORECASE))
        for entry in data["topic"]
    )
    return patterns, data["generic"]


def _named(text: str) -> str | None:
    for name, pattern in _lexicon()[0]:
        if text and pattern.search(text):
            return name
    return None


def topic_for(claim_text: str, context: str = "") -> str:
    """The first topic named by the claim text, then by its wider context; else the generic one.

    Every claim comes from an article about cyber operations, so a claim whose words name no kind of
    operation ("the government rejected the accusation") is about the generic one.
    """
    return _named(claim_text) or _named(context) or _lexicon()[1]
