"""The web UI in a real browser (Debian's headless Chromium through Playwright) over the seed and dev
articles: every page renders with no console error and no request leaving the server, passes axe-core
with no serious or critical violation, and does what an analyst needs; a screenshot of each page, at a
desktop and a phone width, goes to the ``screenshots`` folder."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest
from api_support import API_KEY

from kg.ingest import read_paths

pytestmark = pytest.mark.slow
SEED = Path(__file__).resolve().parents[1] / "data" / "register-2015-usa-china-cyber.txt"
AXE = Path(__file__).resolve().parents[2] / "api" / "ui" / "static" / "vendor" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": 1280, "phone": 390}
ASK = "who denied sponsorship of attacks?"


class Watched:
    """A page with everything that went wrong on it: console errors, script errors, failed requests and
    requests to any other origin (all of which are blocked)."""

    def __init__(self, page, base: str) -> None:
        self.page, self.problems = page, []
        origin = urlsplit(base).netloc
        page.on("console", lambda m: m.type == "error" and self.problems.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: self.problems.append(f"script: {e}"))
        page.on("requestfailed", lambda r: self.problems.append(f"failed: {r.url} {r.failure}"))

        def route(route) -> None:
            if urlsplit(route.request.url).netloc == origin or route.request.url.startswith("data:"):
                route.continue_()
            else:
                self.problems.append(f"external request: {route.request.url}")
                route.abort()

        page.route("**/*", route)


@contextmanager
def opened(browser, base: str, path: str, width: int = 1280) -> Iterator[Watched]:
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    watched = Watched(page, base)
    try:
        page.goto(base + path, wait_until="networkidle")
        yield watched
    finally:
        page.close()


def serious_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def first_claim(api, article: str) -> dict:
    with api.client() as client:
        return client.get("/claims", params={"article": article}).json()["claims"][0]


def page_paths(api) -> list[str]:
    claim = first_claim(api, "register-2015-usa-china-cyber")
    return [
        "/ui/",
        "/ui/?q=" + quote(ASK),
        "/ui/claims",
        "/ui/claims/" + claim["iri"].rsplit("/", 1)[1],
        "/ui/actors",
        "/ui/actors/china",
        "/ui/articles",
        "/ui/articles/register-2015-usa-china-cyber",
        "/ui/network",
        "/ui/sparql",
        "/ui/ingest",
        "/docs",
    ]


# a marker each page shows once its scripts have run (the reading pages have no script)
READY = {"/ui/network": "#cy[data-nodes]", "/ui/sparql": ".yasqe", "/docs": ".swagger-ui .opblock"}


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_page_renders_cleanly_and_accessibly(browser, corpus_ui, screenshots, width):
    report = {}
    for n, path in enumerate(page_paths(corpus_ui)):
        with opened(browser, corpus_ui.url, path, WIDTHS[width]) as watched:
            ready = READY.get(path.split("?")[0])
            if ready:
                watched.page.wait_for_selector(ready, timeout=20_000)
            assert watched.page.locator("h1, .swagger-ui .title, h2").count() > 0, path
            watched.page.screenshot(
                path=str(screenshots / f"{width}-{n:02d}-{_slug(path)}.png"), full_page=True
            )
            problems = watched.problems
            if path.startswith("/ui/"):  # /docs is Swagger UI's markup: see test_the_docs_page_passes_axe
                problems = problems + serious_violations(watched.page)
        if problems:
            report[path] = problems
    assert not report, report


@pytest.mark.xfail(
    strict=True,
    reason="Swagger UI 5.36's markup (upstream): nested interactive controls (each operation's summary "
    "button holds the copy and lock buttons), text below the contrast ratio",
)
def test_the_docs_page_passes_axe(browser, corpus_ui):
    with opened(browser, corpus_ui.url, "/docs") as watched:
        watched.page.wait_for_selector(READY["/docs"], timeout=20_000)
        assert not serious_violations(watched.page)


def _slug(path: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", path.lower()).strip("-")[:60] or "root"


def test_the_ask_box_answers_with_the_evidence(browser, corpus_ui):
    with opened(browser, corpus_ui.url, "/ui/") as watched:
        page = watched.page
        page.get_by_label("Question").fill(ASK)
        page.keyboard.press("Enter")
        page.wait_for_selector(".answer-row")
        row = page.locator(".answer-row", has=page.locator("h3", has_text="Hong Le"))
        assert row.count() == 1
        evidence = row.locator("blockquote.evidence").all_inner_texts()
        assert any("cracks down on all types of hackers" in e for e in evidence)
        assert "SELECT" in (page.locator("details.sparql-ran pre").text_content() or "")
        assert not watched.problems


def test_the_claim_page_marks_exactly_the_evidence_offsets(browser, corpus_ui):
    [article] = [a for a in read_paths([SEED]) if not isinstance(a, Exception)]
    with corpus_ui.client() as client:
        claims = client.get("/claims", params={"article": article.id}).json()["claims"]
    assert claims
    for claim in claims:
        with opened(browser, corpus_ui.url, "/ui/claims/" + claim["iri"].rsplit("/", 1)[1]) as watched:
            marked = "".join(watched.page.locator(".article-text mark").all_text_contents())
            assert marked == article.text[claim["start"] : claim["end"]]


def test_the_network_draws_the_nodes_of_the_gexf_export(browser, corpus_ui):
    gexf = httpx.get(f"{corpus_ui.url}/export/gexf", timeout=60).text
    expected = len(re.findall(r"<node\b", gexf))
    with opened(browser, corpus_ui.url, "/ui/network") as watched:
        watched.page.wait_for_selector("#cy[data-nodes]", timeout=20_000)
        drawn = watched.page.evaluate("() => Number(document.getElementById('cy').dataset.nodes)")
        canvases = watched.page.locator("#cy canvas").count()
        listed = watched.page.locator("#network-parties li").count()
    assert expected >= 5 and drawn == expected == listed and canvases > 0


def test_the_network_filters_by_stance(browser, corpus_ui):
    gexf = httpx.get(f"{corpus_ui.url}/export/gexf?stance=deny", timeout=60).text
    with opened(browser, corpus_ui.url, "/ui/network?stance=deny") as watched:
        watched.page.wait_for_selector("#cy[data-nodes]", timeout=20_000)
        drawn = watched.page.evaluate("() => Number(document.getElementById('cy').dataset.nodes)")
    assert drawn == len(re.findall(r"<node\b", gexf)) > 0


def test_the_sparql_page_runs_a_query_and_shows_rows(browser, corpus_ui):
    with opened(browser, corpus_ui.url, "/ui/sparql") as watched:
        page = watched.page
        page.wait_for_selector(".yasqe")
        page.get_by_role("button", name="Who accused whom, with the evidence sentence").click()
        page.wait_for_selector(".yasr table tbody tr", timeout=20_000)
        rows = page.locator(".yasr table tbody tr").count()
        assert rows > 0 and "accuser" in page.locator(".yasr table thead").inner_text()
        assert not watched.problems


def test_the_docs_render_offline_with_authorize(browser, corpus_ui):
    with opened(browser, corpus_ui.url, "/docs") as watched:
        page = watched.page
        page.wait_for_selector(".swagger-ui .opblock", timeout=20_000)
        assert page.locator(".swagger-ui .opblock").count() > 10
        assert page.locator("button.authorize").count() == 1
        assert not watched.problems


def test_the_ingest_page_stores_an_article_and_shows_its_claims(browser, corpus_ui):
    text = "Security firm Mandiant said the Lazarus Group was behind the attack on the bank."
    with opened(browser, corpus_ui.url, "/ui/ingest") as watched:
        page = watched.page
        page.get_by_label("API key").fill(API_KEY)
        page.get_by_label("Article id (optional)").fill("ui-ingest-test")
        page.get_by_label("Paste the article").fill(text)
        page.get_by_role("button", name="Extract and store").click()
        page.wait_for_selector(".ingested", timeout=60_000)
        shown = page.locator(".ingested").inner_text()
        kept = page.evaluate("() => sessionStorage.getItem('kg-api-key')")
        assert not watched.problems
    with corpus_ui.client() as client:
        stored = client.get("/claims", params={"article": "ui-ingest-test"}).json()["claims"]
        client.delete("/articles/ui-ingest-test", headers={"Authorization": f"Bearer {API_KEY}"})
    assert kept == API_KEY and stored
    assert all(c["evidence"] in shown for c in stored)


def test_pages_are_keyboard_navigable(browser, corpus_ui):
    with opened(browser, corpus_ui.url, "/ui/claims") as watched:
        page = watched.page
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.textContent") == "Skip to content"
        page.keyboard.press("Enter")
        for _ in range(4):
            page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.closest('main') !== null")
        assert focused
