"""TAXII data logic without HTTP: URL parameters, paging by ``next``, ``added_after``."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.errors import InputError, NotFound
from kg.export.taxii import COLLECTIONS, MAX_PAGE, Entry, Query, find_collection, parse_query, select


def entry(n: int, added: str, kind: str = "identity") -> Entry:
    obj = {
        "type": kind,
        "id": f"{kind}--{n:08d}-0000-4000-8000-000000000000",
        "created": "2015-01-01T00:00:00.000Z",
    }
    return Entry(added, obj)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, Query(limit=100)),
        ({"limit": "5"}, Query(limit=5)),
        ({"limit": str(MAX_PAGE * 10)}, Query(limit=MAX_PAGE)),
        ({"added_after": "2017-01-01T00:00:00Z"}, Query(added_after="2017-01-01T00:00:00.000000Z")),
        ({"added_after": "2017-01-01T01:00:00+01:00"}, Query(added_after="2017-01-01T00:00:00.000000Z")),
        ({"match[type]": "report, opinion"}, Query(types=frozenset({"report", "opinion"}))),
        ({"match[version]": "last"}, Query()),
        (
            {"match[version]": "all,2015-01-01T00:00:00.000Z"},
            Query(versions=frozenset({"2015-01-01T00:00:00.000000Z"})),
        ),
    ],
)
def test_parameters_are_normalised(params, expected):
    assert parse_query(params, 100) == expected


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "0"},
        {"limit": "-3"},
        {"limit": "ten"},
        {"added_after": "2017-13-01"},
        {"next": "%%%"},
        {"match[version]": "newest"},
    ],
)
def test_bad_parameters_are_input_errors(params):
    with pytest.raises(InputError):
        parse_query(params, 100)


def test_collections_are_found_by_id_or_alias():
    assert find_collection(COLLECTIONS[1].id) is find_collection(COLLECTIONS[1].alias) is COLLECTIONS[1]
    with pytest.raises(NotFound):
        find_collection("nothing")


days = st.sampled_from(
    ["2026-01-01T00:00:00.000000Z", "2026-01-02T00:00:00.000000Z", "2026-01-03T00:00:00.000000Z"]
)


@settings(max_examples=60, deadline=None)
@given(st.lists(days, max_size=30), st.integers(1, 7), st.none() | days)
def test_next_pages_through_every_entry_once_even_with_ties(added, limit, after):
    entries = sorted((entry(n, day) for n, day in enumerate(added)), key=Entry.key)
    expected = [e.id for e in entries if after is None or e.date_added > after]
    seen, token = [], None
    while True:
        params = {"limit": str(limit), "next": token, "added_after": after}
        page = select(entries, parse_query(params, 100))
        seen += [e.id for e in page.entries]
        assert len(page.entries) <= limit
        if not page.more:
            assert page.next is None
            break
        token = page.next
    assert seen == expected


def test_page_bodies_and_headers():
    entries = [entry(1, "2026-01-01T00:00:00.000000Z"), entry(2, "2026-01-02T00:00:00.000000Z", "report")]
    page = select(entries, Query(limit=1))
    assert page.envelope()["more"] is True and page.envelope()["objects"] == [entries[0].obj]
    assert page.headers() == {
        "X-TAXII-Date-Added-First": "2026-01-01T00:00:00.000000Z",
        "X-TAXII-Date-Added-Last": "2026-01-01T00:00:00.000000Z",
    }
    empty = select(entries, Query(types=frozenset({"note"})))
    assert empty.envelope() == {"more": False} and empty.headers() == {}
