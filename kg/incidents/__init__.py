"""Incidents: claims about the same operation, across articles, with their attribution record.

The stage has one entry function, :func:`link_incidents`: articles with their claims in, incidents out
(each claim linked to the operation its text names or describes, :mod:`kg.incidents.link`; claims about
one operation across articles clustered, :mod:`kg.incidents.cluster`). In the store the same steps run
in two halves: each article's links are written with the article (:mod:`kg.incidents.graph`), and
:func:`refresh_incidents` clusters the stored links after every write. :func:`attribution_record` gives
an incident's record and status.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from kg.incidents.cluster import cluster_incidents
from kg.incidents.model import AttributionRecord, ClaimFacts, Edit, Incident, LinkedClaim
from kg.incidents.record import attribution_record
from kg.models import Article, Claim


def claim_facts(article: Article, claim: Claim) -> ClaimFacts:
    """What the incident layer reads of an extracted claim."""
    from kg.graph.vocab import claim_iri

    iri = claim_iri(article.id, claim.start, claim.end, claim.actor, claim.stance, claim.target).value
    return ClaimFacts(
        id=iri,
        article=article.id,
        date=article.date,
        actor=claim.actor,
        actor_type=claim.actor_type,
        actor_affiliation=claim.affiliation,
        stance=claim.stance,
        target=claim.target,
        target_type=claim.target_type,
        target_affiliation=claim.target_affiliation,
        negated=claim.negated,
        claim=claim.claim,
        cue=claim.cue,
        evidence=claim.evidence,
        start=claim.start,
        end=claim.end,
    )


def linked_claims(article: Article, claims: Sequence[Claim]) -> list[LinkedClaim]:
    """The claims of one article that are about an operation, each with its mention."""
    from kg.incidents.link import link_claims

    out = []
    for claim, link in zip(claims, link_claims(article, claims), strict=True):
        if link is None:
            continue
        m = link.mention
        out.append(
            LinkedClaim(
                claim=claim_facts(article, claim),
                key=link.key,
                name=m.name,
                victim=m.victim,
                operation=(m.operation.uuid or None) if m.operation else None,
                surface=m.surface,
                linked_by=link.linked_by,
                headline_names=m.headline_names,
            )
        )
    return out


def link_incidents(
    items: Iterable[tuple[Article, Sequence[Claim]]], edits: Sequence[Edit] = ()
) -> list[Incident]:
    """The incident stage: the incidents that articles' claims are about."""
    linked = [lc for article, claims in items for lc in linked_claims(article, claims)]
    return cluster_incidents(linked, edits)


def incidents_in_store(store: Any) -> list[Incident]:
    """The incidents of the stored claims, with the analysts' edits applied."""
    from kg.incidents.graph import stored_edits, stored_links

    return cluster_incidents(stored_links(store), stored_edits(store))


def refresh_incidents(store: Any) -> list[Incident]:
    """Recompute the derived incidents graph from the stored mentions and edits; the incidents."""
    from kg.graph.payload import triples_text
    from kg.graph.vocab import DERIVED_INCIDENTS_GRAPH
    from kg.incidents.graph import incident_quads

    incidents = incidents_in_store(store)
    quads = [q for inc in incidents for q in incident_quads(inc, attribution_record(inc).status)]
    update = f"DROP SILENT GRAPH <{DERIVED_INCIDENTS_GRAPH}>"
    if quads:
        update += f" ;\nINSERT DATA {{ GRAPH <{DERIVED_INCIDENTS_GRAPH}> {{\n{triples_text(quads)}\n}} }}"
    store.update(update)
    return incidents


__all__ = [
    "AttributionRecord",
    "Edit",
    "Incident",
    "attribution_record",
    "incidents_in_store",
    "link_incidents",
    "linked_claims",
    "refresh_incidents",
]
