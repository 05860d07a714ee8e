"""Per-article name resolution: short forms, misspellings, descriptions, pronouns."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.resolve import NameResolver, edit_distance, strip_honorifics
from kg.resolve.mentions import find_parties, find_people
from kg.resolve.names import name_type, person_after_body

Seen = list[tuple[str, str]]


def _resolver(seen: Seen, speakers: tuple[str, ...] = ()) -> NameResolver:
    names = NameResolver()
    for name, type_ in seen:
        names.see(name, type_, speaker=name in speakers)
    return names


@pytest.mark.parametrize(
    ("seen", "mention", "expected"),
    [
        ([("Hong Lei", "person")], "Hong Le", "Hong Lei"),
        ([("Hong Lei", "person")], "Hong", "Hong Lei"),
        ([("Hong Lei", "person")], "Hong Lie", "Hong Lei"),
        ([("James Clapper", "person")], "Clapper", "James Clapper"),
        ([("James Clapper", "person")], "Mr Clapper", "James Clapper"),
        ([("James Clapper", "person")], "Mr. Clapper's", "James Clapper"),
        ([("Barack Obama", "person"), ("James Clapper", "person")], "Obama", "Barack Obama"),
        ([("Kaspersky Lab", "organization")], "Kasperksy", "Kaspersky Lab"),
        ([("Kaspersky Lab", "organization")], "Kaspersky", "Kaspersky Lab"),
        ([("Dun & Bradstreet", "organization")], "Dun & Bradstreet", "Dun & Bradstreet"),
        ([("Clapper", "person"), ("James Clapper", "person")], "Clapper", "James Clapper"),
        # A spelling seen eight times beats a one-off misspelling of it.
        ([("Kaspersky", "organization")] * 8 + [("Kasperksy", "organization")], "Kasperksy", "Kaspersky"),
        ([("Hong Le", "person")], "Hong Le", "Hong Le"),  # only one form present: keep it
    ],
)
def test_names_resolve(seen: Seen, mention: str, expected: str) -> None:
    found = _resolver(seen).resolve(mention)
    assert found is not None and found.name == expected


@pytest.mark.parametrize(
    ("seen", "mention"),
    [
        ([], "Hong Le"),
        ([("Hong Lei", "person")], "Meng"),
        ([("James Clapper", "person")], "Clap"),
        ([("Hong Lei", "person")], "Wang Lei Hong"),
        ([("Barack Obama", "person")], "Osama"),  # too short for a spelling slip, and another name
        ([("Kaspersky Lab", "organization")], "Lab"),  # an organisation is not named by its last word
        ([("Kaspersky Lab", "organization")], "he"),
    ],
)
def test_names_do_not_resolve(seen: Seen, mention: str) -> None:
    assert _resolver(seen).resolve(mention) is None


def test_canonical_form_is_the_fullest() -> None:
    names = NameResolver()
    names.see("Hong Le", "person", "China")
    assert names.see("Hong Lei", "person").name == "Hong Lei"
    assert [p.name for p in names.parties] == ["Hong Lei"]
    assert names.resolve("Hong Le").affiliation == "China"


@pytest.mark.parametrize(
    ("mention", "expected", "via"),
    [
        ("he", "James Clapper", "pronoun"),
        ("she", "James Clapper", "pronoun"),
        ("it", "Kaspersky Lab", "pronoun"),
        ("they", "Kaspersky Lab", "pronoun"),
        ("the company", "Kaspersky Lab", "description"),
        ("the firm", "Kaspersky Lab", "description"),
        ("the ministry", "Foreign Ministry", "description"),
        ("the agency", "National Security Agency", "description"),
        ("the group", "APT28", "description"),
        ("the paper", "The Guardian", "description"),
    ],
)
def test_descriptions_and_pronouns(mention: str, expected: str, via: str) -> None:
    names = _resolver(
        [
            ("Hong Lei", "person"),
            ("Foreign Ministry", "government"),
            ("National Security Agency", "government"),
            ("The Guardian", "media"),
            ("APT28", "group"),
            ("James Clapper", "person"),
            ("Kaspersky Lab", "organization"),
            ("Barack Obama", "person"),  # seen, but not a speaker
        ],
        speakers=("Hong Lei", "James Clapper", "Kaspersky Lab"),
    )
    found = names.resolve(mention)
    assert found is not None and (found.name, found.via) == (expected, via)


def test_last_speaker_and_said() -> None:
    names = NameResolver()
    assert names.last_speaker is None and names.resolve("he") is None
    names.see("Meng Jianzhu", "person", "China", speaker=True)
    names.see("Hong Lei", "person", "China")
    assert names.last_speaker.name == "Meng Jianzhu"
    assert names.said("Hong").name == "Hong Lei"
    assert names.last_speaker.name == "Hong Lei"
    assert names.resolve("he").name == "Hong Lei"


@pytest.mark.parametrize(
    ("name", "bare"), [("Dr Adrian Nish", "Adrian Nish"), ("Mr. Hong", "Hong"), ("Dr", "Dr"), ("Sir", "Sir")]
)
def test_strip_honorifics(name: str, bare: str) -> None:
    assert strip_honorifics(name) == bare


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ("Hong Lei", "Hong Le", 1),
        ("Kaspersky", "Kasperksy", 1),
        ("kitten", "sitting", 3),
        ("", "abc", 3),
        ("abc", "abc", 0),
    ],
)
def test_edit_distance(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance


@given(st.text(max_size=12), st.text(max_size=12))
def test_edit_distance_is_a_bounded_symmetric_measure(a: str, b: str) -> None:
    d = edit_distance(a, b)
    assert d == edit_distance(b, a)
    assert 0 <= d <= 3
    assert (d == 0) == (a == b)


def test_different_given_names_are_different_people() -> None:
    names = _resolver([("Mark Smith", "person")])
    assert names.resolve("Mary Smith") is None


@pytest.mark.parametrize(
    ("name", "person"),
    [
        ("Chinese Foreign Ministry Lijian Zhao", "Lijian Zhao"),
        ("National Security Division John Demers", "John Demers"),
        ("Kaspersky Lab", None),
        ("Context Information Security", None),
        ("US Department of Justice", None),
    ],
)
def test_person_after_body(name: str, person: str | None) -> None:
    assert person_after_body(name) == person


@pytest.mark.parametrize(
    ("name", "kind"),
    [("New World Hackers", "group"), ("The Philippine Star", "media"), ("Kaspersky Lab", "organization")],
)
def test_name_type_by_last_word(name: str, kind: str) -> None:
    assert name_type(name) == kind


def test_find_people_in_running_text() -> None:
    text = (
        "Instead Ciphr blamed a rival. Foreign Ministry spokesman Hong Lei spoke, and the New World Hackers"
        " answered."
    )
    found = {(m.name, m.kind) for m in find_people(text)}
    assert ("Hong Lei", "person") in found
    assert ("New World Hackers", "group") in found
    assert not any(name.startswith("Instead") for name, _ in found)


@pytest.mark.parametrize(
    ("text", "person", "not_people"),
    [
        # states and agencies written in capitals are no people; a person after an agency's name is kept
        ("The United States and the White House said so.", None, ("United States", "White House")),
        ("Kremlin Spokesman Dmitry Peskov spoke to the press.", "Dmitry Peskov", ("Kremlin Dmitry Peskov",)),
        # the rest of an institution's name after "of" names nobody
        ("The Ministry of Foreign Affairs issued a note.", None, ("Foreign Affairs",)),
        ("The Ministry of National Defense issued a note.", None, ("National Defense",)),
        # a metonym keeps its run: "Washington Free Beacon" is one name
        ("The Washington Free Beacon reported it.", "Washington Free Beacon", ("Free Beacon",)),
    ],
)
def test_find_people_not_institutions(text: str, person: str | None, not_people: tuple[str, ...]) -> None:
    found = {m.name for m in find_people(text) if m.kind == "person"}
    assert person is None or person in found
    assert not found & set(not_people)


def test_find_parties_in_running_text() -> None:
    found = {
        (m.name, m.kind)
        for m in find_parties("Researchers dubbed the gang Cobalt Kitty; the firm Acme said so.")
    }
    assert ("Cobalt Kitty", "group") in found
    assert ("Acme", "company") in found
