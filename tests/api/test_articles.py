"""POST/GET/DELETE /articles over real HTTP: the real extractor, the real store."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from api_support import AUTH, LiveApi

pytestmark = pytest.mark.slow
SEED = Path(__file__).resolve().parents[1] / "data" / "register-2015-usa-china-cyber.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def test_post_extracts_stores_and_returns_the_claims(live_api: LiveApi, seed_text: str) -> None:
    body = {"id": "register-seed", "text": seed_text, "date": "2015-09-25", "url": "https://example.org/a"}
    with live_api.client(headers=AUTH) as client:
        first = client.post("/articles", json=body)
        again = client.post("/articles", json=body)
        stored = client.get("/articles/register-seed")
        listed = client.get("/articles").json()["articles"]
    assert first.status_code == 201, first.text
    assert first.headers["location"] == "/articles/register-seed"
    created = first.json()
    assert created["created"] is True and created["changed"] is True
    assert created["claims"], "the seed article has attributed claims"
    for claim in created["claims"]:
        assert seed_text[claim["start"] : claim["end"]] == claim["evidence"]
    assert again.status_code == 200
    assert again.json()["created"] is False and again.json()["changed"] is False
    article = stored.json()
    assert article["date"] == "2015-09-25" and article["url"] == "https://example.org/a"
    assert article["claims"] == len(article["records"]) > 0
    assert {r["stance"] for r in article["records"]} == {c["stance"] for c in created["claims"]}
    assert "register-seed" in {a["id"] for a in listed}


def test_plain_text_body_with_metadata_in_the_query(live_api: LiveApi) -> None:
    text = "Beijing, Sept. 23 -- Chinese President Xi Jinping said China firmly opposes hacking."
    params = {"id": "plain-1", "date": "2015-09-23", "title": "Xi on hacking"}
    with live_api.client(headers=AUTH) as client:
        response = client.post(
            "/articles", content=text, params=params, headers={"Content-Type": "text/plain"}
        )
        stored = client.get("/articles/plain-1").json()
    assert response.status_code == 201, response.text
    assert (stored["title"], stored["date"]) == ("Xi on hacking", "2015-09-23")


# (query of GET /articles/{id}, whether the text comes back)
TEXT_QUERIES = [({"text": "true"}, True), ({"text": "false"}, False), ({}, False)]


@pytest.mark.parametrize(("params", "with_text"), TEXT_QUERIES)
def test_get_returns_the_text_as_ingested_when_asked(live_api: LiveApi, params, with_text) -> None:
    text = "Beijing \u2014 Xi Jinping said China firmly opposes hacking \U0001f512.\r\n\nThe end."
    with live_api.client(headers=AUTH) as client:
        posted = client.post("/articles", json={"id": "text-1", "text": text})
        stored = client.get("/articles/text-1", params=params).json()
    assert posted.status_code in (200, 201), posted.text
    assert stored["text"] == (text if with_text else None)
    for record in stored["records"]:
        assert text[record["start"] : record["end"]] == record["evidence"]


def test_html_body_gets_a_content_hash_id(live_api: LiveApi) -> None:
    paragraph = "The FBI said North Korea was responsible for the attack on Sony Pictures. " * 3
    html = f"<html><head><title>Sony</title></head><body><article><p>{paragraph}</p></article></body></html>"
    headers = {"Content-Type": "text/html; charset=utf-8"}
    with live_api.client(headers=AUTH) as client:
        first = client.post("/articles", content=html, headers=headers)
        second = client.post("/articles", content=html, headers=headers)
    assert first.status_code == 201, first.text
    article_id = first.json()["article"]["id"]
    assert re.fullmatch(r"[0-9a-f]{16}", article_id)
    assert second.status_code == 200 and second.json()["article"]["id"] == article_id


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"json": {"id": "x"}}, "no 'text'"),
        ({"json": ["not", "an", "object"]}, "object"),
        ({"content": b"{not json", "headers": {"Content-Type": "application/json"}}, "not JSON"),
        ({"content": b"\xff\xfe\x00bad", "headers": {"Content-Type": "text/plain"}}, "UTF-8"),
        ({"json": {"html": "<html><body></body></html>"}}, "HTML"),
    ],
)
def test_unusable_bodies_are_400(live_api: LiveApi, kwargs: dict, words: str) -> None:
    with live_api.client(headers=AUTH) as client:
        response = client.post("/articles", **kwargs)
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert words in response.json()["detail"]


def test_delete_then_gone(live_api: LiveApi) -> None:
    with live_api.client(headers=AUTH) as client:
        client.post("/articles", json={"id": "to-delete", "text": "Russia denied any role in the hack."})
        assert client.delete("/articles/to-delete").status_code == 204
        assert client.get("/articles/to-delete").status_code == 404
        assert client.delete("/articles/to-delete").status_code == 404
