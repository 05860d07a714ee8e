"""User SPARQL queries in worker processes, so that a query past its time is stopped, not abandoned.

Oxigraph cannot interrupt a query from Python, and a thread cannot be killed: a cartesian product left
running in a thread holds a core until it ends, and a handful of them exhaust the server. Each query
given to :meth:`QueryPool.run` therefore runs in a worker process that opens the store read-only; past
the timeout the worker is killed (the OS reclaims its CPU at once) and a fresh one replaces it on
demand. Workers reopen their read-only view when the store's write generation moved, so they see every
write made before the query was sent.

:class:`QuerySlots` caps how many user queries run at once (``KG_SPARQL_MAX_CONCURRENT``); a query
beyond the cap is refused at once (429) rather than queued behind the ones that hold the cores.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from kg import errors
from kg.errors import KgError, QueryError, QueryTimeout, StoreError, TooManyQueries
from kg.settings import Settings

_KILL_WAIT = 2.0  # seconds to wait for a killed worker to be reaped


class QuerySlots:
    """At most ``size`` holders at once; one more is refused with TooManyQueries, not queued."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._semaphore = threading.BoundedSemaphore(self.size)

    @contextmanager
    def hold(self) -> Iterator[None]:
        if not self._semaphore.acquire(blocking=False):
            raise TooManyQueries(
                f"{self.size} queries are already running (KG_SPARQL_MAX_CONCURRENT); retry when one ends"
            )
        try:
            yield
        finally:
            self._semaphore.release()


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(_KILL_WAIT)
        self.conn.close()


class QueryPool:
    """Worker processes over the embedded store at ``path``, started when first needed."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        self.settings = settings
        self._context = multiprocessing.get_context("spawn")  # fork would copy the open RocksDB handles
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()
        self._closed = False

    def run(self, sparql: str, media_type: str, generation: int, timeout: float) -> tuple[bytes, str]:
        """``Store.query_raw`` of the read-only store in a worker; QueryTimeout (worker killed) past
        ``timeout`` seconds."""
        worker = self._checkout()
        try:
            worker.conn.send((generation, sparql, media_type))
            if not worker.conn.poll(timeout):
                raise QueryTimeout(
                    f"the query ran longer than {timeout:g} s (KG_SPARQL_TIMEOUT) and was stopped"
                )
            reply = worker.conn.recv()
        except (EOFError, OSError):
            worker.stop()
            raise StoreError("the query's worker process stopped unexpectedly") from None
        except BaseException:
            worker.stop()  # a timed-out or interrupted query: kill it, never leave it running
            raise
        self._checkin(worker)
        return _unpack(reply)

    def _checkout(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise StoreError(f"store at {self.path} is closed")
            if self._idle:
                return self._idle.pop()
        parent, child = self._context.Pipe()
        process = self._context.Process(
            target=serve, args=(child, str(self.path), self.settings.model_dump()), daemon=True
        )
        process.start()
        child.close()
        return _Worker(process, parent)

    def _checkin(self, worker: _Worker) -> None:
        with self._lock:
            if not self._closed:
                self._idle.append(worker)
                return
        worker.stop()

    def close(self) -> None:
        """Stop every idle worker; a busy one is stopped when its query returns."""
        with self._lock:
            self._closed = True
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.stop()


def _unpack(reply: tuple[Any, ...]) -> tuple[bytes, str]:
    if reply[0] == "ok":
        return reply[1], reply[2]
    _, name, message = reply
    cls = getattr(errors, name, None)
    if not (isinstance(cls, type) and issubclass(cls, KgError)):
        cls = QueryError
    raise cls(message)


def serve(conn: Connection, path: str, settings_values: dict[str, Any]) -> None:
    """A worker's loop: answer (generation, query, media type) messages until the pipe closes."""
    from kg.graph.oxigraph_store import OxigraphStore

    settings = Settings(**settings_values)
    store: OxigraphStore | None = None
    generation = None
    while True:
        try:
            seen, sparql, media_type = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if store is None or seen != generation:
                if store is not None:
                    store.close()
                store, generation = OxigraphStore(path, settings, read_only=True), seen
            conn.send(("ok", *store.query_raw(sparql, media_type)))
        except KgError as exc:
            conn.send(("error", type(exc).__name__, exc.message))
        except Exception as exc:
            conn.send(("error", "QueryError", f"query failed: {exc}"))
