"""A read-only TAXII 2.1 server (OASIS TAXII Version 2.1): ``/taxii2/`` discovery, one API root, the
collections of ``kg.export.taxii`` and their objects, manifests and versions.

Every TAXII resource is ``application/taxii+json;version=2.1``: a request whose ``Accept`` header admits
neither it (nor ``application/taxii+json`` without a version, nor a wildcard) gets 406. The collections
are read-only: adding objects is 415 for a body that is not TAXII JSON, else 403; deleting is 403. Errors
are TAXII error messages in the same media type, rendered by the API's one error handler
(:func:`api.problems.add_error_format`).
"""

from __future__ import annotations

from http import HTTPStatus
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from api.deps import SettingsDep, StoreDep
from api.problems import NotAcceptable
from kg.errors import Forbidden, UnsupportedMediaType
from kg.export import taxii
from kg.export.taxii import TAXII_MEDIA_TYPE

PREFIX = "/taxii2"
API_ROOT = "kg"


def require_taxii_accept(request: Request) -> None:
    """406 unless ``Accept`` admits the TAXII 2.1 media type (no header admits anything)."""
    if not _admits_taxii(request.headers.get("accept")):
        raise NotAcceptable(
            f"TAXII resources are {TAXII_MEDIA_TYPE}; the Accept header asks for "
            f"{request.headers.get('accept')!r}"
        )


def _admits_taxii(accept: str | None) -> bool:
    if not accept or not accept.strip():
        return True
    for part in accept.split(","):
        fields = [f.strip() for f in part.split(";")]
        params = {
            k.strip().lower(): v.strip().strip('"') for k, _, v in (f.partition("=") for f in fields[1:])
        }
        try:
            if float(params.get("q", "1")) <= 0:
                continue
        except ValueError:
            continue
        media = fields[0].lower()
        if media in ("*/*", "application/*"):
            return True
        if media == "application/taxii+json" and params.get("version", "2.1") == "2.1":
            return True
    return False


def taxii_error(status: int, title: str, detail: str | None) -> tuple[dict[str, Any], str]:
    """A TAXII error message (the ``error`` resource) for the API's error handler."""
    body: dict[str, Any] = {"title": title, "http_status": str(status)}
    if detail:
        body["description"] = detail
    return body, TAXII_MEDIA_TYPE


class TaxiiResponse(JSONResponse):
    media_type = TAXII_MEDIA_TYPE


_CONTENT = {TAXII_MEDIA_TYPE: {"schema": {"type": "object"}}}


def taxii_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` of a TAXII route: its errors, TAXII error messages (401/403 when keys are
    required for reads, 406 for an Accept header without the TAXII type, 400 and 500 always)."""
    codes = sorted({*statuses, 400, 401, 403, 406, 500})
    return {code: {"description": HTTPStatus(code).phrase, "content": _CONTENT} for code in codes}


router = APIRouter(
    prefix=PREFIX,
    tags=["taxii"],
    dependencies=[Depends(require_taxii_accept)],
    default_response_class=TaxiiResponse,
    responses=taxii_responses(),
)
COLLECTION_ERRORS = taxii_responses(400, 404)


def _taxii(body: dict[str, Any], headers: dict[str, str] | None = None) -> TaxiiResponse:
    return TaxiiResponse(body, headers=headers)


def taxii_query(
    settings: SettingsDep,
    added_after: Annotated[str | None, Query(description="Only objects added after this timestamp")] = None,
    limit: Annotated[str | None, Query(description=f"Objects per page (at most {taxii.MAX_PAGE})")] = None,
    next: Annotated[str | None, Query(description="The `next` token of the previous page")] = None,
    match_id: Annotated[
        str | None, Query(alias="match[id]", description="Object ids, comma-separated")
    ] = None,
    match_type: Annotated[str | None, Query(alias="match[type]", description="STIX types")] = None,
    match_version: Annotated[
        str | None, Query(alias="match[version]", description="last, first, all or timestamps")
    ] = None,
    match_spec_version: Annotated[str | None, Query(alias="match[spec_version]", description="2.1")] = None,
) -> taxii.Query:
    params = {
        "added_after": added_after,
        "limit": limit,
        "next": next,
        "match[id]": match_id,
        "match[type]": match_type,
        "match[version]": match_version,
        "match[spec_version]": match_spec_version,
    }
    return taxii.parse_query(params, settings.page_size)


QueryDep = Annotated[taxii.Query, Depends(taxii_query)]


@router.get("/", name="taxii_discovery")
def discovery(request: Request) -> TaxiiResponse:
    """TAXII server discovery: the one API root."""
    root = str(request.url_for("taxii_api_root"))
    return _taxii(
        {
            "title": "attribution-kg",
            "description": "Who said whom was behind a cyber operation, who denied it: claims as STIX 2.1.",
            "default": root,
            "api_roots": [root],
        }
    )


@router.get(f"/{API_ROOT}/", name="taxii_api_root")
def api_root(settings: SettingsDep) -> TaxiiResponse:
    return _taxii(
        {
            "title": "Attribution knowledge graph",
            "description": "Read-only collections of the graph's claims.",
            "versions": [TAXII_MEDIA_TYPE],
            "max_content_length": settings.max_body_bytes,
        }
    )


@router.get(f"/{API_ROOT}/collections/")
def collections() -> TaxiiResponse:
    return _taxii({"collections": [c.resource() for c in taxii.COLLECTIONS]})


@router.get(f"/{API_ROOT}/collections/{{collection_id}}/", responses=COLLECTION_ERRORS)
def collection(collection_id: str) -> TaxiiResponse:
    return _taxii(taxii.find_collection(collection_id).resource())


async def _entries(store: StoreDep, settings: SettingsDep, collection_id: str) -> list[taxii.Entry]:
    found = taxii.find_collection(collection_id)
    return await run_in_threadpool(taxii.collection_entries, store, found, settings.tlp)


EntriesDep = Annotated[list[taxii.Entry], Depends(_entries)]


@router.get(f"/{API_ROOT}/collections/{{collection_id}}/manifest/", responses=COLLECTION_ERRORS)
def manifest(entries: EntriesDep, query: QueryDep) -> TaxiiResponse:
    page = taxii.select(entries, query)
    return _taxii(page.manifest(), page.headers())


@router.get(f"/{API_ROOT}/collections/{{collection_id}}/objects/", responses=COLLECTION_ERRORS)
def objects(entries: EntriesDep, query: QueryDep) -> TaxiiResponse:
    page = taxii.select(entries, query)
    return _taxii(page.envelope(), page.headers())


@router.post(
    f"/{API_ROOT}/collections/{{collection_id}}/objects/",
    status_code=202,
    responses=taxii_responses(404, 415),
)
def add_objects(request: Request, collection_id: str) -> TaxiiResponse:
    """Refused: the collections are read-only (415 first when the body is not TAXII JSON)."""
    taxii.find_collection(collection_id)
    content_type = request.headers.get("content-type", "").replace(" ", "").lower()
    if content_type != TAXII_MEDIA_TYPE:
        raise UnsupportedMediaType(
            f"objects are added as {TAXII_MEDIA_TYPE}, not {content_type or 'no type'}"
        )
    raise Forbidden("this collection is read-only (can_write is false)")


@router.get(f"/{API_ROOT}/collections/{{collection_id}}/objects/{{object_id}}/", responses=COLLECTION_ERRORS)
def get_object(entries: EntriesDep, object_id: str, query: QueryDep) -> TaxiiResponse:
    page = taxii.select(taxii.object_entries(entries, object_id), query)
    return _taxii(page.envelope(), page.headers())


@router.delete(
    f"/{API_ROOT}/collections/{{collection_id}}/objects/{{object_id}}/", responses=taxii_responses(404)
)
def delete_object(collection_id: str, object_id: str) -> TaxiiResponse:
    taxii.find_collection(collection_id)
    raise Forbidden("this collection is read-only (can_write is false)")


@router.get(
    f"/{API_ROOT}/collections/{{collection_id}}/objects/{{object_id}}/versions/", responses=COLLECTION_ERRORS
)
def versions(entries: EntriesDep, object_id: str, query: QueryDep) -> TaxiiResponse:
    page = taxii.select(taxii.object_entries(entries, object_id), query)
    body: dict[str, Any] = {"more": page.more, "versions": [e.version for e in page.entries]}
    if page.next:
        body["next"] = page.next
    return _taxii(body, page.headers())
