"""``GET /claims``: filtered claims, a page at a time, as JSON or CSV."""

from __future__ import annotations

import base64
import csv
import io
import json
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.auth import require_write_key
from api.deps import FilterDep, SettingsDep, StoreDep, reject_unknown_params
from api.negotiation import choose
from api.pagination import MAX_LIMIT, _fingerprint, fingerprint_of
from api.problems import NotAcceptable, problem_responses
from api.schemas import ClaimPage, ImportResult, claim_dict
from kg.errors import InputError, UnsupportedMediaType
from kg.graph.importer import import_claims
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


def _encode(position: str, request: Request) -> str:
    return claims_cursor(position, request.query_params.multi_items())


def claims_cursor(position: str, params: list[tuple[str, str]]) -> str:
    """The cursor of ``GET /claims?params`` continuing after the store's keyset ``position``, tied to the
    listing's filters like every cursor of this API."""
    raw = json.dumps({"k": position, "f": fingerprint_of("/claims", params)}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str | None, request: Request) -> str | None:
    if not cursor:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        position, fingerprint = str(data["k"]), str(data["f"])
    except (ValueError, KeyError, TypeError):
        raise InputError("the cursor is not valid; use the 'next' link of a previous page") from None
    if fingerprint != _fingerprint(request):
        raise InputError("the cursor belongs to another listing (different filters); start again without it")
    return position


def _next_link(request: Request, position: str, limit: int) -> str:
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("cursor", "limit")]
    params += [("limit", str(limit)), ("cursor", _encode(position, request))]
    return f"{request.url.path}?{urlencode(params)}"


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
    # keyset paging: a page costs O(page), not O(all matches) (kg.graph.listing)
    records, position = store.claims_page(filters, _decode(cursor, request), size)
    following = _next_link(request, position, size) if position else None
    headers = {"Link": f'<{following}>; rel="next"'} if following else {}
    if media_type == CSV:
        return Response(_csv(records), media_type=f"{CSV}; charset=utf-8", headers=headers)
    response.headers.update(headers)
    return {"claims": [claim_dict(r) for r in records], "count": len(records), "next": following}


JSON_LINES = ("application/x-ndjson", "application/jsonl", "application/json-lines", "text/plain")
POST_BODY = {
    "required": True,
    "description": "JSON Lines: claims of the contract (docs/claims.md), and articles {id, text | html} "
    "that give the text their evidence offsets point into",
    "content": {media_type: {"schema": {"type": "string"}} for media_type in JSON_LINES},
}


@router.post(
    "/claims",
    response_model=ImportResult,
    dependencies=[Depends(require_write_key)],
    openapi_extra={"requestBody": POST_BODY},
    responses=problem_responses(400, 401, 403, 413, 415),
)
async def add_claims(request: Request, store: StoreDep) -> Any:
    """Import claims (from another extractor, or curated): every line is checked first, and a body with a
    bad line imports nothing (400, one error per bad line in ``detail``); re-importing changes nothing."""
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in JSON_LINES:
        raise UnsupportedMediaType(
            f"POST /claims takes {', '.join(JSON_LINES)}, not {media_type or 'nothing'}"
        )
    body = await request.body()  # the body limit middleware stops an oversized body while it streams
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the request body is not UTF-8") from None
    report = await run_in_threadpool(import_claims, store, text, "request body")
    result = report.to_dict()
    del result["errors"]  # a report only exists when nothing failed
    return result
