"""``GET /incidents``, ``GET /incidents/{id}`` (the timeline), and the analysts' ``split`` and ``merge``.

Every route calls :mod:`kg.incidents.service`, as ``kg incidents`` does. Edits need the write key; each is
stored as a PROV activity attributed to the key that made it (a digest of the key, never the key).
"""

from __future__ import annotations

import hashlib
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api.auth import presented_key, require_write_key
from api.deps import StoreDep, reject_unknown_params
from api.problems import problem_responses
from kg.incidents import service

router = APIRouter(tags=["incidents"], dependencies=[Depends(reject_unknown_params)])
Status = Literal["unattributed", "attributed", "contested", "acknowledged", "settled"]
IncidentId = Annotated[str, Path(pattern=r"^[a-z0-9-]{1,160}$", description="The incident's id")]


class IncidentSummary(BaseModel):
    id: str
    name: str
    kind: str = Field(description="incident or campaign (the STIX object it maps to)")
    aliases: list[str]
    victims: list[str]
    galaxy_uuid: str | None
    first_reported: str | None
    last_reported: str | None
    articles: int
    claims: int
    status: Status
    status_because: str
    accused: list[str]


class IncidentList(BaseModel):
    incidents: list[IncidentSummary]
    count: int


class RecordEntry(BaseModel):
    act: str = Field(description="accused, sanctioned, indicted, denied, disputed or acknowledged")
    by: str
    by_type: str
    about: str
    date: str | None
    claim: str
    evidence: str
    answers: list[str] = Field(description="The accusations a denial answers (claim IRIs)")


class TimelineEntry(BaseModel):
    date: str | None
    article: str
    claim: str
    actor: str
    stance: str
    target: str
    negated: bool
    evidence: str
    start: int
    end: int
    mention: str = Field(description="The words that name or describe the operation")
    linked_by: str = Field(description="evidence, context or article")


class IncidentDetail(IncidentSummary):
    article_ids: list[str]
    merged_because: list[str]
    edits: list[str]
    record: list[RecordEntry]
    status_claims: list[str]
    timeline: list[TimelineEntry]


class SplitRequest(BaseModel):
    claims: list[str] = Field(min_length=1, description="IRIs of the incident's claims to split off")
    name: str = Field("", max_length=200, description="The new incident's name")
    note: str = Field("", max_length=2000)


class MergeRequest(BaseModel):
    incidents: list[Annotated[str, Field(pattern=r"^[a-z0-9-]{1,160}$")]] = Field(min_length=2)
    note: str = Field("", max_length=2000)


def _analyst(request: Request) -> str:
    key = presented_key(request) or ""
    return "key-" + hashlib.sha256(key.encode()).hexdigest()[:12]


@router.get("/incidents", response_model=IncidentList, responses=problem_responses(400))
def list_incidents(
    store: StoreDep,
    status: Annotated[Status | None, Query(description="Only incidents of this status")] = None,
    accused: Annotated[
        str | None, Query(max_length=200, description="Only incidents attributed to this party")
    ] = None,
    year: Annotated[
        int | None, Query(ge=1900, le=2200, description="Only incidents reported in this year")
    ] = None,
) -> Any:
    """Incidents (claims about one operation across articles), oldest first, with their status."""
    found = service.list_incidents(store, status, accused, year)
    return {"incidents": [service.summary(i) for i in found], "count": len(found)}


@router.get("/incidents/{incident_id}", response_model=IncidentDetail, responses=problem_responses(404))
def get_incident(store: StoreDep, incident_id: IncidentId) -> Any:
    """One incident: its attribution record (who accused whom and when, who denied or acknowledged) and
    its claims in the order they were reported."""
    return service.timeline(service.get_incident(store, incident_id))


@router.post(
    "/incidents/{incident_id}/split",
    response_model=IncidentDetail,
    dependencies=[Depends(require_write_key)],
    responses=problem_responses(400, 401, 403, 404),
)
async def split_incident(
    request: Request, store: StoreDep, incident_id: IncidentId, body: SplitRequest
) -> Any:
    """Split claims off an incident into one of their own; the edit is kept with who made it and when."""
    made = await run_in_threadpool(
        service.split_incident, store, incident_id, body.claims, _analyst(request), body.name, body.note
    )
    return service.timeline(made)


@router.post(
    "/incidents/merge",
    response_model=IncidentDetail,
    dependencies=[Depends(require_write_key)],
    responses=problem_responses(400, 401, 403, 404),
)
async def merge_incidents(request: Request, store: StoreDep, body: MergeRequest) -> Any:
    """Merge incidents into one; the edit is kept with who made it and when."""
    made = await run_in_threadpool(
        service.merge_incidents, store, body.incidents, _analyst(request), body.note
    )
    return service.timeline(made)
