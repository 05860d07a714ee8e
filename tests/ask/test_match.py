"""Name and incident-term matching, as tables."""

from __future__ import annotations

import pytest

from kg.ask.match import has_stem, name_level, names_an_incident, needles, norm, term_score, term_words

NAMES = [
    ("China", ["China"], 3),
    ("china", ["China", "PRC"], 3),
    ("the U.S. government", ["US government"], 3),
    ("United States intelligence agencies", ["U.S. intelligence agencies"], 3),
    ("President Obama", ["Obama"], 3),
    ("Obama", ["Barack Obama"], 2),
    ("Lazarus", ["Lazarus Group"], 2),
    ("the Lazarus group", ["Lazarus Group"], 3),
    ("BAE", ["BAE Systems"], 2),
    ("Foreign Ministry spokesman Hong Lei", ["Hong Lei"], 2),
    ("Lazarus group", ["the infamous Lazarus hacking group"], 2),
    ("Russia", ["Russian Federation"], 0),
    ("group", ["Lazarus Group"], 0),  # a generic word never stands for a party
    ("North Korea", ["South Korea"], 0),
    ("Iran", ["Iranian government"], 0),
]


@pytest.mark.parametrize(("phrase", "names", "level"), NAMES)
def test_name_level(phrase: str, names: list[str], level: int) -> None:
    assert name_level(phrase, names) == level


def test_norm_spells_states_one_way() -> None:
    assert norm("U.S.") == norm("United States") == norm("USA") == "us"
    assert norm("Macron\u2019s campaign") == "macron campaign"


def test_needles_skip_generic_words_and_spell_out_the_us() -> None:
    assert "government" in needles("the U.S. government")
    assert "united states" in needles("the U.S. government")
    assert "the" not in needles("the Lazarus group") and "group" not in needles("the Lazarus group")


def test_incident_terms_drop_generic_words() -> None:
    words = [t.word for t in term_words(["the US election cyber attacks"])]
    assert words == ["us", "election"]
    weights = {t.word: t.weight for t in term_words(["Atlanta ransomware attack"])}
    assert weights == {"atlanta": 1.0, "ransomware": 0.5}


@pytest.mark.parametrize(
    ("terms", "proposition", "evidence", "target", "positive"),
    [
        ("US election attacks", "Russians were behind attacks during the U.S. elections", "", "Russia", True),
        ("medical records", "", "They hacked the medical record store.", "Fancy Bear", True),
        ("medical records", "", "The media reported it.", "Fancy Bear", False),
        ("sponsorship", "", "states sponsoring attacks", "", True),
    ],
)
def test_term_score(terms: str, proposition: str, evidence: str, target: str, positive: bool) -> None:
    assert (term_score(term_words([terms]), proposition, evidence, target) > 0) is positive


def test_proposition_counts_more_than_evidence() -> None:
    terms = term_words(["election"])
    assert term_score(terms, "the election hack", "", "") > term_score(terms, "", "the election hack", "")


def test_has_stem() -> None:
    assert has_stem("A grand jury returned an indictment", ("indict",))
    assert not has_stem("They said so", ("indict", "charg"))


@pytest.mark.parametrize(
    ("text", "incident"),
    [
        ("the attack on the ministry", True),
        ("hackers breached the network after a phishing campaign", True),
        ("based on a review of attack code seen since 2014", False),
        ("a Chinese hacking group", False),
        ("the code was reused by Lazarus", False),
    ],
)
def test_names_an_incident(text: str, incident: bool) -> None:
    assert names_an_incident(text) is incident


def test_an_aside_counts_less_than_the_main_clause() -> None:
    terms = term_words(["US election"])
    aside = "Fancy Bear, which was blamed for hacks during the U.S. election, was behind the attack."
    main = "Fancy Bear was behind the attacks during the U.S. election."
    assert term_score(terms, "", main, "") > term_score(terms, "", aside, "") > 0
