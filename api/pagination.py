"""Opaque cursors for paged listings: the position in a stable order, tied to the filters it was made for."""

from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar
from urllib.parse import urlencode

from fastapi import Request

from kg.errors import InputError

T = TypeVar("T")
MAX_LIMIT = 1000


def _fingerprint(request: Request) -> str:
    """The listing's parameters, less the paging ones: a cursor only continues the listing it came from."""
    return fingerprint_of(request.url.path, request.query_params.multi_items())


def fingerprint_of(path: str, params: Iterable[tuple[str, str]]) -> str:
    """:func:`_fingerprint` of a request for ``path`` with the query ``params`` (the web UI links to the
    API's pages of its own rows)."""
    kept = sorted((k, v) for k, v in params if k not in ("cursor", "limit"))
    return hashlib.sha256(repr((path, kept)).encode()).hexdigest()[:12]


def encode_cursor(offset: int, request: Request) -> str:
    raw = json.dumps({"o": offset, "f": _fingerprint(request)}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str | None, request: Request) -> int:
    """The offset a cursor stands for (0 without one); InputError for a forged or foreign cursor."""
    if not cursor:
        return 0
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        offset, fingerprint = int(data["o"]), str(data["f"])
    except (ValueError, KeyError, TypeError):
        raise InputError("the cursor is not valid; use the 'next' link of a previous page") from None
    if offset < 0 or fingerprint != _fingerprint(request):
        raise InputError("the cursor belongs to another listing (different filters); start again without it")
    return offset


def page(items: Iterable[T], offset: int, limit: int) -> tuple[list[T], bool]:
    """Items ``offset .. offset+limit`` and whether more follow (one extra item is read to know)."""
    window: Iterator[T] = islice(items, offset, offset + limit + 1)
    rows = list(window)
    return rows[:limit], len(rows) > limit


def next_link(request: Request, offset: int, limit: int) -> str:
    """Relative URL of the next page, keeping the listing's parameters."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in ("cursor", "limit")]
    params += [("limit", str(limit)), ("cursor", encode_cursor(offset, request))]
    return f"{request.url.path}?{urlencode(params)}"
