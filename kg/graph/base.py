"""What both stores do the same way, in terms of their own ``select`` and ``write_payloads``.

The embedded and the remote store differ in how they run a query and write a batch; listing claims,
counting, reading content hashes and batching writes are written once here.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from pyoxigraph import NamedNode

from kg.graph import listing
from kg.graph import sparql as sp
from kg.graph.payload import ArticlePayload, prepare
from kg.graph.records import ClaimFilter, ClaimRecord
from kg.graph.sparql import STATS_KEYS
from kg.graph.views import load_query
from kg.models import Article, Claim


class SparqlStoreBase:
    """Shared reads and batched writes; subclasses set the batch sizes and implement the two primitives."""

    write_batch: int = 100  # articles per write (one transaction or update request)
    hash_chunk: int = 200  # graphs per content-hash lookup

    def select(self, sparql: str, bindings: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        raise NotImplementedError

    def write_payloads(
        self, given: Sequence[ArticlePayload], stored: Mapping[str, str] | None = None
    ) -> list[bool]:
        raise NotImplementedError

    def claims(self, filters: ClaimFilter | None = None, *, batch: int = 1000) -> Iterator[ClaimRecord]:
        """Every claim matching ``filters``, streamed in the view's order (kg.graph.listing)."""
        return listing.stream_claims(self.select, filters, batch)

    def claims_page(
        self, filters: ClaimFilter | None = None, after: str | None = None, limit: int = 50
    ) -> tuple[list[ClaimRecord], str | None]:
        """Up to ``limit`` claims after the cursor ``after`` and the next page's cursor (None at the end);
        a page costs about the same whatever the store's size."""
        return listing.claims_page(self.select, filters, after, limit)

    def article_ids(self) -> list[str]:
        return sorted(str(row["articleId"]) for row in self.select(load_query("store_article_ids")))

    def stats(self) -> dict[str, int]:
        rows = self.select(load_query("store_stats"))
        row = rows[0] if rows else {}
        return {key: int(row.get(key) or 0) for key in STATS_KEYS}

    def stored_hashes(self, graphs: Sequence[NamedNode]) -> dict[str, str]:
        """Content hash per graph IRI, for those of ``graphs`` that hold a whole article."""
        found: dict[str, str] = {}
        for start in range(0, len(graphs), self.hash_chunk):
            chunk = graphs[start : start + self.hash_chunk]
            query = sp.inject_rows(load_query("store_article_hashes"), ["g"], [[g] for g in chunk])
            for row in self.select(query):
                found[str(row["g"])] = str(row["hash"])
        return found

    def replace_article(self, article: Article, claims: Sequence[Claim]) -> bool:
        return self.replace_articles([(article, claims)])[0]

    def replace_articles(self, items: Iterable[tuple[Article, Sequence[Claim]]]) -> list[bool]:
        """Store many articles; True for each one that was new or changed. Every article is replaced
        atomically (see the subclass's ``write_payloads``)."""
        changed: list[bool] = []
        batch: list[ArticlePayload] = []
        for article, claims in items:
            batch.append(prepare(article, claims))
            if len(batch) >= self.write_batch:
                changed.extend(self.write_payloads(batch))
                batch = []
        if batch:
            changed.extend(self.write_payloads(batch))
        return changed
