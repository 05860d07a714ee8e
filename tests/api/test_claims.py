"""GET /claims over real HTTP, against the embedded store and against an oxigraph server."""

from __future__ import annotations

import csv
import io

import pytest
from api_support import SAMPLE_CLAIM_COUNT, LiveApi

pytestmark = pytest.mark.slow


def _all(api: LiveApi, **params: str) -> list[dict]:
    with api.client() as client:
        response = client.get("/claims", params={**params, "limit": "1000"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()["claims"]


def test_unfiltered_listing_has_every_claim_with_its_provenance(live_api: LiveApi) -> None:
    claims = _all(live_api)
    assert len(claims) == SAMPLE_CLAIM_COUNT
    clapper = next(c for c in claims if c["actor"]["name"] == "James Clapper")
    assert clapper["article"] == "opm-2015" and clapper["date"] == "2015-06-05"
    assert clapper["stance"] == "accuse" and clapper["target"]["name"] == "China"
    assert clapper["evidence"].startswith("James Clapper said") and clapper["start"] == 0
    assert clapper["end"] == len(clapper["evidence"])


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"stance": "deny"}, {("Hong Lei", "China"), ("Dmitry Peskov", "Russia")}),
        ({"actor": "james clapper"}, {("James Clapper", "China")}),
        ({"target": "Russia"}, {("United States", "Russia"), ("Dmitry Peskov", "Russia")}),
        ({"topic": "cyber-espionage", "stance": "accuse"}, {("United States", "Russia")}),
        ({"article": "yahoo-2016"}, {("Yahoo", "state-sponsored actor")}),
        ({"date_from": "2016-01-01", "date_to": "2016-09-30"}, {("Yahoo", "state-sponsored actor")}),
        ({"date_to": "2015-12-31", "stance": "deny"}, {("Hong Lei", "China")}),
        ({"stance": "condemn"}, set()),
    ],
)
def test_filters(live_api: LiveApi, params: dict[str, str], expected: set[tuple[str, str]]) -> None:
    found = {(c["actor"]["name"], c["target"]["name"]) for c in _all(live_api, **params)}
    assert found == expected


def test_paging_walks_every_claim_once_through_next_links(live_api: LiveApi) -> None:
    seen: list[str] = []
    pages = 0
    with live_api.client() as client:
        url: str | None = "/claims?limit=3"
        while url:
            response = client.get(url)
            assert response.status_code == 200, response.text
            body = response.json()
            assert body["count"] == len(body["claims"]) <= 3
            seen += [c["iri"] for c in body["claims"]]
            url = body["next"]
            link = response.headers.get("link")
            assert (link is None) == (url is None)
            if url:
                assert link == f'<{url}>; rel="next"'
            pages += 1
    assert pages == -(-SAMPLE_CLAIM_COUNT // 3)
    assert len(seen) == len(set(seen)) == SAMPLE_CLAIM_COUNT
    assert seen == [c["iri"] for c in _all(live_api)], "pages follow the unpaged order"


def test_csv_by_accept_header(live_api: LiveApi) -> None:
    with live_api.client() as client:
        response = client.get("/claims", params={"stance": "deny"}, headers={"Accept": "text/csv"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert {(r["actor"], r["actor_affiliation"], r["stance"]) for r in rows} == {
        ("Hong Lei", "China", "deny"),
        ("Dmitry Peskov", "Russia", "deny"),
    }
    assert all(r["evidence"] and r["article"] for r in rows)


@pytest.mark.parametrize(
    ("params", "words"),
    [
        ({"stnace": "deny"}, ["stnace", "stance"]),
        ({"stance": "praise"}, ["stance"]),
        ({"date_from": "yesterday"}, ["date_from"]),
        ({"limit": "0"}, ["limit"]),
        ({"limit": "100000"}, ["limit"]),
        ({"cursor": "not-a-cursor"}, ["cursor"]),
    ],
)
def test_bad_parameters_are_400_problems(live_api: LiveApi, params: dict[str, str], words: list[str]) -> None:
    with live_api.client() as client:
        response = client.get("/claims", params=params)
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 400 and problem["instance"] == "/claims"
    assert all(word in problem["detail"] for word in words), problem


def test_a_cursor_only_continues_its_own_listing(live_api: LiveApi) -> None:
    with live_api.client() as client:
        first = client.get("/claims", params={"limit": 2}).json()
        cursor = first["next"].split("cursor=")[1]
        response = client.get("/claims", params={"limit": 2, "stance": "deny", "cursor": cursor})
    assert response.status_code == 400
    assert "another listing" in response.json()["detail"]


def test_unacceptable_media_type_is_406(live_api: LiveApi) -> None:
    with live_api.client() as client:
        response = client.get("/claims", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert response.headers["content-type"] == "application/problem+json"
