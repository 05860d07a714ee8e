"""The work of a question is bounded on large stores; answers on small stores are exact.

A large store is stood for by lowering the caps (FETCH_CAP, MAX_CLAIMS_PER_ANSWER) on the sample store.
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterator

import ask_samples as samples
import pytest
from hypothesis import given
from hypothesis import strategies as st

import kg.ask.engine as engine
import kg.ask.lookup as lookup
from kg.ask import answer
from kg.ask.lookup import Narrowing
from kg.ask.match import stems, term_score, term_words
from kg.graph import open_store
from kg.graph.store import Store
from kg.settings import Settings


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(Settings(store=str(tmp_path_factory.mktemp("ask-bounds"))))
    samples.load(store)
    yield store
    store.close()


def test_small_store_answers_are_not_truncated(sample_store: Store) -> None:
    data = answer("who accused China?", sample_store).to_dict()
    assert "truncated" not in data and all("more_claims" not in row for row in data["answers"])


def test_fetch_cap_truncates_and_says_so(sample_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    full = set(answer("who accused China?", sample_store).names)
    monkeypatch.setattr(lookup, "FETCH_CAP", 1)
    result = answer("who accused China?", sample_store)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["truncated"] is True and "more than 1 claims" in data["note"]
    assert sum(len(row["claims"]) for row in data["answers"]) == 1
    assert set(result.names) <= full


def test_soft_conditions_narrow_a_large_match_first(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over the cap, the claims that carry the question's words and topics are looked for first, then
    those with the words only, then those with the topic (no sample denial says "sponsorship")."""
    full = set(answer("who denied sponsorship of attacks?", sample_store).names)
    monkeypatch.setattr(lookup, "FETCH_CAP", 1)
    result = answer("who denied sponsorship of attacks?", sample_store)
    narrowed = [
        {k for k in ("stem", "topicWanted") if k in b}
        for b in result.bindings
        if b["query"] == "ask_claim_keys" and ("stem" in b or "topicWanted" in b)
    ]
    assert narrowed == [{"stem", "topicWanted"}, {"stem"}, {"topicWanted"}]
    assert result.truncated and "the topic" in (result.note or "")
    assert len(result.answers) == 1 and set(result.names) <= full


def test_claims_per_answer_are_capped_with_a_count(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = "which states were accused of espionage, and by whom?"
    full = {row.name: len(row.claims) for row in answer(question, sample_store).answers}
    busiest = max(full, key=lambda name: full[name])
    assert full[busiest] >= 2, "the sample store has a state accused several times"
    monkeypatch.setattr(engine, "MAX_CLAIMS_PER_ANSWER", 1)
    rows = {row["name"]: row for row in answer(question, sample_store).to_dict()["answers"]}
    assert len(rows[busiest]["claims"]) == 1 and rows[busiest]["more_claims"] == full[busiest] - 1


@pytest.mark.parametrize(
    ("narrowing", "expected"),
    [
        (Narrowing(), []),
        (Narrowing(stems=("spons",)), [{"stem"}]),
        (
            Narrowing(topics=("hacking",), stems=("spons",)),
            [{"stem", "topicWanted"}, {"stem"}, {"topicWanted"}],
        ),
        (
            Narrowing(stems=("espio",), target_kind="state"),
            [{"stem", "targetClass"}, {"targetClass"}],
        ),
        (
            Narrowing(topics=("hacking",), soft_targets=("https://example.org/x",)),
            [{"topicWanted", "softTarget"}, {"topicWanted"}],
        ),
    ],
)
def test_narrowing_levels_go_from_narrow_to_wide(narrowing: Narrowing, expected: list[set[str]]) -> None:
    assert [set(level) for level in narrowing.levels()] == expected


_WORD = st.text(string.ascii_letters, min_size=1, max_size=12)


@given(st.lists(_WORD, min_size=1, max_size=4), st.lists(_WORD, min_size=1, max_size=12))
def test_stems_find_every_claim_the_terms_score(question: list[str], text: list[str]) -> None:
    """The SPARQL stem test is a superset of term_score: no claim that scores is left out."""
    phrase, sentence = " ".join(question), " ".join(text)
    if term_score(term_words([phrase]), sentence, "", "") > 0:
        assert any(stem in sentence.lower() for stem in stems([phrase]))


def test_a_large_match_for_a_kind_starts_from_the_parties_of_that_kind(
    sample_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    question = "which states were accused of espionage, and by whom?"
    full = set(answer(question, sample_store).names)
    monkeypatch.setattr(lookup, "FETCH_CAP", 1)
    result = answer(question, sample_store)
    assert any(b["query"] == "ask_parties_of_class" for b in result.bindings)
    narrowed = [b for b in result.bindings if b["query"] == "ask_claim_keys" and "targetClass" in b]
    assert narrowed and all(b["by"].endswith("#target") for b in narrowed)
    assert result.truncated and result.names and set(result.names) <= full
