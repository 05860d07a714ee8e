"""kg.graph.loader: batches, counts, error isolation and rebuttal refresh, on both stores.

The extractor here reads claims from a table (article id -> claims) so the counts are exact; the real
spaCy extractor goes through the same code in tests/cli/test_store_cli.py.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from store_samples import accusation_article, denial_article, synthetic_article

from kg.errors import ExtractionError, InputError
from kg.graph.loader import delete_article, ingest_articles
from kg.models import Article, Claim


class TableExtractor:
    """Claims looked up by article id; an id listed in ``failing`` raises like a broken pipeline would."""

    def __init__(self, table: dict[str, list[Claim]], failing: tuple[str, ...] = ()) -> None:
        self.table = table
        self.failing = failing

    def extract(self, article: Article) -> list[Claim]:
        if article.id in self.failing:
            raise ExtractionError("parser crashed")
        return self.table[article.id]


def _inputs(count: int = 60) -> tuple[list[Article], TableExtractor]:
    pairs = [synthetic_article(n) for n in range(count)] + [accusation_article(), denial_article()]
    return [a for a, _ in pairs], TableExtractor({a.id: c for a, c in pairs})


def test_ingest_counts_and_is_idempotent(store):
    articles, extractor = _inputs()
    first = ingest_articles(store, articles, extractor)
    assert (first.new, first.changed, first.unchanged, first.claims) == (62, 0, 0, 183)
    counts = store.stats()
    again = ingest_articles(store, articles, extractor)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 62)
    assert store.stats() == counts


def test_a_changed_article_is_counted_as_changed(store):
    articles, extractor = _inputs(3)
    ingest_articles(store, articles, extractor)
    edited = replace(articles[0], text=articles[0].text + " Later edits.")
    report = ingest_articles(store, [edited], extractor)
    assert (report.new, report.changed, report.unchanged) == (0, 1, 0)


def test_errors_are_reported_and_do_not_stop_the_others(store):
    articles, extractor = _inputs(5)
    extractor.failing = ("syn-00002",)
    bad_claim = replace(extractor.table["syn-00003"][0], stance="whisper")
    extractor.table["syn-00003"] = [bad_claim]
    items = [*articles, InputError("broken.txt: empty input")]
    report = ingest_articles(store, items, extractor)
    assert report.new == 5
    assert len(report.errors) == 3
    assert any("parser crashed" in e for e in report.errors) and any("whisper" in e for e in report.errors)
    assert "syn-00002" not in store.article_ids() and "syn-00003" not in store.article_ids()


def test_rebuttals_follow_ingest_and_delete(store):
    pairs = [accusation_article(), denial_article()]
    ingest_articles(store, [a for a, _ in pairs], TableExtractor({a.id: c for a, c in pairs}))
    assert store.stats()["rebuttals"] >= 1
    assert delete_article(store, "acc-1") is True
    assert store.stats()["rebuttals"] == 0
    assert delete_article(store, "acc-1") is False


@pytest.mark.slow
def test_extraction_on_worker_processes_stores_what_one_process_stores(tmp_path):
    """`kg ingest -j 2`: the same claims, in the same order, as extracting in the ingesting process;
    an input error still reaches the report."""
    from graph_samples import seed_article

    from kg.graph import open_store
    from kg.settings import Settings

    seed = seed_article()
    items: list[Article | InputError] = [replace(seed, id=f"seed-{n}") for n in range(5)]
    items.insert(2, InputError("broken.txt: not UTF-8"))
    dumps = {}
    for jobs in (1, 2):
        store = open_store(Settings(store=str(tmp_path / f"jobs-{jobs}")))
        try:
            report = ingest_articles(store, items, jobs=jobs)
            assert report.new == 5 and report.errors == ["broken.txt: not UTF-8"]
            dumps[jobs] = [(c.article, c.actor, c.stance, c.target, c.start) for c in store.claims()]
        finally:
            store.close()
    assert dumps[1] == dumps[2] and len(dumps[1]) >= 5 * 6
