"""The attribution network of a claim stream: parties are nodes, (actor, target, stance) are edges.

Only what a network format needs is kept — one record per party, one tally per edge (claim count,
topics, confidence sum, the days it was claimed) — never the claims themselves, so memory grows with the
size of the network, not with the number of claims. GEXF and GraphML both render this structure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from kg.graph.records import ClaimRecord, PartyRecord

ALIAS_SEPARATOR = "; "  # formats without list values get aliases joined with this

ACTOR_ROLE = 1
TARGET_ROLE = 2
ROLE_NAMES = {ACTOR_ROLE: "claimant", TARGET_ROLE: "target", ACTOR_ROLE | TARGET_ROLE: "claimant+target"}

# (attribute id, value type) of node and edge attributes, in output order. Value types are the portable
# ones: "string", "uri", "integer", "double"; each writer maps them to its own type names.
NODE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("type", "string"),
    ("role", "string"),
    ("affiliation", "string"),
    ("affiliation_iri", "uri"),
    ("aliases", "string"),
    ("galaxy_uuid", "string"),
    ("mitre_id", "string"),
    ("wikidata", "string"),
)
EDGE_ATTRIBUTES: tuple[tuple[str, str], ...] = (
    ("stance", "string"),
    ("topics", "string"),
    ("claims", "integer"),
    ("undated_claims", "integer"),
    ("mean_confidence", "double"),
    ("first_date", "string"),
    ("last_date", "string"),
)

AttributeValue = str | int | float
EdgeKey = tuple[str, str, str]  # (actor IRI, target IRI, stance)


class DaySet:
    """A set of days as a bitmap over the span from the earliest to the latest day.

    Its size is bounded by the time span (about 460 bytes for ten years), not by the number of claims
    on those days, which keeps the network's memory flat when many claims hit the same edges.
    """

    __slots__ = ("_bits", "_first")

    def __init__(self) -> None:
        self._first = 0
        self._bits = bytearray()

    def add(self, day: int) -> None:
        if not self._bits:
            self._first = day - day % 8
            self._bits.append(0)
        if day < self._first:
            grow = (self._first - day + 7) // 8
            self._bits[:0] = bytes(grow)
            self._first -= grow * 8
        offset = day - self._first
        if offset >= len(self._bits) * 8:
            self._bits.extend(bytes(offset // 8 + 1 - len(self._bits)))
        self._bits[offset // 8] |= 1 << (offset % 8)

    def __bool__(self) -> bool:
        return bool(self._bits)

    def first(self) -> int:
        index = next(i for i, byte in enumerate(self._bits) if byte)
        return self._first + index * 8 + (self._bits[index] & -self._bits[index]).bit_length() - 1

    def last(self) -> int:
        index = len(self._bits.rstrip(b"\0")) - 1
        return self._first + index * 8 + self._bits[index].bit_length() - 1

    def __iter__(self) -> Iterator[int]:
        """The days in increasing order."""
        for index, byte in enumerate(self._bits):
            if byte:
                base = self._first + index * 8
                yield from (base + bit for bit in range(8) if byte >> bit & 1)


@dataclass(slots=True)
class EdgeTally:
    """What the network keeps of the claims behind one edge."""

    count: int = 0
    undated: int = 0
    confidence_sum: float = 0.0
    topics: set[str] = field(default_factory=set)
    days: DaySet = field(default_factory=DaySet)  # proleptic Gregorian ordinals of the claim dates

    def first_day(self) -> dt.date | None:
        return dt.date.fromordinal(self.days.first()) if self.days else None

    def last_day(self) -> dt.date | None:
        return dt.date.fromordinal(self.days.last()) if self.days else None


class Network:
    """Nodes and edge tallies aggregated from a stream of claims."""

    def __init__(self) -> None:
        self.nodes: dict[str, PartyRecord] = {}
        self.roles: dict[str, int] = {}
        self.edges: dict[EdgeKey, EdgeTally] = {}
        self._day_cache: dict[str, int | None] = {}  # also interns the ordinals shared by many edges

    @classmethod
    def from_records(cls, records: Iterable[ClaimRecord]) -> Network:
        network = cls()
        for record in records:
            network.add(record)
        return network

    def add(self, record: ClaimRecord) -> None:
        self._add_party(record.actor, ACTOR_ROLE)
        self._add_party(record.target, TARGET_ROLE)
        key = (record.actor.iri, record.target.iri, record.stance)
        tally = self.edges.get(key)
        if tally is None:
            tally = self.edges[key] = EdgeTally()
        tally.count += 1
        tally.confidence_sum += record.confidence
        tally.topics.add(record.topic)
        day = self._day(record.date)
        if day is None:
            tally.undated += 1
        else:
            tally.days.add(day)

    def _add_party(self, party: PartyRecord, role: int) -> None:
        known = self.nodes.get(party.iri)
        self.nodes[party.iri] = party if known is None else merge_party(known, party)
        self.roles[party.iri] = self.roles.get(party.iri, 0) | role

    def _day(self, date: str | None) -> int | None:
        if not date:
            return None
        if date not in self._day_cache:
            self._day_cache[date] = parse_day(date)
        return self._day_cache[date]

    def sorted_nodes(self) -> list[PartyRecord]:
        """Nodes in IRI order, so that repeated exports are byte-identical."""
        return [self.nodes[iri] for iri in sorted(self.nodes)]

    def sorted_edges(self) -> list[tuple[EdgeKey, EdgeTally]]:
        return sorted(self.edges.items(), key=lambda item: item[0])

    def date_range(self) -> tuple[dt.date, dt.date] | None:
        days = [d for d in self._day_cache.values() if d is not None]
        if not days:
            return None
        return dt.date.fromordinal(min(days)), dt.date.fromordinal(max(days))

    def node_values(self, party: PartyRecord) -> dict[str, AttributeValue]:
        """Attribute values of a node; empty and missing values are left out, lists are joined."""
        values: dict[str, AttributeValue | None] = {
            "type": party.type,
            "role": ROLE_NAMES.get(self.roles.get(party.iri, 0)),
            "affiliation": party.affiliation,
            "affiliation_iri": party.affiliation_iri,
            "aliases": ALIAS_SEPARATOR.join(party.aliases),
            "galaxy_uuid": party.galaxy_uuid,
            "mitre_id": party.mitre_id,
            "wikidata": party.wikidata,
        }
        return {k: v for k, v in values.items() if v not in (None, "")}


def edge_values(key: EdgeKey, tally: EdgeTally) -> dict[str, AttributeValue]:
    """Attribute values of an edge; dates only when some claim is dated."""
    values: dict[str, AttributeValue] = {
        "stance": key[2],
        "topics": ALIAS_SEPARATOR.join(sorted(tally.topics)),
        "claims": tally.count,
        "undated_claims": tally.undated,
        "mean_confidence": round(tally.confidence_sum / tally.count, 4),
    }
    first, last = tally.first_day(), tally.last_day()
    if first and last:
        values["first_date"] = first.isoformat()
        values["last_date"] = last.isoformat()
    return values


def parse_day(value: str) -> int | None:
    """Ordinal of an ISO date or date-time (its date part); None when it is not a date."""
    try:
        return dt.date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


def day_intervals(days: Iterable[int]) -> Iterator[tuple[dt.date, dt.date]]:
    """Runs of consecutive days as inclusive (start, end) intervals, in order (``days`` increasing)."""
    start = previous = None
    for day in days:
        if previous is not None and day == previous + 1:
            previous = day
            continue
        if start is not None and previous is not None:
            yield dt.date.fromordinal(start), dt.date.fromordinal(previous)
        start = previous = day
    if start is not None and previous is not None:
        yield dt.date.fromordinal(start), dt.date.fromordinal(previous)


def merge_party(known: PartyRecord, seen: PartyRecord) -> PartyRecord:
    """Fill the fields the known record lacks from another record of the same party."""
    missing = {
        name: getattr(seen, name)
        for name in ("affiliation", "affiliation_iri", "galaxy_uuid", "mitre_id", "wikidata", "aliases")
        if not getattr(known, name) and getattr(seen, name)
    }
    if known.type == "unknown" and seen.type != "unknown":
        missing["type"] = seen.type
    return replace(known, **missing) if missing else known
