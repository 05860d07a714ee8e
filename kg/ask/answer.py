"""What a question gets back: rows (one per actor, or per target) each with the claims behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.ask.query import StructuredQuery


@dataclass(frozen=True, slots=True)
class FoundClaim:
    """One claim as an answer shows it, with its provenance."""

    iri: str
    actor: str
    actor_iri: str
    actor_type: str
    affiliation: str
    stance: str
    target: str
    target_iri: str
    target_type: str
    target_state: bool
    target_affiliation: str
    topic: str
    claim: str
    evidence: str
    article: str
    date: str | None
    title: str | None
    start: int
    end: int
    confidence: float
    negated: bool = False
    rebuts: tuple[str, ...] = ()  # IRIs of the accusations this claim answers
    rebutted: tuple[dict[str, Any], ...] = ()  # those accusations, when the question is about rebuttals
    score: float = 1.0  # how well it meets the question's soft preferences (kg.ask.rank), 0..1
    why: tuple[str, ...] = ()  # the preferences it meets ("topic matches", "incident named")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "actor": self.actor,
            "affiliation": self.affiliation,
            "stance": self.stance,
            "target": self.target,
            "topic": self.topic,
            "claim": self.claim,
            "evidence": self.evidence,
            "article": self.article,
            "date": self.date,
            "start": self.start,
            "end": self.end,
            "confidence": self.confidence,
            "iri": self.iri,
            "score": self.score,
            "why": list(self.why),
        }
        if self.negated:
            data["negated"] = True
        if self.rebutted:
            data["rebuts"] = [dict(r) for r in self.rebutted]
        return data


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One party of the answer and the claims that make it one."""

    name: str
    type: str
    affiliation: str
    iri: str
    claims: tuple[FoundClaim, ...]
    mentions: tuple[str, ...] = ()  # other names of the party that its claims' evidence uses
    more_claims: int = 0  # claims of the party beyond those shown (engine.MAX_CLAIMS_PER_ANSWER)
    score: float = 1.0  # the best score of its claims (kg.ask.rank)
    why: tuple[str, ...] = ()  # the reasons of its best claim
    top: bool = True  # in the answer's top group (the best score): what ``Answer.names`` reads
    speaks_for: str = ""  # the state or body a spokesperson's claims speak for (its affiliation)
    status: str | None = None  # an incident row's attribution status

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "affiliation": self.affiliation,
            "iri": self.iri,
            "mentions": list(self.mentions),
            "score": self.score,
            "why": list(self.why),
            "top": self.top,
            "claims": [c.to_dict() for c in self.claims],
        }
        if self.speaks_for:
            data["speaks_for"] = self.speaks_for
        if self.more_claims:
            data["more_claims"] = self.more_claims
        if self.status:
            data["status"] = self.status
        return data


@dataclass(frozen=True, slots=True)
class Answer:
    """The answer to one question, with everything needed to check it: the structured query, the SPARQL
    that ran and the values bound in each run, and how names in the question were resolved."""

    question: str
    query: StructuredQuery
    sparql: str
    answers: tuple[AnswerRow, ...]
    bindings: tuple[dict[str, str], ...] = ()
    resolved: dict[str, list[str]] = field(default_factory=dict)
    note: str | None = None
    truncated: bool = False  # more claims matched than were fetched (lookup.FETCH_CAP)
    corrected: dict[str, str] = field(default_factory=dict)  # misspelt word or name -> what was read

    @property
    def top(self) -> tuple[AnswerRow, ...]:
        """The rows of the best score: the answer proper (the others are ranked below it)."""
        return tuple(row for row in self.answers if row.top)

    @property
    def names(self) -> list[str]:
        """The names of the top group."""
        return [row.name for row in self.top]

    @property
    def all_names(self) -> list[str]:
        """Every row's name, best first."""
        return [row.name for row in self.answers]

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "question": self.question,
            "query": self.query.to_dict(),
            "sparql": self.sparql,
            "bindings": [dict(b) for b in self.bindings],
            "resolved": {k: list(v) for k, v in self.resolved.items()},
            "answers": [row.to_dict() for row in self.answers],
        }
        if self.corrected:
            data["corrected"] = dict(self.corrected)
        if self.note:
            data["note"] = self.note
        if self.truncated:
            data["truncated"] = True
        return data
