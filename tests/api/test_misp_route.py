"""``GET /export/misp`` over the seed and dev articles, live under uvicorn: what ``kg export`` writes."""

from __future__ import annotations

import io

import httpx
import pytest
from api_support import api_settings, running
from pymisp import MISPEvent

from kg.export import export
from kg.graph import open_store
from kg.settings import Settings

pytestmark = pytest.mark.slow


def test_the_route_serves_the_file_export_and_honours_kg_tlp(seed_dev_store_dir):
    store = open_store(Settings(store=str(seed_dev_store_dir)))
    try:
        out = io.BytesIO()
        export(store, "misp", out, tlp="amber")
        first_article = next(iter(store.claims())).article
    finally:
        store.close()
    with running(api_settings(str(seed_dev_store_dir), tlp="amber")) as url:
        response = httpx.get(f"{url}/export/misp", timeout=60)
        filtered = httpx.get(f"{url}/export/misp", params={"article": first_article}, timeout=60)
    assert response.status_code == 200 and response.headers["content-type"] == "application/json"
    assert response.content == out.getvalue()
    (item,) = filtered.json()["response"]
    event = MISPEvent()
    event.load(item)
    assert "tlp:amber" in [t.name for t in event.tags]
