"""The web UI's pages under ``/ui/``: server-rendered (Jinja2) over the same readers as the JSON API.

Reading pages work without JavaScript; the network, SPARQL and ingest pages add a script. An error on a
page is shown as a page with the problem's status, title and detail (the JSON API's problem+json).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep
from api.ui import cookbook, network, pages
from api.ui.templating import make_templates
from kg.errors import InputError, KgError
from kg.graph.records import ClaimFilter
from kg.models import STANCES, TOPICS

router = APIRouter(prefix="/ui", include_in_schema=False)
templates = make_templates()
Text = Annotated[str, Query(max_length=300)]


def _render(
    request: Request, template: str, build: Callable[[], dict[str, Any]], status: int = 200
) -> Response:
    try:
        context = build()
    except KgError as exc:
        context, template, status = {"error": exc}, "error.html", exc.status
    return templates.TemplateResponse(request, template, context, status_code=status)


def _choice(value: str, allowed: tuple[str, ...], what: str) -> str | None:
    if not value:
        return None
    if value not in allowed:
        raise InputError(f"unknown {what} '{value}' (expected one of {', '.join(allowed)})")
    return value


def _day(value: str, what: str) -> str | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"{what} must be an ISO date (YYYY-MM-DD), not '{value}'") from None


def ui_filter(
    stance: Text = "", topic: Text = "", actor: Text = "", target: Text = "", article: Text = "",
    date_from: Text = "", date_to: Text = "",
) -> ClaimFilter:  # fmt: skip
    """The claim filters of a form: empty fields mean any (a form sends every field)."""
    return ClaimFilter(
        stance=_choice(stance, STANCES, "stance"),
        topic=_choice(topic, TOPICS, "topic"),
        actor=actor.strip() or None,
        target=target.strip() or None,
        article=article.strip() or None,
        date_from=_day(date_from, "date_from"),
        date_to=_day(date_to, "date_to"),
    )


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, store: StoreDep, q: Annotated[str, Query(max_length=2000)] = "") -> Response:
    def build() -> dict[str, Any]:
        from kg.ask import answer

        context = pages.home(store)
        context.update(q=q, answer=answer(q, store) if q.strip() else None)
        return context

    return await run_in_threadpool(_render, request, "home.html", build)


@router.get("/claims", response_class=HTMLResponse)
async def claims(
    request: Request,
    store: StoreDep,
    stance: Text = "", topic: Text = "", actor: Text = "", target: Text = "", article: Text = "",
    date_from: Text = "", date_to: Text = "",
    after: Annotated[str, Query(max_length=2000)] = "",
    limit: Annotated[int, Query(ge=1, le=1000)] = 50,
    sort: Annotated[str, Query(max_length=20)] = "",
) -> Response:  # fmt: skip
    def build() -> dict[str, Any]:
        filters = ui_filter(stance, topic, actor, target, article, date_from, date_to)
        if sort not in pages.SORTS:
            raise InputError(
                f"unknown sort '{sort}' (expected one of {', '.join(k for k in pages.SORTS if k)})"
            )
        return {"view": pages.claims(store, filters, after or None, limit, sort), "sorts": pages.SORTS}

    return await run_in_threadpool(_render, request, "claims.html", build)


@router.get("/claims/{ident}", response_class=HTMLResponse)
async def claim(request: Request, ident: str, store: StoreDep) -> Response:
    return await run_in_threadpool(
        _render, request, "claim.html", lambda: {"view": pages.claim(store, ident)}
    )


@router.get("/actors", response_class=HTMLResponse)
async def actors(request: Request, store: StoreDep, q: Text = "") -> Response:
    return await run_in_threadpool(
        _render, request, "actors.html", lambda: {"q": q, "actors": pages.actors(store, q)}
    )


@router.get("/actors/{ident}", response_class=HTMLResponse)
async def actor(request: Request, ident: str, store: StoreDep) -> Response:
    return await run_in_threadpool(
        _render, request, "actor.html", lambda: {"actor": pages.actor(store, ident)}
    )


@router.get("/articles", response_class=HTMLResponse)
async def articles(request: Request, store: StoreDep) -> Response:
    return await run_in_threadpool(
        _render, request, "articles.html", lambda: {"articles": pages.articles(store)}
    )


@router.get("/articles/{ident}", response_class=HTMLResponse)
async def article(request: Request, ident: str, store: StoreDep) -> Response:
    return await run_in_threadpool(_render, request, "article.html", lambda: pages.article(store, ident))


@router.get("/network", response_class=HTMLResponse)
async def network_page(
    request: Request,
    store: StoreDep,
    stance: Text = "",
    topic: Text = "",
    date_from: Text = "",
    date_to: Text = "",
) -> Response:
    def build() -> dict[str, Any]:
        filters = ui_filter(stance, topic, "", "", "", date_from, date_to)
        return {"filters": filters, "span": network.date_span(store)}

    return await run_in_threadpool(_render, request, "network.html", build)


@router.get("/network.json")
async def network_json(
    store: StoreDep, stance: Text = "", topic: Text = "", date_from: Text = "", date_to: Text = ""
) -> dict[str, Any]:
    filters = ui_filter(stance, topic, "", "", "", date_from, date_to)
    return await run_in_threadpool(network.elements, store, filters)


@router.get("/sparql", response_class=HTMLResponse)
async def sparql(request: Request) -> Response:
    return _render(request, "sparql.html", lambda: {"examples": cookbook.examples()})


@router.get("/ingest", response_class=HTMLResponse)
async def ingest(request: Request) -> Response:
    return _render(request, "ingest.html", dict)
