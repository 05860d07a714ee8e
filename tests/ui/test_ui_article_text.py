"""The whole article text on the UI's article and claim pages, over real HTTP: with the stored text every
character of the article is shown and each claim's evidence is marked at its offsets in its stance's
colour; a store written before the text was kept still shows the evidence with stated gaps."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from api_support import api_settings, running

from kg.graph import open_store
from kg.graph.importer import import_claims
from kg.graph.loader import store_payloads
from kg.graph.payload import prepare
from kg.graph.rdf import text_fingerprint
from kg.graph.vocab import IMPORTER_AGENT
from kg.models import Article

HTML = {"Accept": "text/html"}
ACCUSE = "James Clapper said China was the leading suspect in the OPM hack."
DENY = "Hong Lei dismissed the accusation as groundless & <false>."
WARN = "Analysts \U0001f6a8 warned of more attacks."
TEXT = (
    f"Washington \u2014 officials spoke on Friday.\n\n{ACCUSE} Later, in Beijing:\r\n{DENY} {WARN} The end."
)
# (evidence, actor, stance, target)
CLAIMS = [
    (ACCUSE, "James Clapper", "accuse", "China"),
    (DENY, "Hong Lei", "deny", "China"),
    (WARN, "Analysts", "warn", "ransomware"),
    (ACCUSE[:13], "James Clapper", "assert", "United States"),  # overlaps the accusation
]


def claim_lines() -> str:
    lines = [{"id": "opm", "text": TEXT, "date": "2015-06-05", "title": "OPM"}]
    for evidence, actor, stance, target in CLAIMS:
        start = TEXT.index(evidence)
        lines.append({
            "article": "opm", "actor": actor, "actor_type": "person", "affiliation": "", "claim": "",
            "stance": stance, "target": target,
            "topic": "data-breach", "evidence": evidence, "start": start, "end": start + len(evidence),
            "confidence": 0.9,
        })  # fmt: skip
    return "".join(json.dumps(line) + "\n" for line in lines)


def forget_text(store) -> None:
    """Rewrite the article as a store written before the text was kept holds it: fingerprint, no text."""
    payload = prepare(Article(id="opm", text="", date="2015-06-05", title="OPM"), [], IMPORTER_AGENT,
                      text_fingerprint(TEXT))  # fmt: skip
    store_payloads(store, [payload])
    import_claims(store, "".join(claim_lines().splitlines(keepends=True)[1:]), "claims.jsonl")


@pytest.fixture(scope="module", params=["stored text", "before the text was kept"])
def ui(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    settings = api_settings(str(Path(tmp_path_factory.mktemp("ui-text")) / "store"))
    store = open_store(settings)
    try:
        import_claims(store, claim_lines(), "claims.jsonl")
        if request.param != "stored text":
            forget_text(store)
    finally:
        store.close()
    with running(settings) as url:
        yield request.param, url


def article_text(page: str) -> str:
    return re.search(r'<div class="article-text"[^>]*>(.*?)</div>', page, re.S).group(1)


def marks(page: str) -> list[tuple[str, int, int, str]]:
    """(stance class, start, end, text) of every marked stretch of the page's article text."""
    found = re.findall(
        r'<mark class="stance-bg-(\w+)" data-start="(\d+)" data-end="(\d+)"[^>]*>(.*?)</mark>',
        article_text(page),
        re.S,
    )
    return [(stance, int(s), int(e), html.unescape(text)) for stance, s, e, text in found]


def shown(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", article_text(page)))


def test_article_page_marks_every_evidence_in_the_whole_text(ui):
    kind, url = ui
    with httpx.Client(base_url=url) as client:
        page = client.get("/ui/articles/opm", headers=HTML).text
    found = marks(page)
    for _, start, end, text in found:
        assert text == TEXT[start:end]
    marked = {i for _, start, end, _ in found for i in range(start, end)}
    spans = {e: TEXT.index(e) for e, *_ in CLAIMS}
    assert marked == {i for e, s in spans.items() for i in range(s, s + len(e))}
    for evidence, _, stance, _ in CLAIMS:  # every claim's evidence in its stance's colour, unless overlapped
        start = spans[evidence]
        inside = [m for m in found if start <= m[1] and m[2] <= start + len(evidence)]
        assert "".join(m[3] for m in inside) == evidence
        assert stance in {m[0] for m in inside} or evidence == ACCUSE[:13]
    if kind == "stored text":
        assert shown(page) == TEXT and 'class="gap"' not in page
    else:
        assert 'class="gap"' in page and "officials spoke on Friday" not in page


def test_claim_page_marks_its_evidence_alone_in_the_whole_text(ui):
    kind, url = ui
    with httpx.Client(base_url=url) as client:
        claims = client.get("/claims", params={"article": "opm"}).json()["claims"]
        assert len(claims) == len(CLAIMS)
        for claim in claims:
            page = client.get(f"/ui/claims/{claim['iri'].rsplit('/', 1)[1]}", headers=HTML).text
            assert "".join(m[3] for m in marks(page)) == claim["evidence"]
            assert (shown(page) == TEXT) is (kind == "stored text")
