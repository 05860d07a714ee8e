"""A remote store: any SPARQL 1.1 endpoint with SPARQL Update (Oxigraph server, Apache Jena Fuseki,
GraphDB, Amazon Neptune, Virtuoso), spoken to over HTTP with the SPARQL 1.1 Protocol.

Endpoint URLs (``KG_STORE``):

- ``http://host:7878`` (no path): the Oxigraph server layout, queries at ``/query``, updates at ``/update``.
- ``.../query``: updates go to the sibling ``.../update`` (Oxigraph server, Fuseki ``/ds/query``).
- any other URL (``/sparql`` of Neptune or Virtuoso, a Fuseki dataset URL): queries and updates share it.
- a different update URL (GraphDB's ``/repositories/R/statements``) is passed as ``update_url`` (or the
  setting ``store_update`` when the settings object has it).

Default graph: the answers equal the embedded store's only if the endpoint treats its default graph as
the union of the named graphs, as ``oxigraph serve --union-default-graph`` does (Fuseki/TDB2:
``tdb2:unionDefaultGraph true``; GraphDB and Virtuoso: their default already includes named graphs).
Named queries use ``GRAPH ?g { }`` and work on any endpoint.

Atomicity: an article is replaced by ONE update request (``DROP SILENT GRAPH`` then ``INSERT DATA``),
which the server applies as one transaction. Bindings are a VALUES block at the start of the query's
top-level WHERE group, every term written in pyoxigraph's escaped N-Triples form.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping, Sequence
from typing import Any, BinaryIO
from urllib.parse import urlsplit, urlunsplit

import httpx
from pyoxigraph import (
    QueryBoolean,
    QueryResultsFormat,
    RdfFormat,
    parse,
    parse_query_results,
    serialize,
)

from kg.errors import QueryError, QueryTimeout, StoreError
from kg.graph import sparql as sp
from kg.graph.base import SparqlStoreBase
from kg.graph.payload import ArticlePayload, delete_update, replace_update
from kg.graph.query_pool import QuerySlots
from kg.graph.views import load_query
from kg.graph.vocab import graph_iri
from kg.settings import Settings, get_settings

WRITE_BATCH = 100  # articles per update request
UPDATE_TIMEOUT = 300.0  # seconds; a batch update may legitimately take longer than a query
JSON_RESULTS = "application/sparql-results+json"
TSV_RESULTS = "text/tab-separated-values"


def endpoint_urls(url: str, update_url: str | None = None) -> tuple[str, str]:
    """(query URL, update URL) for a ``KG_STORE`` URL, following the layouts in the module docstring."""
    parts = urlsplit(url)
    path = parts.path.rstrip("/")
    if not path:
        base = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        query, update = base + "/query", base + "/update"
    elif path.endswith("/query"):
        query = url
        update = urlunsplit((parts.scheme, parts.netloc, path[: -len("query")] + "update", parts.query, ""))
    else:
        query = update = url
    return query, update_url or update


class RemoteStore(SparqlStoreBase):
    """The Store protocol over a SPARQL 1.1 Protocol endpoint."""

    write_batch = WRITE_BATCH
    hash_chunk = 200

    def __init__(self, url: str, settings: Settings | None = None, *, update_url: str | None = None) -> None:
        self.settings = settings or get_settings()
        self.query_url, self.update_url = endpoint_urls(
            url, update_url or getattr(self.settings, "store_update", None) or None
        )
        self._client = httpx.Client(timeout=self.settings.sparql_timeout, follow_redirects=True)
        self._slots = QuerySlots(self.settings.sparql_max_concurrent)

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r}, update_url={self.update_url!r})"

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    # --- HTTP ------------------------------------------------------------------------------------------

    def _post(
        self, url: str, body: str, content_type: str, accept: str, timeout: float | None = None
    ) -> httpx.Response:
        headers = {"Content-Type": f"{content_type}; charset=utf-8", "Accept": accept}
        try:
            response = self._client.post(
                url,
                content=body.encode("utf-8"),
                headers=headers,
                timeout=timeout or httpx.USE_CLIENT_DEFAULT,
            )
        except httpx.TimeoutException:
            raise QueryTimeout(f"SPARQL endpoint {url} did not answer within the timeout") from None
        except httpx.HTTPError as exc:
            raise StoreError(f"SPARQL endpoint {url} is unreachable: {exc}") from None
        _raise_for_status(response, url)
        return response

    def _query(self, sparql: str, accept: str) -> httpx.Response:
        sp.refuse_federation(sparql, self.settings.service_allow_list)
        return self._post(self.query_url, sparql, "application/sparql-query", accept)

    def update(self, sparql: str) -> None:
        """Run a SPARQL UPDATE on the endpoint (one request, one transaction)."""
        self._post(self.update_url, sparql, "application/sparql-update", "*/*", UPDATE_TIMEOUT)

    # --- queries ---------------------------------------------------------------------------------------

    def _bound(self, sparql: str, bindings: Mapping[str, Any] | None) -> str:
        return sp.inject_values(sparql, sp.binding_terms(bindings))

    def select(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        body = self._query(self._bound(sparql, bindings), JSON_RESULTS).content
        results = _parse_results(body)
        if isinstance(results, QueryBoolean):
            raise QueryError("select() needs a SELECT query")
        return list(sp.plain_rows(results.variables, results))

    def ask(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> bool:
        results = _parse_results(self._query(self._bound(sparql, bindings), JSON_RESULTS).content)
        if not isinstance(results, QueryBoolean):
            raise QueryError("ask() needs an ASK query")
        return bool(results)

    def query_raw(self, sparql: str, media_type: str) -> tuple[bytes, str]:
        """The endpoint's own answer in ``media_type`` (timeout and caps are the endpoint's)."""
        form = sp.refuse_updates(sparql)  # federation is refused in _query, which every query passes
        fmt: Any = (
            sp.graph_format(media_type)
            if form in ("CONSTRUCT", "DESCRIBE")
            else sp.results_format(media_type)
        )
        response = self._query(sparql, fmt.media_type.split(";")[0])
        return response.content, response.headers.get("content-type", fmt.media_type)

    def query_bounded(self, sparql: str, media_type: str, timeout: float | None = None) -> tuple[bytes, str]:
        """:meth:`query_raw`, given up after ``KG_SPARQL_TIMEOUT`` (the client's HTTP timeout; ``timeout``
        is not used). The endpoint should stop the query itself (``oxigraph serve --timeout-s``). At
        most ``KG_SPARQL_MAX_CONCURRENT`` at once."""
        with self._slots.hold():
            return self.query_raw(sparql, media_type)

    def write_payloads(
        self, given: Sequence[ArticlePayload], stored: Mapping[str, str] | None = None
    ) -> list[bool]:
        latest = {p.article_id: p for p in given}
        if stored is None:
            stored = self.stored_hashes([p.graph for p in latest.values()])
        to_write = [p for p in latest.values() if stored.get(p.graph.value) != p.content_hash]
        if to_write:
            self.update(replace_update(to_write))
        pending = {p.article_id for p in to_write}
        flags = []
        for payload in given:
            flags.append(payload.article_id in pending)
            pending.discard(payload.article_id)
        return flags

    def delete_article(self, article_id: str) -> bool:
        graph = graph_iri(article_id)
        if not self.ask(load_query("store_article_exists"), {"g": graph}):
            return False
        self.update(delete_update([graph]))
        return True

    # --- export and lifecycle --------------------------------------------------------------------------

    def dump(self, out: BinaryIO, media_type: str) -> None:
        """Stream the store: dataset formats keep the named graphs (read with ``GRAPH ?g`` as TSV and
        written as N-Quads), triple formats get the union (a CONSTRUCT over the default graph)."""
        fmt = sp.graph_format(media_type)
        if fmt is RdfFormat.N_QUADS:
            self._dump_nquads(out)
            return
        with tempfile.TemporaryFile() as spool:
            if fmt.supports_datasets:
                self._dump_nquads(spool)
                source_format = RdfFormat.N_QUADS
            else:
                self._stream("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", "application/n-triples", spool)
                source_format = RdfFormat.N_TRIPLES
            spool.seek(0)
            if fmt is source_format:
                shutil.copyfileobj(spool, out)
            else:
                serialize(parse(spool, source_format), out, fmt)

    def _dump_nquads(self, out: BinaryIO) -> None:
        query = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
        with tempfile.TemporaryFile() as spool:
            self._stream(query, TSV_RESULTS, spool)
            spool.seek(0)
            # SPARQL TSV may abbreviate numbers (33 for "33"^^xsd:integer): re-read it to write full terms
            for row in parse_query_results(spool, QueryResultsFormat.TSV):
                out.write(f"{row['s']} {row['p']} {row['o']} {row['g']} .\n".encode())

    def _stream(self, sparql: str, accept: str, out: BinaryIO) -> None:
        headers = {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": accept}
        try:
            with self._client.stream(
                "POST", self.query_url, content=sparql.encode(), headers=headers, timeout=UPDATE_TIMEOUT
            ) as response:
                if response.status_code >= 300:
                    response.read()
                    _raise_for_status(response, self.query_url)
                for chunk in response.iter_bytes():
                    out.write(chunk)
        except httpx.TimeoutException:
            raise QueryTimeout(
                f"SPARQL endpoint {self.query_url} did not answer within the timeout"
            ) from None
        except httpx.HTTPError as exc:
            raise StoreError(f"SPARQL endpoint {self.query_url} is unreachable: {exc}") from None

    def close(self) -> None:
        self._client.close()


def _parse_results(body: bytes) -> Any:
    try:
        return parse_query_results(body, QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"the SPARQL endpoint sent results that are not SPARQL JSON: {exc}") from None


def _raise_for_status(response: httpx.Response, url: str) -> None:
    if response.status_code < 300:
        return
    text = response.text.strip().splitlines()
    message = text[0][:500] if text else response.reason_phrase
    if response.status_code == 400:
        raise QueryError(f"SPARQL syntax error: {message}")
    if response.status_code in (401, 403):
        raise StoreError(f"SPARQL endpoint {url} refused access (HTTP {response.status_code})")
    raise StoreError(f"SPARQL endpoint {url} answered HTTP {response.status_code}: {message}")
