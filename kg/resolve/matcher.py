"""A phrase dictionary: whole-string lookups and longest-match scanning of running text.

Phrases are keyed by their word characters only (case-folded, punctuation and spaces dropped), so
"APT 28", "APT-28" and "apt28" share one key and "U.S." meets "US". How strictly the surface text must
match the stored phrase is a per-phrase policy, because "US" must not match "us" and "Silence" (a
threat-actor name) must not match "silence".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import Generic, TypeVar

T = TypeVar("T")

_WORD = re.compile(r"\w+")
_ARTICLE = re.compile(r"^(?:the|an?)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")


class Case(Enum):
    """How the surface text must match a stored phrase."""

    ANY = "any"  # any capitalisation
    PROPER = "proper"  # in running text the first letter must be a capital; lookups accept any case
    EXACT = "exact"  # same letters in the same case (punctuation and spacing aside)
    LOOKUP = "lookup"  # as EXACT, and only as a whole mention: never found while scanning prose


def phrase_key(text: str) -> str:
    """The lookup key of a phrase: its word characters, case-folded, concatenated."""
    return "".join(_WORD.findall(text.casefold()))


def clean_mention(text: str) -> str:
    """A mention without surrounding space, a leading article or a trailing possessive."""
    text = " ".join(text.split()).strip(" ,;:.\"'“”‘’()")
    text = _ARTICLE.sub("", text)
    return _POSSESSIVE.sub("", text).strip()


def _letters(text: str) -> str:
    return "".join(_WORD.findall(text))


@dataclass(frozen=True, slots=True)
class _Entry(Generic[T]):
    phrase: str
    value: T | None  # None marks an exclusion: the phrase is consumed and yields nothing
    case: Case


def _accepts(entry: _Entry, surface: str, running_text: bool) -> bool:
    if entry.case is Case.LOOKUP and running_text:
        return False
    if entry.case in (Case.EXACT, Case.LOOKUP):
        return _letters(surface) == _letters(entry.phrase)
    if entry.case is Case.PROPER and running_text:
        return surface[:1].isupper() or surface[:1].isdigit()
    return True


@dataclass
class PhraseIndex(Generic[T]):
    """Phrases mapped to values; the first value registered for a phrase wins."""

    _entries: dict[str, list[_Entry[T]]] = field(default_factory=dict)
    _prefixes: set[str] = field(default_factory=set)  # every leading run of whole words of every key
    _max_words: int = 1

    def add(self, phrase: str, value: T | None, case: Case = Case.ANY) -> None:
        """Register ``phrase``; a ``value`` of None excludes the phrase from matching."""
        words = _WORD.findall(phrase.casefold())
        if not words:
            return
        self._entries.setdefault("".join(words), []).append(_Entry(phrase, value, case))
        # Prefixes are kept per character so "APT 28" in text can grow into the key of "APT28".
        key = "".join(words)
        self._prefixes.update(key[:n] for n in range(1, len(key) + 1))
        self._max_words = max(self._max_words, len(words))

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, text: str) -> T | None:
        """The value of the whole of ``text`` (article and possessive ignored), or None."""
        for candidate in dict.fromkeys((" ".join(text.split()), clean_mention(text))):
            for entry in self._entries.get(phrase_key(candidate), ()):
                if _accepts(entry, candidate, running_text=False):
                    return entry.value
        return None

    def scan(self, text: str) -> list[tuple[int, int, T]]:
        """Non-overlapping longest matches of registered phrases in ``text``, left to right."""
        words = [(m.start(), m.end(), m.group().casefold()) for m in _WORD.finditer(text)]
        found: list[tuple[int, int, T]] = []
        i = 0
        while i < len(words):
            step = 1
            hit = self._longest_at(text, words, i)
            if hit is not None:
                length, entry = hit
                step = length
                if entry.value is not None:
                    end = words[i + length - 1][1]
                    # "U.S." ends in a dot that is part of the name, not of the sentence.
                    if entry.phrase.endswith(".") and text[end : end + 1] == ".":
                        end += 1
                    found.append((words[i][0], end, entry.value))
            i += step
        return found

    def _longest_at(
        self, text: str, words: list[tuple[int, int, str]], i: int
    ) -> tuple[int, _Entry[T]] | None:
        keys: list[str] = []
        key = ""
        for word in words[i : i + self._max_words * 4]:
            key += word[2]
            if key not in self._prefixes:
                break
            keys.append(key)
        for length in range(len(keys), 0, -1):
            entries = self._entries.get(keys[length - 1])
            if not entries:
                continue
            surface = text[words[i][0] : words[i + length - 1][1]]
            accepted = [e for e in entries if _accepts(e, surface, running_text=True)]
            if accepted:
                # Prefer the stored spelling the text uses ("U.S." over "US" for "U.S.").
                same = (e for e in accepted if e.phrase.rstrip(".") == surface.rstrip("."))
                return length, next(same, accepted[0])
        return None
