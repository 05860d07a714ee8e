"""Answers are ranked, never dropped for a soft preference, and say why; negated, timed and misspelt
questions end to end, over a real embedded store holding the hand-made claims of tests/ask/ask_samples.py."""

from __future__ import annotations

import json
from collections.abc import Iterator

import ask_samples as samples
import pytest

from kg.ask import answer
from kg.graph import open_store
from kg.graph.store import Store
from kg.settings import Settings


@pytest.fixture(scope="module")
def ranked_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(Settings(store=str(tmp_path_factory.mktemp("rank-store"))))
    samples.load(store)
    yield store
    store.close()


# question -> (top group, names that are answers too, ranked below it, the reason the top one has)
RANKED = [
    (
        "who was charged over the Atlanta ransomware attack?",
        {"Faramarz Shahi Savandi", "two Iranian men"},
        {"China", "Russia"},  # accused, but of nothing Atlanta, ransomware or charged
        "incident named",
    ),
    (
        "who accused China in 2015?",
        {"James Clapper", "Barack Obama"},  # the article of 2015
        {"Secureworks"},  # accused China in a 2018 article
        "dated in 2015",
    ),
    (
        "since 2018, who accused China?",
        {"Secureworks"},
        {"James Clapper", "Barack Obama"},
        "dated since 2018",
    ),
    (
        "who denied involvement in the attacks on Macron's campaign?",
        {"Russia"},
        {"Hong Lei", "Ciphr"},  # denials of other incidents
        "incident named",
    ),
]


@pytest.mark.parametrize(("question", "top", "below", "reason"), RANKED, ids=[q for q, *_ in RANKED])
def test_soft_preferences_rank_and_say_why(
    ranked_store: Store, question: str, top: set[str], below: set[str], reason: str
) -> None:
    result = answer(question, ranked_store)
    assert set(result.names) == top
    assert below <= set(result.all_names) - top
    scores = [row.score for row in result.answers]
    assert scores == sorted(scores, reverse=True), "best first"
    best = result.answers[0]
    assert best.top and reason in best.why
    assert all(not row.top and row.score < best.score for row in result.answers if row.name in below)


def test_every_claim_of_the_structure_is_an_answer(ranked_store: Store) -> None:
    """The ranked answers of an unanchored question hold every non-negated claim of its stance."""
    result = answer("who accused someone of the Atlanta ransomware attack?", ranked_store)
    accusers = {"James Clapper", "Barack Obama", "US Department of Justice", "Trend Micro"}
    assert accusers | {"Secureworks", "The Guardian"} <= set(result.all_names)
    assert "Kaspersky Lab" not in result.all_names  # its only claim is negated: another structure


def test_ranked_json_shows_score_why_and_top(ranked_store: Store) -> None:
    data = json.loads(json.dumps(answer("who accused China in 2015?", ranked_store).to_dict()))
    rows = data["answers"]
    assert {row["top"] for row in rows} == {True, False}
    assert all({"score", "why", "top", "mentions"} <= set(row) for row in rows)
    claim = rows[0]["claims"][0]
    assert claim["why"] and 0 < claim["score"] <= 1
    assert data["query"]["time"] == {"relation": "in", "phrase": "in 2015", "year": 2015}


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("who did not blame North Korea?", {"Kaspersky Lab"}),  # "Kaspersky said it did not blame ..."
        ("who did not accuse China?", set()),
        ("who has never accused North Korea", {"Kaspersky Lab"}),
    ],
)
def test_a_negated_question_is_answered_by_negated_claims(
    ranked_store: Store, question: str, names: set[str]
) -> None:
    result = answer(question, ranked_store)
    assert set(result.all_names) == names
    assert all(c.negated for row in result.answers for c in row.claims)


@pytest.mark.parametrize(
    ("question", "names", "corrected"),
    [
        ("who did Clappr accuse?", {"China", "Russia"}, {"Clappr": "James Clapper"}),
        ("who acused Chna?", {"James Clapper", "Barack Obama", "Secureworks"}, {"acused": "accused"}),
        ("who accused Secureworx", set(), {}),  # nobody accused it; the name is read, the answer empty
    ],
)
def test_misspellings_are_read_and_reported(
    ranked_store: Store, question: str, names: set[str], corrected: dict[str, str]
) -> None:
    result = answer(question, ranked_store)
    assert set(result.names) == names
    assert corrected.items() <= result.corrected.items()


def test_a_spokesperson_names_the_state_it_speaks_for(ranked_store: Store) -> None:
    row = next(r for r in answer("who denied sponsorship of attacks?", ranked_store).answers)
    assert row.name == "Hong Lei" and row.speaks_for == "China"
    assert row.to_dict()["speaks_for"] == "China"
