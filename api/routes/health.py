"""``GET /health``: the store answers, with its counts (used by the compose health check)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from api.deps import SettingsDep, StoreDep
from api.problems import problem_responses

router = APIRouter(tags=["health"])


@router.get("/health", responses=problem_responses(503))
def health(store: StoreDep, settings: SettingsDep) -> dict[str, Any]:
    """Whether the store is reachable, and how much it holds."""
    counts = store.stats()
    return {"status": "ok", "store": "remote" if settings.store_is_remote else "embedded", "counts": counts}
