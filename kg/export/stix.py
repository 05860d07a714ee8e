"""STIX 2.1 bundles for CTI platforms (OpenCTI, MISP); the objects themselves are in ``stix_objects.py``.

Mapping:
- a claimant is an ``identity`` (``individual`` for persons, ``class`` for states, ``group`` for hacker
  groups, ``organization`` for agencies, companies and media, else ``unspecified``);
- an accused party is an ``intrusion-set`` when it is a hacker group, else a ``threat-actor``
  (``nation-state`` for states); a party the graph knows only by a description ("a hacking unit",
  "other Russian hackers", see ``kg.resolve.descriptors``) is no named group, and accusations of it are
  left out;
- a state is also a ``location`` with its ISO ``country``: ``located-at`` from the state's identity or
  threat actor, ``originates-from`` / ``located-at`` from a group or actor affiliated with it;
- the activity a party is accused of is a ``campaign`` per (accused party, topic): the claims say who is
  behind an operation, and STIX attributes campaigns to intrusion sets and threat actors;
- each accusation is an ``attributed-to`` relationship campaign -> accused, created by the accuser
  (``created_by_ref``), valid from the claim's day (``start_time``), with the evidence as description,
  the extractor's confidence (0-100) and the article as external reference;
- each denial that answers accusations (``akg:rebuts``) is an ``opinion`` (``strongly-disagree``) created
  by the denier whose ``object_refs`` are the relationships of those accusations; a denial that answers
  none is a ``note`` on the party it defends (in a filtered export the rebutted relationships may lie
  outside the bundle; their ids are the same in every export, so they resolve against a full one);
- each article is a ``report`` published on its date, whose ``object_refs`` are the objects its claims
  gave (an article none of whose claims maps to STIX has no report: a report must refer to something);
- with ``KG_TLP`` set, every object carries that TLP marking and the bundle holds its definition.
Negated claims, the other stances, and accusations about an act rather than a party have no STIX
counterpart here and are left out.

Timestamps come from the data: a claim's objects are created and modified on its article's day; a party,
campaign or location is created on the first day it was claimed about and modified on the last; an
undated article stands on ``UNDATED_DAY``. Ids are UUIDs derived from the graph's IRIs, and the bundle id
from its content, so repeated exports are byte-identical.

Claim objects (relationships) are written as they are met; parties, campaigns, locations, reports and
denials (which wait for the accusations they answer) are written at the end, in id order. Memory holds
the parties and, per article, the ids of its objects.

Extension seam: ``extra`` takes further SDOs and SROs (for instance ``incident`` objects and the
relationships that tie claims' campaigns to them); they are written after the graph's own objects, an
id already written is skipped, and they are counted in the bundle id like any other object.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from kg.export import stix_objects as so
from kg.export.network import merge_party
from kg.export.stix_objects import (
    Span,
    StixObject,
    accused_object,
    claim_object_id,
    claimant_identity,
    stable_uuid4,
    stix_id,
)
from kg.export.streams import text_output
from kg.graph.records import ClaimRecord, PartyRecord

__all__ = ["STIX_STANCES", "claim_object_id", "stix_id", "stix_objects", "write_stix"]

STIX_STANCES = ("accuse", "deny")  # the stances with a STIX counterpart; the others are left out


def write_stix(
    records: Iterable[ClaimRecord],
    out: BinaryIO | TextIO,
    *,
    tlp: str = "",
    extra: Iterable[StixObject] = (),
) -> None:
    """Write a STIX 2.1 bundle of the accusations and denials in ``records`` to ``out``; ``tlp`` (a
    ``KG_TLP`` level) marks every object. A bad ``tlp`` fails before anything is written."""
    so.tlp_marking(tlp)
    digest = hashlib.sha256()
    with text_output(out) as stream:
        stream.write('{"type":"bundle","objects":[\n')
        for index, obj in enumerate(stix_objects(records, tlp=tlp, extra=extra)):
            text = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            digest.update(text.encode("utf-8"))
            stream.write(",\n" + text if index else text)
        stream.write(f'\n],"id":"bundle--{stable_uuid4(digest.hexdigest())}"}}\n')


def stix_objects(
    records: Iterable[ClaimRecord], *, tlp: str = "", extra: Iterable[StixObject] = ()
) -> Iterator[StixObject]:
    """The STIX objects of ``records`` (see the module's mapping), each id once, in a fixed order."""
    builder = _Builder(so.tlp_marking(tlp))
    for record in records:
        yield from builder.add(record)
    yield from builder.finish()
    written = builder.written
    for obj in extra:
        if obj["id"] not in written:
            written.add(obj["id"])
            yield obj


@dataclass(slots=True)
class _Party:
    """A party object to write at the end: the party as known (merged over claims) and its days."""

    kind: str  # identity | intrusion-set | threat-actor
    party: PartyRecord
    span: Span = field(default_factory=Span)


@dataclass(slots=True)
class _Report:
    first: ClaimRecord  # any claim of the article: its id, date, title and url
    refs: dict[str, None] = field(default_factory=dict)  # ordered set of object ids


class _Builder:
    """Collects what the objects written at the end need, while claim objects pass straight through."""

    def __init__(self, marking: StixObject | None) -> None:
        self.marking = marking
        self.marking_id = marking["id"] if marking else None
        self.parties: dict[str, _Party] = {}
        self.campaigns: dict[str, tuple[PartyRecord, str, Span]] = {}
        self.locations: dict[str, tuple[str, Span]] = {}  # ISO code -> (state name, days)
        self.links: dict[str, tuple[str, str, str, Span]] = {}  # id -> (type, source, target, days)
        self.reports: dict[str, _Report] = {}
        self.accusations_seen: set[str] = set()
        self.accusations_written: set[str] = set()
        self.denials: list[ClaimRecord] = []
        self.written: set[str] = set()

    def add(self, record: ClaimRecord) -> Iterator[StixObject]:
        if record.negated:
            return
        if record.stance == "deny":
            self.denials.append(record)
        elif record.stance == "accuse":
            self.accusations_seen.add(record.iri)
            if so.named_party(record.target):
                yield self._accusation(record)

    def _accusation(self, record: ClaimRecord) -> StixObject:
        day = so.day_of(record.date)
        refs = self._report(record)
        accuser = self._party("identity", record.actor, day, refs)
        accused = self._party(so.accused_kind(record.target), record.target, day, refs)
        campaign = so.campaign_id(record.target, record.topic)
        known = self.campaigns.get(campaign)
        span = known[2] if known else Span()
        span.add(day)
        self.campaigns[campaign] = (record.target, record.topic, span)
        obj = so.accusation(record, campaign, accused, accuser, self.marking_id)
        refs.update(dict.fromkeys((campaign, obj["id"])))
        self.accusations_written.add(record.iri)
        self.written.add(obj["id"])
        return obj

    def _report(self, record: ClaimRecord) -> dict[str, None]:
        report = self.reports.get(record.article)
        if report is None:
            report = self.reports[record.article] = _Report(record)
        return report.refs

    def _party(self, kind: str, party: PartyRecord, day: str | None, refs: dict[str, None]) -> str:
        """Register ``party`` as an object of ``kind`` seen on ``day``; its id (and those of its location
        and the link to it) go into the report's ``refs``."""
        object_id = stix_id(kind, party.iri)
        known = self.parties.get(object_id)
        if known is None:
            known = self.parties[object_id] = _Party(kind, party)
        elif known.party != party:
            known.party = merge_party(known.party, party)
        known.span.add(day)
        refs[object_id] = None
        place = self._place(kind, party)
        if place is not None:
            name, iso, link_type = place
            location = so.location_id(iso)
            self.locations.setdefault(iso, (name, Span()))[1].add(day)
            link = stix_id("relationship", link_type, object_id, location)
            self.links.setdefault(link, (link_type, object_id, location, Span()))[3].add(day)
            refs.update(dict.fromkeys((location, link)))
        return object_id

    @staticmethod
    def _place(kind: str, party: PartyRecord) -> tuple[str, str, str] | None:
        """(state, ISO code, relationship type) tying ``party`` to a country, if any."""
        iso = so.country_code(party)
        if iso:
            return party.name, iso, "located-at"
        if kind == "identity":
            return None  # a claimant speaking for a state is not the state's object
        affiliated = so.affiliation_country(party)
        if affiliated is None:
            return None
        return affiliated[0], affiliated[1], "originates-from" if kind == "intrusion-set" else "located-at"

    def finish(self) -> Iterator[StixObject]:
        """Denials, then the collected objects in id order (the marking definition first)."""
        objects = [self._denial(record) for record in self.denials]
        objects = [obj for obj in objects if obj is not None]
        mark = self.marking_id
        for known in self.parties.values():
            build = claimant_identity if known.kind == "identity" else accused_object
            objects.append(build(known.party, known.span, mark))
        objects += [so.campaign_object(p, t, s, mark) for p, t, s in self.campaigns.values()]
        objects += [so.location_object(n, iso, s, mark) for iso, (n, s) in self.locations.items()]
        objects += [so.relationship(k, a, b, s, mark) for k, a, b, s in self.links.values()]
        objects += [so.report(r.first, sorted(r.refs), mark) for r in self.reports.values() if r.refs]
        if self.marking is not None:
            objects.append(self.marking)
        for obj in sorted(objects, key=lambda o: (o["type"] != "marking-definition", o["id"])):
            if obj["id"] not in self.written:
                self.written.add(obj["id"])
                yield obj

    def _denial(self, record: ClaimRecord) -> StixObject | None:
        # A rebutted accusation met in this stream counts only if it was written; one from outside the
        # stream (a filtered export) is kept: its id is the same in the full export.
        refs = sorted(
            {
                claim_object_id(iri)
                for iri in record.rebuts
                if iri not in self.accusations_seen or iri in self.accusations_written
            }
        )
        day = so.day_of(record.date)
        if not refs and not so.named_party(record.target):
            return None  # nothing answered and no named party defended: nothing to hang it on
        report = self._report(record)
        denier = self._party("identity", record.actor, day, report)
        if refs:
            obj = so.opinion(record, refs, denier, self.marking_id)
        else:
            party = self._party(so.accused_kind(record.target), record.target, day, report)
            obj = so.denial_note(record, party, denier, self.marking_id)
        report[obj["id"]] = None
        return obj
