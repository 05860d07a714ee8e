"""GEXF with the incident layer: incidents as nodes with spells from the day first claimed about; the
document still validates against the GEXF 1.3 schema and networkx reads it."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from kg.export import export
from kg.graph import open_store
from kg.graph.importer import import_claims
from kg.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, where the incidents package is
from incidents.incident_fixture import build

XSD = Path(__file__).resolve().parents[1] / "data" / "gexf-1.3" / "gexf.xsd"
GEXF = "{http://gexf.net/1.3}"


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[bool, bytes]:
    lines = []
    for item in build():
        a = item.article
        lines.append({"id": a.id, "text": a.text, "date": a.date, "title": a.title})
        lines.extend(c.to_dict() for c, _ in item.claims)
    store = open_store(Settings(store=str(tmp_path_factory.mktemp("gexf-incidents") / "store")))
    try:
        import_claims(store, "".join(json.dumps(line) + "\n" for line in lines), "fixture")
        out = {}
        for layer in (False, True):
            buffer = io.BytesIO()
            export(store, "gexf", buffer, incidents=layer)
            out[layer] = buffer.getvalue()
    finally:
        store.close()
    return out


@pytest.mark.parametrize("layer", [False, True])
def test_validates(documents, layer):
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    assert schema.validate(etree.fromstring(documents[layer])), schema.error_log


def test_incident_nodes_appear_when_first_claimed_about(documents):
    root = etree.fromstring(documents[True])
    nodes = {n.get("label"): n for n in root.iter(f"{GEXF}node")}
    wannacry = nodes["WannaCry"]
    spells = [s.attrib for s in wannacry.iter(f"{GEXF}spell")]
    assert spells == [{"start": "2017-05-13"}]
    values = {v.get("for"): v.get("value") for v in wannacry.iter(f"{GEXF}attvalue")}
    assert values["type"] == "incident" and values["status"] == "contested"
    plain = etree.fromstring(documents[False])
    assert "WannaCry" not in {n.get("label") for n in plain.iter(f"{GEXF}node")}


def test_layer_edges_and_counts(documents):
    graph = nx.read_gexf(io.BytesIO(documents[True]))
    wannacry = "https://w3id.org/attribution-kg/id/incident/wannacry"
    kinds = {(graph.nodes[u]["label"], d["label"]) for u, _, d in graph.in_edges(wannacry, data=True)}
    assert ("North Korea", "deny") in kinds
    assert {graph.nodes[v]["label"] for _, v, d in graph.out_edges(wannacry, data=True)
            if d["label"] == "attributed-to"} == {"North Korea"}  # fmt: skip
    root = etree.fromstring(documents[True])
    for tag in ("nodes", "edges"):
        element = next(root.iter(f"{GEXF}{tag}"))
        assert int(element.get("count")) == len(element)
