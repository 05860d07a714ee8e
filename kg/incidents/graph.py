"""Incidents in the RDF graph: mentions in each article graph, incidents in a derived graph, edits.

* Each linked claim of an article gets ``<claim> akg:incidentMention <claim/incident>``, a node
  holding the mention's key, name, victim, galaxy UUID, words and how it was linked. These quads are in
  the article's own graph (written with it by :func:`kg.graph.payload.prepare`, removed with it).
* :func:`refresh_incidents` clusters every stored mention (with the analysts' edits) and rewrites the
  derived graph ``graph/derived-incidents``: one ``akg:Incident`` (also ``schema:Event``) per incident,
  its names, victims, first and last reported dates, status, ``akg:mergedBecause`` and
  ``<claim> akg:aboutIncident <incident>``.
* Analysts' edits are ``akg:IncidentEdit`` activities (PROV-O: who, when) in ``graph/incident-edits``,
  which a refresh reads and never rewrites.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad

from kg.graph.payload import triples_text
from kg.graph.views import load_query
from kg.graph.vocab import (
    DERIVED_INCIDENTS_GRAPH,
    ID,
    INCIDENT_EDITS_GRAPH,
    PROV,
    RDF_TYPE,
    RDFS,
    RDFS_LABEL,
    SCHEMA,
    SKOS_ALT_LABEL,
    actor_iri,
    akg,
    article_iri,
    claim_iri,
    iso_date,
    n,
    typed,
)
from kg.incidents.link import link_claims
from kg.incidents.model import ClaimFacts, Edit, Incident, LinkedClaim
from kg.models import Article, Claim

_MENTION, _INCIDENT_CLASS, _EDIT_CLASS = akg("IncidentMention"), akg("Incident"), akg("IncidentEdit")
_HAS_MENTION, _KEY, _VICTIM_NAME = akg("incidentMention"), akg("incidentKey"), akg("victimName")
_GALAXY, _TEXT, _LINKED_BY = akg("mispGalaxyUuid"), akg("mentionText"), akg("linkedBy")
_HEADLINE_NAMES = akg("headlineNames")
_MENTION_NAME = akg("mentionName")  # not rdfs:label: a mention is no party for name lookups to find
STATUS = "https://w3id.org/attribution-kg/status/"


def incident_iri(incident_id: str) -> NamedNode:
    return NamedNode(f"{ID}incident/{incident_id}")


def edit_iri(edit_id: str) -> NamedNode:
    return NamedNode(f"{ID}incident-edit/{edit_id}")


def mention_quads(article: Article, claims: Sequence[Claim], graph: NamedNode) -> list[Quad]:
    """The incident mention of every linked claim of ``article``, in the article's graph."""
    quads: list[Quad] = []
    seen: set[str] = set()
    for claim, link in zip(claims, link_claims(article, claims), strict=True):
        c = claim_iri(article.id, claim.start, claim.end, claim.actor, claim.stance, claim.target)
        if link is None or c.value in seen:  # two claims with one IRI are one claim (as in kg.graph.rdf)
            continue
        seen.add(c.value)
        m = NamedNode(c.value + "/incident")
        mention = link.mention
        quads += [
            Quad(c, _HAS_MENTION, m, graph),
            Quad(m, RDF_TYPE, _MENTION, graph),
            Quad(m, _KEY, Literal(link.key), graph),
            Quad(m, _MENTION_NAME, Literal(mention.name), graph),
            Quad(m, _TEXT, Literal(mention.surface), graph),
            Quad(m, _LINKED_BY, Literal(link.linked_by), graph),
        ]
        if mention.victim:
            quads.append(Quad(m, _VICTIM_NAME, Literal(mention.victim), graph))
        if mention.operation is not None and mention.operation.uuid:
            quads.append(Quad(m, _GALAXY, Literal(mention.operation.uuid), graph))
        if mention.headline_names:
            quads.append(Quad(m, _HEADLINE_NAMES, Literal(" ".join(mention.headline_names)), graph))
    return quads


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def linked_from_row(row: dict[str, Any]) -> LinkedClaim:
    facts = ClaimFacts(
        id=_text(row, "claim"),
        article=_text(row, "articleId"),
        date=iso_date(_text(row, "date")) or None,
        actor=_text(row, "actorName"),
        actor_type=_text(row, "actorType") or "unknown",
        actor_affiliation=_text(row, "actorAffiliation"),
        stance=_text(row, "stanceId"),
        target=_text(row, "targetName"),
        target_type=_text(row, "targetType") or "unknown",
        target_affiliation=_text(row, "targetAffiliation"),
        negated=bool(row.get("negated")),
        claim=_text(row, "claimText"),
        cue=_text(row, "cue"),
        evidence=_text(row, "evidence"),
        start=int(row.get("start") or 0),
        end=int(row.get("end") or 0),
    )
    return LinkedClaim(
        claim=facts,
        key=_text(row, "key"),
        name=_text(row, "name"),
        victim=_text(row, "victim"),
        operation=_text(row, "galaxy") or None,
        surface=_text(row, "surface"),
        linked_by=_text(row, "linkedBy") or "evidence",
        headline_names=tuple(_text(row, "headlineNames").split()),
    )


def stored_links(store: Any) -> list[LinkedClaim]:
    """Every linked claim in the store."""
    return [linked_from_row(row) for row in store.select(load_query("incident_links"))]


def stored_edits(store: Any) -> list[Edit]:
    """The analysts' edits, oldest first."""
    claims: dict[str, list[str]] = defaultdict(list)
    rows: dict[str, dict[str, Any]] = {}
    for row in store.select(load_query("incident_edits")):
        ident = _text(row, "edit").rsplit("/", 1)[-1]
        rows.setdefault(ident, row)
        claims[ident].append(_text(row, "claim"))
    return [
        Edit(
            id=ident,
            action=_text(row, "action"),
            claims=tuple(dict.fromkeys(claims[ident])),
            by=_text(row, "by"),
            at=_text(row, "at"),
            note=_text(row, "note"),
            name=_text(row, "name"),
        )
        for ident, row in rows.items()
    ]


def edit_quads(edit: Edit) -> list[Quad]:
    graph = NamedNode(INCIDENT_EDITS_GRAPH)
    e, agent = edit_iri(edit.id), NamedNode(f"{ID}agent/analyst/{edit.by}")
    quads = [
        Quad(e, RDF_TYPE, _EDIT_CLASS, graph),
        Quad(e, RDF_TYPE, n(PROV + "Activity"), graph),
        Quad(e, akg("editAction"), Literal(edit.action), graph),
        Quad(e, n(PROV + "wasAssociatedWith"), agent, graph),
        Quad(agent, RDF_TYPE, n(PROV + "Agent"), graph),
        Quad(agent, RDFS_LABEL, Literal(edit.by), graph),
        Quad(e, n(PROV + "endedAtTime"), typed(edit.at, "dateTime"), graph),
        *(Quad(e, akg("editClaim"), NamedNode(c), graph) for c in edit.claims),
    ]
    if edit.note:
        quads.append(Quad(e, n(RDFS + "comment"), Literal(edit.note), graph))
    if edit.name:
        quads.append(Quad(e, akg("incidentName"), Literal(edit.name), graph))
    return quads


def add_edit(store: Any, edit: Edit) -> None:
    """Store an analyst's edit (one update; the caller refreshes the incidents after it)."""
    store.update(f"INSERT DATA {{ GRAPH <{INCIDENT_EDITS_GRAPH}> {{\n{triples_text(edit_quads(edit))}\n}} }}")


def incident_quads(incident: Incident, status: str) -> list[Quad]:
    """The derived description of one incident."""
    graph = NamedNode(DERIVED_INCIDENTS_GRAPH)
    i = incident_iri(incident.id)
    quads = [
        Quad(i, RDF_TYPE, _INCIDENT_CLASS, graph),
        Quad(i, RDF_TYPE, n(SCHEMA + "Event"), graph),
        Quad(i, RDFS_LABEL, Literal(incident.name), graph),
        Quad(i, akg("stixType"), Literal(incident.kind), graph),
        Quad(i, akg("attributionStatus"), NamedNode(STATUS + status), graph),
        *(Quad(i, SKOS_ALT_LABEL, Literal(a), graph) for a in incident.aliases),
        *(Quad(i, akg("mergedBecause"), Literal(r), graph) for r in incident.merged_because),
        *(Quad(i, n(PROV + "wasDerivedFrom"), article_iri(a), graph) for a in incident.articles),
    ]
    for victim in incident.victims:
        v = actor_iri(victim)
        quads += [Quad(i, akg("victim"), v, graph), Quad(i, _VICTIM_NAME, Literal(victim), graph)]
    if incident.galaxy_uuid:
        quads.append(Quad(i, _GALAXY, Literal(incident.galaxy_uuid), graph))
    for prop, value in (("firstReported", incident.first_reported), ("lastReported", incident.last_reported)):
        if value:
            quads.append(Quad(i, akg(prop), typed(value[:10], "date"), graph))
    for linked in incident.claims:
        c = NamedNode(linked.claim.id)
        quads += [Quad(c, akg("aboutIncident"), i, graph), Quad(i, akg("hasClaim"), c, graph)]
    return quads
