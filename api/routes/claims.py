"""``GET /claims``: filtered claims, a page at a time, as JSON or CSV."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response

from api.deps import FilterDep, SettingsDep, StoreDep, reject_unknown_params
from api.negotiation import choose
from api.pagination import MAX_LIMIT, decode_cursor, next_link, page
from api.problems import NotAcceptable, problem_responses
from api.schemas import ClaimPage, claim_dict
from kg.graph.records import ClaimRecord

router = APIRouter(tags=["claims"], dependencies=[Depends(reject_unknown_params)])
JSON = "application/json"
CSV = "text/csv"
CSV_COLUMNS = (
    "iri", "article", "date", "actor", "actor_type", "actor_affiliation", "stance", "negated", "target",
    "target_type", "topic", "claim", "evidence", "start", "end", "confidence", "reported_via", "url", "title",
)  # fmt: skip


def _csv_row(record: ClaimRecord) -> dict[str, Any]:
    row = claim_dict(record)
    actor, target = row.pop("actor"), row.pop("target")
    row.update(actor=actor["name"], actor_type=actor["type"], actor_affiliation=actor["affiliation"])
    row.update(target=target["name"], target_type=target["type"])
    return row


def _csv(records: list[ClaimRecord]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(_csv_row(r) for r in records)
    return out.getvalue()


@router.get(
    "/claims",
    response_model=ClaimPage,
    responses={200: {"content": {CSV: {"schema": {"type": "string"}}}}, **problem_responses(400, 406)},
)
def list_claims(
    request: Request,
    response: Response,
    store: StoreDep,
    settings: SettingsDep,
    filters: FilterDep,
    limit: Annotated[int | None, Query(ge=1, le=MAX_LIMIT, description="Page size")] = None,
    cursor: Annotated[str | None, Query(description="The opaque cursor of a 'next' link")] = None,
) -> Any:
    """Claims matching the filters, in a stable order; follow ``next`` (or the Link header) for more."""
    media_type = choose(request.headers.get("accept"), [JSON, CSV])
    if media_type is None:
        raise NotAcceptable(f"claims can be served as {JSON} or {CSV}")
    size = min(limit or settings.page_size, MAX_LIMIT)
    offset = decode_cursor(cursor, request)
    records, more = page(store.claims(filters, batch=min(offset + size + 1, 5000)), offset, size)
    following = next_link(request, offset + size, size) if more else None
    headers = {"Link": f'<{following}>; rel="next"'} if following else {}
    if media_type == CSV:
        return Response(_csv(records), media_type=f"{CSV}; charset=utf-8", headers=headers)
    response.headers.update(headers)
    return {"claims": [claim_dict(r) for r in records], "count": len(records), "next": following}
