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


def check_claims(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    """The table check every pattern test shares: each expected (actor, stance, target[, negated]) is found,
    no forbidden (actor, stance, target) is, and every evidence is the article text at its offsets."""
    claims = extract(text)
    shown = [(c.actor, c.stance, c.target, c.negated) for c in claims]
    for actor, stance, target, *rest in expected:
        negated = rest[0] if rest else False
        assert find(claims, actor, stance, target, negated), f"missing {(actor, stance, target)} in {shown}"
    for actor, stance, target in forbidden:
        assert not find(claims, actor, stance, target, False), (
            f"unwanted {(actor, stance, target)} in {shown}"
        )
    for claim in claims:
        assert text[claim.start : claim.end] == claim.evidence
