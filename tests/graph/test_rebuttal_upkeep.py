"""Rebuttal links kept up to date party by party give exactly what a full recompute gives.

Ingest, re-ingest with changes and delete articles in random order through the loader (which refreshes
only the parties each write touches); after every step the links must equal a recompute from scratch.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

import pytest
from graph_samples import claim, stored_links
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.graph import rebuttals
from kg.graph.loader import delete_article, store_extracted
from kg.graph.payload import prepare
from kg.graph.rebuttals import FULL_REFRESH_PARTIES, RebuttalTracker, refresh_rebuttals
from kg.graph.vocab import AKG, DERIVED_REBUTTALS_GRAPH, actor_iri
from kg.models import Article

STATES = ["Alpha", "Beta", "Gamma"]
# (actor, actor type, the state the actor speaks for); one person speaks for different states in
# different articles
SPEAKERS = [("Alpha", "government", ""), ("Ann Lee", "person", "Alpha"), ("Bo Chen", "person", "Beta")]
SPEAKERS += [("Cy Dale", "person", ""), ("Beta", "government", ""), ("Ann Lee", "person", "")]
SPEAKERS += [("Ann Lee", "person", "Gamma")]
ARTICLES = ["a0", "a1", "a2", "a3"]
DATES = [None, "2016-01-01", "2016-01-02", "2016-01-03"]

claim_specs = st.tuples(
    st.sampled_from(SPEAKERS),
    st.sampled_from(["accuse", "deny"]),
    st.sampled_from([*STATES, "Cy Dale"]),
    st.booleans(),
)
put = st.tuples(
    st.just("put"), st.sampled_from(ARTICLES), st.sampled_from(DATES), st.lists(claim_specs, max_size=4)
)
delete = st.tuples(st.just("delete"), st.sampled_from(ARTICLES))


def article_of(article_id: str, date: str | None, specs) -> tuple[Article, list]:
    claims = [
        claim(
            article=article_id,
            actor=actor,
            actor_type=kind,
            affiliation=speaks_for,
            stance=stance,
            target=target,
            target_type="person" if target == "Cy Dale" else "government",
            negated=negated,
            start=number,
            end=number + 1,
        )
        for number, ((actor, kind, speaks_for), stance, target, negated) in enumerate(specs)
    ]
    return Article(id=article_id, text="x" * 100, date=date), claims


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.one_of(put, delete), min_size=1, max_size=8))
def test_party_by_party_upkeep_equals_a_full_recompute(store, steps):
    store.update("DROP ALL")
    for step in steps:
        if step[0] == "put":
            store_extracted(store, [article_of(*step[1:])])
        else:
            delete_article(store, step[1])
        kept = stored_links(store)
        refresh_rebuttals(store)
        assert kept == stored_links(store), step


def test_too_many_parties_fall_back_to_one_full_recompute(store):
    article, claims = article_of("a0", "2016-01-01", [(SPEAKERS[0], "accuse", "Beta", False)])
    denial, answer = article_of("a1", "2016-01-02", [(SPEAKERS[4], "deny", "Beta", False)])
    store_extracted(store, [(article, claims), (denial, answer)])
    store.update(f"DROP SILENT GRAPH <{DERIVED_REBUTTALS_GRAPH}>")
    many = [actor_iri(f"party {n}") for n in range(FULL_REFRESH_PARTIES + 1)]
    refresh_rebuttals(store, many)
    assert len(stored_links(store)) == 1


def test_links_follow_replacements_and_deletes(store):
    accusation = article_of("a0", "2016-01-01", [(SPEAKERS[0], "accuse", "Beta", False)])
    store_extracted(
        store, [accusation, article_of("a1", "2016-01-02", [(SPEAKERS[2], "deny", "Cy Dale", False)])]
    )
    assert (
        len(stored_links(store)) == 1
    )  # Bo Chen speaks for Beta, so his denial answers the accusation of Beta
    store_extracted(store, [article_of("a0", "2016-01-01", [(SPEAKERS[0], "accuse", "Gamma", False)])])
    assert stored_links(store) == set()
    store_extracted(store, [accusation])
    assert len(stored_links(store)) == 1
    delete_article(store, "a1")
    assert stored_links(store) == set()


def test_what_a_denial_defends_is_read_from_its_own_article(store):
    """Ann Lee denied with no affiliation known; a later article says she speaks for Gamma, which does
    not make the earlier denial an answer to the accusation of Gamma."""
    store_extracted(store, [article_of("a0", "2016-01-01", [(SPEAKERS[4], "accuse", "Gamma", False)])])
    store_extracted(store, [article_of("a1", "2016-01-02", [(SPEAKERS[5], "deny", "Cy Dale", False)])])
    assert stored_links(store) == set()
    store_extracted(store, [article_of("a2", "2016-01-03", [(SPEAKERS[6], "accuse", "Beta", False)])])
    assert stored_links(store) == set()
    store_extracted(store, [article_of("a1", "2016-01-02", [(SPEAKERS[6], "deny", "Cy Dale", False)])])
    assert len(stored_links(store)) == 1


def test_a_run_killed_before_its_refresh_is_repaired_by_the_next_run(store):
    store_extracted(store, [article_of("a0", "2016-01-01", [(SPEAKERS[0], "accuse", "Beta", False)])])
    # a run that writes a denial and dies before refreshing (kill -9 between the write and the refresh)
    tracker = RebuttalTracker(store)
    payload = prepare(*article_of("a1", "2016-01-02", [(SPEAKERS[4], "deny", "Beta", False)]))
    tracker.before_change([])
    store.write_payloads([payload])
    assert stored_links(store) == set()
    # the next run touches nothing about Beta, yet finds the mark and recomputes every link
    store_extracted(store, [article_of("a2", "2016-01-03", [(SPEAKERS[3], "accuse", "Gamma", False)])])
    assert len(stored_links(store)) == 1
    refresh_rebuttals(store)
    assert len(stored_links(store)) == 1
    assert not store.ask(f"ASK {{ GRAPH <{DERIVED_REBUTTALS_GRAPH}> {{ ?s <{AKG}refreshPending> ?o }} }}")


def busy_articles() -> list[tuple[Article, list]]:
    """24 one-claim articles over three parties and nine days: accusations and denials interleave."""
    speakers = [SPEAKERS[0], SPEAKERS[1], SPEAKERS[2], SPEAKERS[4]]
    return [
        article_of(
            f"c{n}",
            f"2016-01-{1 + n % 9:02d}",
            [
                (
                    speakers[n % 4],
                    "accuse" if n % 3 else "deny",
                    STATES[n % 2 + 1] if n % 3 else "Cy Dale",
                    False,
                )
            ],
        )
        for n in range(24)
    ]


@pytest.mark.parametrize("seed", range(4))
def test_any_ingest_order_leaves_the_links_a_full_recompute_gives(store, seed):
    """Articles arrive in any order (a denial dated before others may come last)."""
    articles = busy_articles()
    random.Random(seed).shuffle(articles)
    for article in articles:
        store_extracted(store, [article])
    kept = stored_links(store)
    refresh_rebuttals(store)
    assert kept == stored_links(store)


def test_concurrent_writers_refresh_party_by_party_and_agree_with_a_full_recompute(store, monkeypatch):
    """The API stores articles from several threads at once: they take turns, so none mistakes another's
    run under way for a crashed one (which would recompute every link), and the links come out right."""
    found_marked = []
    marked = rebuttals._marked
    monkeypatch.setattr(rebuttals, "_marked", lambda s: found_marked.append(marked(s)) or found_marked[-1])
    articles = busy_articles()
    with ThreadPoolExecutor(6) as pool:
        list(pool.map(lambda item: store_extracted(store, [item]), articles))
    assert len(found_marked) == len(articles) and not any(found_marked)
    kept = stored_links(store)
    assert kept
    refresh_rebuttals(store)
    assert stored_links(store) == kept


def test_an_earlier_denial_ingested_later_takes_over_the_accusation(store):
    """Alpha accuses Beta on day 3, Beta denies on day 7; a denial by Beta dated day 4 arrives later:
    it answers the accusation now, and the day-7 denial no longer does (other articles' links change)."""
    store_extracted(store, [article_of("a0", "2016-01-03", [(SPEAKERS[0], "accuse", "Beta", False)])])
    store_extracted(store, [article_of("a1", "2016-01-07", [(SPEAKERS[4], "deny", "Cy Dale", False)])])
    assert len(stored_links(store)) == 1
    store_extracted(store, [article_of("a2", "2016-01-04", [(SPEAKERS[4], "deny", "Gamma", False)])])
    kept = stored_links(store)
    refresh_rebuttals(store)
    assert kept == stored_links(store) and len(kept) == 1
