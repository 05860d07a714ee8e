"""Matching helpers for the extraction tests (names compared as the scorer does, titles aside)."""

from __future__ import annotations

import re

from kg.models import Claim


def norm(name: str) -> str:
    words = re.sub(r"[^\w\s&'-]", " ", name.lower().replace("\u2019", "'")).split()
    return " ".join(w for w in words if w not in {"the", "a", "an"})


def names_match(predicted: str, expected: str | tuple[str, ...]) -> bool:
    """Case-insensitive; an expected name contained in the predicted one counts ("US officials" ~ "officials")."""
    options = (expected,) if isinstance(expected, str) else expected
    p = f" {norm(predicted)} "
    return any(f" {norm(option)} " in p or norm(option) == norm(predicted) for option in options)


def find(claims: list[Claim], actor, stance: str, target, negated: bool | None = False) -> list[Claim]:
    return [
        c
        for c in claims
        if c.stance == stance
        and names_match(c.actor, actor)
        and names_match(c.target, target)
        and (negated is None or c.negated == negated)
    ]
