"""Every error leaves the API as ``application/problem+json`` (RFC 9457), never as a stack trace.

One set of handlers maps :class:`~kg.errors.KgError` (status and title from the exception class), request
validation errors, unknown routes and methods, and anything unexpected (logged, then a bare 500). A part
of the API whose protocol prescribes its own error body (TAXII's error message) registers it for its path
prefix with :func:`add_error_format`; the same handlers then render that body instead.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from kg import errors
from kg.errors import AuthError, KgError

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_PATH = "/problems"
# (status, title, detail) -> (body, media type) of an error under some path prefix
ErrorFormat = Callable[[int, str, str | None], tuple[dict[str, Any], str]]
log = logging.getLogger("kg.api")


class Problem(BaseModel):
    """An RFC 9457 problem detail."""

    type: str = Field(description="URI reference identifying the problem type")
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    suggestions: list[str] | None = Field(
        default=None, description="closest readings of a question that was not understood (GET /ask)"
    )


class NotAcceptable(errors.InputError):
    """None of the media types the client accepts can represent the result."""

    status = 406
    title = "Not acceptable"


class MethodNotAllowed(errors.InputError):
    status = 405
    title = "Method not allowed"


def _slug(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def _problem_classes() -> dict[str, type[KgError]]:
    found: dict[str, type[KgError]] = {}
    pending: list[type[KgError]] = [KgError]
    while pending:
        cls = pending.pop()
        found[_slug(cls.__name__)] = cls
        pending.extend(cls.__subclasses__())
    return found


def problem_type(cls: type[KgError]) -> str:
    return f"{PROBLEM_PATH}/{_slug(cls.__name__)}"


def problem_response(
    status: int,
    title: str,
    detail: str | None,
    instance: str | None,
    type_: str = "about:blank",
    headers: dict[str, str] | None = None,
    suggestions: list[str] | None = None,
) -> JSONResponse:
    body = Problem(
        type=type_, title=title, status=status, detail=detail, instance=instance, suggestions=suggestions
    )
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers
    )


def kg_error_response(exc: KgError, instance: str | None) -> JSONResponse:
    headers = None
    if isinstance(exc, AuthError):
        # RFC 6750: a 401 names the scheme the client should use.
        headers = {"WWW-Authenticate": 'Bearer realm="kg"'}
    detail = exc.message if not exc.detail else f"{exc.message}: {exc.detail}"
    if exc.status >= 500 and not isinstance(exc, errors.StoreError | errors.QueryTimeout):
        log.error("%s: %s", type(exc).__name__, detail)
    suggestions = list(getattr(exc, "suggestions", ())) or None  # kg.errors.QuestionNotUnderstood
    return problem_response(
        exc.status, exc.title, detail, instance, problem_type(type(exc)), headers, suggestions
    )


def _instance(request: Request) -> str:
    return request.url.path


def add_error_format(app: FastAPI, prefix: str, render: ErrorFormat) -> None:
    """Render the errors of requests under ``prefix`` with ``render`` instead of problem+json."""
    app.state.error_formats = {**getattr(app.state, "error_formats", {}), prefix: render}


def _in_own_format(request: Request, response: JSONResponse) -> JSONResponse:
    """``response`` (a problem) re-rendered in the error format registered for the request's path."""
    formats: dict[str, ErrorFormat] = getattr(request.app.state, "error_formats", {})
    render = next((f for prefix, f in formats.items() if request.url.path.startswith(prefix)), None)
    if render is None:
        return response
    problem = Problem.model_validate_json(response.body)
    body, media_type = render(problem.status, problem.title, problem.detail)
    headers = {
        k: v for k, v in response.headers.items() if k.lower() not in ("content-length", "content-type")
    }
    return JSONResponse(body, status_code=problem.status, media_type=media_type, headers=headers)


async def _on_kg_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, KgError)
    return _in_own_format(request, kg_error_response(exc, _instance(request)))


def _describe_validation(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else str(error.get("msg", "invalid")))
    return "; ".join(parts) or "invalid request"


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    response = kg_error_response(errors.InputError(_describe_validation(exc)), _instance(request))
    return _in_own_format(request, response)


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else None
    if exc.status_code == 404 and detail is None:
        detail = f"no route {request.url.path}"
    elif exc.status_code == 405 and detail is None:
        detail = f"{request.method} is not allowed on {request.url.path}"
    headers = dict(exc.headers) if exc.headers else None
    response = problem_response(exc.status_code, phrase, detail, _instance(request), headers=headers)
    return _in_own_format(request, response)


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    response = problem_response(
        500, "Internal error", "the server failed; the error was logged", _instance(request)
    )
    return _in_own_format(request, response)


def install_problem_handlers(app: FastAPI) -> None:
    """The one place errors become HTTP responses."""
    app.add_exception_handler(KgError, _on_kg_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected)

    classes = _problem_classes()

    @app.get(PROBLEM_PATH + "/{slug}", include_in_schema=False)
    def describe_problem(slug: str) -> dict[str, Any]:
        cls = classes.get(slug)
        if cls is None:
            raise errors.NotFound(f"no problem type '{slug}'")
        return {
            "type": problem_type(cls),
            "title": cls.title,
            "status": cls.status,
            "description": cls.__doc__,
        }


PROBLEM_CONTENT = {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries for the problems a route may answer with."""
    return {
        status: {"description": HTTPStatus(status).phrase, "content": PROBLEM_CONTENT} for status in statuses
    }
