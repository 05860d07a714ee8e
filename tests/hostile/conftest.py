"""Fixtures of the hostile-input tests: the API served for real (both kinds of store), and a loopback
listener that records every connection made to it (a stand-in for an internal service)."""

from __future__ import annotations

import socket
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from api_support import LiveApi, live_api_over


@dataclass
class Listener:
    """A TCP listener on a free loopback port; ``connections`` counts the clients that reached it."""

    url: str
    connections: list[bytes] = field(default_factory=list)


@pytest.fixture
def listener() -> Iterator[Listener]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    found = Listener(f"http://127.0.0.1:{server.getsockname()[1]}")
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            conn.settimeout(1)
            try:
                found.connections.append(conn.recv(512))
            except OSError:
                found.connections.append(b"")
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield found
    stop.set()
    thread.join(timeout=2)
    server.close()


@pytest.fixture(scope="module", params=["embedded", "remote"])
def live_api(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    """The API with the sample claims loaded, over each kind of store."""
    with live_api_over(request.param, request, tmp_path_factory.mktemp("hostile-store")) as api:
        yield api
