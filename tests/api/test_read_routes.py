"""Actors, questions and exports over real HTTP, against both kinds of store."""

from __future__ import annotations

import csv
import io
import json

import pytest
import rdflib
from api_support import SAMPLE_CLAIM_COUNT, LiveApi
from lxml import etree

pytestmark = pytest.mark.slow


def test_actor_search_finds_names_and_aliases_case_insensitively(live_api: LiveApi) -> None:
    with live_api.client() as client:
        found = client.get("/actors", params={"q": "HONG"}).json()
        everyone = client.get("/actors").json()
    assert [a["id"] for a in found] == ["hong-lei"]
    assert found[0]["made"] == 1 and found[0]["about"] == 0 and "Hong Lei" in found[0]["aliases"]
    china = next(a for a in everyone if a["id"] == "china")
    assert china["about"] == 2


def test_actor_record_groups_claims_by_stance_and_date(live_api: LiveApi) -> None:
    with live_api.client() as client:
        china = client.get("/actors/china").json()
        spokesman = client.get("/actors/hong-lei").json()
        claims = client.get("/claims", params={"target": "China"}).json()["claims"]
    about = {g["stance"]: g for g in china["claimed_about"]}
    assert set(about) == {"accuse", "deny"}
    assert about["accuse"]["count"] == 1 and about["accuse"]["timeline"] == [
        {"date": "2015-06-05", "count": 1}
    ]
    assert about["accuse"]["claims"][0]["actor"]["name"] == "James Clapper"
    assert china["external_ids"].get("wikidata") == claims[0]["target"]["wikidata"]
    assert spokesman["affiliation"] == "China" and spokesman["claimed_about"] == []
    assert [(g["stance"], g["count"]) for g in spokesman["claimed"]] == [("deny", 1)]


def test_ask_answers_with_the_sparql_it_ran(live_api: LiveApi) -> None:
    with live_api.client() as client:
        response = client.get("/ask", params={"q": "who accused China?"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert "who accused China" in body["question"] and "SELECT" in body["sparql"].upper()
    assert "James Clapper" in {a["name"] for a in body["answers"]}


def test_an_unparseable_question_is_a_400_with_examples(live_api: LiveApi) -> None:
    with live_api.client() as client:
        response = client.get("/ask", params={"q": "banana?"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    assert "who" in response.json()["detail"].lower()


def test_csv_export_streams_the_filtered_claims(live_api: LiveApi) -> None:
    with (
        live_api.client() as client,
        client.stream("GET", "/export/csv", params={"stance": "deny"}) as response,
    ):
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        assert "attachment" in response.headers["content-disposition"]
        text = b"".join(response.iter_bytes()).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 2


def test_turtle_export_holds_every_claim(live_api: LiveApi) -> None:
    with live_api.client() as client:
        response = client.get("/export/ttl")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    claim_class = rdflib.URIRef("https://w3id.org/attribution-kg/ontology#Claim")
    assert len(set(graph.subjects(rdflib.RDF.type, claim_class))) == SAMPLE_CLAIM_COUNT


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graph_exports_are_xml(live_api: LiveApi, fmt: str) -> None:
    with live_api.client() as client:
        response = client.get(f"/export/{fmt}")
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    assert fmt in root.tag


def test_stix_export_is_a_bundle(live_api: LiveApi) -> None:
    with live_api.client() as client:
        response = client.get("/export/stix", params={"actor": "Hong Lei"})
    assert response.status_code == 200
    bundle = json.loads(response.content)
    assert bundle["type"] == "bundle" and bundle["objects"]


def test_export_errors_before_streaming_are_problems(live_api: LiveApi) -> None:
    with live_api.client() as client:
        filtered_dump = client.get("/export/ttl", params={"stance": "deny"})
        typo = client.get("/export/csv", params={"stnace": "deny"})
    for response in (filtered_dump, typo):
        assert response.status_code == 400
        assert response.headers["content-type"] == "application/problem+json"
