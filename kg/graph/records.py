"""Flat views of the graph that the query layer, the API and the exports read.

The store turns its triples into these records (through the named queries in ``kg/queries``), so that
no consumer needs to know the ontology's shape to list claims.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Filters shared by ``kg export``, ``GET /claims`` and ``GET /export``; ``None`` means any."""

    stance: str | None = None
    topic: str | None = None
    actor: str | None = None  # an actor name (case-insensitive, any alias) or actor IRI
    target: str | None = None  # a target name (case-insensitive, any alias) or target IRI
    article: str | None = None  # an article id
    date_from: str | None = None  # ISO date, inclusive
    date_to: str | None = None  # ISO date, inclusive


@dataclass(frozen=True, slots=True)
class PartyRecord:
    """A claimant or target as the graph knows it."""

    iri: str
    name: str
    type: str  # person | government | organization | group | media | unknown | act
    affiliation: str = ""  # name of the state/organisation it speaks for
    affiliation_iri: str | None = None
    galaxy_uuid: str | None = None
    mitre_id: str | None = None
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One claim with its article's metadata, as stored."""

    iri: str
    article: str  # article id
    actor: PartyRecord
    stance: str
    target: PartyRecord
    topic: str
    claim: str
    evidence: str
    start: int
    end: int
    confidence: float
    negated: bool = False
    reported_via: str | None = None
    date: str | None = None  # the article's ISO date
    url: str | None = None
    title: str | None = None
    rebuts: tuple[str, ...] = ()  # IRIs of the claims this one answers
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
