"""MISP events: one per article, in MISP's JSON event format (``{"response": [{"Event": ...}, ...]}``, what
MISP's own JSON export and ``/events/restSearch`` give, and what ``PyMISP``'s ``MISPEvent.load`` reads).

Each event:
- ``info`` is the article's title (else its id), ``date`` its date (an undated article stands on
  ``UNDATED_DAY``, as in the STIX export), the article's URL a ``link`` attribute;
- every threat group a claim of the article names (claimant or target) that has a MISP galaxy cluster
  is a galaxy tag (``misp-galaxy:threat-actor="APT28"``) and a ``Galaxy`` entry with the galaxy's and the
  cluster's UUIDs, so MISP attaches its own cluster;
- every claim is an ``annotation`` object (MISP's template for a piece of text) whose ``text`` is the
  evidence sentence, ``ref`` the article URL, and whose comment reads the claim: claimant, stance,
  target, topic, confidence, the evidence's character offsets and, when it applies, "negated";
- every party accused (not negated) that is a name rather than a description is a ``threat-actor``
  attribute (category Attribution), commented with who accused it, tagged with its galaxy cluster;
- with ``KG_TLP`` set, the event carries the ``tlp:<level>`` tag.
UUIDs derive from the article ids and claim IRIs, timestamps from the article date: re-exports are
byte-identical. Events are built per article, so memory holds one article's claims at a time when the
records come grouped by article (as the store gives them); otherwise all of them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import uuid
from collections.abc import Iterable
from typing import Any, BinaryIO, TextIO

from kg.export.stix_objects import UNDATED_DAY, day_of, named_party, tlp_marking
from kg.export.streams import text_output
from kg.graph.records import ClaimRecord, PartyRecord
from kg.resolve.galaxy_tags import GalaxyCluster, galaxy_cluster

MISP_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:attribution-kg:misp")
ANNOTATION_TEMPLATE = ("5d8dc046-15a1-4ca3-a09f-ed4ede7c4487", "3")  # misp-objects "annotation"
Json = dict[str, Any]


def write_misp(records: Iterable[ClaimRecord], out: BinaryIO | TextIO, *, tlp: str = "") -> None:
    """Write the MISP events of ``records`` (one per article) to ``out``; ``tlp`` adds the TLP tag."""
    tlp_tag = f"tlp:{tlp.strip().lower()}" if tlp_marking(tlp) else None
    with text_output(out) as stream:
        stream.write('{"response":[')
        for index, claims in enumerate(_by_article(records)):
            text = json.dumps({"Event": misp_event(claims, tlp_tag)}, sort_keys=True, ensure_ascii=False)
            stream.write(("," if index else "") + "\n" + text)
        stream.write("\n]}\n")


def _by_article(records: Iterable[ClaimRecord]) -> Iterable[list[ClaimRecord]]:
    """The claims of each article, articles in the order first met (runs of one article kept whole)."""
    groups: dict[str, list[ClaimRecord]] = {}
    for record in records:
        groups.setdefault(record.article, []).append(record)
    return groups.values()


def misp_uuid(*parts: str) -> str:
    return str(uuid.uuid5(MISP_NAMESPACE, " ".join(parts)))


def misp_event(claims: list[ClaimRecord], tlp_tag: str | None = None) -> Json:
    """The event of one article's claims (all of the same article)."""
    first = claims[0]
    day = day_of(first.date) or UNDATED_DAY
    stamp = str(calendar.timegm(dt.date.fromisoformat(day).timetuple()))
    clusters = _clusters(claims)
    attributes = _actor_attributes(claims, stamp)
    if first.url:
        attributes.insert(
            0, _attribute("External analysis", "link", first.url, misp_uuid("link", first.article), stamp)
        )
    tags = [{"name": c.tag} for c in clusters] + ([{"name": tlp_tag}] if tlp_tag else [])
    return {
        "uuid": misp_uuid("event", first.article),
        "info": first.title or first.article,
        "date": day,
        "timestamp": stamp,
        "threat_level_id": "4",  # undefined: the articles report claims, not assessed threats
        "analysis": "2",  # completed: the article is what it is
        "distribution": "0",
        "published": False,
        "Tag": tags,
        "Galaxy": _galaxies(clusters),
        "Attribute": attributes,
        "Object": [_claim_object(record, stamp) for record in claims],
    }


def _clusters(claims: list[ClaimRecord]) -> list[GalaxyCluster]:
    found: dict[str, GalaxyCluster] = {}
    for record in claims:
        for party in (record.actor, record.target):
            cluster = galaxy_cluster(party.galaxy_uuid) if party.galaxy_uuid else None
            if cluster is not None:
                found.setdefault(cluster.cluster_uuid, cluster)
    return sorted(found.values(), key=lambda c: (c.galaxy_type, c.value))


def _galaxies(clusters: list[GalaxyCluster]) -> list[Json]:
    galaxies: dict[str, Json] = {}
    for cluster in clusters:
        galaxy = galaxies.setdefault(
            cluster.galaxy_uuid,
            {
                "uuid": cluster.galaxy_uuid,
                "name": cluster.galaxy_name,
                "type": cluster.galaxy_type,
                "namespace": cluster.galaxy_namespace,
                "description": cluster.galaxy_description,
                "GalaxyCluster": [],
            },
        )
        galaxy["GalaxyCluster"].append(
            {
                "uuid": cluster.cluster_uuid,
                "value": cluster.value,
                "type": cluster.galaxy_type,
                "tag_name": cluster.tag,
                "description": cluster.description,
                "default": True,
                "distribution": "3",
            }
        )
    return list(galaxies.values())


def _actor_attributes(claims: list[ClaimRecord], stamp: str) -> list[Json]:
    """A threat-actor attribute per named party the article accuses, with its accusers."""
    accused: dict[str, tuple[PartyRecord, list[str]]] = {}
    for record in claims:
        if record.stance == "accuse" and not record.negated and named_party(record.target):
            entry = accused.setdefault(record.target.iri, (record.target, []))
            name = record.actor.name or record.actor.iri
            if name not in entry[1]:
                entry[1].append(name)
    attributes = []
    for iri, (party, accusers) in accused.items():
        attribute = _attribute(
            "Attribution",
            "threat-actor",
            party.name or iri,
            misp_uuid("threat-actor", claims[0].article, iri),
            stamp,
            comment=f"Accused by {', '.join(accusers)}.",
        )
        cluster = galaxy_cluster(party.galaxy_uuid) if party.galaxy_uuid else None
        if cluster is not None:
            attribute["Tag"] = [{"name": cluster.tag}]
        attributes.append(attribute)
    return attributes


def _claim_object(record: ClaimRecord, stamp: str) -> Json:
    """The annotation object carrying one claim's evidence."""
    object_uuid = misp_uuid("claim", record.iri)
    values = [
        ("text", "text", record.evidence or record.claim),
        ("type", "text", "Other"),
        ("format", "text", "text"),
    ]
    if record.url:
        values.append(("ref", "link", record.url))
    return {
        "name": "annotation",
        "meta-category": "misc",
        "description": "An attributed claim and its evidence sentence",
        "template_uuid": ANNOTATION_TEMPLATE[0],
        "template_version": ANNOTATION_TEMPLATE[1],
        "uuid": object_uuid,
        "timestamp": stamp,
        "distribution": "5",  # inherit the event's
        "comment": claim_comment(record),
        "Attribute": [
            {
                **_attribute("Other", kind, value, misp_uuid(object_uuid, relation), stamp),
                "object_relation": relation,
            }
            for relation, kind, value in values
        ],
    }


def claim_comment(record: ClaimRecord) -> str:
    """The claim in one line: "James Clapper (United States) accuse China [cyber-espionage] ..."."""
    actor = record.actor.name or record.actor.iri
    if record.actor.affiliation and record.actor.affiliation != actor:
        actor += f" ({record.actor.affiliation})"
    parts = [
        f"{actor} {record.stance} {record.target.name or record.target.iri} [{record.topic}]",
        f"confidence {round(record.confidence * 100)}%",
        f"characters {record.start}-{record.end} of article {record.article}",
    ]
    if record.negated:
        parts.append("negated")
    if record.reported_via:
        parts.append(f"reported via {record.reported_via}")
    return "; ".join(parts) + f"; claim {record.iri}"


def _attribute(
    category: str, kind: str, value: str, attribute_uuid: str, stamp: str, comment: str = ""
) -> Json:
    attribute: Json = {
        "uuid": attribute_uuid,
        "category": category,
        "type": kind,
        "value": value,
        "to_ids": False,  # statements in the news are not detection indicators
        "timestamp": stamp,
        "distribution": "5",
    }
    if comment:
        attribute["comment"] = comment
    return attribute
