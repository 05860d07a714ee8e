"""Let every writer accept a binary or a text output stream.

Writers produce either bytes (lxml) or text (csv, json); these adapters bridge to whichever kind of
stream the caller holds (a file opened ``wb``, ``sys.stdout``, an ``io.BytesIO``, an ``io.StringIO``)
without buffering the document.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any


def is_text(out: IO[Any]) -> bool:
    return isinstance(out, io.TextIOBase)


class _BytesToText:
    """A byte sink writing into a text stream (multi-byte characters may straddle writes)."""

    def __init__(self, out: IO[str]) -> None:
        self._out = out
        self._decoder = codecs.getincrementaldecoder("utf-8")()

    def write(self, data: bytes) -> int:
        self._out.write(self._decoder.decode(data))
        return len(data)

    def flush(self) -> None:
        self._out.write(self._decoder.decode(b"", final=True))
        self._out.flush()


class _TextToBytes:
    """A text sink writing UTF-8 into a byte stream."""

    def __init__(self, out: IO[bytes]) -> None:
        self._out = out

    def write(self, text: str) -> int:
        self._out.write(text.encode("utf-8"))
        return len(text)

    def flush(self) -> None:
        self._out.flush()


@contextmanager
def binary_output(out: IO[Any]) -> Iterator[Any]:
    """A stream accepting bytes that lands in ``out``."""
    sink = _BytesToText(out) if is_text(out) else out
    yield sink
    sink.flush()


@contextmanager
def text_output(out: IO[Any]) -> Iterator[Any]:
    """A stream accepting text that lands in ``out`` (UTF-8 when ``out`` is binary)."""
    sink = out if is_text(out) else _TextToBytes(out)
    yield sink
    sink.flush()
