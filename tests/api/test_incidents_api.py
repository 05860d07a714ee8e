"""GET /incidents, GET /incidents/{id}, and analysts' splits and merges, over real HTTP and both stores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import AUTH, LiveApi, api_settings, clear_server, running

from kg.graph import open_store
from kg.graph.importer import import_claims

FIXTURE = Path(__file__).resolve().parents[1] / "incidents"


def _claims_file() -> str:
    import sys

    sys.path.insert(0, str(FIXTURE.parent))  # tests/, where pytest imports the incidents package from
    from incidents.incident_fixture import build

    lines = []
    for item in build():
        a = item.article
        lines.append({"id": a.id, "text": a.text, "date": a.date, "title": a.title})
        lines.extend(c.to_dict() for c, _ in item.claims)
    return "".join(json.dumps(line) + "\n" for line in lines)


@pytest.fixture(params=["embedded", "remote"])
def api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveApi]:
    """A fresh store per test (edits change it) holding the incident fixture."""
    if request.param == "embedded":
        location = str(tmp_path / "store")
    else:
        location = request.getfixturevalue("oxigraph_server")
        clear_server(location)
    settings = api_settings(location)
    store = open_store(settings)
    try:
        import_claims(store, _claims_file(), "fixture")
    finally:
        store.close()
    with running(settings) as url:
        yield LiveApi(url, request.param, settings)


def _statuses(client) -> dict[str, str]:
    body = client.get("/incidents").json()
    assert body["count"] == len(body["incidents"])
    return {i["id"]: i["status"] for i in body["incidents"]}


def test_listing_and_filters(api):
    with api.client() as client:
        statuses = _statuses(client)
        assert statuses["wannacry"] == "contested" and sorted(statuses.values()) == sorted(
            ["contested", "settled", "acknowledged", "unattributed", "attributed"]
        )
        found = client.get("/incidents", params={"accused": "North Korea", "year": 2017}).json()
        assert [i["id"] for i in found["incidents"]] == ["wannacry"]
        assert client.get("/incidents", params={"status": "settled"}).json()["count"] == 1
        bad = client.get("/incidents", params={"stauts": "settled"})
        assert bad.status_code == 400 and bad.headers["content-type"].startswith("application/problem+json")


def test_timeline_and_record(api):
    with api.client() as client:
        body = client.get("/incidents/wannacry").json()
        dates = [e["date"] for e in body["timeline"]]
        assert dates == sorted(dates) and body["article_ids"] == ["wannacry-nhs", "wannacrypt-us"]
        acts = {(e["act"], e["by"]) for e in body["record"]}
        assert {("accused", "Brad Smith"), ("denied", "North Korea"), ("accused", "Tom Bossert")} <= acts
        denial = next(e for e in body["record"] if e["act"] == "denied")
        assert denial["answers"]
        assert any("both name WannaCry" in r for r in body["merged_because"])
        missing = client.get("/incidents/no-such-incident")
        assert missing.status_code == 404
        assert missing.headers["content-type"].startswith("application/problem+json")


def test_split_and_merge_keep_provenance(api):
    with api.client() as client:
        wannacry = client.get("/incidents/wannacry").json()
        later = [e["claim"] for e in wannacry["timeline"] if e["article"] == "wannacrypt-us"]
        body = {"claims": later, "name": "WannaCry attribution by the United States", "note": "a later phase"}
        assert client.post("/incidents/wannacry/split", json=body).status_code == 401
        made = client.post("/incidents/wannacry/split", json=body, headers=AUTH)
        assert made.status_code == 200, made.text
        split = made.json()
        assert split["id"] == "wannacry-attribution-by-the-united-states"
        assert split["merged_because"][0].startswith("split off by key-") and split["edits"]
        assert _statuses(client)["wannacry"] == "contested"  # what is left keeps its denial
        merged = client.post("/incidents/merge", json={"incidents": [split["id"], "wannacry"]}, headers=AUTH)
        assert merged.status_code == 200, merged.text
        assert any(r.startswith("merged by key-") for r in merged.json()["merged_because"])
        assert len(merged.json()["edits"]) == 2


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/incidents/wannacry/split", {"claims": ["https://w3id.org/attribution-kg/id/claim/nope"]}),
        ("/incidents/wannacry/split", {"claims": []}),
        ("/incidents/merge", {"incidents": ["wannacry"]}),
        ("/incidents/merge", {"incidents": ["wannacry", "no-such-incident"]}),
    ],
)
def test_bad_edits_change_nothing(api, path, body):
    with api.client() as client:
        before = client.get("/incidents").json()
        response = client.post(path, json=body, headers=AUTH)
        assert response.status_code in (400, 404)
        assert response.headers["content-type"].startswith("application/problem+json")
        assert client.get("/incidents").json() == before
