"""STIX 2.1 bundles for CTI platforms (OpenCTI, MISP).

Mapping:
- a claimant is an ``identity`` (``individual`` for persons, ``class`` for states, ``group`` for hacker
  groups, ``organization`` for agencies, companies and media, else ``unspecified``);
- an accused party is an ``intrusion-set`` when it is a hacker group, else a ``threat-actor``
  (``nation-state`` for states);
- the activity a party is accused of is a ``campaign`` per (accused party, topic): the claims say who is
  behind an operation, and STIX attributes campaigns to intrusion sets and threat actors;
- each accusation is an ``attributed-to`` relationship campaign -> accused, created by the accuser
  (``created_by_ref``), with the evidence as description, the extractor's confidence (0-100) and the
  article as external reference;
- each denial is an ``opinion`` (``strongly-disagree``) created by the denier, pointing at the
  relationships of the accusations it rebuts, or at the denied party when it rebuts no stored claim
  (in a filtered export the rebutted relationships may lie outside the bundle; their ids are the same
  in every export, so they resolve against a full one).
Negated claims, the other stances, and accusations or denials about an act rather than a party have no
STIX counterpart here and are left out.

Ids are derived from a fixed namespace and the graph's IRIs (UUIDv4 layout, SHA-1 bits), timestamps come from the article dates (or a
fixed epoch), and the bundle id is derived from its content: repeated exports are byte-identical.
Objects are written as they are met (parties once), so memory holds ids of parties, never claims.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from typing import Any, BinaryIO, TextIO

from kg.export.network import parse_day
from kg.export.streams import text_output
from kg.graph.records import ClaimRecord, PartyRecord

STIX_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:attribution-kg:stix-2.1")
EPOCH = "1970-01-01T00:00:00.000Z"
IDENTITY_CLASSES = {
    "person": "individual",
    "group": "group",
    "organization": "organization",
    "media": "organization",
    "government": "organization",
}
StixObject = dict[str, Any]


def write_stix(records: Iterable[ClaimRecord], out: BinaryIO | TextIO) -> None:
    """Write a STIX 2.1 bundle of the accusations and denials in ``records`` to ``out``."""
    with text_output(out) as stream:
        _BundleWriter(stream).write(records)


def stix_id(kind: str, *parts: str) -> str:
    """Deterministic STIX id of an object of type ``kind`` named by ``parts`` (IRIs, topics).

    STIX 2.1 asks for UUIDv4 ids on SDOs and SROs; the id has the version-4 layout with its 122 free bits
    taken from the UUIDv5 (SHA-1) of the name instead of a random source, so it never changes.
    """
    return f"{kind}--{_stable_uuid4(' '.join((kind, *parts)))}"


def _stable_uuid4(name: str) -> uuid.UUID:
    return uuid.UUID(bytes=uuid.uuid5(STIX_NAMESPACE, name).bytes, version=4)


def claim_object_id(claim_iri: str) -> str:
    """Id of the relationship an accusation becomes (what denials that rebut it point at)."""
    return stix_id("relationship", claim_iri)


class _BundleWriter:
    """Writes the bundle object by object; the bundle id (written last) hashes everything before it."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._digest = hashlib.sha256()
        self._written = 0
        self._emitted: set[str] = set()  # ids of party and campaign objects already written

    def write(self, records: Iterable[ClaimRecord]) -> None:
        self._out.write('{"type":"bundle","objects":[\n')
        for record in records:
            if record.negated:
                continue
            if record.stance == "accuse" and record.target.type != "act":
                self._accusation(record)
            elif record.stance == "deny":
                self._denial(record)
        bundle_id = f"bundle--{_stable_uuid4(self._digest.hexdigest())}"
        self._out.write(f'\n],"id":"{bundle_id}"}}\n')

    def _emit(self, obj: StixObject) -> None:
        text = json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        self._digest.update(text.encode("utf-8"))
        self._out.write(",\n" + text if self._written else text)
        self._written += 1

    def _emit_once(self, obj: StixObject) -> str:
        if obj["id"] not in self._emitted:
            self._emitted.add(obj["id"])
            self._emit(obj)
        return obj["id"]

    def _accusation(self, record: ClaimRecord) -> None:
        accuser = self._emit_once(claimant_identity(record.actor))
        accused = self._emit_once(accused_object(record.target))
        campaign = self._emit_once(campaign_object(record.target, record.topic))
        self._emit(
            {
                **_common("relationship", claim_object_id(record.iri), _timestamp(record.date)),
                "relationship_type": "attributed-to",
                "source_ref": campaign,
                "target_ref": accused,
                "created_by_ref": accuser,
                "description": record.evidence or record.claim,
                "confidence": _confidence(record.confidence),
                "external_references": [_article_reference(record)],
            }
        )

    def _denial(self, record: ClaimRecord) -> None:
        refs = [claim_object_id(iri) for iri in sorted(set(record.rebuts))]
        if not refs and record.target.type != "act":
            refs = [self._emit_once(accused_object(record.target))]
        if not refs:
            return  # a denial of an act that answers no stored accusation: nothing to point at
        denier = self._emit_once(claimant_identity(record.actor))
        self._emit(
            {
                **_common("opinion", stix_id("opinion", record.iri), _timestamp(record.date)),
                "opinion": "strongly-disagree",
                "object_refs": refs,
                "created_by_ref": denier,
                "explanation": record.evidence or record.claim,
                "authors": [record.actor.name or record.actor.iri],
                "confidence": _confidence(record.confidence),
                "external_references": [_article_reference(record)],
            }
        )


def claimant_identity(party: PartyRecord) -> StixObject:
    identity = {
        **_common("identity", stix_id("identity", party.iri), EPOCH),
        "name": party.name or party.iri,
        "identity_class": "class" if _is_state(party) else IDENTITY_CLASSES.get(party.type, "unspecified"),
        "external_references": _party_references(party),
    }
    if party.affiliation and party.affiliation != party.name:
        identity["description"] = f"Speaks for {party.affiliation}."
    return identity


def accused_object(party: PartyRecord) -> StixObject:
    kind = "intrusion-set" if party.type == "group" else "threat-actor"
    obj: StixObject = {
        **_common(kind, stix_id(kind, party.iri), EPOCH),
        "name": party.name or party.iri,
        "external_references": _party_references(party),
    }
    aliases = sorted({a for a in party.aliases if a and a != party.name})
    if aliases:
        obj["aliases"] = aliases
    if kind == "threat-actor":
        obj["threat_actor_types"] = ["nation-state"] if _is_state(party) else ["unknown"]
    if party.affiliation and party.affiliation != party.name:
        obj["description"] = f"Affiliated with {party.affiliation}."
    return obj


def campaign_object(party: PartyRecord, topic: str) -> StixObject:
    name = party.name or party.iri
    return {
        **_common("campaign", stix_id("campaign", party.iri, topic), EPOCH),
        "name": f"{topic} attributed to {name}",
        "description": f"The {topic} activity that claimants attribute to {name}.",
    }


def _common(kind: str, object_id: str, timestamp: str) -> StixObject:
    return {"type": kind, "spec_version": "2.1", "id": object_id, "created": timestamp, "modified": timestamp}


def _is_state(party: PartyRecord) -> bool:
    """A government that speaks for itself (no other affiliation) is a state, not one of its agencies."""
    if party.type != "government":
        return False
    return not party.affiliation or party.affiliation == party.name or party.affiliation_iri == party.iri


def _party_references(party: PartyRecord) -> list[dict[str, str]]:
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


def _article_reference(record: ClaimRecord) -> dict[str, str]:
    reference = {"source_name": "article", "external_id": record.article}
    if record.url:
        reference["url"] = record.url
    if record.title:
        reference["description"] = record.title
    return reference


def _timestamp(date: str | None) -> str:
    if date and parse_day(date) is not None:
        return f"{date[:10]}T00:00:00.000Z"
    return EPOCH


def _confidence(value: float) -> int:
    return max(0, min(100, round(value * 100)))
