"""A query past KG_SPARQL_TIMEOUT is stopped, not abandoned: after a burst of cartesian products the
server answers /health at once and no process keeps burning CPU; beyond KG_SPARQL_MAX_CONCURRENT, 429."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from api_support import api_settings, load_sample, running

pytestmark = pytest.mark.slow
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_seconds_of_children() -> float:
    """CPU time (user + system) so far of this process's live children (the query workers)."""
    total = 0
    for task in Path("/proc/self/task").iterdir():
        for pid in (task / "children").read_text().split():
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            total += int(fields[11]) + int(fields[12])
    return total / TICKS


def test_timed_out_queries_are_stopped(tmp_path: Path) -> None:
    settings = api_settings(str(tmp_path / "store"), sparql_timeout=1.0, sparql_max_concurrent=2)
    load_sample(settings)
    with running(settings) as url:

        def attack(_: int) -> int:
            return httpx.get(f"{url}/sparql", params={"query": CARTESIAN}, timeout=30).status_code

        with ThreadPoolExecutor(4) as pool:
            statuses = sorted(pool.map(attack, range(4)))
        with ThreadPoolExecutor(2) as pool:  # a second round: killed workers were replaced
            statuses += sorted(pool.map(attack, range(2)))
        assert statuses.count(503) >= 3 and set(statuses) <= {429, 503}, statuses
        assert 429 in statuses[:4]
        started = time.monotonic()
        assert httpx.get(f"{url}/health", timeout=5).status_code == 200
        assert time.monotonic() - started < 1.0
        before = _cpu_seconds_of_children()
        time.sleep(1.0)
        assert _cpu_seconds_of_children() - before < 0.2  # nothing runs on after its timeout
        ok = httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=30)
        assert ok.status_code == 200 and ok.json()["boolean"] is True
