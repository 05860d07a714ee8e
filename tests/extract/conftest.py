"""The spaCy pipeline is loaded once per test session; tests that use it are marked ``slow``."""

from __future__ import annotations

import pytest

from kg.extract import Extractor, get_extractor
from kg.ingest import article_from_text
from kg.models import Claim


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return get_extractor()


@pytest.fixture(scope="session")
def extract(extractor: Extractor):
    """Claims of a short text, read as an article (metadata lines honoured)."""

    def run(text: str, article_id: str = "t") -> list[Claim]:
        return extractor.extract(article_from_text(text, article_id))

    return run
