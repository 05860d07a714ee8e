"""Fixtures: the API served for real over a temporary embedded store, and over the session's
``oxigraph serve`` (``KG_STORE`` = the server's URL, as docker-compose.yml wires it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from api_support import LiveApi, api_settings, live_api_over, load_sample, running


@pytest.fixture(scope="module", params=["embedded", "remote"])
def live_api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    """The API with the sample claims loaded, over each kind of store (one server per test module)."""
    with live_api_over(request.param, request, tmp_path_factory.mktemp("api-store")) as api:
        yield api


@pytest.fixture(scope="module")
def embedded_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    """The API over the embedded store only, sample claims loaded."""
    settings = api_settings(str(tmp_path_factory.mktemp("api-store") / "store"))
    load_sample(settings)
    with running(settings) as url:
        yield LiveApi(url, "embedded", settings)
