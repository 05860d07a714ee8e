"""The API's documentation page, ``/docs`` (Swagger UI), on assets served from the package
(``api/ui/static/vendor``), so it works offline; the Authorize button takes the bearer key.

ReDoc is not offered: its bundle always loads its logo from cdn.redoc.ly."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

VENDOR = "/ui/static/vendor"
TITLE = "Attribution knowledge graph"
router = APIRouter(include_in_schema=False)


def _in_english(page: HTMLResponse) -> HTMLResponse:
    """FastAPI's pages open with a bare ``<html>``; name the language for screen readers."""
    body = bytes(page.body).replace(b"<html>", b'<html lang="en">', 1)
    return HTMLResponse(body.decode("utf-8"))


@router.get("/docs")
def swagger_ui() -> HTMLResponse:
    page = get_swagger_ui_html(
        openapi_url="/openapi.json",
        title=f"{TITLE} — API",
        swagger_js_url=f"{VENDOR}/swagger-ui/swagger-ui-bundle.js",
        swagger_css_url=f"{VENDOR}/swagger-ui/swagger-ui.css",
        swagger_favicon_url=f"{VENDOR}/swagger-ui/favicon-32x32.png",
        # no validator badge: it would send the document to validator.swagger.io
        swagger_ui_parameters={"validatorUrl": None, "persistAuthorization": True},
    )
    return _in_english(page)
