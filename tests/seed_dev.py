"""The seed and dev articles, ingested by the real extractor into an embedded store (the CTI export tests).

The seed ships with the project (``seeds/``); the dev texts are evaluation data kept beside it
(``../shared/eval/dev``, or the folder ``KG_TEST_DEV_DIR`` names) and not part of the product, so a
checkout without them runs the same tests over the seed alone.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kg.graph import open_store
from kg.graph.loader import ingest_paths
from kg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DEV = Path(os.environ.get("KG_TEST_DEV_DIR", ROOT.parent / "shared" / "eval" / "dev"))


DEV_PRESENT = DEV.is_dir()
# checks that need more than the seed (several articles, galaxy-named groups, descriptors, dated incidents)
needs_dev = pytest.mark.skipif(not DEV_PRESENT, reason=f"needs the dev articles in {DEV} (KG_TEST_DEV_DIR)")


def article_folders() -> list[Path]:
    return [SEEDS, *([DEV] if DEV.is_dir() else [])]


def build_store(path: Path) -> Path:
    """Ingest the seed (and the dev set when present) into a new embedded store at ``path``."""
    store = open_store(Settings(store=str(path)))
    try:
        report = ingest_paths(store, article_folders())
    finally:
        store.close()
    assert not report.errors, report.errors
    return path
