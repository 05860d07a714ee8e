"""``akg:storedAt``: when an article version was stored; kept by an unchanged re-ingest, renewed on change."""

from __future__ import annotations

from dataclasses import replace

from graph_samples import seed_article, seed_claims

from kg.graph.views import load_query


def stored_times(store) -> dict[str, str | None]:
    rows = store.select(load_query("article_stored"))
    return {str(r["articleId"]): str(r["stored"]) if r.get("stored") else None for r in rows}


def test_stored_time_is_kept_unchanged_and_renewed_on_change(store):
    article, claims = seed_article(), seed_claims()
    store.replace_article(article, claims)
    (first,) = stored_times(store).values()
    assert first and first.endswith("Z") and "T" in first
    assert store.replace_article(article, claims) is False
    assert stored_times(store) == {article.id: first}
    store.replace_article(replace(article, title="A new headline"), claims)
    (second,) = stored_times(store).values()
    assert second > first
