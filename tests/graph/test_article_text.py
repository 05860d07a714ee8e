"""``akg:text``: the store gives back the article text it was given, character for character and byte for
byte, on both kinds of store; a store written before the text was kept, or a text no RDF literal can
carry, gives no text and keeps the hash and length."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.graph.article_text import stored_text
from kg.graph.loader import store_payloads
from kg.graph.payload import prepare
from kg.graph.rdf import text_fingerprint
from kg.graph.views import load_query
from kg.graph.vocab import IMPORTER_AGENT
from kg.models import Article, Claim

SENTENCE = "James Clapper said China was the leading suspect."

# (article id, text as ingested)
TEXTS = [
    ("plain", SENTENCE),
    ("lines", "First line.\r\nSecond line.\nThird\tcolumn.\r"),
    ("controls", "nul\x00 bell\x07 escape\x1b delete\x7f end"),
    ("combining", "Cafe\u0301 \u202eRTL\u202c zero\u200bwidth \ufeffbom"),
    ("astral", "Emoji \U0001f600 and Gothic \U00010348 and a private \U0010fffd end"),
    ("quotes", 'He said "no" \\ and \'yes\' """ triple <tag> & @en ^^xsd:string'),
    ("odd id/with spaces ü", SENTENCE),
    ("whitespace", "   \n\n  "),
]


def claim_of(text: str) -> Claim:
    return Claim(
        article="x", actor="James Clapper", actor_type="person", affiliation="", stance="accuse",
        target="China", target_type="country", topic="data-breach", claim="", evidence=text[:5],
        start=0, end=5, confidence=0.9,
    )  # fmt: skip


def article_hashes(store) -> dict[str, tuple[str, int]]:
    rows = store.select(load_query("articles"))
    return {str(r["articleId"]): (str(r["textHash"]), int(r["textLength"])) for r in rows}


@pytest.mark.parametrize(("article_id", "text"), TEXTS)
def test_the_stored_text_is_the_ingested_text(store, article_id, text):
    store.replace_article(Article(id=article_id, text=text), [claim_of(text)] if len(text) > 5 else [])
    got = stored_text(store, article_id)
    assert got == text and got.encode("utf-8") == text.encode("utf-8")
    assert article_hashes(store)[article_id] == text_fingerprint(text)


def test_a_text_with_a_lone_surrogate_keeps_its_hash_without_a_text(store):
    text = "broken \ud800 surrogate"
    store.replace_article(Article(id="lone", text=text), [])
    assert stored_text(store, "lone") is None
    assert article_hashes(store)["lone"] == text_fingerprint(text)


def test_a_store_written_before_the_text_was_kept_has_no_text(store):
    # the graph such a store holds: the fingerprint alone stands for the text
    payload = prepare(Article(id="old", text=""), [], IMPORTER_AGENT, text_fingerprint(SENTENCE))
    store_payloads(store, [payload])
    assert stored_text(store, "old") is None
    assert article_hashes(store)["old"] == text_fingerprint(SENTENCE)


def test_an_unknown_article_has_no_text(store):
    assert stored_text(store, "no-such-article") is None


ASTRAL = st.characters(min_codepoint=0x10000, exclude_categories=["Cs"])
TEXT = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=300)


@st.composite
def texts_with_astral(draw: st.DrawFn) -> str:
    """Any surrogate-free text, with at least one character outside the Basic Multilingual Plane."""
    text = draw(TEXT)
    where = draw(st.integers(0, len(text)))
    return text[:where] + draw(ASTRAL) + text[where:]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts_with_astral())
def test_any_text_comes_back_byte_for_byte(store, text):
    # one store for every example: each ingest replaces the article's graph
    store.replace_article(Article(id="any", text=text), [])
    got = stored_text(store, "any")
    assert got is not None and got.encode("utf-8") == text.encode("utf-8")
    assert article_hashes(store)["any"] == text_fingerprint(text)
