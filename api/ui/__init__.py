"""The analyst's web UI (``/ui/``), the offline API docs and ``GET /``, installed on the API's app by
:func:`install_ui`. Templates and static files (with the vendored front-end libraries) are package data."""

from __future__ import annotations

from fastapi import Depends, FastAPI, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from api.negotiation import parse_accept


def install_ui(app: FastAPI) -> None:
    from api import docs
    from api.auth import require_read_key
    from api.routes import ui
    from api.ui.templating import STATIC_DIR

    app.mount("/ui/static", StaticFiles(directory=STATIC_DIR), name="ui-static")
    app.include_router(ui.router, dependencies=[Depends(require_read_key)])  # closed when reads are
    app.include_router(docs.router)
    app.add_api_route("/", _root, methods=["GET"], include_in_schema=False)


def _root(request: Request) -> Response:
    """A browser (its Accept header names text/html) goes to the UI; other clients, ``*/*`` included, get
    what they always got (a 404 problem)."""
    ranges = parse_accept(request.headers.get("accept") or "")
    if any(r.type == "text" and r.subtype == "html" and r.q > 0 for r in ranges):
        return RedirectResponse("/ui/", status_code=303)
    raise HTTPException(404)
