"""What ``kg incidents``, ``GET /incidents`` and the analysts' edits do, written once for both.

Listings are computed from the stored mentions and edits (:func:`kg.incidents.incidents_in_store`), the
same computation that fills the derived graph, so the API and the graph never disagree. An edit is stored
in the edits graph and the derived graph refreshed under the store's write lock.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

from kg.errors import InputError, NotFound
from kg.incidents import attribution_record, incidents_in_store, refresh_incidents
from kg.incidents.graph import add_edit
from kg.incidents.model import Edit, Incident
from kg.resolve.matcher import phrase_key


def summary(incident: Incident) -> dict[str, Any]:
    """One incident in a listing: names, victims, dates, counts and status."""
    record = attribution_record(incident)
    return {
        "id": incident.id,
        "name": incident.name,
        "kind": incident.kind,
        "aliases": list(incident.aliases),
        "victims": list(incident.victims),
        "galaxy_uuid": incident.galaxy_uuid,
        "first_reported": incident.first_reported,
        "last_reported": incident.last_reported,
        "articles": len(incident.articles),
        "claims": len(incident.claims),
        "status": record.status,
        "status_because": record.because,
        "accused": list(record.accused),
    }


def timeline(incident: Incident) -> dict[str, Any]:
    """One incident in full: its summary, why it was merged, its attribution record and its claims in
    the order they were reported."""
    record = attribution_record(incident)
    claims = sorted(incident.claims, key=lambda c: (c.claim.date or "", c.claim.article, c.claim.start))
    return summary(incident) | {
        "article_ids": list(incident.articles),
        "merged_because": list(incident.merged_because),
        "edits": list(incident.edits),
        "record": [
            {
                "act": e.act,
                "by": e.by.name,
                "by_type": e.by.type,
                "about": e.about.name,
                "date": e.date,
                "claim": e.claim,
                "evidence": e.evidence,
                "answers": list(e.answers),
            }
            for e in record.entries
        ],
        "status_claims": list(record.status_claims),
        "timeline": [
            {
                "date": c.claim.date,
                "article": c.claim.article,
                "claim": c.claim.id,
                "actor": c.claim.actor,
                "stance": c.claim.stance,
                "target": c.claim.target,
                "negated": c.claim.negated,
                "evidence": c.claim.evidence,
                "start": c.claim.start,
                "end": c.claim.end,
                "mention": c.surface,
                "linked_by": c.linked_by,
            }
            for c in claims
        ],
    }


def _accuses(incident: Incident, party: str) -> bool:
    wanted = phrase_key(party)
    record = attribution_record(incident)
    return any(
        e.act in ("accused", "sanctioned", "indicted")
        and wanted in {phrase_key(e.about.name), phrase_key(e.about.affiliation)} | _group_state(e.about.name)
        for e in record.entries
    )


def _group_state(name: str) -> set[str]:
    from kg.incidents.record import state_of_group

    state = state_of_group(name)
    return {phrase_key(state)} if state else set()


def _in_year(incident: Incident, year: int | None) -> bool:
    if year is None:
        return True
    first, last = incident.first_reported, incident.last_reported
    return bool(first and last and int(first[:4]) <= year <= int(last[:4]))


def list_incidents(
    store: Any, status: str | None = None, accused: str | None = None, year: int | None = None
) -> list[Incident]:
    """The stored incidents, oldest first, optionally only those of a status, attributed to a party (or
    to the state a group is attributed to), or reported in a year."""
    out = []
    for incident in incidents_in_store(store):
        if status and attribution_record(incident).status != status:
            continue
        if accused and not _accuses(incident, accused):
            continue
        if _in_year(incident, year):
            out.append(incident)
    return out


def get_incident(store: Any, incident_id: str) -> Incident:
    found = next((i for i in incidents_in_store(store) if i.id == incident_id), None)
    if found is None:
        raise NotFound(f"no incident {incident_id!r}")
    return found


def _edit(action: str, claims: list[str], by: str, note: str, name: str) -> Edit:
    at = datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    ident = hashlib.sha256("\x1f".join([action, at, by, *claims]).encode()).hexdigest()[:16]
    return Edit(ident, action, tuple(claims), by, at, note.strip(), name.strip())


def _apply(store: Any, edit: Edit) -> Incident:
    from kg.graph.loader import WRITE_LOCK

    with WRITE_LOCK:
        add_edit(store, edit)
        incidents = refresh_incidents(store)
    return next(i for i in incidents if any(c.claim.id == edit.claims[0] for c in i.claims))


def split_incident(
    store: Any, incident_id: str, claims: list[str], by: str, name: str = "", note: str = ""
) -> Incident:
    """Take ``claims`` out of the incident into one of their own (named ``name``); the new incident."""
    incident = get_incident(store, incident_id)
    held = {c.claim.id for c in incident.claims}
    chosen = list(dict.fromkeys(claims))
    unknown = [c for c in chosen if c not in held]
    if not chosen or unknown:
        raise InputError(
            f"a split names claims of incident {incident_id!r}"
            + (f"; not in it: {', '.join(unknown[:5])}" if unknown else ": none were given")
        )
    if len(chosen) == len(held):
        raise InputError("a split must leave at least one claim in the incident")
    return _apply(store, _edit("split", chosen, by, note, name))


def merge_incidents(store: Any, incident_ids: list[str], by: str, note: str = "") -> Incident:
    """Join the incidents ``incident_ids`` (two at least) into one; the merged incident."""
    ids = list(dict.fromkeys(incident_ids))
    if len(ids) < 2:
        raise InputError("a merge names two incidents at least")
    incidents = [get_incident(store, i) for i in ids]
    claims = [c.claim.id for inc in incidents for c in inc.claims]
    return _apply(store, _edit("merge", claims, by, note, ""))
