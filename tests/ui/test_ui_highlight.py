"""The article text the UI shows from stored evidence: every known character is the article's own at its
offset, the segments tile the article, and only the chosen claims are marked."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.ui.highlight import segments
from kg.graph.records import ClaimRecord, PartyRecord

PARTY = PartyRecord(iri="https://w3id.org/attribution-kg/id/actor/x", name="X", type="person")


def record(text: str, start: int, end: int, stance: str = "accuse", n: int = 0) -> ClaimRecord:
    return ClaimRecord(
        iri=f"claim-{n}-{start}-{end}", article="a", actor=PARTY, stance=stance, target=PARTY,
        topic="other", claim="", evidence=text[start:end], start=start, end=end, confidence=0.5,
    )  # fmt: skip


TEXT = "Alpha said beta did it. Gamma denied it. Delta agreed."
# (spans, length, expected (text or None for a gap, number of marking claims) per segment)
CASES = [
    ([(0, 23)], len(TEXT), [("Alpha said beta did it.", 1), (None, 0)]),
    ([(24, 40)], len(TEXT), [(None, 0), ("Gamma denied it.", 1), (None, 0)]),
    ([(0, 23), (24, 40)], 40, [("Alpha said beta did it.", 1), (None, 0), ("Gamma denied it.", 1)]),
    ([(0, 23), (0, 23)], 23, [("Alpha said beta did it.", 2)]),
    ([(0, 23), (11, 40)], 40, [("Alpha said ", 1), ("beta did it.", 2), (" Gamma denied it.", 1)]),
    ([], 10, [(None, 0)]),
]


@pytest.mark.parametrize(("spans", "length", "expected"), CASES)
def test_segments_table(spans, length, expected):
    records = [record(TEXT, s, e, n=i) for i, (s, e) in enumerate(spans)]
    got = [(seg.text, len(seg.claims)) for seg in segments(records, length)]
    assert got == expected


# (spans, expected (text, number of marking claims) per segment) with the stored text: no gaps
TEXT_CASES = [
    ([(0, 23)], [("Alpha said beta did it.", 1), (" Gamma denied it. Delta agreed.", 0)]),
    ([(24, 40)], [("Alpha said beta did it. ", 0), ("Gamma denied it.", 1), (" Delta agreed.", 0)]),
    ([(0, 23), (11, 40)], [("Alpha said ", 1), ("beta did it.", 2), (" Gamma denied it.", 1),
                           (" Delta agreed.", 0)]),
    ([], [(TEXT, 0)]),
]  # fmt: skip


@pytest.mark.parametrize(("spans", "expected"), TEXT_CASES)
def test_segments_of_the_stored_text_table(spans, expected):
    records = [record(TEXT, s, e, n=i) for i, (s, e) in enumerate(spans)]
    got = [(seg.text, len(seg.claims)) for seg in segments(records, len(TEXT), text=TEXT)]
    assert got == expected


@st.composite
def article_with_spans(draw):
    text = draw(st.text(min_size=1, max_size=200))
    spans = []
    for _ in range(draw(st.integers(0, 6))):
        start = draw(st.integers(0, len(text) - 1))
        spans.append((start, draw(st.integers(start + 1, len(text)))))
    return text, spans


@given(article_with_spans(), st.integers(0, 5))
def test_known_text_is_the_articles_own_and_segments_tile_it(case, focus):
    text, spans = case
    records = [record(text, s, e, n=i) for i, (s, e) in enumerate(spans)]
    chosen = records[focus].iri if focus < len(records) else None
    segs = segments(records, len(text), lambda r: r.iri == chosen)
    whole = segments(records, len(text), lambda r: r.iri == chosen, text)
    assert "".join(seg.text or "" for seg in whole) == text
    assert [(s.start, s.end, s.claims) for s in whole if s.claims] == [
        (s.start, s.end, s.claims) for s in segs if s.claims
    ]
    assert segs[0].start == 0 and segs[-1].end == len(text)
    assert all(a.end == b.start for a, b in pairwise(segs))
    known = {i for s, e in spans for i in range(s, e)}
    for seg in segs:
        stretch = set(range(seg.start, seg.end))
        assert stretch <= known if seg.text is not None else not stretch & known
        if seg.text is not None:
            assert seg.text == text[seg.start : seg.end]
    if chosen is not None:
        start, end = spans[focus]
        marked = [seg for seg in segs if seg.claims]
        assert "".join(seg.text or "" for seg in marked) == text[start:end]
        assert marked[0].start == start and marked[-1].end == end
