"""The structured form of a question: what the parser understood, before any graph is consulted."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

from kg.ask.timing import TimeSpec

Wanted = Literal["actors", "targets", "claims", "rebuttals", "incidents", "status"]


@dataclass(frozen=True, slots=True)
class StructuredQuery:
    """A question as data.

        ``wanted`` says what one answer row is: the claimants (``actors``), the parties claimed about
        (``targets``), one actor's statements (``claims``), rebutting/rebutted pairs (``rebuttals``), incidents
    (``incidents``) or one incident's attribution status (``status``).
        ``actor`` and ``target`` are phrases as the analyst wrote them; they are matched against the
        graph's labels and aliases when the query runs. ``terms`` describe the incident ("the Atlanta
        ransomware attack") and ``topics`` the kind of operation; both are preferences, not hard filters.
    """

    question: str
    shape: str  # the name of the question pattern that matched
    wanted: Wanted
    stances: tuple[str, ...] = ()  # empty: any stance
    actor: str | None = None
    target: str | None = None
    also_targets: tuple[str, ...] = ()  # parties named with the target ("APT10 was based in China")
    topics: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    actor_type: str | None = None  # "state" or an actor type (person, government, group ...)
    target_type: str | None = None
    evidence_stems: tuple[str, ...] = ()  # word stems the evidence should carry ("indict", "sanction")
    rebuts: bool = False  # the stance is a rebuttal of the target's claims
    negated: bool = False  # "who did not deny ...": answered by claims stated as negated
    preferred_stances: tuple[str, ...] = ()  # a clause's stance ("had nothing to do with"): a preference
    own_part: bool = False  # "who denied involvement in ...": their own part is asked about
    time: TimeSpec | None = None  # "in 2017", "before the sanctions": a preference (kg.ask.rank)
    corrected: tuple[tuple[str, str], ...] = ()  # misspelt words of the question -> the words read
    year: int | None = None  # the year an incidents question asks about ("in 2017")

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["time"] = self.time.to_dict() if self.time else None
        data["corrected"] = dict(self.corrected)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in data.items()}
