"""The SPARQL 1.1 Protocol endpoint, exercised by a real SPARQL client (SPARQLWrapper) over real HTTP."""

from __future__ import annotations

import csv
import io

import httpx
import pytest
import rdflib
from api_support import SAMPLE_CLAIM_COUNT, LiveApi, sample_claims
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

pytestmark = pytest.mark.slow

PREFIXES = """PREFIX akg: <https://w3id.org/attribution-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX stance: <https://w3id.org/attribution-kg/stance/>
"""
SELECT_CLAIMANTS = PREFIXES + "SELECT DISTINCT ?name WHERE { ?c a akg:Claim ; akg:claimant/rdfs:label ?name }"
ASK_DENIAL = PREFIXES + "ASK { ?c akg:stance stance:deny }"
ASK_CONDEMNATION = PREFIXES + "ASK { ?c akg:stance stance:condemn }"
CONSTRUCT_STANCES = PREFIXES + "CONSTRUCT { ?c akg:stance ?s } WHERE { ?c a akg:Claim ; akg:stance ?s }"
CLAIMANTS = {claim.actor for _, claims in sample_claims() for claim in claims}


def _client(api: LiveApi, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(f"{api.url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method == "POST":
        client.setMethod(POST)
    elif method == "POSTDIRECTLY":
        client.setMethod(POST)
        client.setRequestMethod(POSTDIRECTLY)
    return client


def _names_from(fmt: str, result: object) -> set[str]:
    if fmt == JSON:
        return {b["name"]["value"] for b in result["results"]["bindings"]}  # type: ignore[index]
    if fmt == XML:
        return {node.firstChild.data for node in result.getElementsByTagName("literal")}  # type: ignore[attr-defined]
    delimiter = "," if fmt == CSV else "\t"
    rows = list(csv.reader(io.StringIO(result.decode("utf-8")), delimiter=delimiter))  # type: ignore[attr-defined]
    assert rows[0] in (["name"], ["?name"])
    # TSV writes RDF terms ("Hong Lei"), CSV writes plain values.
    return {row[0].strip('"') if fmt == TSV else row[0] for row in rows[1:]}


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
@pytest.mark.parametrize("method", ["GET", "POST", "POSTDIRECTLY"])
def test_select_in_each_results_format(live_api: LiveApi, fmt: str, method: str) -> None:
    result = _client(live_api, SELECT_CLAIMANTS, fmt, method).query().convert()
    assert _names_from(fmt, result) == CLAIMANTS


def _boolean_from(fmt: str, result: object) -> bool:
    if fmt == JSON:
        return result["boolean"]  # type: ignore[index]
    if fmt == XML:
        return result.getElementsByTagName("boolean")[0].firstChild.data == "true"  # type: ignore[attr-defined]
    return result.decode().strip().splitlines()[-1] == "true"  # type: ignore[attr-defined]


@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_ask_in_each_results_format(live_api: LiveApi, fmt: str) -> None:
    assert _boolean_from(fmt, _client(live_api, ASK_DENIAL, fmt).query().convert()) is True
    assert _boolean_from(fmt, _client(live_api, ASK_CONDEMNATION, fmt).query().convert()) is False


def _stance_triples(graph: rdflib.Graph) -> set[tuple[str, str]]:
    predicate = rdflib.URIRef("https://w3id.org/attribution-kg/ontology#stance")
    return {(str(s), str(o).rsplit("/", 1)[1]) for s, o in graph.subject_objects(predicate)}


def _expected_stances(api: LiveApi) -> set[tuple[str, str]]:
    with api.client() as client:
        claims = client.get("/claims", params={"limit": 1000}).json()["claims"]
    return {(c["iri"], c["stance"]) for c in claims}


def test_construct_as_turtle(live_api: LiveApi) -> None:
    response = _client(live_api, CONSTRUCT_STANCES, TURTLE).query()
    assert response.response.headers["content-type"].startswith("text/turtle")
    graph = rdflib.Graph().parse(data=response.convert(), format="turtle")
    assert len(graph) == SAMPLE_CLAIM_COUNT
    assert _stance_triples(graph) == _expected_stances(live_api)


def test_construct_as_jsonld(live_api: LiveApi) -> None:
    response = _client(live_api, CONSTRUCT_STANCES, JSONLD).query()
    assert response.response.headers["content-type"].startswith("application/ld+json")
    graph = response.convert()
    assert isinstance(graph, rdflib.Graph)
    assert _stance_triples(graph) == _expected_stances(live_api)


def test_construct_as_ntriples(live_api: LiveApi) -> None:
    client = _client(live_api, CONSTRUCT_STANCES, TURTLE)
    client.addCustomHttpHeader("Accept", "application/n-triples")
    response = client.query()
    assert response.response.headers["content-type"].startswith("application/n-triples")
    graph = rdflib.Graph().parse(data=response.response.read(), format="nt")
    assert _stance_triples(graph) == _expected_stances(live_api)


def test_describe_gives_a_graph(live_api: LiveApi) -> None:
    query = "DESCRIBE <https://w3id.org/attribution-kg/id/actor/hong-lei>"
    with live_api.client() as client:
        response = client.get("/sparql", params={"query": query}, headers={"Accept": "text/turtle"})
    assert response.status_code == 200
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    assert rdflib.Literal("Hong Lei") in set(graph.objects())


def test_malformed_query_is_400_with_the_parser_message(live_api: LiveApi) -> None:
    with pytest.raises(QueryBadFormed):
        _client(live_api, "SELECT ?x WHERE { ?x ?y }", JSON).query()
    with live_api.client() as client:
        response = client.get("/sparql", params={"query": "SELECT ?x WHERE { ?x ?y }"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"
    detail = response.json()["detail"]
    assert "line" in detail or "expected" in detail.lower() or "error" in detail.lower(), detail


def _count_claims(api: LiveApi) -> int:
    with api.client() as client:
        return len(client.get("/claims", params={"limit": 1000}).json()["claims"])


@pytest.mark.parametrize(
    ("method", "kwargs"),
    [
        ("POST", {"data": {"update": "DROP ALL"}}),
        ("POST", {"content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}}),
        ("POST", {"content": b"CLEAR DEFAULT", "headers": {"Content-Type": "application/sparql-query"}}),
        ("GET", {"params": {"query": "PREFIX x: <http://x/> # comment\nDELETE WHERE { ?s ?p ?o }"}}),
    ],
)
def test_updates_are_refused_and_change_nothing(live_api: LiveApi, method: str, kwargs: dict) -> None:
    with live_api.client() as client:
        response = client.request(method, "/sparql", **kwargs)
    assert response.status_code == 403
    assert response.headers["content-type"] == "application/problem+json"
    assert "update" in response.json()["detail"].lower()
    assert _count_claims(live_api) == SAMPLE_CLAIM_COUNT


def test_sparqlwrapper_update_is_refused(live_api: LiveApi) -> None:
    client = _client(live_api, PREFIXES + "INSERT DATA { <urn:x> akg:stance stance:deny }", JSON, "POST")
    with pytest.raises(Exception, match="403"):
        client.query()
    assert _count_claims(live_api) == SAMPLE_CLAIM_COUNT


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"params": {"query": SELECT_CLAIMANTS, "default-graph-uri": "urn:g"}}, 400),
        ({"params": {"query": SELECT_CLAIMANTS, "named-graph-uri": "urn:g"}}, 400),
        ({"params": {}}, 400),
        ({"params": {"query": SELECT_CLAIMANTS}, "headers": {"Accept": "text/turtle"}}, 406),
        ({"params": {"query": CONSTRUCT_STANCES}, "headers": {"Accept": "text/csv"}}, 406),
    ],
)
def test_protocol_errors(live_api: LiveApi, kwargs: dict, status: int) -> None:
    with live_api.client() as client:
        response = client.get("/sparql", **kwargs)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("content_type", ["application/json", "text/plain", None])
def test_post_with_a_wrong_content_type_is_415(live_api: LiveApi, content_type: str | None) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    with httpx.Client(base_url=live_api.url) as client:
        response = client.post("/sparql", content=SELECT_CLAIMANTS.encode(), headers=headers)
    assert response.status_code == 415
    assert response.headers["content-type"] == "application/problem+json"
