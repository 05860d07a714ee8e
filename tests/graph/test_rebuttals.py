"""Rebuttal links: a deny answers an earlier accusation against the party it defends, across articles."""

from __future__ import annotations

import pytest
from graph_samples import claim, seed_article, seed_claims, stored_links
from pyoxigraph import NamedNode, Store

from kg.graph.rdf import article_quads, claim_node
from kg.graph.rebuttals import Statement, party_links, refresh_rebuttals
from kg.graph.vocab import AKG, DERIVED_REBUTTALS_GRAPH, graph_iri
from kg.models import Article, Claim

REBUTS = NamedNode(AKG + "rebuts")
DERIVED = NamedNode(DERIVED_REBUTTALS_GRAPH)

CLAPPER = claim(
    article="accusation", actor="James Clapper", affiliation="United States", stance="accuse", target="China"
)
HONG = dict(
    article="denial",
    actor="Hong Lei",
    affiliation="China",
    stance="deny",
    target="China",
    topic="state-sponsorship",
)


def links(store: Store) -> set[tuple[str, str]]:
    return {(q.subject.value, q.object.value) for q in store.quads_for_pattern(None, REBUTS, None, DERIVED)}


def load(store: Store, article_id: str, date: str | None, claims: list[Claim]) -> None:
    store.extend(article_quads(Article(id=article_id, text="x" * 100, date=date), claims))


def pair(deny: Claim, accuse: Claim) -> tuple[str, str]:
    return claim_node(deny.article, deny).value, claim_node(accuse.article, accuse).value


# (deny claim fields, deny date, accusation date, rebuts?)
CASES = [
    ("deny after the accusation, target the accused", {}, "2015-09-14", "2015-09-10", True),
    ("deny on the same day", {}, "2015-09-10", "2015-09-10", True),
    ("deny before the accusation", {}, "2015-09-01", "2015-09-10", False),
    ("deny of an undated article", {}, None, "2015-09-10", False),
    (
        "deny aimed at the accuser, by a spokesman of the accused state",
        {"target": "James Clapper", "target_type": "person"},
        "2015-09-14",
        "2015-09-10",
        True,
    ),
    (
        "deny by the accused state itself",
        {
            "actor": "China",
            "actor_type": "government",
            "affiliation": "",
            "target": "hackers",
            "target_type": "act",
        },
        "2015-09-14",
        "2015-09-10",
        True,
    ),
    ("negated deny", {"negated": True}, "2015-09-14", "2015-09-10", False),
    (
        "deny about another party",
        {"affiliation": "Iran", "target": "Iran"},
        "2015-09-14",
        "2015-09-10",
        False,
    ),
    (
        "an accusation is not a deny",
        {"stance": "accuse", "target": "China"},
        "2015-09-14",
        "2015-09-10",
        False,
    ),
]


@pytest.mark.parametrize(
    ("description", "fields", "deny_date", "accuse_date", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_rebuttal_rules(description, fields, deny_date, accuse_date, expected):
    store = Store()
    deny = claim(**{**HONG, **fields})
    load(store, "accusation", accuse_date, [CLAPPER])
    load(store, "denial", deny_date, [deny])
    refresh_rebuttals(store)
    assert (pair(deny, CLAPPER) in links(store)) is expected
    assert all(q.graph_name == DERIVED for q in store.quads_for_pattern(None, REBUTS, None, None))


def test_only_accusations_against_the_defended_party_are_rebutted():
    store = Store()
    clapper_russia = claim(
        article="accusation",
        actor="James Clapper",
        affiliation="United States",
        stance="accuse",
        target="Russia",
        start=5,
        end=6,
    )
    deny = claim(**{**HONG, "target": "James Clapper", "target_type": "person"})
    load(store, "accusation", "2015-09-10", [CLAPPER, clapper_russia])
    load(store, "denial", "2015-09-14", [deny])
    refresh_rebuttals(store)
    assert links(store) == {pair(deny, CLAPPER)}


def test_recompute_is_idempotent_and_follows_deletes():
    store = Store()
    deny = claim(**HONG)
    load(store, "accusation", "2015-09-10", [CLAPPER])
    load(store, "denial", "2015-09-14", [deny])
    refresh_rebuttals(store)
    refresh_rebuttals(store)
    assert links(store) == {pair(deny, CLAPPER)}
    store.remove_graph(graph_iri("accusation"))
    refresh_rebuttals(store)
    assert links(store) == set()


def test_seed_article_links_the_chinese_denials_to_the_accusations_of_china():
    store = Store()
    store.extend(article_quads(seed_article(), seed_claims()))
    refresh_rebuttals(store)
    names = {}
    for c in seed_claims():
        names[claim_node(c.article, c).value] = (c.actor, c.stance, c.target)
    found = {(names[d], names[a]) for d, a in links(store)}
    deniers = {d[0] for d, _ in found}
    accused = {a[2] for _, a in found}
    assert deniers == {"Meng Jianzhu", "Hong Lei"}
    assert accused == {"China"}
    assert (("Hong Lei", "deny", "James Clapper"), ("James Clapper", "accuse", "China")) in found


# The bound: across articles a deny links to each accuser's latest accusation of the defended party at or
# before the deny (ties on the date: the highest claim IRI); in its own article, to every accusation.
# (label, article, date, accuser, start) of accusations against China; the deny is Hong Lei's in "denial".
Accusation = tuple[str, str, str | None, str, int]
BOUND_CASES: list[tuple[str, str | None, list[Accusation], set[str]]] = [
    (
        "several accusations by one accuser: one link, to the latest",
        "2015-09-14",
        [
            ("first", "a1", "2015-09-01", "James Clapper", 0),
            ("second", "a2", "2015-09-05", "James Clapper", 0),
            ("latest", "a3", "2015-09-10", "James Clapper", 0),
        ],
        {"latest"},
    ),
    (
        "the latest at or before the deny, never a later one",
        "2015-09-14",
        [
            ("before", "a1", "2015-09-10", "James Clapper", 0),
            ("after", "a2", "2015-09-20", "James Clapper", 0),
        ],
        {"before"},
    ),
    (
        "two accusers: one link each",
        "2015-09-14",
        [
            ("clapper old", "a1", "2015-09-01", "James Clapper", 0),
            ("clapper", "a2", "2015-09-10", "James Clapper", 0),
            ("obama", "a3", "2015-09-05", "Barack Obama", 0),
        ],
        {"clapper", "obama"},
    ),
    (
        "every accusation in the deny's own article, even several by one accuser",
        "2015-09-14",
        [
            ("elsewhere, earlier", "a1", "2015-09-10", "James Clapper", 0),
            ("same article", "denial", "2015-09-14", "James Clapper", 10),
            ("same article too", "denial", "2015-09-14", "James Clapper", 20),
        ],
        {"same article", "same article too"},
    ),
    (
        "the deny's own article qualifies when it is undated",
        None,
        [
            ("elsewhere", "a1", "2015-09-10", "James Clapper", 0),
            ("same article", "denial", None, "James Clapper", 10),
        ],
        {"same article"},
    ),
    (
        "an accusation by the denier is no accusation it answers",
        "2015-09-14",
        [("own", "a1", "2015-09-10", "Hong Lei", 0)],
        set(),
    ),
]


def _accusation(label: str, article: str, accuser: str, start: int) -> Claim:
    return claim(article=article, actor=accuser, stance="accuse", target="China", claim=label,
                 start=start, end=start + 1)  # fmt: skip


@pytest.mark.parametrize(
    ("description", "deny_date", "accusations", "expected"), BOUND_CASES, ids=[c[0] for c in BOUND_CASES]
)
def test_each_accuser_is_answered_once_across_articles(store, description, deny_date, accusations, expected):
    deny = claim(**{**HONG, "start": 0, "end": 1})
    articles: dict[str, tuple[str | None, list[Claim]]] = {"denial": (deny_date, [deny])}
    iris = {}
    for label, article, date, accuser, start in accusations:
        accusation = _accusation(label, article, accuser, start)
        articles.setdefault(article, (date, []))[1].append(accusation)
        iris[claim_node(article, accusation).value] = label
    store.replace_articles(
        (Article(id=aid, text="x" * 100, date=date), claims) for aid, (date, claims) in articles.items()
    )
    refresh_rebuttals(store)
    found = stored_links(store)
    assert {d for d, _ in found} <= {claim_node("denial", deny).value}
    assert {iris[a] for _, a in found} == expected


def test_a_tie_on_the_date_goes_to_the_highest_claim_iri(store):
    deny = claim(**HONG)
    same_day = [_accusation(label, label, "James Clapper", 0) for label in ("a1", "a2", "a3")]
    store.replace_articles(
        [(Article(id="denial", text="x" * 100, date="2015-09-14"), [deny])]
        + [(Article(id=c.article, text="x" * 100, date="2015-09-10"), [c]) for c in same_day]
    )
    refresh_rebuttals(store)
    latest = max(claim_node(c.article, c).value for c in same_day)
    assert stored_links(store) == {(claim_node("denial", deny).value, latest)}


# The window: across articles a denial answers only what was said since the party was last defended by a
# denial (denials of one day share it). Statements are (claim, agent, article, date).
US1 = Statement("us-1", "United States", "a1", "2016-01-01")
UK1 = Statement("uk-1", "United Kingdom", "a3", "2016-01-07")
HONG1 = Statement("hong-1", "Hong Lei", "a2", "2016-01-05")
MENG1 = Statement("meng-1", "Meng Jianzhu", "a4", "2016-01-05")
HONG2 = Statement("hong-2", "Hong Lei", "a5", "2016-01-09")
WINDOW_CASES = [
    ("a later denial leaves what an earlier one answered", [HONG1, HONG2], [US1], {("hong-1", "us-1")}),
    (
        "each denial answers what was said since the one before",
        [HONG1, HONG2],
        [US1, UK1],
        {("hong-1", "us-1"), ("hong-2", "uk-1")},
    ),
    ("denials of one day share the window", [HONG1, MENG1], [US1], {("hong-1", "us-1"), ("meng-1", "us-1")}),
    (
        "an accusation reported in the denial's own article is answered whatever the window",
        [HONG1, HONG2],
        [US1, Statement("us-0", "United States", "a5", "2015-12-01")],
        {("hong-1", "us-1"), ("hong-2", "us-0")},
    ),
    (
        "an undated denial answers its own article only",
        [Statement("hong-x", "Hong Lei", "a9", None)],
        [US1],
        set(),
    ),
    ("a denial before any accusation answers nothing", [HONG1], [UK1], set()),
]


@pytest.mark.parametrize(
    ("description", "denials", "accusations", "expected"), WINDOW_CASES, ids=[c[0] for c in WINDOW_CASES]
)
def test_a_denial_answers_what_was_said_since_the_last_one(description, denials, accusations, expected):
    assert party_links(denials, accusations) == expected
