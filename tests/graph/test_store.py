"""The Store protocol, run against the embedded store AND a real ``oxigraph serve`` (the ``store`` fixture)."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import NamedNode, QueryResultsFormat, RdfFormat, parse, parse_query_results
from store_samples import accusation_article, denial_article, synthetic_article

from kg.errors import QueryError, StoreError, UnsupportedMediaType
from kg.graph import open_store
from kg.graph.oxigraph_store import OxigraphStore
from kg.graph.records import ClaimFilter
from kg.graph.remote_store import RemoteStore, endpoint_urls
from kg.graph.vocab import ID, article_iri, graph_iri
from kg.settings import Settings

GRAPH_SIZE = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
CLAIM_COUNT = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a <https://w3id.org/attribution-kg/ontology#Claim> }"
MENTIONS = """SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }
  FILTER(?s = ?thing || ?o = ?thing || STRSTARTS(STR(?s), STR(?thing))) }"""


def graph_size(store, article_id: str) -> int:
    return store.select(GRAPH_SIZE, {"g": graph_iri(article_id)})[0]["n"]


def test_replace_is_idempotent(store):
    article, claims = accusation_article()
    assert store.replace_article(article, claims) is True
    first = store.stats()
    assert store.replace_article(article, claims) is False
    assert store.stats() == first
    assert first["articles"] == 1 and first["claims"] == 2 and first["triples"] > 20
    assert store.article_ids() == ["acc-1"]


def test_batch_ingest_twice_gives_identical_triple_count(store):
    items = [synthetic_article(n) for n in range(12)] + [accusation_article(), denial_article()]
    assert all(store.replace_articles(items))
    first = store.stats()
    assert not any(store.replace_articles(items))
    assert store.stats() == first
    assert first["articles"] == 14 and first["claims"] == 12 * 3 + 3


def test_changed_text_replaces_the_whole_graph(store):
    article, claims = accusation_article()
    store.replace_article(article, claims)
    changed, new_claims = accusation_article(text="Washington accused Beijing of stealing secrets.")
    assert store.replace_article(changed, new_claims[:1]) is True
    records = list(store.claims(ClaimFilter(article="acc-1")))
    assert [r.target.name for r in records] == ["China"]
    assert store.stats()["claims"] == 1


def test_delete_leaves_no_triple_of_the_article(store):
    store.replace_articles([accusation_article(), denial_article()])
    before = graph_size(store, "den-1")
    assert store.delete_article("acc-1") is True
    assert graph_size(store, "acc-1") == 0
    assert store.select(MENTIONS, {"thing": article_iri("acc-1")})[0]["n"] == 0
    assert store.article_ids() == ["den-1"]
    assert graph_size(store, "den-1") == before
    assert store.delete_article("acc-1") is False


@pytest.mark.parametrize(
    "hostile",
    [
        '" } ; DROP ALL #',
        '" } } ; DROP ALL ; INSERT DATA { <x:a> <x:b> <x:c> } #',
        "'> } DROP ALL",
        "line\nbreak } # and a comment",
        '\\" ) } ',
    ],
)
def test_bindings_are_bound_not_pasted(store, hostile):
    store.replace_articles([accusation_article(), denial_article()])
    before = store.stats()
    rows = store.select("SELECT ?x WHERE { FILTER(BOUND(?x)) }", {"x": hostile})
    assert rows == [{"x": hostile}]
    assert list(store.claims(ClaimFilter(actor=hostile, target=hostile))) == []
    assert store.ask("ASK { GRAPH ?g { ?s ?p ?x } }", {"x": hostile}) is False
    assert store.stats() == before


def test_an_invalid_iri_binding_is_refused(store):
    store.replace_article(*denial_article())
    before = store.stats()
    with pytest.raises(QueryError, match="cannot bind"):
        store.select("SELECT ?x WHERE { FILTER(BOUND(?x)) }", {"x": "http://example.org/> } ; DROP ALL #"})
    assert store.stats() == before


def test_claims_filter_by_actor_iri(store):
    store.replace_articles([accusation_article(), denial_article()])
    hong_lei = next(r.actor.iri for r in store.claims() if r.actor.name == "Hong Lei")
    assert [r.actor.name for r in store.claims(ClaimFilter(actor=hong_lei))] == ["Hong Lei"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=st.one_of(st.text(), st.integers(), st.booleans(), st.floats(allow_nan=False, allow_infinity=False))
)
def test_any_binding_value_round_trips(store, value):
    rows = store.select("SELECT ?x WHERE { FILTER(BOUND(?x)) }", {"x": value})
    assert rows == [{"x": value}]


def test_claims_are_filtered_and_ordered(store):
    store.replace_articles([denial_article(), accusation_article()])
    every = list(store.claims())
    assert [(r.article, r.start) for r in every] == sorted((r.article, r.start) for r in every)
    assert {r.stance for r in store.claims(ClaimFilter(stance="deny"))} == {"deny"}
    assert [r.actor.name for r in store.claims(ClaimFilter(actor="hong lei"))] == ["Hong Lei"]
    assert [r.topic for r in store.claims(ClaimFilter(topic="hacking"))] == ["hacking"]
    assert list(store.claims(ClaimFilter(date_from="2015-05-02"))) == list(
        store.claims(ClaimFilter(article="den-1"))
    )


@pytest.mark.parametrize(
    ("sparql", "media_type"),
    [
        ("SELEC ?x WHERE {}", "application/sparql-results+json"),
        ("SELECT ?x WHERE { ?x ?y }", "application/sparql-results+json"),
        ("DROP ALL", "application/sparql-results+json"),
        ("INSERT DATA { <x:a> <x:b> <x:c> }", "text/csv"),
        ("PREFIX a: <x:> DELETE WHERE { ?s ?p ?o }", "text/csv"),
    ],
)
def test_bad_queries_and_updates_raise_query_error(store, sparql, media_type):
    store.replace_article(*accusation_article())
    with pytest.raises(QueryError):
        store.query_raw(sparql, media_type)
    assert store.stats()["articles"] == 1


def test_select_syntax_error_is_a_query_error(store):
    with pytest.raises(QueryError, match="syntax"):
        store.select("SELECT ?x WHERE { ?x ?y }")


@pytest.mark.parametrize(
    "media_type",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_query_raw_select_formats(store, media_type):
    store.replace_articles([accusation_article(), denial_article()])
    body, content_type = store.query_raw(CLAIM_COUNT, media_type)
    assert content_type.startswith(media_type)
    if media_type == "text/csv":  # lossy by design: pyoxigraph will not parse it back
        assert body.decode().split("\r\n")[:2] == ["n", "3"]
        return
    fmt = QueryResultsFormat.from_media_type(media_type)
    solutions = list(parse_query_results(body, fmt))
    assert solutions[0]["n"].value == "3"


@pytest.mark.parametrize(
    "media_type", ["text/turtle", "application/n-triples", "application/ld+json", "application/rdf+xml"]
)
def test_query_raw_construct_formats(store, media_type):
    store.replace_article(*denial_article())
    query = "CONSTRUCT { ?c ?p ?o } WHERE { ?c a <https://w3id.org/attribution-kg/ontology#Claim> ; ?p ?o }"
    body, content_type = store.query_raw(query, media_type)
    assert content_type.startswith(media_type)
    triples = list(parse(body, RdfFormat.from_media_type(media_type)))
    assert len(triples) >= 9
    assert {t.subject.value for t in triples} == {r.iri for r in store.claims()}


def test_query_raw_rejects_a_graph_media_type_for_select(store):
    with pytest.raises(UnsupportedMediaType):
        store.query_raw(CLAIM_COUNT, "text/turtle")


def test_dump_nquads_keeps_the_article_graphs(store):
    store.replace_articles([accusation_article(), denial_article()])
    out = io.BytesIO()
    store.dump(out, "application/n-quads")
    quads = list(parse(out.getvalue(), RdfFormat.N_QUADS))
    assert {q.graph_name.value for q in quads} == {graph_iri("acc-1").value, graph_iri("den-1").value}
    assert len(quads) == store.stats()["triples"]


def test_dump_turtle_is_the_union(store):
    store.replace_articles([accusation_article(), denial_article()])
    out = io.BytesIO()
    store.dump(out, "text/turtle")
    triples = set(parse(out.getvalue(), RdfFormat.TURTLE))
    distinct = store.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    assert len(triples) == distinct[0]["n"]


def test_union_default_graph_equals_graph_patterns(store):
    store.replace_articles([accusation_article(), denial_article()])
    in_default = store.select(CLAIM_COUNT)[0]["n"]
    in_graphs = store.select(
        "SELECT (COUNT(?c) AS ?n) WHERE { GRAPH ?g { ?c a <https://w3id.org/attribution-kg/ontology#Claim> } }"
    )[0]["n"]
    assert in_default == in_graphs == 3


def test_update_runs_in_the_store(store):
    store.replace_article(*denial_article())
    marker = f"{ID}graph/test-marker"
    store.update(f"INSERT DATA {{ GRAPH <{marker}> {{ <x:a> <x:b> 'c' }} }}")
    assert store.ask("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": NamedNode(marker)})
    assert store.article_ids() == ["den-1"]


# --- the two implementations and their configuration ----------------------------------------------------


def test_open_store_picks_the_implementation(tmp_path, oxigraph_server):
    embedded = open_store(Settings(store=str(tmp_path / "s")))
    remote = open_store(Settings(store=oxigraph_server))
    try:
        assert isinstance(embedded, OxigraphStore)
        assert isinstance(remote, RemoteStore)
    finally:
        embedded.close()
        remote.close()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://h:7878", ("http://h:7878/query", "http://h:7878/update")),
        ("http://h:7878/", ("http://h:7878/query", "http://h:7878/update")),
        ("http://h:3030/ds/query", ("http://h:3030/ds/query", "http://h:3030/ds/update")),
        ("https://n.example:8182/sparql", ("https://n.example:8182/sparql", "https://n.example:8182/sparql")),
    ],
)
def test_endpoint_urls(url, expected):
    assert endpoint_urls(url) == expected


def test_a_locked_store_is_a_clear_store_error(tmp_path):
    first = OxigraphStore(tmp_path / "s", Settings(store=str(tmp_path / "s")))
    try:
        with pytest.raises(StoreError, match="locked"):
            OxigraphStore(tmp_path / "s", Settings(store=str(tmp_path / "s")))
    finally:
        first.close()


def test_an_unreachable_endpoint_is_a_store_error():
    with socket_port() as port:
        remote = RemoteStore(
            f"http://127.0.0.1:{port}", Settings(store=f"http://127.0.0.1:{port}", sparql_timeout=2)
        )
        with pytest.raises(StoreError, match="unreachable"):
            remote.stats()
        remote.close()


def test_embedded_result_cap_truncates_rows(tmp_path):
    settings = Settings(store=str(tmp_path / "s"), sparql_result_cap=5)
    store = OxigraphStore(settings.store, settings)
    try:
        store.replace_articles([synthetic_article(n) for n in range(4)])
        body, _ = store.query_raw("SELECT ?s WHERE { ?s ?p ?o }", "application/sparql-results+json")
        assert len(json.loads(body)["results"]["bindings"]) == 5
    finally:
        store.close()


class socket_port:
    """A loopback port that nothing listens on (held bound, not listening, for the test's duration)."""

    def __enter__(self) -> int:
        import socket

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        return self.sock.getsockname()[1]

    def __exit__(self, *_: object) -> None:
        self.sock.close()
