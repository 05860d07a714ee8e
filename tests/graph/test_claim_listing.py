"""The paged claim view (kg.graph.listing) gives exactly the rows of the one-query view claims.rq, on the
embedded store and on a real ``oxigraph serve`` (the ``store`` fixture)."""

from __future__ import annotations

import pytest
from store_samples import accusation_article, denial_article, synthetic_article

from kg.errors import InputError
from kg.graph.rebuttals import refresh_rebuttals
from kg.graph.records import ClaimFilter
from kg.graph.sparql import claim_filter_terms
from kg.graph.views import load_query, record_from_row
from kg.graph.vocab import actor_iri

FILTERS = [
    ClaimFilter(),
    ClaimFilter(stance="deny"),
    ClaimFilter(stance="accuse", topic="cyber-espionage"),
    ClaimFilter(actor="hong lei"),
    ClaimFilter(actor=actor_iri("Hong Lei").value),
    ClaimFilter(target="CHINA"),
    ClaimFilter(article="acc-1"),
    ClaimFilter(date_from="2015-05-02"),
    ClaimFilter(date_to="2015-05-01", stance="accuse"),
    ClaimFilter(actor="nobody at all"),
]


@pytest.fixture
def filled(store):
    items = [synthetic_article(n) for n in range(30)] + [accusation_article(), denial_article()]
    store.replace_articles(items)
    refresh_rebuttals(store)
    return store


def one_query_view(store, filters):
    return [record_from_row(row) for row in store.select(load_query("claims"), claim_filter_terms(filters))]


@pytest.mark.parametrize("filters", FILTERS, ids=repr)
@pytest.mark.parametrize("limit", [1, 7, 1000])
def test_pages_and_stream_equal_the_one_query_view(filled, filters, limit):
    expected = one_query_view(filled, filters)
    assert list(filled.claims(filters, batch=5)) == expected
    walked, cursor, pages = [], None, 0
    while True:
        page, cursor = filled.claims_page(filters, cursor, limit)
        assert len(page) <= limit
        walked += page
        pages += 1
        if cursor is None:
            break
    assert walked == expected
    assert pages == max(1, -(-len(expected) // limit))


def test_rebuttal_links_are_read(filled):
    assert any(record.rebuts for record in filled.claims())


@pytest.mark.parametrize("cursor", ["not-a-cursor", "W10", "WyJhIiwxXQ"])
def test_a_forged_cursor_is_an_input_error(filled, cursor):
    with pytest.raises(InputError):
        filled.claims_page(None, cursor, 5)
