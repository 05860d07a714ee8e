"""The web UI over HTTP, on both kinds of store: every page is served as HTML readable without
JavaScript, errors are pages with the problem's status, ``GET /`` sends browsers to the UI and leaves
other clients as they were, CORS covers reads only, and the docs reference no asset from elsewhere."""

from __future__ import annotations

import re
from urllib.parse import quote

import httpx
import pytest
from api_support import AUTH, SAMPLE, api_settings, load_sample, running

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}

# (path, text the page must hold without JavaScript)
PAGES = [
    ("/ui/", "Most accused"),
    ("/ui/?q=who+accused+China%3F", "James Clapper"),
    ("/ui/claims", "Hong Lei dismissed the accusation as groundless."),
    ("/ui/claims?stance=deny", "Dmitry Peskov rejected the claims as nonsense."),
    ("/ui/claims?actor=James+Clapper&date_from=2015-01-01&date_to=2015-12-31", "leading suspect"),
    ("/ui/claims?limit=3&sort=-confidence", "Next page"),
    ("/ui/actors", "Dmitry Peskov"),
    ("/ui/actors?q=peskov", "Dmitry Peskov"),
    ("/ui/actors/china", "Hong Lei dismissed the accusation as groundless."),
    ("/ui/actors/china", "Spoken for by"),
    ("/ui/articles", "US officials blame China for OPM breach"),
    ("/ui/articles/opm-2015", "James Clapper said China was the leading suspect in the OPM hack."),
    ("/ui/network", "GEXF"),
    ("/ui/sparql", "Who accused whom"),
    ("/ui/ingest", "API key"),
]

# (path, status, text of the error page)
ERRORS = [
    ("/ui/claims/0000000000000000", 404, "no claim"),
    ("/ui/claims/not%20an%20<iri>", 404, "no claim"),
    ("/ui/actors/not%20an%20<iri>", 404, "no actor"),
    ("/ui/actors/no-such-actor", 404, "no actor"),
    ("/ui/articles/no-such-article", 404, "no article"),
    ("/ui/claims?stance=blame", 400, "unknown stance"),
    ("/ui/claims?date_from=yesterday", 400, "ISO date"),
    ("/ui/claims?sort=colour", 400, "unknown sort"),
    ("/ui/claims?after=not-a-cursor", 400, "cursor"),
]


@pytest.mark.parametrize(("path", "expected"), PAGES)
def test_page_is_html_readable_without_javascript(sample_ui, path, expected):
    with sample_ui.client() as client:
        response = client.get(path, headers=HTML)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert expected in response.text
    assert '<main id="main"' in response.text


@pytest.mark.parametrize(("path", "status", "message"), ERRORS)
def test_a_bad_request_is_an_error_page(sample_ui, path, status, message):
    with sample_ui.client() as client:
        response = client.get(path, headers=HTML)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert message in response.text and "Traceback" not in response.text


def test_claim_page_marks_exactly_the_evidence(sample_ui):
    with sample_ui.client() as client:
        claims = client.get("/claims", params={"article": "opm-2015"}).json()["claims"]
        for claim in claims:
            page = client.get(f"/ui/claims/{claim['iri'].rsplit('/', 1)[1]}", headers=HTML).text
            marked = "".join(re.findall(r"<mark [^>]*>(.*?)</mark>", page, re.S))
            assert marked == claim["evidence"]
            assert f'data-start="{claim["start"]}"' in page


@pytest.mark.parametrize("actor", ["china", "james-clapper", "hong-lei", "russia", "analyst-3"])
def test_actor_page_counts_agree_with_the_api(sample_ui, actor):
    with sample_ui.client() as client:
        record = client.get(f"/actors/{actor}").json()
        page = client.get(f"/ui/actors/{actor}", headers=HTML).text
    for side in ("claimed", "claimed_about"):
        section = page.split(f'id="{side}-title"')[1].split("</section>")[0]
        shown = {s: int(n) for s, n in re.findall(r"stance-(\w+)\">\w+</span> · (\d+) claim", section)}
        assert shown == {g["stance"]: g["count"] for g in record[side]}


def test_claims_page_links_to_the_api_rows(sample_ui):
    with sample_ui.client() as client:
        first = client.get("/ui/claims?limit=3", headers=HTML).text
        following = re.search(r'rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
        second = client.get(following, headers=HTML).text
        json_link = re.search(r'href="(/claims\?[^"]+)">JSON', second).group(1).replace("&amp;", "&")
        rows = client.get(json_link).json()["claims"]
        shown = re.findall(r'href="/ui/claims/([0-9a-f]+)"', second)
    assert [r["iri"].rsplit("/", 1)[1] for r in rows] == shown


@pytest.mark.parametrize(
    ("accept", "status"),
    [(HTML["Accept"], 303), ("text/html", 303), ("application/json", 404), ("*/*", 404), (None, 404)],
)
def test_root_sends_browsers_to_the_ui(sample_ui, accept, status):
    headers = {"Accept": accept} if accept else {}
    with httpx.Client(base_url=sample_ui.url) as client:
        response = client.get("/", headers=headers)
    assert response.status_code == status
    if status == 303:
        assert response.headers["location"] == "/ui/"
    else:
        assert response.headers["content-type"] == "application/problem+json"


# (method, path, request method of a preflight or None, gets CORS headers)
CORS_CASES = [
    ("GET", "/claims", None, True),
    ("GET", "/sparql?query=ASK%7B%7D", None, True),
    ("OPTIONS", "/sparql", "POST", True),
    ("OPTIONS", "/claims", "GET", True),
    ("OPTIONS", "/articles", "POST", False),
    ("OPTIONS", "/articles/opm-2015", "DELETE", False),
    ("OPTIONS", "/claims", "POST", False),
]


@pytest.mark.parametrize(("method", "path", "preflight", "allowed"), CORS_CASES)
def test_cors_covers_reads_only(sample_ui, method, path, preflight, allowed):
    headers = {"Origin": "https://notebook.example"}
    if preflight:
        headers |= {
            "Access-Control-Request-Method": preflight,
            "Access-Control-Request-Headers": "content-type",
        }
    with sample_ui.client() as client:
        response = client.request(method, path, headers=headers)
    assert ("access-control-allow-origin" in response.headers) is allowed


def test_cors_origins_are_configurable(tmp_path):
    settings = api_settings(str(tmp_path / "store"), cors_origins="https://yasgui.example")
    load_sample(settings)
    with running(settings) as url:
        listed = httpx.get(f"{url}/claims", headers={"Origin": "https://yasgui.example"})
        other = httpx.get(f"{url}/claims", headers={"Origin": "https://elsewhere.example"})
    assert listed.headers["access-control-allow-origin"] == "https://yasgui.example"
    assert "access-control-allow-origin" not in other.headers


@pytest.mark.parametrize("path", ["/docs", "/ui/sparql", "/ui/network", "/ui/"])
def test_pages_load_assets_from_this_server_only(sample_ui, path):
    with sample_ui.client() as client:
        page = client.get(path, headers=HTML).text
        assets = re.findall(r'(?:src|href)=["\']([^"\']+\.(?:js|css|png|svg))["\']', page)
        assert assets
        for asset in assets:
            assert asset.startswith("/"), asset
            assert client.get(asset).status_code == 200, asset


def test_docs_offer_the_bearer_key(sample_ui):
    with sample_ui.client() as client:
        document = client.get("/openapi.json").json()
    assert document["components"]["securitySchemes"]["bearer"] == {"type": "http", "scheme": "bearer"}
    assert document["paths"]["/articles"]["post"]["security"] == [{"bearer": []}]
    assert "security" not in document["paths"]["/claims"]["get"]


def test_ui_is_closed_when_reads_need_a_key(tmp_path):
    settings = api_settings(str(tmp_path / "store"), read_keys_required=True)
    with running(settings) as url:
        closed = httpx.get(f"{url}/ui/claims", headers=HTML)
        opened = httpx.get(f"{url}/ui/claims", headers=HTML | AUTH)
    assert closed.status_code == 401 and opened.status_code == 200


def test_home_counts_and_rankings_come_from_the_store(sample_ui):
    with sample_ui.client() as client:
        page = client.get("/ui/", headers=HTML).text
    claims = sum(len(sentences) for _, _, _, sentences in SAMPLE)
    assert re.search(r"<dt>claims</dt><dd>(\d+)</dd>", page).group(1) == str(claims + 6)
    denying = page.split('id="denying-title"')[1]
    assert "Hong Lei" in denying and "Dmitry Peskov" in denying
    assert (
        quote("https://w3id.org/attribution-kg/id/actor/china", safe="/")
        in page.split('id="accused-title"')[1]
    )


def test_cached_counts_follow_a_write(tmp_path):
    settings = api_settings(str(tmp_path / "store"))
    load_sample(settings)

    def articles(client: httpx.Client) -> int:
        page = client.get("/ui/", headers=HTML).text
        return int(re.search(r"<dt>articles</dt><dd>(\d+)</dd>", page).group(1))

    with running(settings) as url, httpx.Client(base_url=url) as client:
        before = articles(client), articles(client)  # the second from the cache
        assert client.delete("/articles/filler-00", headers=AUTH).status_code == 204
        after = articles(client)
        listed = client.get("/ui/articles", headers=HTML).text
    assert before == (len(SAMPLE) + 6, len(SAMPLE) + 6) and after == len(SAMPLE) + 5
    assert "Warning 0" not in listed and "Warning 1" in listed
