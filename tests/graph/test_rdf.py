"""Claims -> quads: the mapping, its determinism, and the flat claim view read back through claims.rq."""

from __future__ import annotations

import pyoxigraph
import pytest
from graph_samples import claim, seed_article, seed_claims
from hypothesis import given, settings
from hypothesis import strategies as st
from pyoxigraph import Literal, NamedNode, Store

from kg.errors import InputError
from kg.graph.rdf import article_quads, claim_node
from kg.graph.records import ClaimFilter
from kg.graph.sparql import claim_filter_terms, inject_values
from kg.graph.views import claim_bindings, load_query, record_from_row
from kg.graph.vocab import (
    AKG,
    OWL,
    RDF,
    RDFS,
    act_iri,
    actor_iri,
    article_iri,
    from_term,
    graph_iri,
    stance_iri,
    topic_iri,
)
from kg.models import Article

ARTICLE = Article(
    id="a1",
    text="x" * 200,
    date="2015-02-27",
    title="T",
    url="https://example.org/a1",
    publisher="The Register",
)


def objects(quads, subject: NamedNode, predicate: str) -> set:
    return {q.object for q in quads if q.subject == subject and q.predicate == NamedNode(predicate)}


def claim_subject(quads) -> NamedNode:
    return next(q.subject for q in quads if q.object == NamedNode(AKG + "Claim"))


# (claim fields, subject to look at: "claim"/"actor"/"target", predicate, expected objects)
MAPPING = [
    ({}, "claim", AKG + "stance", {stance_iri("accuse")}),
    ({"topic": "cyber-espionage"}, "claim", AKG + "topic", {topic_iri("cyber-espionage")}),
    ({"topic": "not-a-topic"}, "claim", AKG + "topic", {topic_iri("other")}),
    ({}, "claim", AKG + "claimant", {actor_iri("James Clapper")}),
    ({}, "claim", AKG + "target", {actor_iri("China")}),
    ({"negated": True}, "claim", AKG + "negated", {Literal(True)}),
    ({}, "claim", AKG + "negated", {Literal(False)}),
    ({"reported_via": "Xinhua"}, "claim", AKG + "reportedVia", {Literal("Xinhua")}),
    ({"confidence": 1.7}, "claim", AKG + "confidence", {Literal(1.0)}),
    ({"claim": "China hacks"}, "claim", AKG + "claimText", {Literal("China hacks")}),
    ({}, "claim", "http://www.w3.org/ns/prov#wasDerivedFrom", {article_iri("a1")}),
    ({}, "actor", RDF + "type", {NamedNode(AKG + "Actor"), NamedNode(AKG + "Person")}),
    ({}, "actor", RDFS + "label", {Literal("James Clapper")}),
    ({}, "actor", AKG + "speaksFor", {actor_iri("United States")}),
    ({"actor_type": "unknown"}, "actor", RDF + "type", {NamedNode(AKG + "Actor")}),
    ({"actor": "Hong Lei", "affiliation": "China"}, "actor", AKG + "speaksFor", {actor_iri("China")}),
    ({"target": "cyber attacks", "target_type": "act"}, "claim", AKG + "target", {act_iri("cyber attacks")}),
    ({"target": "cyber attacks", "target_type": "act"}, "target", RDF + "type", {NamedNode(AKG + "Act")}),
    (
        {
            "target": "APT10",
            "target_type": "group",
            "target_galaxy": "1f73e14f-b882-4032-a565-26dc653b0daf",
            "extra": {"target_mitre": "G0045"},
        },
        "target",
        AKG + "mispGalaxyUuid",
        {Literal("1f73e14f-b882-4032-a565-26dc653b0daf")},
    ),
    (
        {"target": "APT10", "target_type": "group", "extra": {"target_mitre": "G0045"}},
        "target",
        AKG + "attackId",
        {Literal("G0045")},
    ),
    (
        {"target": "APT10", "target_type": "group"},
        "target",
        RDF + "type",
        {NamedNode(AKG + "Actor"), NamedNode(AKG + "ThreatGroup")},
    ),
    (
        {"extra": {"target_wikidata": "Q148"}},
        "target",
        OWL + "sameAs",
        {NamedNode("http://www.wikidata.org/entity/Q148")},
    ),
]


@pytest.mark.parametrize(("fields", "subject", "predicate", "expected"), MAPPING)
def test_mapping(fields, subject, predicate, expected):
    c = claim(**fields)
    quads = article_quads(ARTICLE, [c])
    node = {
        "claim": claim_subject(quads),
        "actor": next(iter(objects(quads, claim_subject(quads), AKG + "claimant")), None),
        "target": next(iter(objects(quads, claim_subject(quads), AKG + "target")), None),
    }[subject]
    found = objects(quads, node, predicate)
    if predicate == RDF + "type" and subject != "claim":
        found -= {NamedNode(AKG + "State")}  # whether a name is a state depends on the resolver's data
    assert found == expected


def test_every_quad_is_in_the_article_graph():
    quads = article_quads(seed_article(), seed_claims())
    assert quads and {q.graph_name for q in quads} == {graph_iri(seed_article().id)}


def test_article_metadata():
    quads = article_quads(ARTICLE, [claim()])
    article = article_iri("a1")
    assert objects(quads, article, "http://purl.org/dc/terms/identifier") == {Literal("a1")}
    assert objects(quads, article, "http://purl.org/dc/terms/date") == {
        Literal("2015-02-27", datatype=NamedNode("http://www.w3.org/2001/XMLSchema#date"))
    }
    assert objects(quads, article, "https://schema.org/headline") == {Literal("T")}
    publisher = next(iter(objects(quads, article, "http://www.w3.org/ns/prov#wasAttributedTo")))
    assert NamedNode(AKG + "Media") in objects(quads, publisher, RDF + "type")


def test_evidence_is_a_web_annotation_with_offsets_and_quote():
    c = claim(start=10, end=30, evidence="y" * 20)
    quads = article_quads(ARTICLE, [c])
    evidence = next(iter(objects(quads, claim_node("a1", c), AKG + "evidence")))
    selectors = objects(quads, evidence, "http://www.w3.org/ns/oa#hasSelector")
    values = {q.predicate.value.rsplit("#", 1)[1]: q.object for q in quads if q.subject in selectors}
    assert values["start"] == Literal(10) and values["end"] == Literal(30)
    assert values["exact"] == Literal("y" * 20)
    assert objects(quads, evidence, "http://www.w3.org/ns/oa#hasSource") == {article_iri("a1")}


def test_same_input_gives_identical_quads():
    first = article_quads(seed_article(), seed_claims())
    second = article_quads(seed_article(), seed_claims())
    assert first == second


def test_claim_order_does_not_change_the_graph():
    claims = seed_claims()
    assert set(article_quads(seed_article(), claims)) == set(article_quads(seed_article(), claims[::-1]))


def test_same_actor_in_two_articles_has_one_iri():
    other = Article(id="a2", text="z" * 50)
    left = article_quads(ARTICLE, [claim()])
    right = article_quads(other, [claim(article="a2", stance="deny")])
    actors = lambda quads: objects(quads, claim_subject(quads), AKG + "claimant")  # noqa: E731
    assert actors(left) == actors(right) == {actor_iri("James Clapper")}
    # ... and each graph describes it on its own
    assert objects(right, actor_iri("James Clapper"), RDFS + "label") == {Literal("James Clapper")}


def test_claim_iri_depends_on_offsets_actor_stance_target():
    base = claim()
    variants = [
        claim(start=1, end=2),
        claim(end=3),
        claim(actor="Obama"),
        claim(stance="deny"),
        claim(target="Iran"),
    ]
    iris = {claim_node("a1", c) for c in [base, *variants]}
    assert len(iris) == 6
    assert claim_node("a1", base) != claim_node("a2", base)


def test_duplicate_claims_become_one():
    quads = article_quads(ARTICLE, [claim(), claim(confidence=0.1)])
    assert sum(1 for q in quads if q.object == NamedNode(AKG + "Claim")) == 1


def test_one_type_per_party_within_an_article():
    quads = article_quads(
        ARTICLE,
        [
            claim(target="Widget Panda", target_type="group"),
            claim(start=5, end=6, target="Widget Panda", target_type="organization"),
        ],
    )
    kinds = objects(quads, actor_iri("Widget Panda"), RDF + "type") - {NamedNode(AKG + "Actor")}
    assert kinds == {NamedNode(AKG + "ThreatGroup")}
    seed = article_quads(seed_article(), seed_claims())
    kind_classes = {
        NamedNode(AKG + k) for k in ("Person", "Government", "Organization", "ThreatGroup", "Media")
    }
    for party in {q.subject for q in seed if q.object == NamedNode(AKG + "Actor")}:
        assert len(objects(seed, party, RDF + "type") & kind_classes) <= 1


@pytest.mark.parametrize(
    "fields", [{"stance": "blame"}, {"actor": "  "}, {"start": -1}, {"start": 5, "end": 2}]
)
def test_bad_claims_are_refused(fields):
    with pytest.raises(InputError):
        article_quads(ARTICLE, [claim(**fields)])


names = st.text(min_size=1, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(article_id=names, actor=names, target=names, evidence=st.text(max_size=60))
def test_any_names_give_valid_rdf_that_round_trips(article_id, actor, target, evidence):
    article = Article(id=article_id, text=evidence or "x")
    c = claim(article=article_id, actor=actor, target=target, evidence=evidence or "x", end=1)
    quads = article_quads(article, [c])
    store = Store()
    store.extend(quads)
    dumped = store.dump(format=pyoxigraph.RdfFormat.N_QUADS)
    again = Store()
    again.load(dumped, format=pyoxigraph.RdfFormat.N_QUADS)
    assert set(again) == set(quads)


# --- the flat claim view ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_store() -> Store:
    store = Store()
    store.extend(article_quads(seed_article(), seed_claims()))
    other = Article(id="later", text="x" * 100, date="2015-10-01")
    store.extend(
        article_quads(
            other,
            [
                claim(
                    article="later",
                    actor="Hong Lei",
                    affiliation="China",
                    stance="deny",
                    target="China",
                    topic="state-sponsorship",
                )
            ],
        )
    )
    return store


def select_claims(store: Store, filters: ClaimFilter | None = None) -> list:
    """Bound the way both stores bind: a VALUES block at the start of the top-level WHERE group."""
    result = store.query(inject_values(load_query("claims"), claim_filter_terms(filters)))
    names = [v.value for v in result.variables]
    return [record_from_row({n: from_term(row[n]) for n in names}) for row in result]


def test_claim_view_has_one_row_per_claim_in_stable_order(seed_store):
    records = select_claims(seed_store)
    assert len(records) == len({r.iri for r in records}) == len(seed_claims()) + 1
    assert [(r.article, r.start) for r in records] == sorted((r.article, r.start) for r in records)


def test_claim_view_record_fields(seed_store):
    hong = next(
        r
        for r in select_claims(seed_store, ClaimFilter(actor="Hong Lei", article=seed_article().id))
        if r.target.name == "China"
    )
    assert hong.stance == "deny" and hong.topic == "state-sponsorship"
    assert hong.actor.type == "person" and hong.actor.affiliation == "China"
    assert hong.actor.affiliation_iri == actor_iri("China").value
    assert hong.target.type == "government"
    assert seed_article().text[hong.start : hong.end] == hong.evidence
    assert hong.date == "2015-09-14" and hong.title and hong.negated is False
    assert 0 <= hong.confidence <= 1


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (ClaimFilter(stance="accuse"), 3),
        (ClaimFilter(stance="deny"), 4),
        (ClaimFilter(stance="deny", topic="state-sponsorship"), 3),
        (ClaimFilter(actor="james clapper"), 2),
        (ClaimFilter(actor=actor_iri("Barack Obama").value), 3),
        (ClaimFilter(target="RUSSIA"), 1),
        (ClaimFilter(article="later"), 1),
        (ClaimFilter(date_from="2015-09-15"), 1),
        (ClaimFilter(date_to="2015-09-14"), 11),
        (ClaimFilter(date_from="2015-09-14", date_to="2015-09-14", stance="warn"), 2),
        (ClaimFilter(actor="nobody at all"), 0),
    ],
)
def test_claim_view_filters(seed_store, filters, expected):
    assert len(select_claims(seed_store, filters)) == expected


def test_unused_filters_are_not_bound():
    assert claim_bindings(None) == claim_bindings(ClaimFilter()) == {}
    assert claim_bindings(ClaimFilter(stance="deny", actor=" Hong Lei ")) == {
        "fStance": "deny",
        "fActor": "Hong Lei",
    }
