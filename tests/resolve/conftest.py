"""Resolver tests keep the derived galaxy index in a temporary cache directory, never the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.resolve import galaxy


@pytest.fixture(scope="session", autouse=True)
def galaxy_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    directory = tmp_path_factory.mktemp("kg-cache")
    patch = pytest.MonkeyPatch()
    patch.setattr(galaxy, "cache_dir", lambda: directory)
    galaxy._galaxy.cache_clear()
    yield directory
    galaxy._galaxy.cache_clear()
    patch.undo()
