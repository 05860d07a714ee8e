"""Incidents as STIX 2.1 objects, for the STIX exporter to add to its bundles: :func:`incident_objects`.

An incident that is a named campaign (from the galaxy's campaign clusters) becomes a ``campaign`` (its
names as ``aliases``, ``first_seen`` / ``last_seen`` the first and last days it was reported); any other
becomes an ``incident``. Both carry the attribution status in the description and as a
``labels`` entry (``attribution-status:contested``; a custom property would need a STIX extension
definition, which the validator asks for), the galaxy value as an external reference, and timestamps from the data
(the first and last reported dates; an undated incident has no object, since STIX needs a timestamp that
is not invented). With ``accused_ref`` (a party's name -> the STIX id the exporter gave it), each party
accused in the incident gets an ``attributed-to`` relationship from a campaign, or a ``related-to`` one
from an incident (STIX defines ``attributed-to`` for campaigns only). Ids are deterministic.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from kg.incidents.model import Incident
from kg.incidents.record import attribution_record

_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:attribution-kg:stix-2.1:incidents")
StixObject = dict[str, Any]


def _id(kind: str, *parts: str) -> str:
    # the version-4 layout with bits from a UUIDv5 of the name: stable across exports
    raw = uuid.uuid5(_NAMESPACE, "\x1f".join((kind, *parts))).bytes
    return f"{kind}--{uuid.UUID(bytes=raw, version=4)}"


def _time(day: str) -> str:
    return f"{day[:10]}T00:00:00.000Z"


def incident_id(incident: Incident) -> str:
    return _id("campaign" if incident.kind == "campaign" else "incident", incident.id)


def incident_objects(
    incidents: Iterable[Incident], accused_ref: Callable[[str], str | None] | None = None
) -> list[StixObject]:
    """STIX objects (and relationships, with ``accused_ref``) for the dated incidents."""
    out: list[StixObject] = []
    for incident in incidents:
        if not incident.first_reported:
            continue
        record = attribution_record(incident)
        first, last = _time(incident.first_reported), _time(incident.last_reported or incident.first_reported)
        obj: StixObject = {
            "type": "campaign" if incident.kind == "campaign" else "incident",
            "spec_version": "2.1",
            "id": incident_id(incident),
            "created": first,
            "modified": last,
            "name": incident.name,
            "description": f"Attribution status: {record.status} ({record.because}).",
            "labels": [f"attribution-status:{record.status}"],
        }
        if incident.kind == "campaign":
            obj.update(first_seen=first, last_seen=last)
            if incident.aliases:
                obj["aliases"] = list(incident.aliases)
        if incident.galaxy_uuid:
            obj["external_references"] = [{"source_name": "misp-galaxy", "external_id": incident.galaxy_uuid}]
        out.append(obj)
        if accused_ref is not None:
            out.extend(_relationships(incident, obj, record, accused_ref))
    return out


def _relationships(
    incident: Incident, obj: StixObject, record: Any, accused_ref: Callable[[str], str | None]
) -> list[StixObject]:
    kind = "attributed-to" if obj["type"] == "campaign" else "related-to"
    out = []
    for entry in record.entries:
        if entry.act not in ("accused", "sanctioned", "indicted"):
            continue
        target = accused_ref(entry.about.name)
        if target is None:
            continue
        when = _time(entry.date) if entry.date else obj["created"]
        out.append({
            "type": "relationship", "spec_version": "2.1", "id": _id("relationship", incident.id, entry.claim),
            "created": when, "modified": when, "relationship_type": kind, "source_ref": obj["id"],
            "target_ref": target, "start_time": when, "description": entry.evidence,
        })  # fmt: skip
    return out
