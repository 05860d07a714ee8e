"""Files the project writes: whole or not at all, with the permissions the user's umask gives."""

from __future__ import annotations

import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

log = logging.getLogger(__name__)


def _umask() -> int:
    # os.umask can only be read by setting it; it is set back at once. The mask is process-wide, so a
    # file another thread creates in that instant gets 0o022 instead.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_write(path: Path) -> Iterator[BinaryIO]:
    """A binary stream that becomes ``path`` when the block ends, and leaves nothing when it fails.

    Written beside the target and renamed, so a reader never sees half a file; the file gets
    ``0o666 & ~umask`` like any file the user creates (a temporary file is made 0o600)."""
    directory = path.resolve().parent
    directory.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=directory)
    try:
        os.chmod(partial, 0o666 & ~_umask())
        with os.fdopen(handle, "wb") as stream:
            yield stream
        os.replace(partial, path)
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise


def cached_json(path: Path, build: Callable[[], Any]) -> Any:
    """The JSON at ``path``, or ``build()``'s data written there (whole, see :func:`atomic_write`) for the
    next run. The file name should carry a key of everything the data depends on: a stale file is
    never detected here."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    data = build()
    try:
        with atomic_write(path) as fh:
            fh.write(json.dumps(data, separators=(",", ":")).encode("utf-8"))
    except OSError as exc:  # a read-only cache is a slowdown, not an error
        log.debug("%s not cached: %s", path.name, exc)
    return data
