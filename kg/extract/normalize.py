"""Stage 1 of extraction: surface residue masked before parsing, offsets kept.

Web-scraped reports carry Markdown: ``[link text](https://...)``, bare URLs, bracketed reference marks
("[7]"), emphasis stars and blockquote markers. Parsed as they stand, a URL slug's words become tokens
("no-link-found" negates a claim), brackets split names and a reference mark glues two sentences. Every
such character is replaced by a space, so the masked text has the same length as the original and every
offset computed on it points into the original: the pipeline parses the mask and takes its evidence
from the original.
"""

from __future__ import annotations

import re

# Order matters: a link's target goes before its brackets, a bare URL after the links that hold one.
_LINK_TARGET = re.compile(r"(?<=\])\((?:https?://|www\.|/|#|mailto:)[^)\s]*\)")
_IMAGE = re.compile(r"!\[[^\]\n]{0,300}\]")
_REFERENCE = re.compile(r"\(?\[(?:\d{1,3}|[ivx]{1,5}|[a-z])\]\)?")
_BARE_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+")
_LINK_BRACKET = re.compile(r"\[(?=[^\]\n]{1,300}\])|(?<=[^\[\n])\](?=\s|[.,;:!?)]|$)")
_EMPHASIS = re.compile(r"(?<![\w\\])[*_]{1,3}(?=\S)|(?<=[^\s\\])[*_]{1,3}(?!\w)")  # not an escaped one
_QUOTE_MARKER = re.compile(r"(?m)^[ \t]*(?:>[ \t]?)+")
_ESCAPE = re.compile(r"\\(?=[_*\[\]()#])")

_ANY = re.compile(r"[\[*_>\\]|https?://|www\.")
_MASKS = (_LINK_TARGET, _IMAGE, _REFERENCE, _BARE_URL, _LINK_BRACKET, _EMPHASIS, _QUOTE_MARKER, _ESCAPE)


def mask_markup(text: str) -> str:
    """``text`` with Markdown links, URLs, reference marks and emphasis replaced by spaces (same length)."""
    if _ANY.search(text) is None:  # most plain news text: nothing to do
        return text
    masked = text
    for pattern in _MASKS:  # each pattern sees what the earlier ones left
        masked = pattern.sub(_spaces, masked)
    return masked


def _spaces(match: re.Match[str]) -> str:
    return "".join("\n" if c == "\n" else " " for c in match.group())
