"""The Store protocol: one interface over the embedded Oxigraph store and a remote SPARQL 1.1 endpoint.

Implementations live beside this module; :func:`open_store` picks one from ``KG_STORE``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import BinaryIO, Protocol, runtime_checkable

from kg.graph.records import ClaimFilter, ClaimRecord
from kg.models import Article, Claim

BindingValue = str | int | float | bool


@runtime_checkable
class Store(Protocol):
    """What the CLI, the API, the question answerer and the exports need from a graph store."""

    def replace_article(self, article: Article, claims: Sequence[Claim]) -> bool:
        """Atomically replace the article's named graph; False when nothing changed (same text, same claims)."""

    def delete_article(self, article_id: str) -> bool:
        """Remove every triple of the article; False when it was not there."""

    def article_ids(self) -> list[str]:
        """Ids of the stored articles, sorted."""

    def select(
        self, sparql: str, bindings: Mapping[str, BindingValue] | None = None
    ) -> list[dict[str, BindingValue | None]]:
        """Rows of a SELECT query with plain Python values; ``bindings`` are bound, never pasted."""

    def ask(self, sparql: str, bindings: Mapping[str, BindingValue] | None = None) -> bool:
        """The answer of an ASK query."""

    def query_raw(self, sparql: str, media_type: str) -> tuple[bytes, str]:
        """Run any query and serialise its result in ``media_type`` (SPARQL JSON/XML/CSV/TSV, Turtle,
        N-Triples, JSON-LD ...); returns (body, content type). Raises QueryError on bad syntax and on
        updates."""

    def query_bounded(self, sparql: str, media_type: str, timeout: float | None = None) -> tuple[bytes, str]:
        """:meth:`query_raw` for a user's query: federation refused, stopped (not abandoned) after
        ``timeout`` s (default ``KG_SPARQL_TIMEOUT``), and at most ``KG_SPARQL_MAX_CONCURRENT`` at once
        (TooManyQueries beyond)."""

    def claims(self, filters: ClaimFilter | None = None, *, batch: int = 1000) -> Iterator[ClaimRecord]:
        """Every claim matching ``filters``, streamed in a stable order (by article, then offset)."""

    def dump(self, out: BinaryIO, media_type: str) -> None:
        """Write the whole store (N-Quads keeps the named graphs; Turtle/N-Triples the union)."""

    def stats(self) -> dict[str, int]:
        """Counts: articles, claims, actors, triples."""

    def close(self) -> None:
        """Flush and release the store."""
