"""B-cubed scores: hand-computed cases and properties."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.incidents.score import b_cubed


@pytest.mark.parametrize(
    ("gold", "predicted", "precision", "recall"),
    [
        ({1: "a", 2: "a", 3: "b"}, {1: "x", 2: "x", 3: "y"}, 1.0, 1.0),
        ({1: "a", 2: "a", 3: "b"}, {1: "x", 2: "x", 3: "x"}, (2 / 3 * 2 + 1 / 3) / 3, 1.0),
        ({1: "a", 2: "a", 3: "b"}, {}, 1.0, (1 / 2 * 2 + 1) / 3),  # unlinked: singletons
        ({}, {}, 0.0, 0.0),
    ],
)
def test_b_cubed(gold, predicted, precision, recall):
    score = b_cubed(gold, predicted)
    assert score.precision == pytest.approx(precision) and score.recall == pytest.approx(recall)


@given(st.dictionaries(st.integers(0, 30), st.sampled_from("abcd"), min_size=1))
def test_the_gold_clustering_scores_one(gold):
    assert b_cubed(gold, dict(gold)).f1 == pytest.approx(1.0)


@given(st.dictionaries(st.integers(0, 30), st.sampled_from("abcd"), min_size=1),
       st.dictionaries(st.integers(0, 30), st.sampled_from("wxyz")))  # fmt: skip
def test_scores_are_shares(gold, predicted):
    score = b_cubed(gold, predicted)
    assert 0 < score.precision <= 1 and 0 < score.recall <= 1
