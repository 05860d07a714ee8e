"""Stage 1 of extraction: cheap sentence segmentation of the raw article text.

Header lines (title, date, source tags) found by :func:`kg.ingest.parse_header` are never glued onto the
first sentence: the title is a sentence of its own, other metadata lines are skipped. Line breaks are
hard boundaries. Offsets always point into the text as given.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.datelines import dateline_end
from kg.ingest import parse_header
from kg.models import Sentence
from kg.resolve import find_parties

# A sentence ends at . ! ? (plus closing quotes or brackets) followed by space and a likely sentence start.
_END = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "st",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "ltd",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
        "fig",
        "approx",
        "dept",
        "est",
    ]
)
_MAX_SENTENCE = 2000  # a very long run without punctuation is cut, so one sentence never dominates


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of ``text`` with offsets; header metadata lines other than the title are dropped."""
    header = parse_header(text)
    out: list[Sentence] = []
    for start, end in header.lines:
        line = text[start:end].strip()
        if header.title and line == header.title:
            out.extend(_spans(text, start, end))
    out.extend(_spans(text, header.body_start, len(text)))
    return out


def _spans(text: str, start: int, end: int) -> Iterator[Sentence]:
    for line_start, line_end in _lines(text, start, end):
        line_start = dateline_end(text, line_start, line_end)  # "MOSCOW (AP) —" is metadata
        for s, e in _split_line(text, line_start, line_end):
            s, e = _trim(text, s, e)
            if e > s:
                yield Sentence(s, e, text[s:e])


def _lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    while pos < end:
        nl = text.find("\n", pos, end)
        stop = end if nl < 0 else nl
        yield pos, stop
        pos = stop + 1


def _split_line(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for match in _END.finditer(text, start, end):
        if _is_abbreviation(text, start, match.start()):
            continue
        yield from _cut(pos, match.end())
        pos = match.end()
    if pos < end:
        yield from _cut(pos, end)


def _cut(start: int, end: int) -> Iterator[tuple[int, int]]:
    while end - start > _MAX_SENTENCE:
        yield start, start + _MAX_SENTENCE
        start += _MAX_SENTENCE
    yield start, end


def _is_abbreviation(text: str, line_start: int, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation or an initial ("U.S.", "Dr.", "J.")."""
    if text[dot] != ".":
        return False
    word_start = dot
    while (
        word_start > line_start and not text[word_start - 1].isspace() and text[word_start - 1] not in '("“'
    ):
        word_start -= 1
    word = text[word_start:dot].lower()
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


_WORD = re.compile(r"\b[A-Za-z][a-z]+\b")
_INITIALS_END = re.compile(r"\b(?:[A-Z]\.){2,}$")  # "... Attacks by U.S." is still a headline


def headline_form(text: str, verbs: frozenset[str], body: str = "") -> str:
    """A Title Case headline in sentence case for parsing ("Iran Accuses Israel of Launching Cyberattack on
    Its Network" -> "Iran accuses Israel of launching cyberattack on its network"), so that the parser reads
    verbs as verbs and common words as common words, not as parts of a name. Kept capitalised: the first
    word, names the lexicons know, and words that ``body`` (the article) writes capitalised mid-sentence.
    Without a body only the cue ``verbs`` are lower-cased. Same length, same offsets; any other text is
    returned as it is."""
    words = _WORD.findall(text)
    ended = text.rstrip().endswith((".", "?", "!")) and not _INITIALS_END.search(text.rstrip())
    if len(words) < 4 or ended:
        return text
    if sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return text
    first = len(text) - len(text.lstrip())
    proper = _proper_words(body) if body else None
    known = _known_spans(text) if body else []

    def lower(match: re.Match[str]) -> str:
        word = match.group(0)
        if match.start() == first or not word[0].isupper():
            return word
        if _stems(word.lower()) & verbs:
            return word.lower()
        if proper is None or word in proper or any(a <= match.start() < b for a, b in known):
            return word
        return word.lower()

    return _WORD.sub(lower, text)


_MID_SENTENCE_CAPITAL = re.compile(r"(?<=[a-z0-9,;:’'] )[A-Z][a-z]+")


def _proper_words(body: str) -> frozenset[str]:
    """Words the article writes capitalised after a lower-case word in its running text (Title Case lines
    aside): names, not sentence starts."""
    found: set[str] = set()
    for line in body.splitlines():
        words = _WORD.findall(line)
        if words and sum(w[0].isupper() for w in words) < 0.7 * len(words):
            found.update(_MID_SENTENCE_CAPITAL.findall(line))
    return frozenset(found)


def _known_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the states, agencies, groups and companies the resolver knows in ``text``."""
    spans = []
    for mention in find_parties(text):
        end = mention.start + len(mention.name)
        while end < len(text) and text[end].isalpha():
            end += 1  # "North Korea" found in "North Korean"
        spans.append((mention.start, end))
    return spans


def _stems(word: str) -> set[str]:
    """Base forms a third-person or past form may come from ("denies" -> "deny", "linked" -> "link")."""
    forms = {word, word[:-1], word[:-2]}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    return forms
