"""The network page's graph: the attribution network of the GEXF and GraphML exports
(:class:`kg.export.network.Network` over the filtered claims) as Cytoscape.js elements."""

from __future__ import annotations

from typing import Any

from api.ui.pages import actor_id
from kg.export.network import Network, edge_values
from kg.graph.records import ClaimFilter
from kg.graph.store import Store
from kg.graph.views import load_query


def elements(store: Store, filters: ClaimFilter) -> dict[str, Any]:
    """Nodes (parties) and edges (actor, target, stance) of the claims matching ``filters``."""
    graph = Network.from_records(store.claims(filters))
    nodes = []
    for party in graph.sorted_nodes():
        ident = actor_id(party.iri)
        data = {"id": party.iri, "label": party.name or party.iri, **graph.node_values(party)}
        data["href"] = f"/ui/actors/{ident}" if ident else ""
        nodes.append({"data": data})
    edges = []
    for key, tally in graph.sorted_edges():
        values = edge_values(key, tally)
        edges.append({"data": {"id": "|".join(key), "source": key[0], "target": key[1], **values}})
    return {"nodes": nodes, "edges": edges}


def date_span(store: Store) -> dict[str, str | None]:
    """The first and last article dates, the bounds of the date slider."""
    rows = store.select(load_query("ui_date_span"))
    row = rows[0] if rows else {}
    return {"first": _day(row.get("first")), "last": _day(row.get("last"))}


def _day(value: Any) -> str | None:
    return str(value)[:10] if value else None
