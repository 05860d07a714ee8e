"""A ``kill -9`` in the middle of a bulk ingest leaves an embedded store that opens, holds only whole
articles, and lets a re-run complete."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import Store
from store_samples import synthetic_article

from kg.graph.oxigraph_store import OxigraphStore
from kg.graph.payload import STORED_AT, prepare
from kg.settings import Settings

TOTAL = 3000
BATCH = 25
INGEST = """
import sys
from kg.graph.oxigraph_store import OxigraphStore
from kg.settings import Settings
from store_samples import synthetic_article

path, total, batch, variant = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
store = OxigraphStore(path, Settings(store=path))
for start in range(0, total, batch):
    stop = min(total, start + batch)
    store.replace_articles(synthetic_article(n, variant=variant) for n in range(start, stop))
    print(stop, flush=True)
store.close()
print("done", flush=True)
"""


def _ingest(path: Path, variant: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path])}
    command = [sys.executable, "-c", INGEST, str(path), str(TOTAL), str(BATCH), variant]
    return subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)


def _kill_midway(path: Path, variant: str, after_batches: int) -> None:
    process = _ingest(path, variant)
    assert process.stdout is not None
    for _ in range(after_batches):
        line = process.stdout.readline()
        assert line.strip().isdigit(), f"ingest ended early: {line!r}"
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def _graphs(path: Path) -> dict[str, set[str]]:
    """Quads (as N-Quads lines) per named graph, read with the bare pyoxigraph store."""
    raw = Store(str(path))
    graphs: dict[str, set[str]] = {}
    for quad in raw:
        if quad.predicate != STORED_AT:  # a time, different in every run
            graphs.setdefault(quad.graph_name.value, set()).add(str(quad))
    del raw
    return graphs


def _expected(number: int, variant: str) -> tuple[str, set[str]]:
    payload = prepare(*synthetic_article(number, variant=variant))
    return payload.graph.value, {str(q) for q in payload.quads if q.predicate != STORED_AT}


def _assert_only_whole_articles(path: Path, variants: tuple[str, ...]) -> dict[str, str]:
    """Every named graph equals one complete version of its article; returns graph -> variant."""
    versions: dict[str, str] = {}
    for graph, quads in _graphs(path).items():
        number = int(graph.rsplit("-", 1)[1])
        matches = [v for v in variants if _expected(number, v) == (graph, quads)]
        assert matches, f"{graph} holds a partial or unknown article ({len(quads)} quads)"
        versions[graph] = matches[0]
    return versions


@pytest.mark.slow
def test_kill_9_midway_leaves_whole_articles_and_a_rerun_completes(tmp_path):
    path = tmp_path / "store"
    _kill_midway(path, "", after_batches=8)
    stored = _assert_only_whole_articles(path, ("",))
    assert BATCH * 8 <= len(stored) < TOTAL

    # a second run with changed texts replaces articles in place; kill it too
    _kill_midway(path, "b", after_batches=8)
    versions = _assert_only_whole_articles(path, ("", "b"))
    assert "b" in versions.values()

    rerun = _ingest(path, "b")
    out, _ = rerun.communicate(timeout=600)
    assert rerun.returncode == 0 and out.strip().endswith("done")
    versions = _assert_only_whole_articles(path, ("b",))
    assert len(versions) == TOTAL
    store = OxigraphStore(path, Settings(store=str(path)))
    try:
        assert store.stats()["articles"] == TOTAL
        assert store.stats()["claims"] == TOTAL * 3
    finally:
        store.close()
