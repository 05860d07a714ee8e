"""Stage 6 of extraction: the topic of a claim, from its evidence (patterns in ``lexicons/topics.toml``)."""

from __future__ import annotations

import re
import tomllib
from functools import cache

from kg.extract.lexicon import LEXICON_DIR


@cache
def _topics() -> tuple[tuple[str, re.Pattern[str]], ...]:
    with open(LEXICON_DIR / "topics.toml", "rb") as handle:
        data = tomllib.load(handle)
    return tuple(
        (entry["name"], re.compile("|".join(f"(?:{p})" for p in entry["patterns"]), re.IGNORECASE))
        for entry in data["topic"]
    )


def topic_for(claim_text: str, context: str = "") -> str:
    """The first topic whose patterns match the claim text, then its wider context; else ``other``."""
    for text in (claim_text, context):
        for name, pattern in _topics():
            if text and pattern.search(text):
                return name
    return "other"
