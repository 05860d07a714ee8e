"""HTTP content negotiation: pick the best of the media types we can produce for an ``Accept`` header."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MediaRange:
    type: str
    subtype: str
    q: float

    def matches(self, media_type: str) -> int:
        """Specificity of the match (3 exact, 2 type/*, 1 */*) or 0 when it does not match."""
        main, _, sub = media_type.partition("/")
        if self.type == "*":
            return 1
        if self.type != main:
            return 0
        if self.subtype == "*":
            return 2
        return 3 if self.subtype == sub else 0


def parse_accept(header: str) -> list[MediaRange]:
    """Media ranges of an Accept header; malformed parts are skipped rather than failing the request."""
    ranges = []
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        main, _, sub = fields[0].lower().partition("/")
        if not main or not sub:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(MediaRange(main, sub, q))
    return ranges


def choose(accept: str | None, offered: Sequence[str]) -> str | None:
    """The offered media type the client prefers (ties go to the earlier offer); None if none is acceptable.

    A missing or empty Accept header accepts anything, so the first offer wins.
    """
    if not accept or not accept.strip():
        return offered[0] if offered else None
    ranges = parse_accept(accept)
    best: tuple[float, int] | None = None
    chosen = None
    for position, media_type in enumerate(offered):
        specificity, q = 0, 0.0
        for media_range in ranges:
            score = media_range.matches(media_type)
            if score > specificity:
                specificity, q = score, media_range.q
        if specificity and q > 0 and (best is None or q > best[0]):
            best, chosen = (q, position), media_type
    return chosen
