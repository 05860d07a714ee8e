"""Property tests: any text in, no crash, and every claim's evidence is exactly text[start:end]."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.models import Article

pytestmark = pytest.mark.slow

NEWS_WORDS = [
    "said",
    "hackers",
    "Russia",
    "China",
    "accused",
    "denied",
    "behind",
    "the",
    "attack",
    "group",
    "APT28",
    "according",
    "to",
    "linked",
    "“",
    "”",
    ".",
    ",",
    "\n",
    "Kremlin",
    "not",
    "may",
    "Lazarus",
    "blamed",
]


def check(extractor, text: str) -> None:
    article = Article(id="p", text=text)
    for claim in extractor.extract(article):
        assert text[claim.start : claim.end] == claim.evidence
        assert 0 <= claim.start <= claim.end <= len(text)
        assert 0.0 <= claim.confidence <= 1.0


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text())
def test_arbitrary_unicode(extractor, text: str) -> None:
    check(extractor, text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(NEWS_WORDS), max_size=60).map(" ".join))
def test_news_like_word_salad(extractor, text: str) -> None:
    check(extractor, text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000))
def test_binary_junk_decoded_leniently(extractor, raw: bytes) -> None:
    check(extractor, raw.decode("latin-1"))


@pytest.mark.parametrize(
    "text", ["", " ", "\n\n\n", "\x00\x01\x02", "“", "2017-04-04\n", "\ud7ff\ue000\U0010ffff"]
)
def test_edge_cases(extractor, text: str) -> None:
    check(extractor, text)


def test_five_megabytes(extractor) -> None:
    claim_sentence = "FireEye said the Lazarus Group was behind the attack on the bank. "
    filler = "The weather in the city was mild and the markets were calm that day. " * 74_000
    text = filler[: len(filler) // 2] + claim_sentence + filler[len(filler) // 2 :]
    assert len(text) >= 5_000_000
    article = Article(id="big", text=text)
    claims = extractor.extract(article)
    assert claims
    for claim in claims:
        assert text[claim.start : claim.end] == claim.evidence
