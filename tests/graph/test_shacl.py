"""SHACL: the seed's graph conforms; each kind of broken graph is caught."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import rdflib
from graph_samples import DATA, claim, seed_article, seed_claims
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store

from kg.graph.rdf import article_quads, claim_node
from kg.graph.rebuttals import refresh_rebuttals
from kg.graph.shacl import validate
from kg.graph.vocab import AKG, DERIVED_REBUTTALS_GRAPH, OA, RDFS, actor_iri, graph_iri
from kg.models import Article

ONTOLOGY = Path(__file__).resolve().parents[2] / "ontology"


def seed_store() -> Store:
    store = Store()
    store.extend(article_quads(seed_article(), seed_claims()))
    refresh_rebuttals(store)
    return store


def test_ontology_files_parse():
    for name in ("attribution.ttl", "shapes.ttl"):
        assert len(rdflib.Graph().parse(ONTOLOGY / name, format="turtle")) > 50
    document = {
        "@context": (ONTOLOGY / "context.jsonld").as_uri(),
        "@id": "https://w3id.org/attribution-kg/id/claim/x",
        "@type": "Claim",
        "stance": "deny",
        "negated": False,
    }
    context = rdflib.Graph().parse(data=json.dumps(document), format="json-ld")
    assert (
        rdflib.URIRef("https://w3id.org/attribution-kg/id/claim/x"),
        rdflib.URIRef(AKG + "stance"),
        rdflib.URIRef("https://w3id.org/attribution-kg/stance/deny"),
    ) in context


def test_seed_graph_conforms_with_rebuttals():
    store = seed_store()
    assert any(q.graph_name == NamedNode(DERIVED_REBUTTALS_GRAPH) for q in store)
    conforms, report = validate(store)
    assert conforms, report


def test_validate_accepts_dumps_and_quads():
    quads = article_quads(seed_article(), seed_claims())
    assert validate(quads)[0]
    store = Store()
    store.extend(quads)
    assert validate(store.dump(format=RdfFormat.N_QUADS))[0]


def _first_claim() -> NamedNode:
    return claim_node(seed_article().id, seed_claims()[0])


def _position() -> NamedNode:
    return NamedNode(_first_claim().value + "/evidence/position")


G = graph_iri(seed_article().id)
# (description, quads to add, quads to remove (predicate of the first claim), expected message fragment)
BREAKAGES = [
    (
        "stance outside the scheme",
        [
            Quad(
                _first_claim(),
                NamedNode(AKG + "stance"),
                NamedNode("https://w3id.org/attribution-kg/stance/blame"),
                G,
            )
        ],
        AKG + "stance",
        "not in list",
    ),
    (
        "topic outside the scheme",
        [
            Quad(
                _first_claim(),
                NamedNode(AKG + "topic"),
                NamedNode("https://w3id.org/attribution-kg/topic/x"),
                G,
            )
        ],
        AKG + "topic",
        "not in list",
    ),
    (
        "two claimants",
        [Quad(_first_claim(), NamedNode(AKG + "claimant"), actor_iri("Hong Lei"), G)],
        None,
        "More than 1",
    ),
    ("no claimant", [], AKG + "claimant", "Less than 1"),
    (
        "confidence above 1",
        [Quad(_first_claim(), NamedNode(AKG + "confidence"), Literal(3.0), G)],
        AKG + "confidence",
        "<= ",
    ),
    (
        "confidence as a string",
        [Quad(_first_claim(), NamedNode(AKG + "confidence"), Literal("high"), G)],
        AKG + "confidence",
        "datatype",
    ),
    (
        "offset past the text",
        [Quad(_position(), NamedNode(OA + "end"), Literal(10**6), G)],
        OA + "end",
        "past the end",
    ),
    ("actor without a label", [], RDFS + "label", "Less than 1"),
    (
        "rebutting an accusation that is a deny",
        [Quad(_first_claim(), NamedNode(AKG + "rebuts"), _first_claim(), NamedNode(DERIVED_REBUTTALS_GRAPH))],
        None,
        "rebuts itself",
    ),
]


@pytest.mark.parametrize(
    ("description", "add", "remove", "fragment"), BREAKAGES, ids=[b[0] for b in BREAKAGES]
)
def test_broken_graphs_are_caught(description, add, remove, fragment):
    store = seed_store()
    if remove:
        subject = _position() if remove == OA + "end" else None
        for q in list(store.quads_for_pattern(subject, NamedNode(remove), None, None)):
            if remove == RDFS + "label" and q.subject != actor_iri("Hong Lei"):
                continue
            if remove.startswith(AKG) and q.subject != _first_claim():
                continue
            store.remove(q)
    for q in add:
        store.add(q)
    conforms, report = validate(store)
    assert not conforms
    assert fragment in report, report


def _extractable_articles() -> list[Article]:
    from kg.ingest import read_paths

    paths = [DATA] + [p for p in (Path(__file__).resolve().parents[2] / "seeds",) if p.is_dir()]
    return [a for a in read_paths(paths) if isinstance(a, Article)]


@pytest.mark.slow
def test_extracted_articles_conform():
    """The SHACL bar: the graph the extractor makes of every test article has no violation."""
    from kg.extract import get_extractor

    extractor = get_extractor()
    store = Store()
    for article in _extractable_articles():
        store.extend(article_quads(article, extractor.extract(article)))
    refresh_rebuttals(store)
    conforms, report = validate(store)
    assert conforms, report


def test_hand_made_claims_of_many_kinds_conform():
    article = Article(id="kinds", text="x" * 100, date="2020-01-01", publisher="Reuters")
    claims = [
        claim(
            article="kinds",
            actor="APT10",
            actor_type="group",
            stance="acknowledge",
            target="the hack",
            target_type="act",
            actor_galaxy="1f73e14f-b882-4032-a565-26dc653b0daf",
            extra={"actor_mitre": "G0045"},
        ),
        claim(article="kinds", actor="Kaspersky", actor_type="organization", affiliation="", start=3, end=9),
        claim(article="kinds", actor="Reuters", actor_type="media", affiliation="", stance="assert", end=4),
        claim(article="kinds", actor="someone", actor_type="unknown", affiliation="", negated=True, end=5),
    ]
    conforms, report = validate(article_quads(article, claims))
    assert conforms, report
