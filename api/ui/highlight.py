"""The article text as the graph knows it, cut into segments for highlighting.

The store keeps each claim's evidence (``oa:exact``) and its offsets (``oa:start``/``oa:end``) and the
article's length, not the whole text; so a page shows every known stretch at its offsets, each
character exactly ``text[start:end]`` of the article, and the unknown stretches between them as gaps
of a stated length.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from kg.graph.records import ClaimRecord


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of the article: known text (``claims`` covering it, maybe none marked) or a gap."""

    start: int
    end: int
    text: str | None  # None: a gap, the article's characters there are not stored
    claims: tuple[ClaimRecord, ...] = ()  # the claims marked on this stretch

    @property
    def stance(self) -> str:
        return self.claims[0].stance if self.claims else ""


def _char_source(records: Sequence[ClaimRecord], start: int, end: int) -> str | None:
    for record in records:
        if record.start <= start and end <= record.end:
            piece = record.evidence[start - record.start : end - record.start]
            if len(piece) == end - start:
                return piece
    return None


def segments(
    records: Sequence[ClaimRecord],
    length: int | None,
    marked: Callable[[ClaimRecord], bool] = lambda _: True,
) -> list[Segment]:
    """The article from 0 to ``length`` (or to the last evidence), evidence of the ``marked`` claims
    marked; neighbouring stretches with the same marks are one segment."""
    spans = [r for r in records if r.end > r.start]
    last = max([length or 0, *(r.end for r in spans)])
    cuts = sorted({0, last, *(r.start for r in spans), *(r.end for r in spans)})
    out: list[Segment] = []
    for start, end in pairwise(cuts):
        covering = tuple(r for r in spans if r.start <= start and end <= r.end)
        text = _char_source(covering, start, end) if covering else None
        marks = tuple(r for r in covering if marked(r)) if text is not None else ()
        previous = out[-1] if out else None
        if previous and (previous.text is None) == (text is None) and previous.claims == marks:
            joined = None if text is None else (previous.text or "") + text
            out[-1] = Segment(previous.start, end, joined, marks)
        else:
            out.append(Segment(start, end, text, marks))
    return out
