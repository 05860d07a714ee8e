"""Helpers of the API tests: the API served for real (uvicorn on a free loopback port) and a sample data set.

The stores are filled with a small, known set of claims (:func:`sample_claims`) written straight through
the Store protocol, so that what the API returns can be checked exactly, whatever the extractor finds.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from api.app import create_app
from kg.graph import open_store
from kg.models import Article, Claim
from kg.settings import Settings

API_KEY = "test-key-7f3a"
AUTH = {"Authorization": f"Bearer {API_KEY}"}
BODY_LIMIT = 256 * 1024

# (article id, date, title, [(sentence, actor, actor type, affiliation, stance, target, target type, topic)])
SAMPLE = [
    (
        "opm-2015",
        "2015-06-05",
        "US officials blame China for OPM breach",
        [
            ("James Clapper said China was the leading suspect in the OPM hack.",
             "James Clapper", "person", "United States", "accuse", "China", "government", "data-breach"),
            ("Hong Lei dismissed the accusation as groundless.",
             "Hong Lei", "person", "China", "deny", "China", "government", "data-breach"),
        ],
    ),
    (
        "yahoo-2016",
        "2016-09-22",
        "Yahoo says state-sponsored actor stole data",
        [
            ("Yahoo said a state-sponsored actor stole the data of 500 million users.",
             "Yahoo", "organization", "", "acknowledge", "state-sponsored actor", "unknown", "data-breach"),
        ],
    ),
    (
        "dnc-2016",
        "2016-10-07",
        "US accuses Russia of election hacking",
        [
            ("The US government accused Russia of directing the DNC intrusion.",
             "United States", "government", "", "accuse", "Russia", "government", "cyber-espionage"),
            ("Dmitry Peskov rejected the claims as nonsense.",
             "Dmitry Peskov", "person", "Russia", "deny", "Russia", "government", "cyber-espionage"),
        ],
    ),
]  # fmt: skip
# Filler articles so that paging has several pages to walk.
FILLER_ARTICLES = 6


def sample_claims() -> list[tuple[Article, list[Claim]]]:
    items = []
    rows = list(SAMPLE)
    for n in range(FILLER_ARTICLES):
        sentence = f"Analyst {n} warned of ransomware attacks on hospitals."
        rows.append((f"filler-{n:02d}", f"2017-01-{n + 10:02d}", f"Warning {n}",
                     [(sentence, f"Analyst {n}", "person", "", "warn", "ransomware", "act", "ransomware")]))  # fmt: skip
    for article_id, day, title, sentences in rows:
        text = " ".join(s[0] for s in sentences)
        article = Article(
            id=article_id, text=text, date=day, title=title, url=f"https://news.example/{article_id}"
        )
        claims = []
        for sentence, actor, actor_type, affiliation, stance, target, target_type, topic in sentences:
            start = text.index(sentence)
            claims.append(
                Claim(
                    article=article_id, actor=actor, actor_type=actor_type, affiliation=affiliation,
                    stance=stance, target=target, topic=topic, claim=sentence, evidence=sentence,
                    start=start, end=start + len(sentence), confidence=0.9, target_type=target_type,
                )
            )  # fmt: skip
        items.append((article, claims))
    return items


SAMPLE_CLAIM_COUNT = sum(len(c) for _, c in sample_claims())


def load_sample(settings: Settings) -> None:
    store = open_store(settings)
    try:
        for article, claims in sample_claims():
            store.replace_article(article, claims)
    finally:
        store.close()


@contextmanager
def running(settings: Settings) -> Iterator[str]:
    """The API under uvicorn in a thread, on a socket bound to a free port before the server starts."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the API server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
        sock.close()


@dataclass(frozen=True)
class LiveApi:
    url: str
    kind: str  # embedded | remote
    settings: Settings

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60, **kwargs)  # type: ignore[arg-type]


def api_settings(store: str, **overrides: object) -> Settings:
    values: dict[str, object] = {"store": store, "api_keys": API_KEY, "max_body_bytes": BODY_LIMIT}
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@contextmanager
def live_api_over(kind: str, request: pytest.FixtureRequest, tmp: Path) -> Iterator[LiveApi]:
    """The API with the sample claims loaded, over an embedded store in ``tmp`` or over the session's
    ``oxigraph serve`` (emptied first); the body of the ``live_api`` fixtures."""
    if kind == "embedded":
        location = str(tmp / "store")
    else:
        location = request.getfixturevalue("oxigraph_server")
        clear_server(location)
    settings = api_settings(location)
    load_sample(settings)
    with running(settings) as url:
        yield LiveApi(url, kind, settings)


def clear_server(url: str) -> None:
    """Empty an oxigraph server's dataset (the session server is shared with the store tests)."""
    response = httpx.post(
        f"{url}/update", content=b"DROP ALL", headers={"Content-Type": "application/sparql-update"}
    )
    response.raise_for_status()
