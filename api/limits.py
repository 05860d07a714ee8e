"""Request body size limit, enforced while the body streams in (not after reading it all)."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import kg_error_response
from kg.errors import PayloadTooLarge


class BodyLimitMiddleware:
    """Refuse a declared Content-Length over the limit at once; count the bytes of any other body as they
    arrive and raise :class:`PayloadTooLarge` (turned into a 413 problem) as soon as the limit is passed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            response = kg_error_response(self._error(declared), scope.get("path"))
            await response(scope, receive, send)
            return
        await self.app(scope, self._counting(receive), send)

    def _error(self, size: int | None) -> PayloadTooLarge:
        what = f"{size} bytes" if size is not None else "the request body"
        return PayloadTooLarge(f"{what} is over the limit of {self.max_bytes} bytes (KG_MAX_BODY_BYTES)")

    def _counting(self, receive: Receive) -> Receive:
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise self._error(None)
            return message

        return counted


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
