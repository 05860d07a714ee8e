"""Titles and roles: actor type and affiliation."""

from __future__ import annotations

import pytest

from kg.resolve import match_role, role_affiliation, split_title

SEED = (
    "Chinese Foreign Ministry spokesman Hong Le said, in a rebuttal of US director of national "
    "intelligence James Clapper's assertion that China and Russia are the USA's biggest online threats."
)


@pytest.mark.parametrize(
    ("phrase", "context", "affiliation"),
    [
        ("US director of national intelligence", "", "United States"),
        (
            "director of national intelligence",
            "the US director of national intelligence said",
            "United States",
        ),
        ("Foreign Ministry spokesman", SEED, "China"),
        ("Chinese Foreign Ministry spokesman", "", "China"),
        ("Kremlin spokesman", "", "Russia"),
        ("Google security researcher", "", "Google"),
        ("security researcher", "said a security researcher at Google.", "Google"),
        ("researcher", "a researcher from Kaspersky Lab said", "Kaspersky Lab"),
        ("France's ambassador to the OSCE", "", "France"),
        ("U.S. attorney in Atlanta", "", "United States"),
        ("President", "President Obama said the United States would respond.", "United States"),
        ("U.S. officials", "", "United States"),
        ("security firms", "US security firms", None),
        ("researchers", "researchers said", None),
        ("spokesman", "", None),
    ],
)
def test_role_affiliation(phrase: str, context: str, affiliation: str | None) -> None:
    assert role_affiliation(phrase, context) == affiliation


@pytest.mark.parametrize(
    ("phrase", "type_", "plural"),
    [
        ("Foreign Ministry spokesman", "person", False),
        ("US director of national intelligence", "person", False),
        ("officials", "government", True),
        ("U.S. intelligence agencies", "government", True),
        ("security researchers", "unknown", True),
        ("private security firms", "organization", True),
        ("chief executive", "person", False),
    ],
)
def test_match_role(phrase: str, type_: str, plural: bool) -> None:
    role = match_role(phrase)
    assert role is not None and (role.type, role.plural) == (type_, plural)


@pytest.mark.parametrize("phrase", ["Hong Lei", "hackers", "the attack", ""])
def test_no_role(phrase: str) -> None:
    assert match_role(phrase) is None


@pytest.mark.parametrize(
    ("mention", "title", "name"),
    [
        ("Foreign Ministry spokesman Hong Lei", "Foreign Ministry spokesman", "Hong Lei"),
        ("President Barack Obama", "President", "Barack Obama"),
        (
            "US director of national intelligence James Clapper",
            "US director of national intelligence",
            "James Clapper",
        ),
        ("Hong Lei, a Foreign Ministry spokesman", "a Foreign Ministry spokesman", "Hong Lei"),
        ("James Clapper", "", "James Clapper"),
        ("security researchers", "security researchers", ""),
    ],
)
def test_split_title(mention: str, title: str, name: str) -> None:
    assert split_title(mention) == (title, name)
