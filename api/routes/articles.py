"""``/articles``: add an article (extract its claims and store them), list, read and delete articles."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from api.auth import require_write_key
from api.deps import SettingsDep, StoreDep, reject_unknown_params
from api.pagination import MAX_LIMIT, decode_cursor, next_link, page
from api.problems import problem_responses
from api.schemas import ArticleDetail, ArticlePage, IngestResult, claim_dict
from kg.errors import InputError, NotFound, PayloadTooLarge, UnsupportedMediaType
from kg.graph.article_text import stored_text
from kg.graph.loader import delete_article as delete_stored_article
from kg.graph.loader import store_extracted
from kg.graph.records import ClaimFilter
from kg.graph.store import Store
from kg.graph.views import load_query
from kg.ingest import article_from_record
from kg.models import Article

router = APIRouter(tags=["articles"], dependencies=[Depends(reject_unknown_params)])
BODY_TYPES = ("application/json", "text/plain", "text/html")
POST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {
                    name: {"type": "string"} for name in ("text", "html", "id", "url", "date", "title")
                },
            }
        },
        "text/plain": {"schema": {"type": "string"}},
        "text/html": {"schema": {"type": "string"}},
    },
}


def article_meta(store: Store, article_id: str = "") -> list[dict[str, Any]]:
    """Metadata rows of one article (``article_id``) or of all of them ("")."""
    rows = store.select(load_query("articles"), {"fArticle": article_id})
    return [
        {
            "id": str(row["articleId"]),
            "title": row.get("title"),
            "date": row.get("date"),
            "url": row.get("url"),
            "publisher": row.get("publisher"),
            "claims": int(row.get("claims") or 0),
        }
        for row in rows
    ]


def _record_from_body(content_type: str, body: bytes, meta: dict[str, str | None]) -> dict[str, Any]:
    media_type = content_type.split(";")[0].strip().lower()
    if media_type not in BODY_TYPES:
        raise UnsupportedMediaType(
            f"POST /articles takes {', '.join(BODY_TYPES)}, not {media_type or 'nothing'}"
        )
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the request body is not UTF-8") from None
    if media_type == "application/json":
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            raise InputError(f"the body is not JSON ({exc.msg} at line {exc.lineno})") from None
        if not isinstance(record, dict):
            raise InputError("the JSON body must be an object with 'text' or 'html'")
    else:
        record = {"html" if media_type == "text/html" else "text": text}
    for key, value in meta.items():
        record.setdefault(key, value)
    if not record.get("id"):
        content = record.get("text") or record.get("html") or ""
        record["id"] = hashlib.sha256(str(content).encode("utf-8")).hexdigest()[:16]
    return record


def _extract_and_store(store: Store, article: Article) -> tuple[bool, bool, list[dict[str, Any]]]:
    from kg.extract import get_extractor

    existed = bool(article_meta(store, article.id))
    claims = get_extractor().extract(article)
    [changed] = store_extracted(store, [(article, claims)])  # rebuttal links refreshed as `kg ingest` does
    return not existed, changed, [claim.to_dict() for claim in claims]


@router.post(
    "/articles",
    status_code=201,
    response_model=IngestResult,
    dependencies=[Depends(require_write_key)],
    openapi_extra={"requestBody": POST_BODY},
    responses={200: {"description": "Replaced or unchanged", "model": IngestResult}}
    | problem_responses(400, 401, 403, 413, 415),
)
async def add_article(
    request: Request,
    response: Response,
    store: StoreDep,
    settings: SettingsDep,
    id: Annotated[
        str | None, Query(description="Article id for a text/html body (default: content hash)")
    ] = None,
    url: Annotated[str | None, Query()] = None,
    date: Annotated[str | None, Query(description="ISO date")] = None,
    title: Annotated[str | None, Query()] = None,
) -> Any:
    """Extract the article's claims and store them, replacing any earlier version of the same id."""
    body = await request.body()  # the body limit middleware stops an oversized body while it streams
    meta = {"id": id, "url": url, "date": date, "title": title}
    record = _record_from_body(request.headers.get("content-type", ""), body, meta)
    article = await run_in_threadpool(article_from_record, record, "request body")
    if len(article.text) > settings.max_article_chars:
        raise PayloadTooLarge(
            f"the article has {len(article.text)} characters, over {settings.max_article_chars}"
        )
    created, changed, claims = await run_in_threadpool(_extract_and_store, store, article)
    response.status_code = 201 if created else 200
    if created:
        response.headers["Location"] = f"/articles/{quote(article.id, safe='')}"
    described = {"id": article.id, "title": article.title, "date": article.date, "url": article.url}
    return {
        "article": described | {"claims": len(claims)},
        "created": created,
        "changed": changed,
        "claims": claims,
    }


@router.get("/articles", response_model=ArticlePage, responses=problem_responses(400))
def list_articles(
    request: Request,
    store: StoreDep,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
    cursor: Annotated[str | None, Query()] = None,
) -> Any:
    """Stored article ids with their metadata and claim counts."""
    offset = decode_cursor(cursor, request)
    rows, more = page(article_meta(store), offset, limit)
    return {
        "articles": rows,
        "count": len(rows),
        "next": next_link(request, offset + limit, limit) if more else None,
    }


@router.get("/articles/{article_id}", response_model=ArticleDetail, responses=problem_responses(404))
def get_article(
    article_id: str,
    store: StoreDep,
    text: Annotated[bool, Query(description="Also return the stored article text")] = False,
) -> Any:
    """One article's metadata and its stored claims (and its text, with ``?text=true``)."""
    rows = article_meta(store, article_id)
    if not rows:
        raise NotFound(f"no article '{article_id}'")
    records = [claim_dict(r) for r in store.claims(ClaimFilter(article=article_id))]
    return rows[0] | {"records": records, "text": stored_text(store, article_id) if text else None}


@router.delete(
    "/articles/{article_id}",
    status_code=204,
    dependencies=[Depends(require_write_key)],
    responses=problem_responses(401, 403, 404),
)
def delete_article(article_id: str, store: StoreDep) -> Response:
    """Remove the article and everything it contributed."""
    if not delete_stored_article(store, article_id):
        raise NotFound(f"no article '{article_id}'")
    return Response(status_code=204)
