"""Acronyms an article introduces, so that a later "CTU says" is the body the article named in full.

Two ways a text introduces one: in parentheses after the name ("the National Cyber Security Centre
(NCSC)"), or implicitly, as the initials of a name written earlier ("researchers at Secureworks Counter
Threat Unit ... CTU says"). Found on raw text, without parsing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]{1,9}$")
# Small words a name may hold that do not count among its initials ("Department of Justice" -> DOJ).
_FILLERS = frozenset({"of", "for", "and", "the", "on", "&", "de", "du", "des", "la", "le", "in"})
_NAME_WORD = r"(?:[A-Z][\w&'’.!-]*|of|for|and|the|on|&|de|du|des|la|le|in)"
_WINDOW = 400  # a parenthesised acronym may be written just after its first use in a headline


def is_acronym(word: str) -> bool:
    """ "CTU", "NCSC", "CERT-UA": a run of capitals (at least two letters), no lower case."""
    letters = [c for c in word if c.isalpha()]
    return bool(_ACRONYM.match(word)) and len(letters) >= 2


def _letters(acronym: str) -> str:
    return "".join(c for c in acronym if c.isalpha()).upper()


def initials(name: str) -> str:
    """The initials of a name's capitalised words ("Secureworks Counter Threat Unit" -> "SCTU")."""
    return "".join(w[0] for w in name.split() if w.lower() not in _FILLERS and w[:1].isupper()).upper()


def _trim(name: str, acronym: str) -> str:
    """The part of the run before "(ACR)" that the acronym abbreviates: from the first word whose
    initial is the acronym's ("the UK's National Cyber Security Centre (NCSC)" -> from "National")."""
    words = name.split()
    first = _letters(acronym)[:1]
    while words and (words[0].lower() in _FILLERS or words[0][:1].upper() != first):
        words = words[1:]
    while words and words[-1].lower() in _FILLERS:
        words = words[:-1]
    return " ".join(words)


def introduced(text: str, acronym: str, before: int) -> str | None:
    """The full name ``text`` gives ``acronym`` in parentheses before offset ``before`` (or just after)."""
    pattern = re.compile(rf"({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,9}})\s*\(\s*{re.escape(acronym)}\s*\)")
    found = None
    for match in pattern.finditer(text, 0, min(len(text), before + _WINDOW)):
        name = _trim(match.group(1), acronym)
        if len(name.split()) >= 2:
            found = name
    return found


def by_initials(acronym: str, names: Iterable[str]) -> str | None:
    """The last of ``names`` whose last words abbreviate to the acronym ("CTU" -> "Secureworks Counter
    Threat Unit", "DOJ" -> "Department of Justice"); at least two words must carry the initials."""
    letters = _letters(acronym)
    if len(letters) < 2:
        return None
    found = None
    for name in names:
        words = name.split()
        if any(_spells(letters, words[i:]) for i in range(len(words) - 1)):
            found = name
    return found


def _spells(letters: str, words: list[str]) -> bool:
    """Do ``words`` abbreviate to ``letters``? Each capitalised word gives its initial; a small word may
    give its own or none ("Department of Justice" is DOJ or DJ)."""
    if not words:
        return not letters
    word, rest = words[0], words[1:]
    if word.lower() in _FILLERS:
        skip = _spells(letters, rest)
        return skip or (bool(letters) and word[0].upper() == letters[0] and _spells(letters[1:], rest))
    if not word[:1].isupper() or not letters or word[0].upper() != letters[0]:
        return False
    return _spells(letters[1:], rest)


def expand(text: str, acronym: str, before: int, names: Iterable[str]) -> str | None:
    """The full name of ``acronym`` at offset ``before`` of ``text``: introduced in parentheses, else the
    initials of one of ``names`` (the names the article gave before, in order)."""
    if not is_acronym(acronym):
        return None
    return introduced(text, acronym, before) or by_initials(acronym, names)
