"""API keys: writes always need one; reads only when ``Settings.read_keys_required``.

With no keys configured, writes are refused (403) rather than left open.
"""

from __future__ import annotations

import hmac

from fastapi import Request

from kg.errors import AuthError, Forbidden
from kg.settings import Settings


def _presented_key(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def presented_key(request: Request) -> str | None:
    """The bearer key a request carries, if any (for recording who made a write, as a digest)."""
    return _presented_key(request)


def check_key(request: Request, settings: Settings, action: str) -> None:
    """Raise unless the request carries one of the configured keys."""
    keys = settings.api_key_set
    if not keys:
        raise Forbidden(f"{action} is disabled: no API keys are configured (set KG_API_KEYS)")
    presented = _presented_key(request)
    if presented is None:
        raise AuthError(f"{action} needs an API key: send 'Authorization: Bearer KEY'")
    # Compare against every key so the time taken does not reveal which prefix matched.
    matches = [hmac.compare_digest(presented.encode(), key.encode()) for key in keys]
    if not any(matches):
        raise AuthError("the API key is not valid")


def require_write_key(request: Request) -> None:
    """Dependency for POST and DELETE routes."""
    check_key(request, request.app.state.settings, "writing")


def require_read_key(request: Request) -> None:
    """Dependency for read routes: open unless the settings ask for keys on reads too."""
    settings: Settings = request.app.state.settings
    if settings.read_keys_required:
        check_key(request, settings, "reading")
