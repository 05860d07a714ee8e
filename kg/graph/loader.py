"""Ingest: articles -> extracted claims -> the store, in batches, idempotently.

Shared by ``kg ingest`` and the API, so both count and report the same way. One bad input or one
article the extractor fails on never stops the others; each is reported in :attr:`IngestReport.errors`.
The derived rebuttal links are kept up to date by :class:`kg.graph.rebuttals.RebuttalTracker`: at the
end of a run (and after a delete) the links about the parties the run touched are recomputed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.graph.payload import ArticlePayload, prepare
from kg.graph.rebuttals import RebuttalTracker
from kg.graph.store import Store
from kg.graph.vocab import graph_iri
from kg.models import Article, Claim

BATCH = 50  # articles per store write
# One write (and its rebuttal refresh) at a time per process: the API serves requests on several threads,
# and two refreshes interleaving on shared parties could drop each other's links.
_WRITE_LOCK = threading.Lock()
WRITE_LOCK = _WRITE_LOCK  # for other writers of derived data (kg.incidents edits) to share


@dataclass
class IngestReport:
    """What one ingest run did."""

    new: int = 0
    changed: int = 0
    unchanged: int = 0
    claims: int = 0
    actors: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.new + self.changed + self.unchanged

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "new": self.new,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "claims": self.claims,
            "actors": len(self.actors),
            "errors": list(self.errors),
        }


def refresh_incidents(store: Store) -> None:
    """Recluster the stored incident mentions into the derived incidents graph (kg.incidents)."""
    from kg.settings import get_settings

    if get_settings().incidents:
        from kg.incidents import refresh_incidents as recompute

        recompute(store)


def delete_article(store: Store, article_id: str) -> bool:
    """Remove an article's graph and the rebuttal links that pointed into it."""
    with _WRITE_LOCK:
        tracker = RebuttalTracker(store)  # type: ignore[arg-type]
        tracker.before_change([graph_iri(article_id)])
        removed = store.delete_article(article_id)
        tracker.refresh()
        refresh_incidents(store)
    return removed


def store_extracted(store: Store, batch: Sequence[tuple[Article, Sequence[Claim]]]) -> list[bool]:
    """Store extracted articles and refresh the rebuttal links they touch; True for each one that was
    new or changed (an article whose claims cannot be mapped raises InputError before anything is
    written)."""
    return store_payloads(store, [prepare(article, claims) for article, claims in batch])


def store_payloads(store: Store, payloads: Sequence[ArticlePayload]) -> list[bool]:
    """Write prepared articles in one go and refresh the rebuttal links they touch (the path every
    write shares: extracted articles, imported claims); True for each one that was new or changed."""
    with _WRITE_LOCK:
        tracker = RebuttalTracker(store)  # type: ignore[arg-type]
        changed = write_tracked(store, tracker, payloads)
        tracker.refresh()
        refresh_incidents(store)
    return changed


def write_tracked(store: Store, tracker: RebuttalTracker, payloads: Sequence[ArticlePayload]) -> list[bool]:
    """Write prepared articles, telling ``tracker`` which graphs change before and after the write."""
    stored = store.stored_hashes([p.graph for p in payloads])  # type: ignore[attr-defined]
    tracker.before_change(
        [p.graph for p in payloads if p.graph.value in stored and stored[p.graph.value] != p.content_hash]
    )
    flags = store.write_payloads(payloads, stored)  # type: ignore[attr-defined]
    tracker.after_write([p.graph for p, changed in zip(payloads, flags, strict=True) if changed])
    return flags


class Ingestor:
    """Extracts and stores articles batch by batch, counting into one report."""

    def __init__(self, store: Store, extractor: Any = None) -> None:
        if extractor is None:
            from kg.extract import get_extractor

            extractor = get_extractor()
        self.store = store
        self.extractor = extractor
        self.report = IngestReport()
        self._known = set(store.article_ids())
        self._rebuttals = RebuttalTracker(store)  # type: ignore[arg-type]
        self._pending: list[tuple[Article, Sequence[Claim]]] = []

    def add(self, item: Article | InputError) -> None:
        """One input: an article to extract and store, or an input error to report."""
        if isinstance(item, InputError):
            self.report.errors.append(item.message)
            return
        from kg.extract.parallel import extract_one

        self.add_result(item, extract_one(item, self.extractor))

    def add_result(self, article: Article, result: Sequence[Claim] | str) -> None:
        """An article already extracted: its claims, or the message of its extraction error."""
        if isinstance(result, str):
            self.report.errors.append(result)
            return
        self._pending.append((article, result))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the pending articles (an article whose claims cannot be mapped is reported, not stored)."""
        batch, self._pending = self._pending, []
        prepared: list[tuple[Article, Sequence[Claim], ArticlePayload]] = []
        for article, claims in batch:
            try:
                prepared.append((article, claims, prepare(article, claims)))
            except InputError as exc:
                self.report.errors.append(exc.message)
        if not prepared:
            return
        flags = write_tracked(self.store, self._rebuttals, [payload for *_, payload in prepared])
        for (article, claims, _), changed in zip(prepared, flags, strict=True):
            self._count(article, claims, changed)

    def _count(self, article: Article, claims: Sequence[Claim], changed: bool) -> None:
        if not changed:
            self.report.unchanged += 1
        elif article.id in self._known:
            self.report.changed += 1
        else:
            self.report.new += 1
            self._known.add(article.id)
        self.report.claims += len(claims)
        self.report.actors.update(c.actor for c in claims)

    def finish(self) -> IngestReport:
        self.flush()
        self._rebuttals.refresh()
        refresh_incidents(self.store)
        return self.report


def ingest_articles(
    store: Store,
    items: Iterable[Article | InputError],
    extractor: Any = None,
    on_item: Callable[[Article | InputError], None] | None = None,
    jobs: int = 1,
) -> IngestReport:
    """Extract and store every article of ``items``; returns what happened. With ``jobs`` > 1 the
    default extractor runs on that many worker processes (a given ``extractor`` runs here)."""
    from kg.extract.parallel import extract_in_order

    ingestor = Ingestor(store, extractor)
    parallel = jobs > 1 and extractor is None
    results = extract_in_order(items, jobs) if parallel else ((item, None) for item in items)
    for item, result in results:
        if isinstance(item, Article) and result is not None:
            ingestor.add_result(item, result)
        else:  # an input error, or an article still to extract here
            ingestor.add(item)
        if on_item is not None:
            on_item(item)
    return ingestor.finish()


def ingest_paths(
    store: Store, paths: Iterable[str | Path], extractor: Any = None, jobs: int = 1
) -> IngestReport:
    """``kg ingest`` as a function: read files and folders, extract, store."""
    from kg.ingest import read_paths

    return ingest_articles(store, read_paths(paths), extractor, jobs=jobs)
