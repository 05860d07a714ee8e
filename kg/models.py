"""The data that flows through the pipeline: Article -> Sentence -> Claim.

Frozen dataclasses mirroring ``CLAIMS.md``. A claim never exists without its provenance
(article id and character offsets of its evidence in the article text as ingested).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, get_args

# Each vocabulary is written once, as a Literal type (the API's OpenAPI schema lists its values), and
# read as a tuple elsewhere.
Stance = Literal["accuse", "deny", "condemn", "acknowledge", "warn", "pledge", "assert"]
STANCES: tuple[str, ...] = get_args(Stance)

ActorType = Literal["person", "government", "organization", "group", "media", "unknown"]
ACTOR_TYPES: tuple[str, ...] = get_args(ActorType)

Topic = Literal[
    "state-sponsorship",
    "cyber-espionage",
    "cyber-attack",
    "hacking",
    "data-breach",
    "ransomware",
    "disinformation",
    "norms",
    "other",
]
TOPICS: tuple[str, ...] = get_args(Topic)


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``text`` is the text as ingested: every offset points into it."""

    id: str
    text: str
    source: str = ""
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    url: str | None = None
    title: str | None = None
    publisher: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A span of an article's text; ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A resolved party: a claimant or a target."""

    name: str
    type: str = "unknown"  # an ActorType, or "act" for a target that is an act or practice
    affiliation: str = ""
    aliases: tuple[str, ...] = ()
    galaxy_uuid: str | None = None  # MISP galaxy cluster UUID
    mitre_id: str | None = None  # ATT&CK id (G0007 ...)
    wikidata: str | None = None  # Q-id


@dataclass(frozen=True, slots=True)
class Claim:
    """An attributed act of communication, as CLAIMS.md defines it."""

    article: str
    actor: str
    actor_type: str
    affiliation: str
    stance: str
    target: str
    topic: str
    claim: str
    evidence: str
    start: int
    end: int
    confidence: float
    negated: bool = False
    reported_via: str | None = None
    target_type: str = "unknown"
    target_affiliation: str = ""
    actor_galaxy: str | None = None
    target_galaxy: str | None = None
    cue: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict[str, Any]:
        """The JSON Lines record of the output contract (``None`` fields dropped)."""
        data = asdict(self)
        extra = data.pop("extra") or {}
        data.update(extra)
        return {k: v for k, v in data.items() if v is not None}
