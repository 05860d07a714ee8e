"""The incident layer's data: claims linked to operations, incidents, analyst edits, attribution records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class ClaimFacts:
    """What the incident layer reads of a claim (from an extracted Claim or a stored ClaimRecord)."""

    id: str  # the claim IRI
    article: str
    date: str | None
    actor: str
    actor_type: str
    actor_affiliation: str
    stance: str
    target: str
    target_type: str
    target_affiliation: str
    negated: bool = False
    claim: str = ""
    cue: str = ""
    evidence: str = ""
    start: int = 0
    end: int = 0


@dataclass(frozen=True, slots=True)
class LinkedClaim:
    """A claim and the operation mention it was linked to."""

    claim: ClaimFacts
    key: str  # "op:<uuid or name key>" | "victim:<victim key>"
    name: str
    victim: str = ""
    operation: str | None = None  # galaxy cluster value UUID of a named operation
    surface: str = ""  # the words of the text that referred to the operation
    linked_by: str = "evidence"  # evidence | context | article
    headline_names: tuple[str, ...] = ()  # an article subject's proper names


@dataclass(frozen=True, slots=True)
class Edit:
    """An analyst's correction: ``merge`` the incidents holding ``claims``, or ``split`` them off."""

    id: str
    action: str  # "merge" | "split"
    claims: tuple[str, ...]  # claim IRIs
    by: str  # who (an API key's label)
    at: str  # ISO timestamp
    note: str = ""
    name: str = ""  # the name a split-off incident takes


@dataclass(frozen=True, slots=True)
class Incident:
    """Claims from one or more articles about one operation."""

    id: str
    name: str
    kind: str  # "incident" | "campaign" (the STIX object it maps to)
    aliases: tuple[str, ...]
    victims: tuple[str, ...]
    galaxy_uuid: str | None
    first_reported: str | None
    last_reported: str | None
    articles: tuple[str, ...]
    claims: tuple[LinkedClaim, ...]
    merged_because: tuple[str, ...] = ()
    edits: tuple[str, ...] = ()  # ids of the analyst edits that shaped it


@dataclass(frozen=True, slots=True)
class Party:
    """One side of an attribution: who said it, or whom it is about."""

    name: str
    type: str
    affiliation: str = ""


@dataclass(frozen=True, slots=True)
class RecordEntry:
    """One act of the attribution record: who did what to whom, when, and the claim it rests on."""

    act: str  # accused | denied | acknowledged | sanctioned | indicted | disputed
    by: Party
    about: Party
    date: str | None
    claim: str  # claim IRI
    evidence: str
    answers: tuple[str, ...] = ()  # claim IRIs of the accusations a denial answers


@dataclass(frozen=True, slots=True)
class AttributionRecord:
    """Who accused whom and when, who denied, who acknowledged, and the status that follows."""

    status: str  # unattributed | attributed | contested | acknowledged | settled
    because: str
    entries: tuple[RecordEntry, ...]
    status_claims: tuple[str, ...] = ()  # the claims the status rests on
    accused: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)
