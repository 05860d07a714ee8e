"""Ingest: articles -> extracted claims -> the store, in batches, idempotently.

Shared by ``kg ingest`` and the API, so both count and report the same way. One bad input or one
article the extractor fails on never stops the others; each is reported in :attr:`IngestReport.errors`.
After a run that changed anything (and after a delete) the derived rebuttal links are recomputed with
``kg/queries/rebuttals.ru``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.errors import InputError, KgError, NotFound
from kg.graph.store import Store
from kg.graph.views import load_query
from kg.models import Article, Claim

BATCH = 50  # articles per store write


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


def refresh_rebuttals(store: Store) -> None:
    """Recompute the derived rebuttal links, when the ontology's update is installed."""
    try:
        update = load_query("rebuttals")
    except NotFound:
        return
    store.update(update)  # type: ignore[attr-defined]


def delete_article(store: Store, article_id: str) -> bool:
    """Remove an article's graph and the rebuttal links that pointed into it."""
    removed = store.delete_article(article_id)
    if removed:
        refresh_rebuttals(store)
    return removed


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
        self._pending: list[tuple[Article, Sequence[Claim]]] = []

    def add(self, item: Article | InputError) -> None:
        """One input: an article to extract and store, or an input error to report."""
        if isinstance(item, InputError):
            self.report.errors.append(item.message)
            return
        try:
            claims = self.extractor.extract(item)
        except KgError as exc:
            self.report.errors.append(f"{item.id}: {exc.message}")
            return
        except Exception as exc:  # one article the pipeline chokes on must not stop a bulk ingest
            self.report.errors.append(f"{item.id}: extraction failed ({type(exc).__name__}: {exc})")
            return
        self._pending.append((item, claims))
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Write the pending articles (an article whose claims cannot be mapped is reported, not stored)."""
        batch, self._pending = self._pending, []
        if not batch:
            return
        try:
            flags = self.store.replace_articles(batch)  # type: ignore[attr-defined]
        except InputError:
            flags = [self._write_one(article, claims) for article, claims in batch]
        for (article, claims), changed in zip(batch, flags, strict=True):
            if changed is None:
                continue
            self._count(article, claims, changed)

    def _write_one(self, article: Article, claims: Sequence[Claim]) -> bool | None:
        try:
            return self.store.replace_article(article, claims)
        except InputError as exc:
            self.report.errors.append(exc.message)
            return None

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
        if self.report.new or self.report.changed:
            refresh_rebuttals(self.store)
        return self.report


def ingest_articles(
    store: Store,
    items: Iterable[Article | InputError],
    extractor: Any = None,
    on_item: Callable[[Article | InputError], None] | None = None,
) -> IngestReport:
    """Extract and store every article of ``items``; returns what happened."""
    ingestor = Ingestor(store, extractor)
    for item in items:
        ingestor.add(item)
        if on_item is not None:
            on_item(item)
    return ingestor.finish()


def ingest_paths(store: Store, paths: Iterable[str | Path], extractor: Any = None) -> IngestReport:
    """``kg ingest`` as a function: read files and folders, extract, store."""
    from kg.ingest import read_paths

    return ingest_articles(store, read_paths(paths), extractor)
