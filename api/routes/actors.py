"""``GET /actors?q=`` and ``GET /actors/{id}``: who an actor is, what it claimed and what was claimed about it,
by stance and over time."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from pydantic import BaseModel, Field

from api.deps import StoreDep, reject_unknown_params
from api.pagination import MAX_LIMIT
from api.problems import problem_responses
from api.schemas import StoredClaim, claim_dict
from kg.errors import NotFound
from kg.graph.records import ClaimFilter, ClaimRecord
from kg.graph.views import load_query
from kg.graph.vocab import ID

router = APIRouter(tags=["actors"], dependencies=[Depends(reject_unknown_params)])
ACTOR_PREFIX = ID + "actor/"


class ActorSummary(BaseModel):
    id: str = Field(description="The actor's id in /actors/{id}")
    iri: str
    name: str
    type: str | None = None
    affiliation: str | None = None
    aliases: list[str] = Field(default_factory=list)
    external_ids: dict[str, str] = Field(default_factory=dict)
    made: int = Field(0, description="Claims the actor made")
    about: int = Field(0, description="Claims made about the actor")


class DateCount(BaseModel):
    date: str | None
    count: int


class StanceGroup(BaseModel):
    stance: str
    count: int
    timeline: list[DateCount] = Field(description="Claims per article date, oldest first")
    claims: list[StoredClaim] = Field(description="The most recent claims (up to 'limit')")


class ActorRecord(BaseModel):
    id: str
    iri: str
    name: str
    type: str
    affiliation: str = ""
    aliases: list[str]
    external_ids: dict[str, str] = Field(description="wikidata, mitre_attack, misp_galaxy when known")
    claimed: list[StanceGroup] = Field(description="What the actor claimed, by stance")
    claimed_about: list[StanceGroup] = Field(description="What others claimed about the actor, by stance")


def _aliases(value: Any) -> list[str]:
    if not value:
        return []
    text = str(value)
    parts = text.split("|") if "|" in text else [text]
    return sorted({p.strip() for p in parts if p.strip()})


@router.get("/actors", response_model=list[ActorSummary], responses=problem_responses(400))
def find_actors(
    store: StoreDep,
    q: Annotated[str, Query(max_length=200, description="Part of a name or alias (case-insensitive)")] = "",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> Any:
    """Actors whose name or an alias contains ``q`` (all actors without it), most active first."""
    rows = store.select(load_query("actors"), {"q": q.strip()})
    return [_summary(row) for row in rows[:limit]]


def _summary(row: dict[str, Any]) -> dict[str, Any]:
    iri = str(row.get("actor") or "")
    return {
        "id": iri.removeprefix(ACTOR_PREFIX),
        "iri": iri,
        "name": row.get("name") or iri,
        "type": row.get("type"),
        "affiliation": row.get("affiliation"),
        "aliases": _aliases(row.get("aliases")),
        "external_ids": _external_ids(row.get("wikidata"), row.get("mitre"), row.get("galaxy")),
        "made": int(row.get("made") or 0),
        "about": int(row.get("received") or 0),
    }


def _groups(records: list[ClaimRecord], limit: int) -> list[dict[str, Any]]:
    by_stance: dict[str, list[ClaimRecord]] = defaultdict(list)
    for record in records:
        by_stance[record.stance].append(record)
    groups = []
    for stance, claims in sorted(by_stance.items(), key=lambda item: (-len(item[1]), item[0])):
        per_date = Counter(c.date for c in claims)
        timeline = [{"date": d, "count": n} for d, n in sorted(per_date.items(), key=lambda i: i[0] or "")]
        recent = sorted(claims, key=lambda c: c.date or "", reverse=True)[:limit]
        groups.append(
            {
                "stance": stance,
                "count": len(claims),
                "timeline": timeline,
                "claims": [claim_dict(c) for c in recent],
            }
        )
    return groups


def _external_ids(wikidata: Any, mitre: Any, galaxy: Any) -> dict[str, str]:
    known = {"wikidata": wikidata, "mitre_attack": mitre, "misp_galaxy": galaxy}
    return {k: str(v) for k, v in known.items() if v}


@router.get("/actors/{actor_id}", response_model=ActorRecord, responses=problem_responses(404))
def get_actor(
    actor_id: Annotated[str, Path(description="The id part of the actor's IRI", examples=["china"])],
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Claims listed per stance")] = 20,
) -> Any:
    """The actor's record: its names and ids, what it claimed and what was claimed about it."""
    iri = ACTOR_PREFIX + actor_id
    made = list(store.claims(ClaimFilter(actor=iri)))
    about = list(store.claims(ClaimFilter(target=iri)))
    if not made and not about:
        raise NotFound(f"no actor '{actor_id}' (find ids with GET /actors?q=NAME)")
    party = made[0].actor if made else about[0].target
    return {
        "id": actor_id,
        "iri": iri,
        "name": party.name,
        "type": party.type,
        "affiliation": party.affiliation,
        "aliases": sorted(set(party.aliases)),
        "external_ids": _external_ids(party.wikidata, party.mitre_id, party.galaxy_uuid),
        "claimed": _groups(made, limit),
        "claimed_about": _groups(about, limit),
    }
