"""The phrase dictionary under every lexicon."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.resolve.matcher import Case, PhraseIndex, clean_mention, phrase_key


def _index() -> PhraseIndex[str]:
    index: PhraseIndex[str] = PhraseIndex()
    index.add("US", "us-state", Case.EXACT)
    index.add("U.S.", "us-state", Case.EXACT)
    index.add("Washington", "us-state", Case.PROPER)
    index.add("Washington Post", None, Case.EXACT)
    index.add("APT28", "apt28", Case.ANY)
    index.add("Silence", "silence-group", Case.LOOKUP)
    index.add("Fancy Bear", "apt28", Case.PROPER)
    return index


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the US and us", [("US", "us-state")]),
        ("U.S. officials", [("U.S.", "us-state")]),
        ("The Washington Post reported", []),
        ("Washington said; washington said", [("Washington", "us-state")]),
        ("apt28 and APT 28 and APT-28", [("apt28", "apt28"), ("APT 28", "apt28"), ("APT-28", "apt28")]),
        ("Silence, said Fancy Bear", [("Fancy Bear", "apt28")]),
    ],
)
def test_scan(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[s:e], v) for s, e, v in _index().scan(text)] == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Silence", "silence-group"),
        ("silence", None),
        ("us", None),
        ("the US", "us-state"),
        ("Washington's", "us-state"),
        ("washington", "us-state"),
        ("Washington Post", None),
    ],
)
def test_get(text: str, value: str | None) -> None:
    assert _index().get(text) == value


@pytest.mark.parametrize(
    ("raw", "clean"),
    [("  the  Kremlin's ", "Kremlin"), ('"Beijing,"', "Beijing"), ("a firm", "firm"), ("", "")],
)
def test_clean_mention(raw: str, clean: str) -> None:
    assert clean_mention(raw) == clean


def test_phrase_key_ignores_spacing_and_punctuation() -> None:
    assert phrase_key("APT 28") == phrase_key("apt-28") == phrase_key("APT28")
    assert phrase_key("U.S.") == phrase_key("US")


@given(st.text(max_size=300))
def test_scan_spans_are_ordered_disjoint_and_inside_the_text(text: str) -> None:
    spans = _index().scan(text)
    last = 0
    for start, end, value in spans:
        assert last <= start < end <= len(text)
        assert value is not None
        last = end
