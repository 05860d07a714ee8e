"""The TAXII 2.1 server, live under uvicorn over the seed and dev articles, read with the OASIS client."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from api_support import api_settings, running
from seed_dev import needs_dev
from taxii2client.v21 import Server, as_pages

from kg.export.taxii import COLLECTIONS, TAXII_MEDIA_TYPE

pytestmark = pytest.mark.slow
TAXII = {"Accept": TAXII_MEDIA_TYPE}


@pytest.fixture(scope="module")
def taxii_url(seed_dev_store_dir) -> Iterator[str]:
    with running(api_settings(str(seed_dev_store_dir))) as url:
        yield url


@pytest.fixture(scope="module")
def api_root(taxii_url):
    server = Server(f"{taxii_url}/taxii2/")
    assert server.title == "attribution-kg"
    (root,) = server.api_roots
    assert server.default is root
    return root


def file_export(url: str, **params: str) -> list[dict]:
    response = httpx.get(f"{url}/export/stix", params=params, timeout=60)
    response.raise_for_status()
    return response.json()["objects"]


def all_pages(collection, per_request: int, **filters: str) -> list[dict]:
    objects: list[dict] = []
    for envelope in as_pages(collection.get_objects, per_request=per_request, **filters):
        objects.extend(envelope.get("objects", []))
    return objects


def by_alias(api_root, alias: str):
    return next(c for c in api_root.collections if c.alias == alias)


def test_the_client_discovers_the_api_root_and_lists_the_collections(api_root):
    assert api_root.versions == [TAXII_MEDIA_TYPE]
    assert {(c.id, c.alias, c.can_read, c.can_write) for c in api_root.collections} == {
        (c.id, c.alias, True, False) for c in COLLECTIONS
    }


@pytest.mark.parametrize(
    ("alias", "stance"), [("all-claims", None), ("stance-accuse", "accuse"), ("stance-deny", "deny")]
)
def test_paging_a_collection_with_added_after_gives_the_objects_of_the_file_export(
    api_root, taxii_url, alias, stance
):
    paged = all_pages(by_alias(api_root, alias), per_request=7, added_after="2000-01-01T00:00:00Z")
    exported = file_export(taxii_url, **({"stance": stance} if stance else {}))
    assert len(paged) == len({o["id"] for o in paged})  # no object twice
    assert sorted(paged, key=lambda o: o["id"]) == sorted(exported, key=lambda o: o["id"])
    assert exported


@needs_dev
def test_added_after_keeps_the_objects_added_later(api_root):
    collection = by_alias(api_root, "all-claims")
    records = [r for m in as_pages(collection.get_manifest, per_request=50) for r in m.get("objects", [])]
    days = sorted({r["date_added"] for r in records})
    assert len(days) > 1  # the articles were stored one after another
    middle = days[len(days) // 2]
    later = {r["id"] for r in records if r["date_added"] > middle}
    assert {o["id"] for o in all_pages(collection, 5, added_after=middle)} == later
    assert 0 < len(later) < len(records)


def test_pages_carry_the_date_added_headers_and_the_manifest_matches_the_objects(taxii_url, api_root):
    collection = by_alias(api_root, "all-claims")
    url = f"{taxii_url}/taxii2/kg/collections/{collection.id}"
    objects = httpx.get(f"{url}/objects/", params={"limit": 4}, headers=TAXII).raise_for_status()
    manifest = httpx.get(f"{url}/manifest/", params={"limit": 4}, headers=TAXII).raise_for_status()
    envelope, records = objects.json(), manifest.json()
    assert envelope["more"] is True and envelope["next"] and len(envelope["objects"]) == 4
    assert [o["id"] for o in envelope["objects"]] == [r["id"] for r in records["objects"]]
    assert objects.headers["X-TAXII-Date-Added-First"] == records["objects"][0]["date_added"]
    assert objects.headers["X-TAXII-Date-Added-Last"] == records["objects"][-1]["date_added"]
    assert all(r["media_type"] == "application/stix+json;version=2.1" for r in records["objects"])
    first = envelope["objects"][0]
    assert records["objects"][0]["version"] == first.get("modified", first["created"])


def test_one_object_and_its_versions(taxii_url, api_root):
    collection = by_alias(api_root, "all-claims")
    report = next(o for o in all_pages(collection, 100) if o["type"] == "report")
    assert collection.get_object(report["id"])["objects"] == [report]
    assert collection.object_versions(report["id"])["versions"] == [report["modified"]]
    typed = collection.get_objects(type="report")["objects"]
    assert typed and {o["type"] for o in typed} == {"report"}


def _collection_url(url: str, alias: str = "all-claims") -> str:
    collection = next(c for c in COLLECTIONS if c.alias == alias)
    return f"{url}/taxii2/kg/collections/{collection.id}"


@pytest.mark.parametrize(
    ("method", "path", "headers", "params", "status"),
    [
        ("GET", "/taxii2/", {"Accept": "application/json"}, {}, 406),
        ("GET", "/taxii2/", {"Accept": "application/taxii+json;version=2.0"}, {}, 406),
        ("GET", "/taxii2/", {"Accept": "application/taxii+json"}, {}, 200),
        ("GET", "/taxii2/", {"Accept": "*/*"}, {}, 200),
        ("GET", "/taxii2/kg/", {"Accept": "text/html, application/taxii+json;version=2.1;q=0.5"}, {}, 200),
        ("GET", "/taxii2/kg/collections/no-such/", TAXII, {}, 404),
        ("GET", "{collection}/objects/indicator--00000000-0000-4000-8000-000000000000/", TAXII, {}, 404),
        ("GET", "{collection}/objects/", TAXII, {"added_after": "yesterday"}, 400),
        ("GET", "{collection}/objects/", TAXII, {"next": "not-a-token"}, 400),
        ("GET", "{collection}/objects/", TAXII, {"limit": "0"}, 400),
        ("GET", "{collection}/objects/", {"Accept": "application/stix+json;version=2.1"}, {}, 406),
        ("POST", "{collection}/objects/", {**TAXII, "Content-Type": "application/json"}, {}, 415),
        ("POST", "{collection}/objects/", {**TAXII, "Content-Type": TAXII_MEDIA_TYPE}, {}, 403),
        ("DELETE", "{collection}/objects/indicator--00000000-0000-4000-8000-000000000000/", TAXII, {}, 403),
        ("GET", "/taxii2/kg/status/00000000-0000-4000-8000-000000000000/", TAXII, {}, 404),
    ],
)
def test_media_types_and_errors_follow_taxii(taxii_url, method, path, headers, params, status):
    url = taxii_url + path if path.startswith("/") else path.format(collection=_collection_url(taxii_url))
    body = b'{"objects": []}' if method == "POST" else None
    response = httpx.request(method, url, headers=headers, params=params, content=body, timeout=60)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == TAXII_MEDIA_TYPE
    if status >= 400:
        error = response.json()
        assert error["http_status"] == str(status) and error["title"] and error["description"]


def test_other_routes_keep_problem_json(taxii_url):
    response = httpx.get(f"{taxii_url}/export/nope")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
