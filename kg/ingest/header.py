"""Metadata lines at the top of an article: a title line, a date line, a source line.

The text is never altered (offsets point into it); this only tells where the metadata is and what it
says, so that the segmenter does not glue a title or a date onto the first sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

_TAGGED = re.compile(r"^\s*<(source|date|title|text)>\s*(.*?)\s*(?:</\1>)?\s*$", re.IGNORECASE)
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y_%m_%d",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
)
_MAX_HEADER_LINES = 6


@dataclass(frozen=True, slots=True)
class Header:
    title: str | None = None
    date: str | None = None
    url: str | None = None
    publisher: str | None = None  # from a "Title | Publisher" or "Title - Publisher" suffix
    body_start: int = 0  # offset of the first body character
    lines: tuple[tuple[int, int], ...] = ()  # (start, end) of each metadata line


def parse_date(value: str) -> str | None:
    """An ISO date from a date-only string in a common format, else None."""
    value = value.strip().rstrip(".")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        return (
            date.fromisoformat(value[:10]).isoformat() if re.fullmatch(r"\d{4}-\d\d-\d\d.*", value) else None
        )
    except ValueError:
        return None


def _lines(text: str, limit: int) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    while pos < len(text) and len(out) < limit:
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl
        out.append((pos, end, text[pos:end]))
        pos = end + 1
    return out


def _skip_blank(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def parse_header(text: str) -> Header:
    """Find the metadata lines that open ``text``.

    Recognised: pseudo-tags (``<source> URL </source>``, ``<date> 2017_04_04 </date>``, ``<text>``), and a
    title line directly followed by a date line (optionally followed by a blank line).
    """
    lines = _lines(text, _MAX_HEADER_LINES)
    title = when = url = None
    spans: list[tuple[int, int]] = []
    body_start = 0
    for start, end, line in lines:
        tagged = _TAGGED.match(line)
        if not tagged:
            break
        tag, value = tagged.group(1).lower(), tagged.group(2)
        spans.append((start, end))
        body_start = min(end + 1, len(text))
        if tag == "source":
            url = value or None
        elif tag == "date":
            when = parse_date(value)
        elif tag == "title":
            title = value or None
    if spans:
        return Header(title, when, url, None, _skip_blank(text, body_start), tuple(spans))
    first = lines[0] if lines else None
    if first and (when := parse_date(first[2])):  # a date line alone
        return Header(None, when, None, None, _skip_blank(text, first[1]), ((first[0], first[1]),))
    if len(lines) >= 2 and lines[0][2].strip() and (when := parse_date(lines[1][2])):
        spans = [(lines[0][0], lines[0][1]), (lines[1][0], lines[1][1])]
        body_start = _skip_blank(text, lines[1][1])
        title = lines[0][2].strip()
        return Header(title, when, None, publisher_from_title(title), body_start, tuple(spans))
    return Header()


_TITLE_SUFFIX = re.compile(r"\s+(?:\||-|\u2013|\u2014)\s+([^|]{2,40}?)\s*(?:\|.*)?$")


def publisher_from_title(title: str) -> str | None:
    """'Callisto Group hackers targeted Foreign Office data - BBC News' -> 'BBC News'."""
    parts = [p.strip() for p in re.split(r"\s+\|\s+", title)]
    if len(parts) > 1:
        named = [p for p in parts[1:] if p and p.lower() not in {"news", "headlines"}]
        return named[-1] if named else None
    match = _TITLE_SUFFIX.search(title)
    return match.group(1).strip() if match and len(match.group(1).split()) <= 4 else None
