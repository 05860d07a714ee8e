"""Dependencies shared by the routes: the app's store and settings, strict query parameters, filters."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.dependencies.models import Dependant

from kg.errors import InputError
from kg.graph.records import ClaimFilter
from kg.graph.store import Store
from kg.models import Stance, Topic
from kg.settings import Settings

StanceName = Stance  # the vocabularies of kg.models, which OpenAPI lists as enums
TopicName = Topic


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


StoreDep = Annotated[Store, Depends(get_store)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


def reject_unknown_params(request: Request) -> None:
    """A misspelt filter (``?stnace=deny``) is an error, not a silently unfiltered answer."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    allowed = _query_names(dependant)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        expected = ", ".join(sorted(allowed)) or "none"
        raise InputError(f"unknown query parameter(s): {', '.join(unknown)} (expected: {expected})")


def claim_filter(
    actor: Annotated[str | None, Query(description="Actor name (any alias, case-insensitive) or IRI")] = None,
    stance: Annotated[StanceName | None, Query()] = None,
    target: Annotated[str | None, Query(description="Target name (any alias) or IRI")] = None,
    topic: Annotated[TopicName | None, Query()] = None,
    article: Annotated[str | None, Query(description="Article id")] = None,
    date_from: Annotated[date | None, Query(description="Article date on or after (ISO date)")] = None,
    date_to: Annotated[date | None, Query(description="Article date on or before (ISO date)")] = None,
) -> ClaimFilter:
    return ClaimFilter(
        stance=stance,
        topic=topic,
        actor=actor or None,
        target=target or None,
        article=article or None,
        date_from=date_from.isoformat() if date_from else None,
        date_to=date_to.isoformat() if date_to else None,
    )


FilterDep = Annotated[ClaimFilter, Depends(claim_filter)]
