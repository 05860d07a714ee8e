"""The named queries besides claims.rq: actors, actor, articles, stats (bound as the stores bind)."""

from __future__ import annotations

import pytest
from graph_samples import seed_article, seed_claims
from pyoxigraph import Literal, NamedNode, Store

from kg.errors import QueryError
from kg.graph.rdf import article_quads
from kg.graph.rebuttals import refresh_rebuttals
from kg.graph.sparql import binding_terms, fill_values, inject_values, plain_rows
from kg.graph.views import load_query, party_from_row
from kg.graph.vocab import actor_iri
from kg.models import Article, Claim


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store()
    store.extend(article_quads(seed_article(), seed_claims()))
    later = Article(id="later", text="x" * 50, date="2015-10-01")
    deny = Claim(
        article="later",
        actor="Hong Lei",
        actor_type="person",
        affiliation="China",
        stance="deny",
        target="China",
        topic="hacking",
        claim="no",
        evidence="x",
        start=0,
        end=1,
        confidence=0.9,
        target_type="government",
        extra={"actor_aliases": ["Hong Le"]},
    )
    store.extend(article_quads(later, [deny]))
    refresh_rebuttals(store)
    return store


def select(store: Store, name: str, **bindings) -> list[dict]:
    result = store.query(inject_values(load_query(name), binding_terms(bindings)))
    return list(plain_rows(result.variables, result))


def test_actors_lists_each_actor_once_with_counts(store):
    rows = select(store, "actors")
    assert len(rows) == len({r["actor"] for r in rows})
    by_name = {r["name"]: r for r in rows}
    assert by_name["Hong Lei"]["made"] == 3 and by_name["Hong Lei"]["received"] == 0
    assert by_name["China"]["received"] >= 5
    assert by_name["Hong Lei"]["affiliation"] == "China"
    hong = party_from_row(by_name["Hong Lei"], "")
    assert hong.iri == actor_iri("Hong Lei").value and "Hong Le" in hong.aliases and hong.type == "person"


@pytest.mark.parametrize(("q", "names"), [("clap", {"James Clapper"}), ("HONG LE", {"Hong Lei"}), ("", None)])
def test_actors_search(store, q, names):
    found = {r["name"] for r in select(store, "actors", q=q)}
    assert found == names if names is not None else len(found) > 5


def test_actor_record_by_stance_and_role(store):
    rows = select(store, "actor", fActor="hong le")
    made = {(r["role"], r["stanceId"]): r for r in rows}
    assert made[("made", "deny")]["claims"] == 3
    assert made[("made", "deny")]["firstDate"] == "2015-09-14"
    assert made[("made", "deny")]["lastDate"] == "2015-10-01"
    clapper = select(store, "actor", fActor=actor_iri("James Clapper").value)
    assert {(r["role"], r["stanceId"]) for r in clapper} == {("made", "accuse"), ("received", "deny")}


def test_articles(store):
    rows = select(store, "articles")
    assert [r["articleId"] for r in rows] == ["later", seed_article().id]
    seed = rows[1]
    assert seed["claims"] == len(seed_claims()) and seed["date"] == "2015-09-14"
    assert seed["publisher"] == "The Register" and seed["textLength"] == len(seed_article().text)
    assert [r["articleId"] for r in select(store, "articles", fArticle="later")] == ["later"]


def test_stats(store):
    (row,) = select(store, "stats")
    assert row["articles"] == 2 and row["claims"] == len(seed_claims()) + 1
    assert row["rebuttals"] >= 3 and row["triples"] == len(store)


FILL_CASES = [
    (
        "every empty block is filled",
        "SELECT * WHERE { { VALUES ?p { } ?s ?x ?p } UNION { VALUES ?p { } ?p ?x ?o } }",
        [NamedNode("http://example.org/a")],
        "SELECT * WHERE { { VALUES ?p { <http://example.org/a> } ?s ?x ?p } "
        "UNION { VALUES ?p { <http://example.org/a> } ?p ?x ?o } }",
    ),
    (
        "None removes the blocks",
        "SELECT * WHERE { VALUES ?p { } ?s ?x ?p }",
        None,
        "SELECT * WHERE {  ?s ?x ?p }",
    ),
    (
        "comments, strings and other variables are left alone",
        '# VALUES ?p { }\nSELECT * WHERE { VALUES ?q { } VALUES ?p { } ?s ?x "VALUES ?p { }" }',
        [Literal('a "quoted" value')],
        '# VALUES ?p { }\nSELECT * WHERE { VALUES ?q { } VALUES ?p { "a \\"quoted\\" value" } ?s ?x "VALUES ?p { }" }',
    ),
]


@pytest.mark.parametrize(
    ("description", "text", "terms", "expected"), FILL_CASES, ids=[c[0] for c in FILL_CASES]
)
def test_fill_values(description, text, terms, expected):
    assert fill_values(text, "p", terms) == expected


def test_fill_values_needs_a_block():
    with pytest.raises(QueryError):
        fill_values("SELECT * WHERE { ?s ?p ?o }", "p", [])
