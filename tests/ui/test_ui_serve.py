"""``kg serve`` (and so ``make demo``) takes its port from ``--port`` or ``KG_PORT`` and says where the UI is."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow
KG = str(Path(sys.executable).with_name("kg"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(store: Path, env_port: int | None, flag_port: int | None, expected: int) -> tuple[int, str]:
    env = {**os.environ, "KG_STORE": str(store)}
    env.pop("KG_PORT", None)
    if env_port is not None:
        env["KG_PORT"] = str(env_port)
    command = [KG, "serve", "--log-level", "warning", *(["--port", str(flag_port)] if flag_port else [])]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                status = httpx.get(f"http://127.0.0.1:{expected}/ui/", timeout=2).status_code
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        else:
            raise AssertionError("kg serve did not answer on the expected port")
    finally:
        process.send_signal(signal.SIGINT)
        _, stderr = process.communicate(timeout=20)
    return status, stderr


@pytest.mark.parametrize("source", ["KG_PORT", "--port over KG_PORT"])
def test_serve_port_and_ui_url(tmp_path, source):
    port = _free_port()
    if source == "KG_PORT":
        status, stderr = _serve(tmp_path / "store", port, None, port)
    else:
        status, stderr = _serve(tmp_path / "store", _free_port(), port, port)
    assert status == 200
    assert f"the web UI is at http://127.0.0.1:{port}/ui/" in stderr
