"""How prose names or describes an operation: a table of sentences and the mentions found in them."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import ConfigError
from kg.incidents.lexicon import incident_lexicon, parse_lexicon
from kg.incidents.mentions import find_mentions


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The hack of the Democratic National Committee was blamed on Russia.",
         [("hack of Democratic National Committee", "Democratic National Committee")]),
        ("Experts said the DNC hack was Russian.", [("DNC hack", "Democratic National Committee")]),
        ("The Grizzly Steppe report blamed Russia.", [("DNC hack", "")]),  # the lexicon's own operations
        ("WikiLeaks released Vault 7.", [("Vault 7", "")]),
        ("The attack on Sony Pictures' network was a North Korean operation.",
         [("attack of Sony Pictures", "Sony Pictures")]),
        ("The breach at Equifax exposed data.", [("breach of Equifax", "Equifax")]),
        ("Yahoo's data breach was huge.", [("breach of Yahoo", "Yahoo")]),
        ("The WannaCry attack on the NHS crippled hospitals.", [("WannaCry", "NHS")]),
        ("Microsoft blamed North Korea for WannaCry.", [("WannaCry", "")]),
        ("Kaspersky called it ExPetr.", [("NotPetya", "")]),
        ("Operation Aurora targeted Google.", [("Operation Aurora", "")]),
        ("The Russian hack of the DNC.", [("hack of Democratic National Committee", "Democratic National Committee")]),
        # the attacker before the noun is no victim
        ("The Russian hack was discussed.", []),
        ("The Lazarus attack hit banks.", []),
        ("China-backed hacking is rising.", []),
        # the attacker after the noun is no victim either
        ("The cyberattacks of APT33 continued.", []),
        # a name never runs over a sentence or a line
        ("They reported attacks against Saudi Arabia. The NCSC agreed.", [("attacks of Saudi Arabia", "Saudi Arabia")]),
        ("The breach at Equifax\nSeparately, Germany", [("breach of Equifax", "Equifax")]),
        # headlines capitalise every word: their capitals name nothing
        ("FBI Warns Healthcare Industry of FTP Attacks\nbody", []),
        # ordinary tools and words from the galaxies are no operation
        ("The attackers used Mimikatz and PowerShell.", []),
        ("A ransomware attack hit the firm.", []),
    ],
)  # fmt: skip
def test_mentions(text, expected):
    assert [(m.name, m.victim) for m in find_mentions(text)] == expected


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", categories=("L", "N", "P", "Z")), max_size=300))
def test_mentions_are_spans_of_the_text(text):
    for m in find_mentions(text):
        assert text[m.start : m.end] == m.surface and m.key


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"nouns": []}, "'nouns' must be a non-empty list"),
        ({"victim_prepositions": ["of", 3]}, "'victim_prepositions' must be a non-empty list"),
        ({"window_days": 0}, "'window_days' must be a positive"),
        ({"window_days": True}, "'window_days' must be a positive"),
    ],
)
def test_bad_lexicon_is_a_config_error(change, message):
    import tomllib

    from kg.resolve.places import lexicon_path

    data = tomllib.loads(lexicon_path("incidents.toml").read_text(encoding="utf-8")) | change
    with pytest.raises(ConfigError, match=message):
        parse_lexicon(data)


def test_shipped_lexicon_loads():
    assert incident_lexicon().window_days > 0
