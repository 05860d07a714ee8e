"""The embedded store: a persistent pyoxigraph (RocksDB) store in a directory.

Default graph: every query runs with ``use_default_graph_as_union=True``, so a pattern outside ``GRAPH``
matches the union of all named graphs (every article graph plus the derived-rebuttals graph), and
``GRAPH ?g { }`` ranges over the same named graphs. The store's own default graph stays empty. An
Oxigraph server started with ``--union-default-graph`` answers the same way, which is what lets the
embedded and the remote store give the same answers to the same queries.

Writes: each article lives in its own named graph; a batch of new articles is one ``extend``
transaction, and a changed article is replaced by one SPARQL UPDATE (``DROP GRAPH`` + ``INSERT DATA``),
which Oxigraph applies as one transaction. A crash (even ``kill -9``) therefore leaves whole articles only.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from pyoxigraph import NamedNode, QueryBoolean, QuerySolutions, Store, serialize

from kg.errors import InputError, QueryError, QueryTimeout, StoreError
from kg.graph import sparql as sp
from kg.graph.base import SparqlStoreBase
from kg.graph.payload import ArticlePayload, delete_update, prepare, replace_update
from kg.graph.query_pool import QueryPool, QuerySlots
from kg.graph.vocab import graph_iri
from kg.models import Article, Claim
from kg.settings import Settings, get_settings

WRITE_BATCH = 200  # articles per write transaction in replace_articles


def _store_error(path: Path, exc: OSError) -> StoreError:
    message = str(exc)
    if "lock" in message.lower():
        return StoreError(f"store at {path} is locked by another process (or already open in this one)")
    return StoreError(f"store at {path} cannot be used: {message}")


class OxigraphStore(SparqlStoreBase):
    """The Store protocol over an on-disk pyoxigraph store."""

    write_batch = WRITE_BATCH
    hash_chunk = 500

    def __init__(
        self, path: str | Path, settings: Settings | None = None, *, read_only: bool = False
    ) -> None:
        self.path = Path(path).expanduser()
        self.settings = settings or get_settings()
        self.read_only = read_only
        self.generation = 0  # bumped by every write; query workers reopen their view when it moves
        self._pool: QueryPool | None = None
        self._pool_lock = threading.Lock()
        self._slots = QuerySlots(self.settings.sparql_max_concurrent)
        try:
            if read_only:
                if not self.path.is_dir():
                    raise StoreError(f"no store at {self.path}")
                self._store: Store | None = Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._store = Store(str(self.path))
        except OSError as exc:
            raise _store_error(self.path, exc) from None

    def __repr__(self) -> str:
        return f"OxigraphStore({str(self.path)!r})"

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def raw(self) -> Store:
        """The underlying pyoxigraph store (for benchmarks and maintenance)."""
        if self._store is None:
            raise StoreError(f"store at {self.path} is closed")
        return self._store

    # --- queries ---------------------------------------------------------------------------------------

    def _run(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> Any:
        """Execute a query with bound values.

        Values are bound by a VALUES block at the start of the top-level WHERE group, exactly as the remote
        store binds them, so both stores give the same answers. pyoxigraph 0.5's ``substitutions`` are not
        used: they only accept projected variables, and a substituted variable reads as unbound in
        ``BOUND(?x)`` and ``BIND(?x AS ?y)``, which would make answers depend on the store.
        """
        sp.refuse_federation(sparql, self.settings.service_allow_list)
        terms = sp.binding_terms(bindings)
        try:
            return self.raw.query(sp.inject_values(sparql, terms), use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise QueryError(f"SPARQL syntax error: {exc}") from None
        except OSError as exc:
            raise _store_error(self.path, exc) from None
        except RuntimeError as exc:
            raise QueryError(f"query failed: {exc}") from None

    def select(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        result = self._run(sparql, bindings)
        if not isinstance(result, QuerySolutions):
            raise QueryError("select() needs a SELECT query")
        try:
            return list(sp.plain_rows(result.variables, result))
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from None

    def ask(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> bool:
        result = self._run(sparql, bindings)
        if not isinstance(result, QueryBoolean):
            raise QueryError("ask() needs an ASK query")
        return bool(result)

    def query_raw(self, sparql: str, media_type: str) -> tuple[bytes, str]:
        """Any query, serialised by pyoxigraph in ``media_type``; at most ``sparql_result_cap`` rows (or
        triples) are returned, and reading results stops with QueryTimeout after ``sparql_timeout`` s
        (the engine cannot interrupt a single long step such as a big sort)."""
        form = sp.refuse_updates(sparql)  # federation is refused in _run, which every query passes
        fmt: Any = (
            sp.graph_format(media_type)
            if form in ("CONSTRUCT", "DESCRIBE")
            else sp.results_format(media_type)
        )
        deadline = time.monotonic() + self.settings.sparql_timeout
        result = self._run(sparql)
        if isinstance(result, QueryBoolean):
            return result.serialize(format=fmt) or b"", fmt.media_type
        items = self._collect(result, deadline)
        if isinstance(result, QuerySolutions):
            body = sp.reserialise_solutions(sp.solutions_as_tsv(result.variables, items), fmt)
        else:
            body = serialize(items, format=fmt) or b""
        return body, fmt.media_type

    def query_bounded(self, sparql: str, media_type: str, timeout: float | None = None) -> tuple[bytes, str]:
        """:meth:`query_raw` in a worker process that is killed after ``timeout`` s (default
        ``KG_SPARQL_TIMEOUT``); at most ``KG_SPARQL_MAX_CONCURRENT`` at once (TooManyQueries beyond)."""
        sp.check_query(sparql, self.settings.service_allow_list)  # refused before any worker sees it
        with self._slots.hold():
            return self._query_pool().run(
                sparql, media_type, self.generation, timeout or self.settings.sparql_timeout
            )

    def _query_pool(self) -> QueryPool:
        with self._pool_lock:
            if self._pool is None:
                self._pool = QueryPool(self.path, self.settings)
            return self._pool

    def _collect(self, results: Iterable[Any], deadline: float) -> list[Any]:
        cap = self.settings.sparql_result_cap
        items: list[Any] = []
        try:
            for item in results:
                if len(items) >= cap:
                    break
                items.append(item)
                if time.monotonic() > deadline:
                    raise QueryTimeout(f"query ran longer than {self.settings.sparql_timeout:g} s")
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}") from None
        return items

    def update(self, sparql: str) -> None:
        """Run a SPARQL UPDATE (named updates such as ``rebuttals_unlink_graphs.ru``); one transaction."""
        try:
            self.raw.update(sparql)
            self.generation += 1
        except SyntaxError as exc:
            raise QueryError(f"SPARQL update syntax error: {exc}") from None
        except OSError as exc:
            raise _store_error(self.path, exc) from None

    def write_payloads(
        self, given: Sequence[ArticlePayload], stored: Mapping[str, str] | None = None
    ) -> list[bool]:
        """Write prepared articles; one flag per item of ``given`` (True: new or changed). ``stored``:
        the content hashes of their graphs when the caller has already read them."""
        payloads = _last_of_each(given)
        if stored is None:
            stored = self.stored_hashes([p.graph for p in payloads])
        fresh = [p for p in payloads if p.graph.value not in stored and not self._has_graph(p.graph)]
        fresh_ids = {p.article_id for p in fresh}
        replaced = [
            p
            for p in payloads
            if p.article_id not in fresh_ids and stored.get(p.graph.value) != p.content_hash
        ]
        try:
            if fresh:
                self.raw.extend(quad for p in fresh for quad in p.quads)
            if replaced:
                self.raw.update(replace_update(replaced))
        except OSError as exc:
            raise _store_error(self.path, exc) from None
        if fresh or replaced:
            self.generation += 1
        return _changed_flags(given, fresh_ids | {p.article_id for p in replaced})

    def bulk_load(self, items: Iterable[tuple[Article, Sequence[Claim]]]) -> int:
        """Fast initial load of articles that are NOT in the store yet (pyoxigraph's bulk loader).

        Not crash-safe: use it to build a fresh store (benchmarks, restores), not for routine ingest.
        Returns the number of articles loaded."""
        return self.bulk_load_payloads(prepare(article, claims) for article, claims in items)

    def bulk_load_payloads(self, payloads: Iterable[ArticlePayload]) -> int:
        """:meth:`bulk_load` for articles already mapped to quads."""
        count = 0

        def quads() -> Iterator[Any]:
            nonlocal count
            for payload in payloads:
                count += 1
                yield from payload.quads

        try:
            self.raw.bulk_extend(quads())
        except OSError as exc:
            raise _store_error(self.path, exc) from None
        finally:
            self.generation += 1
        return count

    def load_dump(self, source: str | Path | BinaryIO, media_type: str = "application/n-quads") -> None:
        """Restore a dump (N-Quads or TriG keep the article graphs) with the bulk loader; like
        :meth:`bulk_load`, meant for an empty store and not crash-safe."""
        fmt = sp.graph_format(media_type)
        try:
            if isinstance(source, str | Path):
                self.raw.bulk_load(path=str(source), format=fmt)
            else:
                self.raw.bulk_load(source, fmt)
        except SyntaxError as exc:
            raise InputError(f"cannot load the dump: {exc}") from None
        except OSError as exc:
            raise _store_error(self.path, exc) from None
        finally:
            self.generation += 1

    def _has_graph(self, graph: NamedNode) -> bool:
        return self.raw.contains_named_graph(graph)

    def delete_article(self, article_id: str) -> bool:
        graph = graph_iri(article_id)
        if not self._has_graph(graph):
            return False
        self.update(delete_update([graph]))
        return True

    # --- export and lifecycle --------------------------------------------------------------------------

    def dump(self, out: BinaryIO, media_type: str) -> None:
        """Stream the store: dataset formats (N-Quads, TriG, JSON-LD) keep the named graphs; triple
        formats (Turtle, N-Triples, RDF/XML) get the union of all graphs, duplicates removed."""
        fmt = sp.graph_format(media_type)
        try:
            if fmt.supports_datasets:
                self.raw.dump(out, fmt)
                return
            triples = self.raw.query(
                "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True
            )
            triples.serialize(out, fmt)
        except OSError as exc:
            raise _store_error(self.path, exc) from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
            self._pool = None
        if self._store is not None and not self.read_only:
            # nothing more can be done on close; the next open reports the problem
            with contextlib.suppress(OSError):
                self._store.flush()
        self._store = None


def _last_of_each(payloads: Sequence[ArticlePayload]) -> list[ArticlePayload]:
    """One payload per article id (the last wins), in first-seen order."""
    by_id: dict[str, ArticlePayload] = {}
    for payload in payloads:
        by_id[payload.article_id] = payload
    return list(by_id.values())


def _changed_flags(payloads: Sequence[ArticlePayload], changed_ids: set[str]) -> list[bool]:
    """True at the first occurrence of each changed article id (a repeat within a batch changes nothing)."""
    flags = []
    for payload in payloads:
        flags.append(payload.article_id in changed_ids)
        changed_ids.discard(payload.article_id)
    return flags
