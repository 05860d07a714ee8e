"""Importing a JSON Lines claims file: one error per bad line, nothing half-written, idempotent re-imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.graph import open_store
from kg.graph.article_text import stored_text
from kg.graph.importer import import_claims
from kg.graph.loader import store_payloads
from kg.graph.payload import prepare
from kg.graph.rdf import text_fingerprint
from kg.graph.records import ClaimFilter
from kg.graph.views import load_query
from kg.graph.vocab import IMPORTER_AGENT
from kg.ingest.claims import ClaimLinesError, parse_claims
from kg.models import Article
from kg.settings import Settings

TEXT = "James Clapper said China was behind the OPM hack. Hong Lei rejected the accusation as groundless."
ACCUSE = "James Clapper said China was behind the OPM hack."
DENY = "Hong Lei rejected the accusation as groundless."
ARTICLE = {"id": "opm", "text": TEXT, "date": "2015-06-05", "title": "OPM"}


def claim(**changes: object) -> dict:
    base = {
        "article": "opm", "actor": "James Clapper", "actor_type": "person", "affiliation": "United States",
        "stance": "accuse", "target": "China", "topic": "data-breach", "claim": "China was behind the hack",
        "evidence": ACCUSE, "start": 0, "end": len(ACCUSE), "confidence": 0.9,
    }  # fmt: skip
    return base | changes


def denial() -> dict:
    start = TEXT.index(DENY)
    return claim(actor="Hong Lei", affiliation="China", stance="deny", evidence=DENY, start=start,
                 end=start + len(DENY), claim="the accusation is groundless")  # fmt: skip


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(Settings(store=str(tmp_path / "store")))
    yield opened
    opened.close()


def _without(name: str) -> dict:
    record = claim()
    del record[name]
    return record


# Each row: a bad line (placed on line 2, after the article line) and what its one error says.
BAD_LINES = [
    ("{not json", "line 2: not JSON"),
    ('["a", "list"]', "line 2: a line must be a JSON object"),
    (_without("evidence"), "line 2: missing field evidence"),
    (_without("confidence"), "line 2: missing field confidence"),
    (claim(stance="blame"), "line 2: 'stance' must be one of accuse, deny"),
    (claim(actor_type="robot"), "line 2: 'actor_type' must be one of person"),
    (claim(topic="weather"), "line 2: 'topic' must be one of state-sponsorship"),
    (claim(actor=""), "line 2: 'actor' must be a non-empty string"),
    (claim(target=None), "line 2: 'target' must be a non-empty string"),
    (claim(start=-1), "line 2: 'start' must be a character offset"),
    (claim(start="0"), "line 2: 'start' must be a character offset"),
    (claim(end=True), "line 2: 'end' must be a character offset"),
    (claim(start=10, end=10), "line 2: 'end' (10) must be greater than 'start' (10)"),
    (claim(confidence=1.5), "line 2: 'confidence' must be a number from 0 to 1"),
    (claim(negated="yes"), "line 2: 'negated' must be true or false"),
    (claim(target_type="planet"), "line 2: 'target_type' must be one of"),
    (
        claim(start=1),
        "line 2: the evidence is not the text of article 'opm' at 1-49, which reads 'ames Clapper",
    ),
    (claim(end=len(TEXT) + 5), "line 2: offsets 0-102 are past the end of article 'opm'"),
    ({"id": "opm", "text": "another text"}, "line 2: article 'opm' is given again with another text"),
    ({"id": "", "text": "x"}, "line 2: record without an 'id'"),
]


@pytest.mark.parametrize(("line", "error"), BAD_LINES, ids=[e.split(": ", 1)[1][:40] for _, e in BAD_LINES])
def test_a_bad_line_gets_one_error_naming_its_line(line: object, error: str) -> None:
    with pytest.raises(ClaimLinesError) as caught:
        parse_claims(jsonl(ARTICLE, line, claim()), "claims.jsonl")
    assert len(caught.value.errors) == 1, caught.value.errors
    assert caught.value.errors[0].startswith(error), caught.value.errors[0]
    assert caught.value.status == 400 and "1 bad line" in caught.value.message


def test_every_bad_line_is_reported_and_nothing_is_written(store) -> None:
    text = jsonl(ARTICLE, claim(), "{", claim(stance="blame"), "", denial(), claim(start=3))
    with pytest.raises(ClaimLinesError) as caught:
        import_claims(store, text, "claims.jsonl")
    assert [e.split(":", 1)[0] for e in caught.value.errors] == ["line 3", "line 4", "line 7"]
    assert store.article_ids() == []


def test_a_claim_of_an_article_neither_given_nor_stored_is_refused(store) -> None:
    with pytest.raises(ClaimLinesError) as caught:
        import_claims(store, jsonl(claim(article="elsewhere")), "claims.jsonl")
    assert caught.value.errors == [
        "line 1: article 'elsewhere' is neither in the file nor in the store (add a line with its id and text)"
    ]


def test_reimport_is_idempotent_and_claims_are_the_importers(store) -> None:
    text = jsonl(ARTICLE, claim(), denial())
    first = import_claims(store, text, "claims.jsonl")
    quads = set(store.raw.quads_for_pattern(None, None, None, None))
    again = import_claims(store, text, "claims.jsonl")
    assert (first.new, first.claims) == (1, 2)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 1)
    assert set(store.raw.quads_for_pattern(None, None, None, None)) == quads
    agents = store.select(
        "SELECT DISTINCT ?a WHERE { ?c a <https://w3id.org/attribution-kg/ontology#Claim> ; "
        "<http://www.w3.org/ns/prov#wasAttributedTo> ?a }"
    )
    assert [row["a"] for row in agents] == [IMPORTER_AGENT]
    records = {r.stance: r for r in store.claims(ClaimFilter(article="opm"))}
    assert records["deny"].rebuts == (records["accuse"].iri,)  # rebuttal upkeep, as for extracted claims


def test_claims_of_a_stored_article_by_id_keep_its_metadata(store) -> None:
    import_claims(store, jsonl(ARTICLE, claim()), "claims.jsonl")
    report = import_claims(store, jsonl(denial()), "more.jsonl")
    assert (report.changed, report.claims) == (1, 1)
    [record] = store.claims(ClaimFilter(article="opm"))
    assert (record.actor.name, record.date, record.title) == ("Hong Lei", "2015-06-05", "OPM")
    with pytest.raises(ClaimLinesError) as caught:
        import_claims(store, jsonl(claim(end=len(TEXT) + 1)), "far.jsonl")
    assert caught.value.errors == [
        "line 1: offsets 0-98 are past the end of stored article 'opm' (97 characters)"
    ]


def _stored_with_text(store) -> None:
    import_claims(store, jsonl(ARTICLE, claim()), "claims.jsonl")


def _stored_before_the_text_was_kept(store) -> None:
    # the graph a store written before akg:text holds: metadata and fingerprint, no text
    kept = Article(id="opm", text="", date="2015-06-05", title="OPM")
    store_payloads(store, [prepare(kept, [], IMPORTER_AGENT, text_fingerprint(TEXT))])


# (how the article was stored, the text the store holds after an import by id)
BY_ID = [(_stored_with_text, TEXT), (_stored_before_the_text_was_kept, None)]


@pytest.mark.parametrize(("stored", "text"), BY_ID)
def test_an_import_by_id_keeps_the_stored_text_and_fingerprint(store, stored, text) -> None:
    stored(store)
    before = store.select(load_query("articles"), {"fArticle": "opm"})[0]
    import_claims(store, jsonl(denial()), "more.jsonl")
    after = store.select(load_query("articles"), {"fArticle": "opm"})[0]
    assert stored_text(store, "opm") == text
    assert (after["textHash"], after["textLength"]) == (before["textHash"], before["textLength"])
    assert (after["textHash"], after["textLength"]) == text_fingerprint(TEXT)


def test_names_go_through_the_resolver(store) -> None:
    text = jsonl(ARTICLE, claim(target="Beijing"), denial() | {"actor": "Hong Le"}, claim(actor="Hong Lei"))
    import_claims(store, text, "claims.jsonl")
    records = list(store.claims(ClaimFilter(article="opm")))
    assert {r.target.name for r in records} == {"China"}  # a metonym, as the extractor resolves it
    assert {r.actor.name for r in records} == {"James Clapper", "Hong Lei"}  # misspelt, then named in full
