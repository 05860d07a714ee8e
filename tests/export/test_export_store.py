"""End to end: a real embedded store with a few articles -> every format -> its validator."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from stix2validator import ValidationOptions, validate_string

from kg.errors import InputError
from kg.export import export
from kg.graph import open_store
from kg.graph.records import ClaimFilter
from kg.models import Article, Claim
from kg.settings import Settings

XSD = Path(__file__).resolve().parents[1] / "data" / "gexf-1.3" / "gexf.xsd"
GOV, PERSON = "government", "person"


def claim_fields(actor, actor_type, affiliation, stance, target, target_type, topic="cyber-espionage"):
    return dict(
        actor=actor,
        actor_type=actor_type,
        affiliation=affiliation,
        stance=stance,
        target=target,
        target_type=target_type,
        topic=topic,
    )


ARTICLES = [
    (
        "a1",
        "2015-09-25",
        [
            (
                "James Clapper accused China of hacking.",
                [claim_fields("James Clapper", PERSON, "United States", "accuse", "China", GOV)],
            ),
            (
                "Hong Lei denied the accusation.",
                [claim_fields("Hong Lei", PERSON, "China", "deny", "China", GOV)],
            ),
            (
                "Clapper said China and Russia were the biggest threats.",
                [
                    claim_fields(
                        "James Clapper", PERSON, "United States", "accuse", "China", GOV, "cyber-attack"
                    ),
                    claim_fields(
                        "James Clapper", PERSON, "United States", "accuse", "Russia", GOV, "cyber-attack"
                    ),
                ],
            ),
        ],
    ),
    (
        "a2",
        "2013-02-19",
        [
            (
                "Mandiant said APT1 was behind the intrusions.",
                [claim_fields("Mandiant", "organization", "", "accuse", "APT1", "group")],
            ),
            (
                "China called the report groundless.",
                [claim_fields("China", GOV, "China", "deny", "APT1", "group")],
            ),
        ],
    ),
    (
        "a3",
        None,
        [
            (
                "Hong Lei condemned hacking in all its forms.",
                [claim_fields("Hong Lei", PERSON, "China", "condemn", "hacking", "act", "hacking")],
            )
        ],
    ),
]


def build(article_id: str, day: str | None, sentences) -> tuple[Article, list[Claim]]:
    text = " ".join(sentence for sentence, _ in sentences)
    claims, offset = [], 0
    for sentence, fields_list in sentences:
        for fields in fields_list:
            claims.append(
                Claim(
                    article=article_id,
                    claim=sentence[:40],
                    evidence=sentence,
                    start=offset,
                    end=offset + len(sentence),
                    confidence=0.9,
                    **fields,
                )
            )
        offset += len(sentence) + 1
    article = Article(
        id=article_id, text=text, date=day, url=f"https://example.org/{article_id}", title=f"T {article_id}"
    )
    return article, claims


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("export-store") / "store"
    store = open_store(Settings(store=str(path)))
    for article_id, day, sentences in ARTICLES:
        store.replace_article(*build(article_id, day, sentences))
    store.close()
    return path


@pytest.fixture
def store(store_dir):
    opened = open_store(Settings(store=str(store_dir)))
    yield opened
    opened.close()


def exported(store, fmt: str, filters: ClaimFilter | None = None) -> bytes:
    out = io.BytesIO()
    export(store, fmt, out, filters)
    return out.getvalue()


def network_counts(store) -> tuple[int, int, int]:
    records = list(store.claims())
    nodes = {r.actor.iri for r in records} | {r.target.iri for r in records}
    return len(nodes), len({(r.actor.iri, r.target.iri, r.stance) for r in records}), len(records)


def test_gexf_of_the_store_validates_reads_back_and_covers_dated_claims(store):
    data = exported(store, "gexf")
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(etree.fromstring(data)), schema.error_log
    graph = nx.read_gexf(io.BytesIO(data))
    nodes, edges, claims = network_counts(store)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, edges) == (7, 6)
    assert sum(w for _, _, w in graph.edges(data="weight")) == claims == store.stats()["claims"]
    spells = {(s, t, d["label"]): d.get("spells", []) for s, t, d in graph.edges(data=True)}
    for record in store.claims():
        if record.date:
            day = date.fromisoformat(record.date)
            ranges = spells[(record.actor.iri, record.target.iri, record.stance)]
            assert any(date.fromisoformat(a) <= day <= date.fromisoformat(b) for a, b in ranges)


def test_graphml_of_the_store_reads_back_with_the_same_counts(store):
    graph = nx.read_graphml(io.BytesIO(exported(store, "graphml")))
    nodes, edges, _ = network_counts(store)
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes, edges)


def test_stix_of_the_store_is_valid_and_stable(store):
    text = exported(store, "stix").decode("utf-8")
    result = validate_string(text, ValidationOptions())
    assert result.is_valid, [str(e) for e in result.errors]
    assert exported(store, "stix").decode("utf-8") == text
    objects = json.loads(text)["objects"]
    kinds = [o["type"] for o in objects]
    accusations = [o for o in objects if o.get("relationship_type") == "attributed-to"]
    assert len(accusations) == 4 and kinds.count("opinion") + kinds.count("note") == 2
    assert kinds.count("report") == 2  # a1 and a2; a3 holds only a condemnation
    ids = {o["id"] for o in objects}
    assert all(o["created_by_ref"] in ids for o in objects if "created_by_ref" in o)


def test_csv_has_one_row_per_stored_claim_and_honours_filters(store):
    rows = list(csv.DictReader(io.StringIO(exported(store, "csv").decode("utf-8"), newline="")))
    assert len(rows) == store.stats()["claims"] == 7
    denials = list(
        csv.DictReader(io.StringIO(exported(store, "csv", ClaimFilter(stance="deny")).decode(), newline=""))
    )
    assert {r["stance"] for r in denials} == {"deny"} and len(denials) == 2
    a2 = list(
        csv.DictReader(io.StringIO(exported(store, "csv", ClaimFilter(article="a2")).decode(), newline=""))
    )
    assert {r["article"] for r in a2} == {"a2"}


def test_filtered_gexf_holds_only_the_matching_claims(store):
    data = exported(store, "gexf", ClaimFilter(date_from="2015-01-01"))
    graph = nx.read_gexf(io.BytesIO(data))
    assert sum(w for _, _, w in graph.edges(data="weight")) == 4  # the claims of a1


def store_union(store) -> Graph:
    body, _ = store.query_raw(
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", "application/n-triples"
    )
    return Graph().parse(data=body.decode("utf-8"), format="nt")


def store_graph_names(store) -> set[str]:
    return {row["g"] for row in store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}


def test_turtle_dump_reimports_isomorphic_to_the_store(store):
    reimported = Graph().parse(data=exported(store, "ttl").decode("utf-8"), format="turtle")
    assert len(reimported) > 50
    assert isomorphic(reimported, store_union(store))


def store_graph(store, name: str) -> Graph:
    # ``name`` comes from the store itself (store_graph_names), not from a user
    query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{name}> {{ ?s ?p ?o }} }}"
    body, _ = store.query_raw(query, "application/n-triples")
    return Graph().parse(data=body.decode("utf-8"), format="nt")


@pytest.mark.parametrize(("fmt", "rdf_format"), [("nq", "nquads"), ("jsonld", "json-ld")])
def test_dataset_dumps_reimport_graph_by_graph_isomorphic_to_the_store(store, fmt, rdf_format):
    dataset = Dataset()
    dataset.parse(data=exported(store, fmt).decode("utf-8"), format=rdf_format)
    graphs = {str(g.identifier): g for g in dataset.graphs() if len(g)}
    assert set(graphs) == store_graph_names(store)
    assert "https://w3id.org/attribution-kg/id/graph/a1" in graphs
    for name, graph in graphs.items():
        copy = Graph()
        for triple in graph:
            copy.add(triple)
        assert isomorphic(copy, store_graph(store, name)), name


def test_jsonld_dump_carries_the_project_context(store):
    document = json.loads(exported(store, "jsonld"))
    assert document["@context"]["akg"] == "https://w3id.org/attribution-kg/ontology#"
    assert isinstance(document["@graph"], list)


@pytest.mark.parametrize("fmt", ["ttl", "nq", "jsonld"])
def test_rdf_dumps_refuse_claim_filters(store, fmt):
    with pytest.raises(InputError, match="whole graph"):
        export(store, fmt, io.BytesIO(), ClaimFilter(stance="deny"))


def test_cli_writes_the_export_to_a_file(store_dir, tmp_path):
    target = tmp_path / "out" / "graph.gexf"
    kg = Path(sys.executable).with_name("kg")
    env = {**os.environ, "KG_STORE": str(store_dir)}
    done = subprocess.run(
        [str(kg), "export", "--format", "gexf", "-o", str(target), "--stance", "accuse"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    graph = nx.read_gexf(target)
    assert {d["label"] for _, _, d in graph.edges(data=True)} == {"accuse"}
    assert not list(target.parent.glob("*.part"))
