"""SHACL validation of the attribution graph against ``ontology/shapes.ttl`` (pyshacl).

The shapes are checked on the union of all graphs (every article graph plus the derived rebuttal graph),
which is what analysts query.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import pyoxigraph
import rdflib
from pyshacl import validate as pyshacl_validate

from kg.ontology import ontology_file

GraphInput = rdflib.Graph | pyoxigraph.Store | Iterable[pyoxigraph.Quad] | bytes | str


@cache
def shapes_graph() -> rdflib.Graph:
    """The shapes, parsed once."""
    return rdflib.Graph().parse(ontology_file("shapes.ttl"), format="turtle")


def _union_of(quads: Iterable[pyoxigraph.Quad]) -> rdflib.Graph:
    triples = {pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads}
    data = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data, format="nt")


def _as_graph(data: GraphInput) -> rdflib.Graph:
    """Any supported input as one rdflib graph (the union of its named graphs)."""
    if isinstance(data, rdflib.Dataset | rdflib.ConjunctiveGraph):
        union = rdflib.Graph()
        for s, p, o, _g in data.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    if isinstance(data, rdflib.Graph):
        return data
    if isinstance(data, bytes | str):
        raw = data.encode("utf-8") if isinstance(data, str) else data
        # N-Quads is a superset of N-Triples
        return _union_of(pyoxigraph.parse(raw, format=pyoxigraph.RdfFormat.N_QUADS))
    return _union_of(data)


def validate(data: GraphInput) -> tuple[bool, str]:
    """Validate ``data`` (an rdflib graph or dataset, a pyoxigraph Store, quads, or an N-Quads /
    N-Triples dump) against the shapes; returns (conforms, report text)."""
    conforms, _report_graph, report_text = pyshacl_validate(
        _as_graph(data),
        shacl_graph=shapes_graph(),
        inference="none",
        advanced=True,
        allow_warnings=False,
    )
    return bool(conforms), str(report_text)
