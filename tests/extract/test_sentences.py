"""Segmentation (no spaCy): header lines are never glued to the first sentence; offsets hold."""

from __future__ import annotations

import pytest

from kg.extract.sentences import headline_form, split_sentences

CASES = [
    (
        "Hackers hit bank - BBC News\n2017-04-04\n\nFireEye said the group was behind it. It declined to say more.",
        ["Hackers hit bank - BBC News", "FireEye said the group was behind it.", "It declined to say more."],
    ),
    (
        "<source> http://x.test/a </source>\n<date> 2017_01_03 </date>\n<text>\nFirst one. Second one.\n</text>",
        ["First one.", "Second one.", "</text>"],
    ),
    (
        "The U.S. government blamed Russia. Dr. Smith agreed.",
        ["The U.S. government blamed Russia.", "Dr. Smith agreed."],
    ),
    ("“It was them,” he said. “No doubt.”", ["“It was them,” he said.", "“No doubt.”"]),
    ("", []),
    ("   \n\n  ", []),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_split_sentences(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_title_is_not_glued_to_first_sentence() -> None:
    text = (
        "Ciphr blames rival company for data dump\n2017-05-02\n\nCiphr claims that a rival firm is behind it."
    )
    first_body = split_sentences(text)[1]
    assert first_body.text.startswith("Ciphr claims")
    assert "2017" not in first_body.text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US Blames North Korea For WannaCry Attack", "US blames North Korea For WannaCry Attack"),
        ("China Denies Hacking US Navy Contractor", "China denies Hacking US Navy Contractor"),
        ("Blames Are Not Verbs Here Today", "Blames Are Not Verbs Here Today"),  # the first word stays
        ("US blames North Korea for the attack.", "US blames North Korea for the attack."),  # not a headline
        ("Kaspersky Said", "Kaspersky Said"),  # too short to tell
    ],
)
def test_headline_form_lowers_cue_verbs_only(text: str, expected: str) -> None:
    verbs = frozenset({"blame", "deny", "say"})
    assert headline_form(text, verbs) == expected
    assert len(headline_form(text, verbs)) == len(text)
