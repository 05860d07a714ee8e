"""``kg serve`` as a user runs it: a subprocess under uvicorn, optionally ingesting a folder first."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow
KG = str(Path(sys.executable).with_name("kg"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for_health(url: str, process: subprocess.Popen[str], timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"kg serve exited: {process.stderr.read() if process.stderr else ''}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"kg serve did not answer within {timeout} s")


@contextmanager
def kg_serve(store: Path, *args: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = _free_port()
    env = {**os.environ, "KG_STORE": str(store), "KG_API_KEYS": "serve-key"}
    process = subprocess.Popen(
        [KG, "serve", "--port", str(port), "--log-level", "warning", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_for_health(url, process)
        yield url, process
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_kg_serve_answers_and_releases_the_store_on_shutdown(tmp_path: Path) -> None:
    store = tmp_path / "store"
    with kg_serve(store) as (url, _):
        health = httpx.get(f"{url}/health").json()
        docs = httpx.get(f"{url}/docs")
    assert health["status"] == "ok" and health["counts"]["articles"] == 0
    assert docs.status_code == 200
    from kg.graph import open_store
    from kg.settings import Settings

    reopened = open_store(Settings(store=str(store)))  # fails if the server left the store locked
    reopened.close()


def test_kg_serve_ingests_a_folder_before_serving(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "denial.txt").write_text(
        "Russia's foreign ministry denied any role in the hack.\n", encoding="utf-8"
    )
    (folder / "empty.txt").write_text("", encoding="utf-8")
    with kg_serve(tmp_path / "store", "--ingest", str(folder)) as (url, process):
        ids = [a["id"] for a in httpx.get(f"{url}/articles").json()["articles"]]
    stderr = process.stderr.read() if process.stderr else ""
    assert ids == ["denial"]
    assert "1 article(s) ingested" in stderr and "empty" in stderr
