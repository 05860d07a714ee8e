"""Keys, body limits, content types and problem+json: the API's edges, over real HTTP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_support import (
    API_KEY,
    AUTH,
    BODY_LIMIT,
    SAMPLE_CLAIM_COUNT,
    LiveApi,
    api_settings,
    load_sample,
    running,
)

pytestmark = pytest.mark.slow
PROBLEM = "application/problem+json"


def _is_problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["status"] == status and problem["title"] and problem["type"]
    assert "Traceback" not in response.text and 'File "' not in response.text
    return problem


def _article_ids(client: httpx.Client) -> list[str]:
    return [a["id"] for a in client.get("/articles").json()["articles"]]


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        ({}, "needs an API key"),
        ({"Authorization": "Bearer wrong"}, "not valid"),
        ({"Authorization": API_KEY}, "needs"),
    ],
)
def test_writes_without_a_valid_key_are_401_and_change_nothing(
    live_api: LiveApi, headers: dict[str, str], detail: str
) -> None:
    with live_api.client() as client:
        before = _article_ids(client)
        posted = client.post(
            "/articles", json={"id": "sneaky", "text": "China denied hacking."}, headers=headers
        )
        deleted = client.delete("/articles/opm-2015", headers=headers)
        after = _article_ids(client)
    for response in (posted, deleted):
        problem = _is_problem(response, 401)
        assert detail in problem["detail"]
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert after == before and "opm-2015" in after and "sneaky" not in after


def test_delete_with_the_key_removes_the_article_and_its_claims(embedded_api: LiveApi) -> None:
    with embedded_api.client() as client:
        assert client.delete("/articles/filler-05", headers=AUTH).status_code == 204
        assert client.get("/articles/filler-05").status_code == 404
        _is_problem(client.delete("/articles/filler-05", headers=AUTH), 404)
        claims = client.get("/claims", params={"article": "filler-05"}).json()["claims"]
    assert claims == []


@pytest.fixture(scope="module")
def keyless_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = api_settings(str(tmp_path_factory.mktemp("keyless") / "store"), api_keys="")
    load_sample(settings)
    with running(settings) as url:
        yield url


def test_with_no_keys_configured_writes_are_403_and_reads_work(keyless_api: str) -> None:
    with httpx.Client(base_url=keyless_api) as client:
        problem = _is_problem(client.post("/articles", json={"text": "x"}, headers=AUTH), 403)
        assert "KG_API_KEYS" in problem["detail"]
        _is_problem(client.delete("/articles/opm-2015"), 403)
        assert client.get("/articles/opm-2015").status_code == 200


def test_reads_can_require_a_key(tmp_path: Path) -> None:
    settings = api_settings(str(tmp_path / "store"), read_keys_required=True)
    with running(settings) as url, httpx.Client(base_url=url) as client:
        _is_problem(client.get("/claims"), 401)
        _is_problem(client.get("/sparql", params={"query": "ASK {}"}), 401)
        assert client.get("/claims", headers=AUTH).status_code == 200
        assert client.get("/health").status_code == 200, "health stays open for the orchestrator"


def test_result_cap_and_body_limit_come_from_settings(tmp_path: Path) -> None:
    settings = api_settings(str(tmp_path / "store"), sparql_result_cap=5)
    load_sample(settings)
    with running(settings) as url, httpx.Client(base_url=url) as client:
        response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 5


def _chunks(total: int, size: int = 16 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b"q" * min(size, total - sent)
        sent += size


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
def test_oversized_bodies_are_413(live_api: LiveApi, declared: bool) -> None:
    size = BODY_LIMIT * 4
    body = b"query=" + b"q" * size if declared else _chunks(size)
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    with live_api.client() as client:
        response = client.post("/sparql", content=body, headers=headers)
        posted = client.post("/articles", content=b"x" * size, headers={**AUTH, "Content-Type": "text/plain"})
    assert "limit" in _is_problem(response, 413)["detail"]
    _is_problem(posted, 413)


@pytest.mark.parametrize("content_type", ["application/xml", "image/png", "multipart/form-data; boundary=x"])
def test_articles_with_a_wrong_content_type_are_415(live_api: LiveApi, content_type: str) -> None:
    with live_api.client() as client:
        response = client.post("/articles", content=b"<a/>", headers={**AUTH, "Content-Type": content_type})
    _is_problem(response, 415)


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/nowhere", 404),
        ("GET", "/articles/no-such-article", 404),
        ("GET", "/actors/no-such-actor", 404),
        ("GET", "/export/pdf", 404),
        ("PUT", "/claims", 405),
        ("PATCH", "/articles/opm-2015", 405),
        ("GET", "/articles?limit=-1", 400),
        ("GET", "/ask", 400),
        ("GET", "/actors?q=china&bogus=1", 400),
    ],
)
def test_errors_are_problem_json(live_api: LiveApi, method: str, path: str, status: int) -> None:
    with live_api.client() as client:
        problem = _is_problem(client.request(method, path), status)
    assert problem["instance"] == path.split("?")[0]


def test_method_not_allowed_names_the_allowed_methods(live_api: LiveApi) -> None:
    with live_api.client() as client:
        response = client.put("/claims")
    assert "GET" in response.headers["allow"]


def test_health_reports_counts(live_api: LiveApi) -> None:
    with live_api.client() as client:
        body = client.get("/health").json()
    assert body["status"] == "ok" and body["store"] == live_api.kind
    assert body["counts"]["claims"] >= SAMPLE_CLAIM_COUNT - 1  # one filler may have been deleted


def test_openapi_and_docs_are_served(live_api: LiveApi) -> None:
    with live_api.client() as client:
        spec = client.get("/openapi.json").json()
        docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    assert {"/articles", "/claims", "/actors", "/ask", "/sparql", "/export/{format}", "/health"} <= set(
        spec["paths"]
    )
    assert "422" not in str(spec["paths"]["/claims"]["get"]["responses"])
    assert spec["components"]["schemas"]["Problem"]["required"] == ["type", "title", "status"]


def test_a_query_past_the_timeout_is_a_503_problem(tmp_path: Path) -> None:
    settings = api_settings(str(tmp_path / "store"), sparql_timeout=0.05)
    load_sample(settings)
    # A cross product of ~15 million rows: a few seconds of work (its worker process is killed at the
    # timeout), far beyond the 50 ms allowed.
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g a ?h }"
    with running(settings) as url, httpx.Client(base_url=url, timeout=120) as client:
        response = client.get("/sparql", params={"query": query})
        health = client.get("/health")
    problem = _is_problem(response, 503)
    assert "KG_SPARQL_TIMEOUT" in problem["detail"] or "longer than" in problem["detail"]
    assert health.status_code == 200, "the server keeps answering"


def test_problem_types_are_described(live_api: LiveApi) -> None:
    with live_api.client() as client:
        problem = client.get("/articles/absent").json()
        described = client.get(problem["type"]).json()
    assert problem["type"] == "/problems/not-found"
    assert described["status"] == 404 and described["title"] == problem["title"]
