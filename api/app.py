"""``create_app(settings)``: the FastAPI application. The store is opened once, at start-up, and closed at
shut-down; every route calls the same library functions as the ``kg`` command."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.openapi.utils import get_openapi

from api.auth import require_read_key
from api.cors import ReadCorsMiddleware
from api.limits import BodyLimitMiddleware
from api.problems import (
    PROBLEM_CONTENT,
    Problem,
    add_error_format,
    install_problem_handlers,
    problem_responses,
)
from api.routes import actors, articles, ask, claims, export, health, incidents, sparql, taxii
from api.ui import install_ui
from kg.settings import Settings, get_settings

DESCRIPTION = (
    "Who said whom was behind a cyber operation, who denied it, and where it was said. "
    "Writes (POST, DELETE) need `Authorization: Bearer KEY`. Errors are `application/problem+json`."
)


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    from kg.graph import open_store

    app.state.store = open_store(app.state.settings)
    try:
        yield
    finally:
        app.state.store.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API over the store ``settings.store`` names (the process settings by default)."""
    app = FastAPI(
        title="Attribution knowledge graph",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=_lifespan,
        docs_url=None,  # /docs and /redoc are served on the package's own assets (api.docs)
        redoc_url=None,
    )
    app.state.settings = settings or get_settings()
    install_problem_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=app.state.settings.max_body_bytes)
    if app.state.settings.cors_origin_list:
        app.add_middleware(ReadCorsMiddleware, origins=app.state.settings.cors_origin_list)
    app.include_router(health.router)
    readers = [Depends(require_read_key)]
    for module in (articles, claims, actors, ask, sparql, export, incidents):
        app.include_router(module.router, dependencies=readers)
    app.include_router(taxii.router, dependencies=readers)
    add_error_format(app, taxii.PREFIX, taxii.taxii_error)  # TAXII errors are TAXII error messages
    install_ui(app)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated document, with problem+json for validation errors (400, not FastAPI's 422) and for
    the errors any route can give."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["Problem"] = Problem.model_json_schema()
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    common = problem_responses(400, 500)
    # the Authorize button of /docs: the bearer key, sent by the operations that need one
    schema["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            if "401" in responses:
                operation.setdefault("security", [{"bearer": []}])
            responses.pop("422", None)
            for status, response in common.items():
                responses.setdefault(str(status), response)
            for response in responses.values():
                _problem_only(response)
    app.openapi_schema = schema
    return schema


def _problem_only(response: dict[str, Any]) -> None:
    """Error responses carry problem+json alone (FastAPI adds an application/json entry by default)."""
    content = response.get("content")
    if content and "application/problem+json" in content:
        response["content"] = dict(PROBLEM_CONTENT)
