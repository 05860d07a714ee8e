"""Fixtures: the API served for real over a temporary embedded store, and over the session's
``oxigraph serve`` (``KG_STORE`` = the server's URL, as docker-compose.yml wires it)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import LiveApi, api_settings, clear_server, load_sample, running


def _store_location(kind: str, request: pytest.FixtureRequest, tmp: Path) -> str:
    if kind == "embedded":
        return str(tmp / "store")
    url = request.getfixturevalue("oxigraph_server")
    clear_server(url)
    return url


@pytest.fixture(scope="module", params=["embedded", "remote"])
def live_api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    """The API with the sample claims loaded, over each kind of store (one server per test module)."""
    location = _store_location(request.param, request, tmp_path_factory.mktemp("api-store"))
    settings = api_settings(location)
    load_sample(settings)
    with running(settings) as url:
        yield LiveApi(url, request.param, settings)


@pytest.fixture(scope="module")
def embedded_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    """The API over the embedded store only, sample claims loaded."""
    settings = api_settings(str(tmp_path_factory.mktemp("api-store") / "store"))
    load_sample(settings)
    with running(settings) as url:
        yield LiveApi(url, "embedded", settings)
