"""Checks of every export of a real graph (``bench/export.py --validate PATHS``, see its docstring).

Kept out of the test suite because it needs the articles of ``../shared`` and the spaCy pipeline.
"""

from __future__ import annotations

import io
import json
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import networkx as nx
from lxml import etree
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from stix2validator import ValidationOptions, validate_string

from kg.errors import InputError
from kg.export import export
from kg.graph import open_store
from kg.graph.store import Store
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
XSD_CANDIDATES = (
    ROOT.parent / "shared" / "data" / "gexf-1.3" / "gexf.xsd",
    ROOT / "tests/data/gexf-1.3/gexf.xsd",
)


def validate_exports(paths: list[str], store_dir: str | None) -> int:
    """Run every check; print one line each; 0 when all pass."""
    with tempfile.TemporaryDirectory(prefix="kg-export-check-") as scratch:
        store = open_store(Settings(store=store_dir or str(Path(scratch) / "store")))
        try:
            if not store_dir:
                ingest(store, paths)
            stats = store.stats()
            print(
                f"store: {stats['articles']} articles, {stats['claims']} claims, {stats['triples']} triples"
            )
            failures = sum(not run(name, check, store) for name, check in CHECKS)
        finally:
            store.close()
    print("all export checks passed" if not failures else f"{failures} export check(s) FAILED")
    return 1 if failures else 0


def ingest(store: Store, paths: list[str]) -> None:
    from kg.extract import get_extractor
    from kg.ingest.readers import read_paths

    extractor = get_extractor()
    for article in read_paths(paths):
        if isinstance(article, InputError):
            print(f"skipped: {article.message}")
            continue
        store.replace_article(article, extractor.extract(article))


def run(name: str, check: Callable[[Store], str], store: Store) -> bool:
    try:
        detail = check(store)
    except AssertionError as failure:
        print(f"FAIL  {name}: {failure}")
        return False
    print(f"ok    {name}: {detail}")
    return True


def exported(store: Store, fmt: str) -> bytes:
    out = io.BytesIO()
    export(store, fmt, out)
    return out.getvalue()


def network_counts(store: Store) -> tuple[int, int]:
    nodes: set[str] = set()
    edges: set[tuple[str, str, str]] = set()
    for record in store.claims():
        nodes.update((record.actor.iri, record.target.iri))
        edges.add((record.actor.iri, record.target.iri, record.stance))
    return len(nodes), len(edges)


def check_gexf(store: Store) -> str:
    xsd = next(path for path in XSD_CANDIDATES if path.is_file())
    data = exported(store, "gexf")
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    assert schema.validate(etree.fromstring(data)), f"invalid against {xsd}: {schema.error_log}"
    graph = nx.read_gexf(io.BytesIO(data))
    counts = (graph.number_of_nodes(), graph.number_of_edges())
    assert counts == network_counts(store), f"read back {counts}, graph has {network_counts(store)}"
    spells = {(s, t, d["label"]): d.get("spells", []) for s, t, d in graph.edges(data=True)}
    dated = 0
    for record in store.claims():
        if record.date:
            day = date.fromisoformat(record.date[:10])
            ranges = spells[(record.actor.iri, record.target.iri, record.stance)]
            assert any(date.fromisoformat(a) <= day <= date.fromisoformat(b) for a, b in ranges), record.iri
            dated += 1
    return f"valid against {xsd}; {counts[0]} nodes, {counts[1]} edges; spells cover {dated} dated claims"


def check_graphml(store: Store) -> str:
    graph = nx.read_graphml(io.BytesIO(exported(store, "graphml")))
    counts = (graph.number_of_nodes(), graph.number_of_edges())
    assert counts == network_counts(store), f"read back {counts}, graph has {network_counts(store)}"
    return f"{counts[0]} nodes, {counts[1]} edges"


def check_stix(store: Store) -> str:
    text = exported(store, "stix").decode("utf-8")
    result = validate_string(text, ValidationOptions())
    assert result.is_valid, [str(e) for e in result.errors][:5]
    again = exported(store, "stix").decode("utf-8")
    ids = [o["id"] for o in json.loads(text)["objects"]]
    assert ids == [o["id"] for o in json.loads(again)["objects"]], "ids changed between exports"
    warnings = len(result.warnings) if hasattr(result, "warnings") else 0
    return f"{len(ids)} objects, no errors ({warnings} warnings), same ids on re-export: {text == again}"


def store_union(store: Store) -> Graph:
    out = io.BytesIO()
    store.dump(out, "application/n-triples")
    return Graph().parse(data=out.getvalue().decode("utf-8"), format="nt")


def check_turtle(store: Store) -> str:
    reimported = Graph().parse(data=exported(store, "ttl").decode("utf-8"), format="turtle")
    assert isomorphic(reimported, store_union(store)), "Turtle re-import is not isomorphic to the store"
    return f"{len(reimported)} triples, isomorphic"


def check_nquads(store: Store) -> str:
    dataset = Dataset()
    dataset.parse(data=exported(store, "nq").decode("utf-8"), format="nquads")
    union = Graph()
    graphs = 0
    for graph in dataset.graphs():
        graphs += bool(len(graph))
        for triple in graph:
            union.add(triple)
    assert isomorphic(union, store_union(store)), "N-Quads re-import is not isomorphic to the store"
    return f"{graphs} named graphs, union isomorphic"


CHECKS: tuple[tuple[str, Callable[[Store], str]], ...] = (
    ("gexf", check_gexf),
    ("graphml", check_graphml),
    ("stix", check_stix),
    ("ttl", check_turtle),
    ("nq", check_nquads),
)
