"""No request makes the server call out: SPARQL ``SERVICE`` is refused on every route that takes SPARQL,
before any store sees the query (server-side request forgery)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import Listener

from kg.errors import FederationRefused
from kg.graph.sparql import refuse_federation, service_iris

pytestmark = pytest.mark.slow

FEDERATED = [
    "SELECT * WHERE {{ SERVICE <{url}/sparql> {{ ?s ?p ?o }} }}",
    "select * where {{ service silent <{url}/x> {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ ?a ?b ?c . {{ SELECT ?s WHERE {{ SERVICE <{url}/sub> {{ ?s ?p ?o }} }} }} }}",
    "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE#comment\n<{url}/f> {{ ?s ?p ?o }} }} }}",
    "PREFIX e: <{url}/> SELECT * WHERE {{ SERVICE e:p {{ ?s ?p ?o }} }}",
    "SELECT * WHERE {{ BIND(<{url}/v> AS ?u) SERVICE ?u {{ ?s ?p ?o }} }}",
    "ASK {{ SERVICE <{url}/ask> {{ ?s ?p ?o }} }}",
    "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE <{url}/c> {{ ?s ?p ?o }} }}",
]


@pytest.mark.parametrize(
    ("query", "targets"),
    [
        ("SELECT * WHERE { SERVICE <http://h/q> { ?s ?p ?o } }", ["http://h/q"]),
        ("SELECT * WHERE { SERVICE SILENT <http://h/q> { ?s ?p ?o } }", ["http://h/q"]),
        ("SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }", ["?endpoint"]),
        ("SELECT * WHERE { SERVICE ex:e { ?s ?p ?o } }", ["ex"]),
        ("SELECT ?service WHERE { ?service ex:service service:x }", []),
        ("SELECT * WHERE { ?s ?p 'SERVICE <http://h/q>' } # SERVICE <http://h/>", []),
        ("SELECT * WHERE { ?s ex:a.SERVICE ?o }", []),
    ],
)
def test_service_targets_are_found_by_token_not_by_text(query: str, targets: list[str]) -> None:
    assert service_iris(query) == targets


def test_the_allow_list_admits_only_named_endpoints() -> None:
    allowed = ("https://query.wikidata.org/",)
    refuse_federation("SELECT * { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } }", allowed)
    for target in ("<https://evil.example/sparql>", "?u", "<https://query.wikidata.org.evil/>"):
        with pytest.raises(FederationRefused):
            refuse_federation(f"SELECT * {{ SERVICE {target} {{ ?s ?p ?o }} }}", allowed)


@pytest.mark.parametrize("template", FEDERATED)
@pytest.mark.parametrize("method", ["GET", "form", "body"])
def test_service_is_refused_and_nothing_is_contacted(live_api, listener: Listener, template, method) -> None:
    query = template.format(url=listener.url)
    with live_api.client() as client:
        if method == "GET":
            response = client.get("/sparql", params={"query": query})
        elif method == "form":
            response = client.post("/sparql", data={"query": query})
        else:
            response = client.post(
                "/sparql", content=query, headers={"Content-Type": "application/sparql-query"}
            )
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/federation-refused") and "SERVICE" in problem["detail"]
    assert listener.connections == []


@pytest.mark.parametrize("kind", ["embedded", "remote"])
def test_kg_sparql_refuses_service(kind, listener: Listener, tmp_path, request) -> None:
    location = str(tmp_path / "store") if kind == "embedded" else request.getfixturevalue("oxigraph_server")
    query = f"SELECT * WHERE {{ SERVICE <{listener.url}/cli> {{ ?s ?p ?o }} }}"
    result = subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", "sparql", query],
        capture_output=True,
        text=True,
        env={**os.environ, "KG_STORE": location},
        timeout=120,
    )
    assert result.returncode == 1
    assert result.stderr.startswith("kg: error: SERVICE") and "refused" in result.stderr
    assert listener.connections == []
