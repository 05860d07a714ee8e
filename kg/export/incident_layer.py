"""The optional incident layer of the network exports: incidents as nodes, tied to the parties.

Each incident is a node (type ``incident``) that appears on the timeline the day it was first claimed
about (a node spell open at its end); each party that made a claim about it gets an edge to it, one per
stance (``accuse``, ``deny``, ``acknowledge`` ...), dated by those claims, and each party accused in it
an ``attributed-to`` edge from it. Edges only join parties that are nodes of the exported network.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.graph.vocab import actor_iri
from kg.incidents.graph import incident_iri
from kg.incidents.model import Incident
from kg.incidents.record import attribution_record

INCIDENT_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("status", "string"),
    ("first_reported", "string"),
    ("last_reported", "string"),
    ("victims", "string"),
)
ATTRIBUTED_TO = "attributed-to"


@dataclass(frozen=True, slots=True)
class IncidentNode:
    iri: str
    label: str
    values: dict[str, str]
    start: dt.date | None


@dataclass
class LayerEdge:
    source: str
    target: str
    kind: str
    days: set[int] = field(default_factory=set)
    count: int = 0


@dataclass
class IncidentLayer:
    nodes: list[IncidentNode] = field(default_factory=list)
    edges: list[LayerEdge] = field(default_factory=list)


def _day(value: str | None) -> int | None:
    try:
        return dt.date.fromisoformat(value[:10]).toordinal() if value else None
    except ValueError:
        return None


def build_layer(incidents: Iterable[Incident], party_iris: set[str]) -> IncidentLayer:
    """The nodes and edges of ``incidents``; edges only to parties among ``party_iris``."""
    layer = IncidentLayer()
    for incident in incidents:
        iri = incident_iri(incident.id).value
        record = attribution_record(incident)
        values = {
            "type": "incident",
            "aliases": "; ".join(incident.aliases),
            "galaxy_uuid": incident.galaxy_uuid or "",
            "status": record.status,
            "first_reported": incident.first_reported or "",
            "last_reported": incident.last_reported or "",
            "victims": "; ".join(incident.victims),
        }
        first = _day(incident.first_reported)
        start = dt.date.fromordinal(first) if first else None
        layer.nodes.append(IncidentNode(iri, incident.name, {k: v for k, v in values.items() if v}, start))
        edges: dict[tuple[str, str, str], LayerEdge] = {}
        for linked in incident.claims:
            c = linked.claim
            if c.negated:
                continue
            pairs = [(actor_iri(c.actor).value, iri, c.stance)]
            if c.stance == "accuse":
                pairs.append((iri, actor_iri(c.target).value, ATTRIBUTED_TO))
            for source, target, kind in pairs:
                if (source if target == iri else target) not in party_iris:
                    continue
                edge = edges.setdefault((source, target, kind), LayerEdge(source, target, kind))
                edge.count += 1
                day = _day(c.date)
                if day:
                    edge.days.add(day)
        layer.edges.extend(edges[k] for k in sorted(edges))
    return layer
