"""Markup masking: same length as the original, so every offset still points into it (table + property)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.normalize import mask_markup

ROWS = [
    # (original, the words the parser should see)
    ("[Kaspersky](https://kaspersky.com/x) said so.", "Kaspersky said so."),
    ("The report[7] blamed Russia.", "The report blamed Russia."),
    ("See https://example.com/no-link-found for more.", "See for more."),
    ("**Microsoft** said *nothing*.", "Microsoft said nothing ."),
    ("> The ministry denied it.", "The ministry denied it."),
    ("![logo](/img/a.png) Mandiant said.", "Mandiant said."),
    ("Plain text stays as it is.", "Plain text stays as it is."),
    ("APT\\_28 was named.", "APT _28 was named."),
]


@pytest.mark.parametrize(("original", "words"), ROWS, ids=[r[1][:24] for r in ROWS])
def test_markup_is_masked_with_offsets_kept(original: str, words: str) -> None:
    masked = mask_markup(original)
    assert len(masked) == len(original)
    assert " ".join(masked.split()) == words


def test_newlines_survive_masking() -> None:
    original = "> first line\n> second line"
    masked = mask_markup(original)
    assert [i for i, c in enumerate(masked) if c == "\n"] == [original.index("\n")]


@given(st.text(alphabet=st.sampled_from(list("ab []()*_>\\\n:/.htpsw0719")), max_size=200))
def test_masking_never_moves_a_character(text: str) -> None:
    masked = mask_markup(text)
    assert len(masked) == len(text)
    # a character is either kept where it was or replaced by a space (a newline stays a newline)
    assert all(m == o or (m == " " and o != "\n") for m, o in zip(masked, text, strict=True))
