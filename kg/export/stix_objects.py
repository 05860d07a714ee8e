"""STIX 2.1 objects of the attribution graph, one function per object type (the bundle is ``stix.py``).

Every object is a plain dict with sorted-key JSON in mind; ids come from :func:`stix_id` and every
timestamp from the data (:func:`timestamp`), so the same graph always gives the same bytes.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from functools import cache
from typing import Any

import stix2

from kg.errors import ConfigError
from kg.export.network import parse_day
from kg.graph.records import ClaimRecord, PartyRecord
from kg.resolve.descriptors import is_descriptor
from kg.resolve.places import state_info

StixObject = dict[str, Any]

STIX_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:attribution-kg:stix-2.1")
# An undated article's objects carry this date: a fixed, documented stand-in (README, "STIX 2.1") that
# keeps re-exports byte-identical. The epoch is what CTI tools show for a missing value, so it is not used.
UNDATED_DAY = "2000-01-01"
IDENTITY_CLASSES = {
    "person": "individual",
    "group": "group",
    "organization": "organization",
    "media": "organization",
    "government": "organization",
}
# KG_TLP values -> the TLP 1.0 marking definitions STIX 2.1 predefines (TLP:CLEAR is TLP:WHITE there).
TLP_MARKINGS = {
    "clear": stix2.TLP_WHITE,
    "white": stix2.TLP_WHITE,
    "green": stix2.TLP_GREEN,
    "amber": stix2.TLP_AMBER,
    "red": stix2.TLP_RED,
}


def stix_id(kind: str, *parts: str) -> str:
    """Deterministic STIX id of an object of type ``kind`` named by ``parts`` (IRIs, topics).

    STIX 2.1 asks for UUIDv4 ids on SDOs and SROs; the id has the version-4 layout with its 122 free bits
    taken from the UUIDv5 (SHA-1) of the name instead of a random source, so it never changes.
    """
    return f"{kind}--{stable_uuid4(' '.join((kind, *parts)))}"


def stable_uuid4(name: str) -> uuid.UUID:
    return uuid.UUID(bytes=uuid.uuid5(STIX_NAMESPACE, name).bytes, version=4)


def claim_object_id(claim_iri: str) -> str:
    """Id of the relationship an accusation becomes (what denials that rebut it point at)."""
    return stix_id("relationship", claim_iri)


def day_of(date: str | None) -> str | None:
    """The ISO day of an article date, or None when it is missing or not a date."""
    return date[:10] if date and parse_day(date) is not None else None


def timestamp(day: str | None) -> str:
    """The STIX timestamp of a day (midnight UTC); an undated object gets :data:`UNDATED_DAY`."""
    return f"{day or UNDATED_DAY}T00:00:00.000Z"


@dataclass(slots=True)
class Span:
    """First and last day an object was claimed about (None until a dated claim is seen)."""

    first: str | None = None
    last: str | None = None

    def add(self, day: str | None) -> None:
        if day is None:
            return
        self.first = day if self.first is None or day < self.first else self.first
        self.last = day if self.last is None or day > self.last else self.last


def common(kind: str, object_id: str, span: Span | None, marking: str | None) -> StixObject:
    """The properties every SDO and SRO has: created = first day, modified = last day of its claims."""
    span = span or Span()
    obj: StixObject = {
        "type": kind,
        "spec_version": "2.1",
        "id": object_id,
        "created": timestamp(span.first),
        "modified": timestamp(span.last or span.first),
    }
    if marking:
        obj["object_marking_refs"] = [marking]
    return obj


@cache
def tlp_marking(level: str) -> StixObject | None:
    """The marking-definition object of a ``KG_TLP`` level, None for no marking."""
    name = level.strip().lower()
    if not name:
        return None
    if name not in TLP_MARKINGS:
        raise ConfigError(f"KG_TLP={level!r} is not a TLP level; use one of: {', '.join(TLP_MARKINGS)}")
    return json.loads(TLP_MARKINGS[name].serialize())


def is_state(party: PartyRecord) -> bool:
    """A government that speaks for itself (no other affiliation) is a state, not one of its agencies."""
    if party.type != "government":
        return False
    return not party.affiliation or party.affiliation == party.name or party.affiliation_iri == party.iri


def named_party(party: PartyRecord) -> bool:
    """Can ``party`` be exported as a threat actor or intrusion set (a name, not "a hacking unit")?"""
    if party.type == "act":
        return False
    identified = bool(party.galaxy_uuid or party.mitre_id or party.wikidata) or is_state(party)
    return not is_descriptor(party.name, identified=identified)


def claimant_identity(party: PartyRecord, span: Span | None = None, marking: str | None = None) -> StixObject:
    identity = {
        **common("identity", stix_id("identity", party.iri), span, marking),
        "name": party.name or party.iri,
        "identity_class": "class" if is_state(party) else IDENTITY_CLASSES.get(party.type, "unknown"),
        "external_references": party_references(party),
    }
    if party.affiliation and party.affiliation != party.name:
        identity["description"] = f"Speaks for {party.affiliation}."
    return identity


def accused_kind(party: PartyRecord) -> str:
    return "intrusion-set" if party.type == "group" else "threat-actor"


def accused_object(party: PartyRecord, span: Span | None = None, marking: str | None = None) -> StixObject:
    kind = accused_kind(party)
    obj: StixObject = {
        **common(kind, stix_id(kind, party.iri), span, marking),
        "name": party.name or party.iri,
        "external_references": party_references(party),
    }
    aliases = sorted({a for a in party.aliases if a and a != party.name})
    if aliases:
        obj["aliases"] = aliases
    if kind == "threat-actor":
        obj["threat_actor_types"] = ["nation-state"] if is_state(party) else ["unknown"]
    if party.affiliation and party.affiliation != party.name:
        obj["description"] = f"Affiliated with {party.affiliation}."
    return obj


def country_code(party: PartyRecord) -> str | None:
    """ISO 3166-1 alpha-2 code of a state party (None for parties that are not states)."""
    if not is_state(party):
        return None
    state = state_info(party.name)
    return state.iso if state else None


def affiliation_country(party: PartyRecord) -> tuple[str, str] | None:
    """(state name, ISO code) of the state a non-state party is affiliated with ("APT28" -> Russia)."""
    if not party.affiliation or is_state(party):
        return None
    state = state_info(party.affiliation)
    return (state.name, state.iso) if state else None


def location_object(name: str, iso: str, span: Span, marking: str | None = None) -> StixObject:
    return {
        **common("location", location_id(iso), span, marking),
        "name": name,
        "country": iso,
    }


def location_id(iso: str) -> str:
    return stix_id("location", f"country:{iso}")


def campaign_object(party: PartyRecord, topic: str, span: Span, marking: str | None = None) -> StixObject:
    name = party.name or party.iri
    obj = {
        **common("campaign", campaign_id(party, topic), span, marking),
        "name": f"{topic} attributed to {name}",
        "description": f"The {topic} activity that claimants attribute to {name}.",
    }
    if span.first:
        obj["first_seen"] = timestamp(span.first)
        obj["last_seen"] = timestamp(span.last)
    return obj


def campaign_id(party: PartyRecord, topic: str) -> str:
    return stix_id("campaign", party.iri, topic)


def relationship(
    relationship_type: str, source: str, target: str, span: Span, marking: str | None = None, **fields: Any
) -> StixObject:
    """A relationship named by its type and ends (so the same link always has the same id)."""
    return {
        **common("relationship", stix_id("relationship", relationship_type, source, target), span, marking),
        "relationship_type": relationship_type,
        "source_ref": source,
        "target_ref": target,
        **fields,
    }


def accusation(
    record: ClaimRecord, source: str, target: str, accuser: str, marking: str | None
) -> StixObject:
    """The ``attributed-to`` relationship of one accusation: valid from the day it was made."""
    day = day_of(record.date)
    obj = {
        **common("relationship", claim_object_id(record.iri), Span(day, day), marking),
        "relationship_type": "attributed-to",
        "source_ref": source,
        "target_ref": target,
        "created_by_ref": accuser,
        "description": record.evidence or record.claim,
        "confidence": confidence(record.confidence),
        "external_references": [article_reference(record)],
    }
    if day:
        obj["start_time"] = timestamp(day)
    return obj


def opinion(record: ClaimRecord, refs: list[str], denier: str, marking: str | None) -> StixObject:
    """A denial that answers accusations: ``strongly-disagree`` with their relationships."""
    day = day_of(record.date)
    return {
        **common("opinion", stix_id("opinion", record.iri), Span(day, day), marking),
        "opinion": "strongly-disagree",
        "object_refs": refs,
        "created_by_ref": denier,
        "explanation": record.evidence or record.claim,
        "authors": [record.actor.name or record.actor.iri],
        "confidence": confidence(record.confidence),
        "external_references": [article_reference(record)],
    }


def denial_note(record: ClaimRecord, party: str, denier: str, marking: str | None) -> StixObject:
    """A denial that answers no accusation in the graph: a note on the party it defends, not an opinion
    (an opinion is about a claim, and there is none to disagree with)."""
    day = day_of(record.date)
    return {
        **common("note", stix_id("note", record.iri), Span(day, day), marking),
        "abstract": f"Denial by {record.actor.name or record.actor.iri}",
        "content": record.evidence or record.claim,
        "authors": [record.actor.name or record.actor.iri],
        "object_refs": [party],
        "created_by_ref": denier,
        "external_references": [article_reference(record)],
    }


def report(article: ClaimRecord, refs: list[str], marking: str | None) -> StixObject:
    """The report of one article: published on its date, listing the objects its claims gave."""
    day = day_of(article.date)
    obj: StixObject = {
        **common("report", stix_id("report", article.article), Span(day, day), marking),
        "name": article.title or article.article,
        "published": timestamp(day),
        "object_refs": refs,
        "external_references": [article_reference(article)],
    }
    if day is None:
        obj["description"] = f"The article carries no date; {UNDATED_DAY} stands in for it."
    return obj


def party_references(party: PartyRecord) -> list[dict[str, str]]:
    references = [{"source_name": "attribution-kg", "external_id": party.iri}]
    if party.mitre_id:
        references.append(
            {
                "source_name": "mitre-attack",
                "external_id": party.mitre_id,
                "url": f"https://attack.mitre.org/groups/{party.mitre_id}/",
            }
        )
    if party.wikidata:
        url = f"https://www.wikidata.org/wiki/{party.wikidata}"
        references.append({"source_name": "wikidata", "external_id": party.wikidata, "url": url})
    if party.galaxy_uuid:
        references.append({"source_name": "misp-galaxy", "external_id": party.galaxy_uuid})
    return references


def article_reference(record: ClaimRecord) -> dict[str, str]:
    reference = {"source_name": "article", "external_id": record.article}
    if record.url:
        reference["url"] = record.url
    if record.title:
        reference["description"] = record.title
    return reference


def confidence(value: float) -> int:
    return max(0, min(100, round(value * 100)))
