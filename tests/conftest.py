"""Fixtures shared across the test suite.

``oxigraph_server``: a real ``oxigraph serve`` process (the PyPI ``oxigraph`` package's server) on a free
loopback port with a temporary data directory and ``--union-default-graph``, started once per session.
``store``: every store test runs twice, against the embedded store in a temporary directory and against
that server (emptied with ``DROP ALL`` before the test).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from kg.settings import Settings


def _oxigraph_binary() -> str:
    beside_python = Path(sys.executable).with_name("oxigraph")
    found = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if not found:
        # A declared dependency: its absence is a broken install, not a reason to skip the remote-store tests.
        pytest.fail("the oxigraph server binary (PyPI package 'oxigraph') is not installed")
    return found


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_ready(url: str, process: subprocess.Popen[bytes], timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"oxigraph serve exited with code {process.returncode}")
        try:
            response = httpx.post(
                f"{url}/query",
                content=b"ASK {}",
                headers={"Content-Type": "application/sparql-query"},
                timeout=1.0,
            )
            if response.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"oxigraph serve did not answer at {url} within {timeout} s")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of a running ``oxigraph serve`` (queries at /query, updates at /update)."""
    binary = _oxigraph_binary()
    location = tmp_path_factory.mktemp("oxigraph-server")
    port = _free_port()
    command = [binary, "serve", "--location", str(location / "db"), "--bind", f"127.0.0.1:{port}"]
    log = (location / "server.log").open("wb")
    process = subprocess.Popen([*command, "--union-default-graph"], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def clear_server(url: str) -> None:
    """Empty the server's dataset."""
    response = httpx.post(
        f"{url}/update", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}
    )
    response.raise_for_status()


@pytest.fixture
def empty_oxigraph_server(oxigraph_server: str) -> str:
    """The session's server, emptied for this test."""
    clear_server(oxigraph_server)
    return oxigraph_server


@pytest.fixture(params=["embedded", "remote"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    """An empty store: the embedded Oxigraph store in a temp dir, or the test server emptied first."""
    from kg.graph import open_store

    if request.param == "embedded":
        settings = Settings(store=str(tmp_path / "store"))
    else:
        settings = Settings(store=request.getfixturevalue("empty_oxigraph_server"))
    opened = open_store(settings)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def seed_dev_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An embedded store holding the seed and dev articles as the extractor reads them (``seed_dev.py``)."""
    from seed_dev import build_store

    return build_store(tmp_path_factory.mktemp("seed-dev") / "store")
