"""Acronyms an article introduces: in parentheses after the full name, or as the initials of a name."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.resolve import expand_acronym
from kg.resolve.acronyms import by_initials, initials, introduced, is_acronym


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("CTU", True),
        ("NCSC", True),
        ("CERT-UA", True),
        ("US", True),
        ("A", False),
        ("Ciphr", False),
        ("ctu", False),
        ("2016", False),
        ("APT28", True),
    ],
)
def test_is_acronym(word: str, expected: bool) -> None:
    assert is_acronym(word) is expected


@pytest.mark.parametrize(
    ("text", "acronym", "expected"),
    [
        (
            "The National Cyber Security Centre (NCSC) said so. NCSC added.",
            "NCSC",
            "National Cyber Security Centre",
        ),
        (
            "the UK's National Cyber Security Centre (NCSC) said. NCSC",
            "NCSC",
            "National Cyber Security Centre",
        ),
        (
            "Ukraine's State Service of Special Communications and Information Protection (SSSCIP) said. SSSCIP",
            "SSSCIP",
            "State Service of Special Communications and Information Protection",
        ),
        ("Officials (FBI) said. FBI", "FBI", None),  # one word is no full name
        ("Nothing introduces it here. XYZ said.", "XYZ", None),
    ],
)
def test_introduced_in_parentheses(text: str, acronym: str, expected: str | None) -> None:
    assert introduced(text, acronym, text.rindex(acronym)) == expected


@pytest.mark.parametrize(
    ("acronym", "names", "expected"),
    [
        ("CTU", ["North Korea", "Secureworks Counter Threat Unit"], "Secureworks Counter Threat Unit"),
        ("DOJ", ["Department of Justice"], "Department of Justice"),
        ("CTU", ["Counter Terrorism"], None),
        ("TU", ["Threat"], None),  # initials need as many words as letters
    ],
)
def test_by_initials(acronym: str, names: list[str], expected: str | None) -> None:
    assert by_initials(acronym, names) == expected


def test_initials_skip_small_words() -> None:
    assert initials("Department of Justice") == "DJ"
    assert initials("State Service of Special Communications") == "SSSC"


def test_parentheses_win_over_initials() -> None:
    text = "The Counter Threat Unit studied it. The Cyber Threat Unit (CTU) said so. CTU added."
    assert expand_acronym(text, "CTU", text.rindex("CTU"), ["Counter Threat Unit"]) == "Cyber Threat Unit"


def test_not_an_acronym_is_not_expanded() -> None:
    assert expand_acronym("Ciphr Inc (Ciphr) said.", "Ciphr", 20, ["Ciphr Inc"]) is None


@given(st.text(max_size=300), st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=6))
def test_expansion_never_fails_and_is_a_name_of_the_text_or_list(text: str, acronym: str) -> None:
    names = ["Secureworks Counter Threat Unit"]
    found = expand_acronym(text + f" ({acronym})", acronym, len(text), names)
    assert found is None or found in text or found in names
