"""States, their metonyms and demonyms, and the data file behind them."""

from __future__ import annotations

import re

import pytest

from kg.resolve import find_states, state_for, state_info, state_kind
from kg.resolve.places import canonical_state, state_name_for_iso, states


@pytest.mark.parametrize(
    ("text", "state"),
    [
        ("Washington", "United States"),
        ("the United States", "United States"),
        ("U.S.", "United States"),
        ("US", "United States"),
        ("USA", "United States"),
        ("America", "United States"),
        ("the White House", "United States"),
        ("Beijing", "China"),
        ("the Middle Kingdom", "China"),
        ("PRC", "China"),
        ("Beijing's", "China"),
        ("Chinese", "China"),
        ("the Chinese", "China"),
        ("the Kremlin", "Russia"),
        ("Moscow", "Russia"),
        ("Russians", "Russia"),
        ("Russian Federation", "Russia"),
        ("Pyongyang", "North Korea"),
        ("DPRK", "North Korea"),
        ("North Korean", "North Korea"),
        ("Tehran", "Iran"),
        ("Iranian", "Iran"),
        ("Whitehall", "United Kingdom"),
        ("Britain", "United Kingdom"),
        ("British", "United Kingdom"),
        ("Israeli", "Israel"),
        ("French", "France"),
        ("Kiev", "Ukraine"),
        ("the Chinese government", "China"),
        ("US officials", "United States"),
        ("Russian authorities", "Russia"),
        ("the States", "United States"),
    ],
)
def test_state_for(text: str, state: str) -> None:
    assert state_for(text) == state


@pytest.mark.parametrize(
    "text",
    # a phrase all in lower case is a common word, never a state: "the states", "turkey", "china"
    [
        "us",
        "the company",
        "hackers",
        "Washington Post",
        "Korean",
        "",
        "officials",
        "the states",
        "turkey",
        "china",
        "chinese",
        "us officials",
    ],
)
def test_state_for_rejects(text: str) -> None:
    assert state_for(text) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [("China", "name"), ("Beijing", "metonym"), ("Chinese", "demonym"), ("Chinese government", "government")],
)
def test_state_kind(text: str, kind: str) -> None:
    assert state_kind(text) == ("China", kind)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Washington accused Beijing, and the Kremlin denied it.",
            [
                ("Washington", "United States", "metonym"),
                ("Beijing", "China", "metonym"),
                ("Kremlin", "Russia", "metonym"),
            ],
        ),
        (
            "U.S. officials blamed North Korean hackers.",
            [("U.S.", "United States", "name"), ("North Korean", "North Korea", "demonym")],
        ),
        ("The Washington Post said the US did.", [("US", "United States", "name")]),
        ("Tell us about the china and the turkey.", []),
        ("China's ministry and Russia's GRU.", [("China", "China", "name"), ("Russia", "Russia", "name")]),
        ("the Middle Kingdom rejected it", [("Middle Kingdom", "China", "metonym")]),
        ("", []),
    ],
)
def test_find_states(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(text[s:e], state, kind) for s, e, state, kind in find_states(text)] == expected


def test_state_info_by_name_iso_or_alias() -> None:
    for key in ("United Kingdom", "GB", "Britain"):
        info = state_info(key)
        assert info is not None and (info.name, info.iso, info.wikidata) == ("United Kingdom", "GB", "Q145")
    assert state_info("Atlantis") is None


@pytest.mark.parametrize(
    ("iso", "name"), [("RU", "Russia"), ("KP", "North Korea"), ("US", "United States"), ("TN", "Tunisia")]
)
def test_iso_names_curated_then_galaxy(iso: str, name: str) -> None:
    assert state_name_for_iso(iso) == name


@pytest.mark.parametrize(
    ("spelling", "name"),
    [
        ("Iran (Islamic Republic of)", "Iran"),
        ("Korea (Democratic People's Republic of)", "North Korea"),
        ("Russian Federation", "Russia"),
    ],
)
def test_canonical_state_spellings(spelling: str, name: str) -> None:
    assert canonical_state(spelling) == name


def test_state_data_is_consistent() -> None:
    rows = states()
    assert len(rows) >= 40
    assert len({s.iso for s in rows}) == len(rows)
    assert len({s.name for s in rows}) == len(rows)
    assert all(s.wikidata is None or re.fullmatch(r"Q\d+", s.wikidata) for s in rows)
    owner: dict[str, str] = {}
    for s in rows:
        for word in (s.name, *s.aliases, *s.metonyms, *s.demonyms):
            assert owner.setdefault(word.casefold(), s.name) == s.name, f"{word} names two states"
