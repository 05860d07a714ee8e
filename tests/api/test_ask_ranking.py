"""GET /ask over real HTTP: ranked answers with their reasons, readings for a question not understood."""

from __future__ import annotations

import pytest
from api_support import LiveApi

pytestmark = pytest.mark.slow


def test_answers_are_ranked_with_reasons(live_api: LiveApi) -> None:
    with live_api.client() as client:
        response = client.get("/ask", params={"q": "who accused China over the OPM breach?"})
    assert response.status_code == 200, response.text
    rows = response.json()["answers"]
    assert rows and all({"score", "why", "top", "mentions"} <= set(row) for row in rows)
    assert [row["score"] for row in rows] == sorted((row["score"] for row in rows), reverse=True)
    assert rows[0]["top"] and rows[0]["name"] == "James Clapper"
    assert all(claim["why"] is not None for row in rows for claim in row["claims"])


@pytest.mark.parametrize(
    ("question", "reading"),
    [("China hackers acussed", "who accused China hackers"), ("Clapper blaming", "who accused Clapper")],
)
def test_a_question_not_understood_offers_readings(live_api: LiveApi, question: str, reading: str) -> None:
    with live_api.client() as client:
        response = client.get("/ask", params={"q": question})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert reading in problem["suggestions"] and "did you mean" in problem["detail"]
    assert problem["title"] == "Question not understood"


def test_a_misspelt_question_is_answered_and_says_what_it_read(live_api: LiveApi) -> None:
    with live_api.client() as client:
        body = client.get("/ask", params={"q": "who did Clappr acuse?"}).json()
    assert body["corrected"] == {"acuse": "accuse", "Clappr": "James Clapper"}
    assert "China" in {row["name"] for row in body["answers"]}
