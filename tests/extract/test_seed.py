"""The seed article gives the six required claims of its gold annotation, and little else."""

from __future__ import annotations

from pathlib import Path

import pytest
from extract_support import find

from kg.ingest import article_from_text

pytestmark = pytest.mark.slow

SEED = Path(__file__).resolve().parent.parent / "data" / "register-2015-usa-china-cyber.txt"

# (actor aliases, stance or its accepted alternatives, target aliases), as the gold file states them.
REQUIRED = [
    (
        ("Meng Jianzhu", "Meng"),
        ("deny", "condemn", "pledge"),
        ("China", "Chinese government", "cyber attacks"),
    ),
    (
        ("Hong Lei", "Hong Le", "Hong"),
        ("deny", "condemn", "pledge"),
        ("China", "Chinese government", "hackers", "James Clapper"),
    ),
    (("James Clapper", "Clapper"), ("accuse", "warn", "assert"), ("China",)),
    (("James Clapper", "Clapper"), ("accuse", "warn", "assert"), ("Russia",)),
    (("Barack Obama", "Obama"), ("accuse", "condemn"), ("China", "the Chinese")),
    (("Barack Obama", "Obama"), ("warn", "accuse", "condemn"), ("states", "China")),
]


@pytest.fixture(scope="module")
def seed_claims(extractor):
    text = SEED.read_text(encoding="utf-8")
    return text, extractor.extract(article_from_text(text, SEED.stem))


@pytest.mark.parametrize(
    ("actor", "stances", "target"), REQUIRED, ids=[f"{a[0]}-{t[0]}" for a, _, t in REQUIRED]
)
def test_required_claim_found(seed_claims, actor, stances, target) -> None:
    _, claims = seed_claims
    assert any(find(claims, actor, stance, target) for stance in stances), [
        (c.actor, c.stance, c.target) for c in claims
    ]


def test_offsets_and_few_extras(seed_claims) -> None:
    text, claims = seed_claims
    for claim in claims:
        assert text[claim.start : claim.end] == claim.evidence
        assert claim.article == SEED.stem
    assert len([c for c in claims if not c.negated]) <= len(REQUIRED) + 3


def test_clapper_is_not_said_to_deny(seed_claims) -> None:
    _, claims = seed_claims
    assert not find(claims, "Clapper", "deny", ("China", "Russia"))
