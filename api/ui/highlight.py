"""The article text as the graph knows it, cut into segments for highlighting.

The store keeps the article text (``akg:text``), each claim's evidence (``oa:exact``) and its offsets
(``oa:start``/``oa:end``). With the text, a page shows the whole article with every evidence marked at
its offsets, each marked stretch exactly ``text[start:end]``. A store written before the text was kept
has only the evidence and the article's length: the page then shows every known stretch at its offsets
and the unknown stretches between them as gaps of a stated length.
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


def _piece(text: str | None, covering: Sequence[ClaimRecord], start: int, end: int) -> str | None:
    """The characters from ``start`` to ``end``: the stored text's, else a covering evidence's."""
    if text is not None and end <= len(text):
        return text[start:end]
    return _char_source(covering, start, end) if covering else None


def segments(
    records: Sequence[ClaimRecord],
    length: int | None,
    marked: Callable[[ClaimRecord], bool] = lambda _: True,
    text: str | None = None,
) -> list[Segment]:
    """The article from 0 to ``length`` (or to the last evidence), evidence of the ``marked`` claims
    marked; neighbouring stretches with the same marks are one segment. ``text``, the stored article
    text, fills every stretch (no gaps); without it only the evidence is known."""
    spans = [r for r in records if r.end > r.start]
    last = max([len(text) if text is not None else length or 0, *(r.end for r in spans)])
    cuts = sorted({0, last, *(r.start for r in spans), *(r.end for r in spans)})
    out: list[Segment] = []
    for start, end in pairwise(cuts):
        covering = tuple(r for r in spans if r.start <= start and end <= r.end)
        piece = _piece(text, covering, start, end)
        marks = tuple(r for r in covering if marked(r)) if piece is not None else ()
        previous = out[-1] if out else None
        if previous and (previous.text is None) == (piece is None) and previous.claims == marks:
            joined = None if piece is None else (previous.text or "") + piece
            out[-1] = Segment(previous.start, end, joined, marks)
        else:
            out.append(Segment(start, end, piece, marks))
    return out
