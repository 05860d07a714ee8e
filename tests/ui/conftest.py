"""Fixtures of the web UI tests: the API (and its UI) served for real by uvicorn.

``sample_ui``: over each kind of store with the API tests' sample claims (fast, no extraction).
``corpus_ui``: over an embedded store holding the seed article and, where the shared evaluation set is
beside the project (``../shared/eval/dev``), the dev articles, extracted once per session.
``browser``: Debian's headless Chromium driven by Playwright; without it the browser tests skip, unless
``KG_REQUIRE_BROWSER=1`` (set by ``.ci/run``) turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from api_support import LiveApi, api_settings, live_api_over, running

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "register-2015-usa-china-cyber.txt"
DEV = ROOT.parent / "shared" / "eval" / "dev"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


@pytest.fixture(scope="module", params=["embedded", "remote"])
def sample_ui(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    with live_api_over(request.param, request, tmp_path_factory.mktemp("ui-store")) as api:
        yield api


def corpus_paths() -> list[Path]:
    return [SEED, *([DEV] if DEV.is_dir() else [])]


@pytest.fixture(scope="session")
def corpus_ui(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    from kg.graph import open_store
    from kg.graph.loader import ingest_paths

    settings = api_settings(str(tmp_path_factory.mktemp("ui-corpus") / "store"))
    store = open_store(settings)
    try:
        report = ingest_paths(store, corpus_paths())
    finally:
        store.close()
    assert not report.errors, report.errors
    with running(settings) as url:
        yield LiveApi(url, "embedded", settings)


def _browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright's Python package is not installed (pip install playwright)"
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    """Headless Chromium with a fresh profile; the system executable, never a downloaded one."""
    missing = _browser_missing()
    if missing:
        if os.environ.get("KG_REQUIRE_BROWSER") == "1":
            pytest.fail(f"KG_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield context
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser tests write their screenshots: ``KG_SCREENSHOTS`` or a session temp dir."""
    chosen = os.environ.get("KG_SCREENSHOTS")
    folder = Path(chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder
