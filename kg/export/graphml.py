"""GraphML for yEd, Cytoscape and igraph: the same network as the GEXF export, without the timeline.

GraphML has no notion of time, so each edge carries its first and last claim date as attributes.
Written directly with lxml: typed ``<key>`` declarations, no list or null values.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import BinaryIO, TextIO

from lxml import etree

from kg.export.network import EDGE_ATTRIBUTES, NODE_ATTRIBUTES, Network, edge_values
from kg.export.streams import binary_output
from kg.export.xmlout import leaf, xml_text
from kg.graph.records import ClaimRecord

NS = "http://graphml.graphdrawing.org/xmlns"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"
GRAPHML_TYPES = {"string": "string", "uri": "string", "integer": "long", "double": "double"}
# The label and weight keys come first; they are what most tools show and size by.
NODE_KEYS = (("label", "string"), *NODE_ATTRIBUTES)
EDGE_KEYS = (("label", "string"), ("weight", "double"), *EDGE_ATTRIBUTES)


def write_graphml(records: Iterable[ClaimRecord], out: BinaryIO | TextIO) -> None:
    """Write the network of ``records`` as a GraphML document to ``out``."""
    network = Network.from_records(records)
    with binary_output(out) as stream, etree.xmlfile(stream, encoding="utf-8") as xf:
        xf.write_declaration()
        root = {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION}
        with xf.element(_tag("graphml"), root, nsmap={None: NS, "xsi": XSI}):
            xf.write("\n")
            _write_keys(xf)
            with xf.element(_tag("graph"), {"id": "attribution", "edgedefault": "directed"}):
                xf.write("\n")
                _write_nodes(xf, network)
                _write_edges(xf, network)


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def _key_id(domain: str, name: str) -> str:
    return f"{domain[0]}_{name}"


def _write_keys(xf: etree.xmlfile) -> None:
    for domain, keys in (("node", NODE_KEYS), ("edge", EDGE_KEYS)):
        for name, kind in keys:
            attributes = {
                "id": _key_id(domain, name),
                "for": domain,
                "attr.name": name,
                "attr.type": GRAPHML_TYPES[kind],
            }
            leaf(xf, _tag("key"), attributes)
            xf.write("\n")


def _write_nodes(xf: etree.xmlfile, network: Network) -> None:
    for party in network.sorted_nodes():
        values = {"label": party.name or party.iri, **network.node_values(party)}
        with xf.element(_tag("node"), {"id": xml_text(party.iri)}):
            _write_data(xf, "node", values)
        xf.write("\n")


def _write_edges(xf: etree.xmlfile, network: Network) -> None:
    for number, (key, tally) in enumerate(network.sorted_edges()):
        source, target, stance = key
        values = {"label": stance, "weight": float(tally.count), **edge_values(key, tally)}
        attributes = {"id": f"e{number}", "source": xml_text(source), "target": xml_text(target)}
        with xf.element(_tag("edge"), attributes):
            _write_data(xf, "edge", values)
        xf.write("\n")


def _write_data(xf: etree.xmlfile, domain: str, values: dict[str, object]) -> None:
    for name, value in values.items():
        with xf.element(_tag("data"), {"key": _key_id(domain, name)}):
            xf.write(xml_text(value))
