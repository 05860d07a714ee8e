"""``GET /ask?q=``: a plain-English question, answered from the graph (with the SPARQL it ran)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from api.deps import StoreDep, reject_unknown_params
from api.problems import problem_responses

router = APIRouter(tags=["ask"], dependencies=[Depends(reject_unknown_params)])


@router.get("/ask", responses=problem_responses(400))
def ask(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=2000, description="e.g. 'who accused China?'")],
) -> dict[str, Any]:
    """Answer a question such as "who denied involvement in the Yahoo breach?", grouped by actor or target."""
    from kg.ask import answer

    return answer(q, store).to_dict()
