"""Every query of docs/sparql.md runs, on both stores, against the graph of the seed article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from graph_samples import seed_article, seed_claims

from kg.graph.loader import store_extracted
from kg.graph.sparql import query_form

COOKBOOK = Path(__file__).resolve().parents[2] / "docs" / "sparql.md"
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", COOKBOOK.read_text(encoding="utf-8"), re.S)
PREFIXES = next(body for lang, body in BLOCKS if not lang and "PREFIX" in body)
QUERIES = [body for lang, body in BLOCKS if lang == "sparql"]


def test_the_cookbook_has_queries():
    assert len(QUERIES) >= 5


@pytest.mark.parametrize("query", QUERIES, ids=[f"query-{n + 1}" for n in range(len(QUERIES))])
def test_cookbook_query_answers_on_the_seed_graph(store, query):
    store_extracted(store, [(seed_article(), seed_claims())])
    text = PREFIXES + query
    if query_form(text) == "ASK":
        assert store.ask(text) is True
    else:
        rows = store.select(text)
        assert rows, "the query found nothing in the seed graph"
        assert all(any(value is not None for value in row.values()) for row in rows)
