"""Descriptions versus names of parties (kg.resolve.descriptors)."""

from __future__ import annotations

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kg.resolve.descriptors import descriptor_words, is_descriptor


@pytest.mark.parametrize(
    ("name", "described"),
    [
        ("a hacking unit", True),
        ("hackers", True),
        ("other Russian hackers", True),
        ("Two Iranian men", True),
        ("The gang behind the attacks", True),
        ("a group of teenagers", True),
        ("North Korean hackers", True),
        ("Russia-linked hackers", True),
        ("Western intelligence agency", True),
        ("Russian civilian and military intelligence services", True),
        ("", True),
        ("Lazarus Group", False),
        ("The Shadow Brokers", False),
        ("GRU", False),
        ("Unit 61398", False),
        ("Russia", False),
        ("North Korea", False),
        ("Mohammad Mehdi Shah Mansouri", False),
        ("Fancy Bear", False),
    ],
)
def test_descriptions_and_names(name, described):
    assert is_descriptor(name) is described


def test_an_external_identity_makes_any_name_a_name():
    assert is_descriptor("the group", identified=True) is False


def test_the_word_lists_load_as_a_typed_object():
    words = descriptor_words()
    assert "the" in words.openers and "Western" in words.generic_capitalised


@given(
    st.lists(
        st.sampled_from(["the", "a", "hackers", "group", "unit", "of", "Russian", "Chinese"]), min_size=1
    )
)
def test_lower_case_and_state_words_alone_never_make_a_name(words):
    assume(not set(words) <= {"Russian", "Chinese"})  # a demonym alone stands for its state
    assert is_descriptor(" ".join(words))
