"""CORS for the read endpoints: a page on another origin (YASGUI, a notebook) may GET anything and POST a
query to ``/sparql``; writes (POST, DELETE elsewhere) get no CORS headers, so a browser never lets another
origin's script send them. Origins come from ``KG_CORS_ORIGINS``."""

from __future__ import annotations

from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Receive, Scope, Send

READ_METHODS = ("GET", "HEAD")
QUERY_PATHS = ("/sparql",)  # POST here is a read: a SPARQL query (the protocol refuses updates)


def _is_read(method: str, path: str) -> bool:
    return method in READ_METHODS or (method == "POST" and path in QUERY_PATHS)


class ReadCorsMiddleware:
    """Starlette's CORS handling, applied to read requests (and their preflights) only."""

    def __init__(self, app: ASGIApp, origins: tuple[str, ...]) -> None:
        self.app = app
        self.cors = CORSMiddleware(
            app,
            allow_origins=list(origins),
            allow_methods=["GET", "HEAD", "POST"],
            allow_headers=["Accept", "Authorization", "Content-Type"],
            expose_headers=["Link", "Content-Disposition"],
            allow_credentials=False,  # keys travel in the Authorization header, never in cookies
            max_age=600,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        if method == "OPTIONS":
            headers = dict(scope["headers"])
            method = headers.get(b"access-control-request-method", b"").decode("latin-1").upper()
        if _is_read(method, path):
            await self.cors(scope, receive, send)
        else:
            await self.app(scope, receive, send)
