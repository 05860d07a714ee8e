"""GEXF 1.3 for Gephi, written directly with lxml so that the document validates against the schema.

The graph is dynamic (``mode="dynamic"``, ``timeformat="date"``): each edge carries spells covering the
dates of its claims (consecutive days merged), so Gephi's timeline plays the network over time. Claims
without a date still count in the edge weight; an edge with no dated claim has no spell and is present
all along. Nodes are static. Colours are ``<color>`` elements in the GEXF namespace, the place the
GEXF 1.3 schema declares them (Gephi matches them by local name).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, BinaryIO, TextIO

from lxml import etree

from kg.export.incident_layer import INCIDENT_ATTRIBUTES, IncidentLayer, build_layer
from kg.export.network import (
    EDGE_ATTRIBUTES,
    NODE_ATTRIBUTES,
    EdgeKey,
    EdgeTally,
    Network,
    day_intervals,
    edge_values,
)
from kg.export.streams import binary_output
from kg.export.xmlout import leaf, xml_text
from kg.graph.records import ClaimRecord, PartyRecord

if TYPE_CHECKING:
    from kg.incidents.model import Incident

NS = "http://gexf.net/1.3"
SCHEMA_LOCATION = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
GEXF_TYPES = {"string": "string", "uri": "anyURI", "integer": "integer", "double": "double"}

NODE_COLORS: dict[str, tuple[int, int, int]] = {
    "government": (214, 39, 40),
    "person": (31, 119, 180),
    "organization": (44, 160, 44),
    "group": (148, 103, 189),
    "media": (255, 127, 14),
    "act": (140, 86, 75),
    "unknown": (127, 127, 127),
    "incident": (23, 190, 207),
}
EDGE_COLORS: dict[str, tuple[int, int, int]] = {
    "accuse": (214, 39, 40),
    "deny": (31, 119, 180),
    "condemn": (255, 127, 14),
    "acknowledge": (148, 103, 189),
    "warn": (188, 189, 34),
    "pledge": (44, 160, 44),
    "assert": (127, 127, 127),
    "attributed-to": (214, 39, 40),
}
DEFAULT_COLOR = (127, 127, 127)


def write_gexf(
    records: Iterable[ClaimRecord],
    out: BinaryIO | TextIO,
    *,
    description: str = "",
    incidents: Sequence[Incident] = (),
) -> None:
    """Write the network of ``records`` as a GEXF 1.3 document to ``out``; with ``incidents``, the
    incident layer too (kg.export.incident_layer)."""
    network = Network.from_records(records)
    layer = build_layer(incidents, set(network.nodes))
    with binary_output(out) as stream, etree.xmlfile(stream, encoding="utf-8") as xf:
        xf.write_declaration()
        root = {f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION, "version": "1.3"}
        with xf.element(_tag("gexf"), root, nsmap={None: NS, "xsi": XSI}):
            _write_meta(xf, description)
            with xf.element(_tag("graph"), _graph_attributes(network)):
                _write_declarations(xf, bool(layer.nodes))
                _write_nodes(xf, network, layer)
                _write_edges(xf, network, layer)


def _tag(name: str) -> str:
    return f"{{{NS}}}{name}"


def _write_meta(xf: etree.xmlfile, description: str) -> None:
    # No lastmodifieddate: repeated exports of the same graph must be byte-identical.
    with xf.element(_tag("meta")):
        with xf.element(_tag("creator")):
            xf.write("attribution-kg")
        with xf.element(_tag("description")):
            xf.write(xml_text(description or "Who accused or denied whom of which cyber operation"))
    xf.write("\n")


def _graph_attributes(network: Network) -> dict[str, str]:
    attributes = {
        "mode": "dynamic",
        "timeformat": "date",
        "timerepresentation": "interval",
        "defaultedgetype": "directed",
        "idtype": "string",
    }
    span = network.date_range()
    if span:
        attributes["start"], attributes["end"] = span[0].isoformat(), span[1].isoformat()
    return attributes


def _write_declarations(xf: etree.xmlfile, incidents: bool) -> None:
    nodes = (*NODE_ATTRIBUTES, *INCIDENT_ATTRIBUTES) if incidents else NODE_ATTRIBUTES
    for klass, declared in (("node", nodes), ("edge", EDGE_ATTRIBUTES)):
        with xf.element(_tag("attributes"), {"class": klass, "mode": "static"}):
            for name, kind in declared:
                leaf(xf, _tag("attribute"), {"id": name, "title": name, "type": GEXF_TYPES[kind]})
        xf.write("\n")


def _write_nodes(xf: etree.xmlfile, network: Network, layer: IncidentLayer) -> None:
    with xf.element(_tag("nodes"), {"count": str(len(network.nodes) + len(layer.nodes))}):
        xf.write("\n")
        for party in network.sorted_nodes():
            _write_node(xf, party, network)
            xf.write("\n")
        for node in layer.nodes:
            with xf.element(_tag("node"), {"id": xml_text(node.iri), "label": xml_text(node.label)}):
                _write_attvalues(xf, node.values)
                _write_color(xf, NODE_COLORS["incident"])
                if node.start:  # on the timeline from the day it was first claimed about, for good
                    with xf.element(_tag("spells")):
                        leaf(xf, _tag("spell"), {"start": node.start.isoformat()})
            xf.write("\n")


def _write_node(xf: etree.xmlfile, party: PartyRecord, network: Network) -> None:
    with xf.element(_tag("node"), {"id": xml_text(party.iri), "label": xml_text(party.name or party.iri)}):
        _write_attvalues(xf, network.node_values(party))
        _write_color(xf, NODE_COLORS.get(party.type, DEFAULT_COLOR))


def _write_edges(xf: etree.xmlfile, network: Network, layer: IncidentLayer) -> None:
    with xf.element(_tag("edges"), {"count": str(len(network.edges) + len(layer.edges))}):
        xf.write("\n")
        for number, (key, tally) in enumerate(network.sorted_edges()):
            _write_edge(xf, number, key, tally)
            xf.write("\n")
        for number, edge in enumerate(layer.edges, start=len(network.edges)):
            attributes = {"id": f"e{number}", "source": xml_text(edge.source), "target": xml_text(edge.target),
                          "label": edge.kind, "kind": edge.kind, "weight": str(edge.count)}  # fmt: skip
            with xf.element(_tag("edge"), attributes):
                _write_attvalues(xf, {"stance": edge.kind, "claims": edge.count})
                _write_color(xf, EDGE_COLORS.get(edge.kind, DEFAULT_COLOR))
                if edge.days:
                    with xf.element(_tag("spells")):
                        for start, end in day_intervals(sorted(edge.days)):
                            leaf(xf, _tag("spell"), {"start": start.isoformat(), "end": end.isoformat()})
            xf.write("\n")


def _write_edge(xf: etree.xmlfile, number: int, key: EdgeKey, tally: EdgeTally) -> None:
    source, target, stance = key
    attributes = {
        "id": f"e{number}",
        "source": xml_text(source),
        "target": xml_text(target),
        "label": stance,
        "kind": stance,
        "weight": str(tally.count),
    }
    with xf.element(_tag("edge"), attributes):
        _write_attvalues(xf, edge_values(key, tally))
        _write_color(xf, EDGE_COLORS.get(stance, DEFAULT_COLOR))
        if tally.days:
            with xf.element(_tag("spells")):
                for start, end in day_intervals(tally.days):
                    leaf(xf, _tag("spell"), {"start": start.isoformat(), "end": end.isoformat()})


def _write_attvalues(xf: etree.xmlfile, values: dict[str, object]) -> None:
    if not values:
        return
    with xf.element(_tag("attvalues")):
        for name, value in values.items():
            leaf(xf, _tag("attvalue"), {"for": name, "value": value})


def _write_color(xf: etree.xmlfile, rgb: tuple[int, int, int]) -> None:
    leaf(xf, _tag("color"), {"r": rgb[0], "g": rgb[1], "b": rgb[2]})
