"""Stream what a writer function produces (``write(out: BinaryIO)``) to the client as it is written.

The writer runs in a thread and hands chunks over a bounded queue, so a large export never sits whole in
memory. An error before the first byte is raised to the caller (and becomes a problem response); after
that the status line is sent and the stream can only be cut short (the error is logged).
"""

from __future__ import annotations

import io
import logging
import queue
import threading
from collections.abc import Callable, Iterator
from typing import BinaryIO

log = logging.getLogger("kg.api")
CHUNK = 64 * 1024
_DONE = object()


class _Cancelled(Exception):
    """The client went away; the writer stops at its next write."""


class _QueueWriter(io.RawIOBase):
    def __init__(self, chunks: queue.Queue[object], cancelled: threading.Event) -> None:
        self._chunks = chunks
        self._cancelled = cancelled
        self._buffer = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        if self._cancelled.is_set():
            raise _Cancelled
        self._buffer += data
        if len(self._buffer) >= CHUNK:
            self.flush()
        return len(data)

    def flush(self) -> None:
        if self._buffer:
            self._put(bytes(self._buffer))
            self._buffer.clear()

    def _put(self, item: object) -> None:
        while not self._cancelled.is_set():
            try:
                self._chunks.put(item, timeout=0.5)
                return
            except queue.Full:
                continue
        raise _Cancelled


def stream_writer(write: Callable[[BinaryIO], None]) -> Iterator[bytes]:
    """Start ``write`` in a thread; wait for its first chunk (or its error) before returning the stream."""
    chunks: queue.Queue[object] = queue.Queue(maxsize=16)
    cancelled = threading.Event()
    writer = _QueueWriter(chunks, cancelled)

    def produce() -> None:
        try:
            write(writer)  # type: ignore[arg-type]
            writer.flush()
            chunks.put(_DONE)
        except _Cancelled:
            return
        except BaseException as exc:  # handed to the consumer, which raises or logs it
            chunks.put(exc)

    threading.Thread(target=produce, name="kg-export", daemon=True).start()
    first = chunks.get()
    if isinstance(first, BaseException):
        raise first
    return _drain(first, chunks, cancelled)


def _drain(first: object, chunks: queue.Queue[object], cancelled: threading.Event) -> Iterator[bytes]:
    item = first
    try:
        while item is not _DONE:
            if isinstance(item, BaseException):
                log.error("export failed while streaming: %s", item)
                return
            yield item  # type: ignore[misc]
            item = chunks.get()
    finally:
        cancelled.set()
