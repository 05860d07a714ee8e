"""Names within one article: short forms, misspellings, descriptions and pronouns.

A :class:`NameResolver` lives for one article. Every named party the extractor meets is registered with
:meth:`NameResolver.see`; later mentions resolve against what was seen: "Clapper" -> "James Clapper",
"Hong" or "Hong Le" -> "Hong Lei" (only when "Hong Lei" is in the article), "the company" -> the last
company, "he" -> the last person who spoke. A name never seen in the article resolves to nothing, so a
lone spelling is kept as written.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache

from kg.resolve.matcher import clean_mention
from kg.resolve.places import lexicon_path

_WORDS = re.compile(r"[\w'’.&-]+")
_DETERMINERS = ("the ", "this ", "that ", "these ", "those ")


@dataclass(frozen=True, slots=True)
class ResolvedName:
    """What a mention stands for: the fullest name seen, its type and affiliation, and how it was found."""

    name: str
    type: str = "unknown"
    affiliation: str | None = None
    via: str = "exact"  # exact | short | prefix | longer | fuzzy | description | pronoun


@dataclass
class _Party:
    type: str
    affiliation: str | None
    spellings: dict[str, int] = field(default_factory=dict)  # each spelling seen -> how often

    @property
    def name(self) -> str:
        """The fullest spelling; among spellings that are not short forms of another, the most frequent."""
        full = [
            s for s in self.spellings if not any(_shorter(s, other) for other in self.spellings if other != s)
        ]
        return max(full, key=lambda s: (self.spellings[s], len(s)))

    @property
    def forms(self) -> set[str]:
        return {" ".join(_tokens(s)) for s in self.spellings}

    def resolved(self, via: str) -> ResolvedName:
        return ResolvedName(self.name, self.type, self.affiliation, via)


@cache
def lexicon() -> dict:
    """The data of ``lexicons/names.toml`` (honorifics, titles, name words, pronouns, descriptions)."""
    with lexicon_path("names.toml").open("rb") as fh:
        return tomllib.load(fh)


def _clean_name(name: str) -> str:
    """A registered name keeps a leading "The" ("The Guardian") but loses quotes and a possessive."""
    cleaned = clean_mention(name)
    words = " ".join(name.split()).strip(" ,;:.\"'“”‘’()")
    at = words.find(cleaned)
    return words[:at] + cleaned if at > 0 and words[:at].strip() == "The" else cleaned


def name_type(name: str) -> str | None:
    """ "media", "organization" or "group" when a name's last word says so ("The Philippine Star",
    "New World Hackers"), else None."""
    words = name.split()
    if len(words) < 2:
        return None
    last = words[-1].strip(".,")
    if last in lexicon().get("group_words", ()):
        return "group"
    if last in lexicon()["media_words"]:
        return "media"
    if last in lexicon()["organization_words"] or words[-1] in lexicon()["organization_words"]:
        return "organization"
    return None


def person_after_body(name: str) -> str | None:
    """The person at the end of "<organisation> <First Last>" ("Chinese Foreign Ministry Lijian Zhao",
    "National Security Division John Demers"), where a title would normally stand between them."""
    words = name.split()
    body_words = set(lexicon()["organization_words"]) | set(lexicon()["media_words"])
    cut = max((i for i, word in enumerate(words) if word.strip(".,") in body_words), default=-1)
    person = words[cut + 1 :]
    if cut < 0 or not 2 <= len(person) <= 3:
        return None
    if not all(w[:1].isupper() and w.replace("-", "").replace("'", "").isalpha() for w in person):
        return None
    return " ".join(person)


def is_reference(mention: str) -> bool:
    """True for a pronoun or a definite description the lexicon knows ("he", "the company")."""
    words = mention.split()
    lowered = " ".join(words).casefold()
    if lowered in lexicon()["pronouns"]:
        return True
    # "the company", "the Israeli firm": a determiner, at most one modifier, a known head noun, in lower
    # case but for a demonym; "the Justice Department" is a name, not a description.
    if not lowered.startswith(_DETERMINERS) or not 2 <= len(words) <= 3 or not words[-1].islower():
        return False
    head = words[-1]
    descriptions = lexicon()["descriptions"]
    return head in descriptions or head.rstrip("s") in descriptions


def strip_honorifics(name: str) -> str:
    """ "Dr Adrian Nish" -> "Adrian Nish"."""
    words = name.split()
    honorifics = {h.casefold() for h in lexicon()["honorifics"]}
    while len(words) > 1 and words[0].casefold() in honorifics:
        words = words[1:]
    return " ".join(words)


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Optimal-string-alignment distance (a swap of two letters counts once), capped at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
        if min(previous) >= limit:
            return limit
    return min(previous[-1], limit)


class NameResolver:
    """Per-article registry of named parties, most recent last."""

    def __init__(self) -> None:
        self._parties: list[_Party] = []
        self._speakers: list[_Party] = []

    # --- registering -------------------------------------------------------------------------------
    def see(
        self,
        full_name: str,
        entity_type: str = "unknown",
        affiliation: str | None = None,
        *,
        speaker: bool = False,
    ) -> ResolvedName:
        """Register a mention of a named party; returns its canonical form (the fullest name seen)."""
        name = strip_honorifics(_clean_name(full_name))
        if not name:
            return ResolvedName(full_name, entity_type, affiliation)
        party = self._match_party(name, entity_type)
        if party is None:
            party = _Party(entity_type, affiliation)
        else:
            self._parties.remove(party)
            if party.type == "unknown":
                party.type = entity_type
            party.affiliation = party.affiliation or affiliation
        self._parties.append(party)
        party.spellings[name] = party.spellings.get(name, 0) + 1
        if speaker:
            self._speakers.append(party)
        return party.resolved("exact")

    def said(self, mention: str) -> ResolvedName | None:
        """Record that ``mention`` (a name seen before, or a pronoun) spoke; returns who that is."""
        party = self._find(clean_mention(mention))
        if party is None:
            return None
        self._speakers.append(party[0])
        return party[0].resolved(party[1])

    @property
    def last_speaker(self) -> ResolvedName | None:
        """The most recent party recorded as speaking."""
        return self._speakers[-1].resolved("exact") if self._speakers else None

    @property
    def parties(self) -> list[ResolvedName]:
        """Every party seen, least recent first."""
        return [p.resolved("exact") for p in self._parties]

    # --- resolving -------------------------------------------------------------------------------------
    def resolve(self, mention: str) -> ResolvedName | None:
        """The party ``mention`` stands for, or None when the article has not named it."""
        found = self._find(mention)
        return found[0].resolved(found[1]) if found else None

    def _find(self, mention: str) -> tuple[_Party, str] | None:
        raw = " ".join(mention.split())
        lowered = raw.casefold()
        pronoun_types = lexicon()["pronouns"].get(lowered)
        if pronoun_types:
            party = self._last_of(pronoun_types, prefer_speakers=True)
            return (party, "pronoun") if party else None
        if is_reference(raw):
            described = self._described(lowered.split(" ", 1)[1])
            if described:
                return described, "description"
        name = strip_honorifics(clean_mention(raw))
        if not name:
            return None
        party = self._match_party(name, None)
        if party is None:
            return None
        return party, self._how(party, name)

    def _described(self, rest: str) -> _Party | None:
        words = rest.split()
        head = words[-1] if words else ""
        types = lexicon()["descriptions"].get(head) or lexicon()["descriptions"].get(head.rstrip("s"))
        if not types:
            return None
        named = [
            p for p in reversed(self._parties) if p.type in types and head.rstrip("s") in p.name.casefold()
        ]
        if named:
            return named[0]
        # "the group" is a hacker group before it is any organisation: types are in order of preference.
        return next(filter(None, (self._last_of([t], prefer_speakers=False) for t in types)), None)

    def _last_of(self, types: list[str], *, prefer_speakers: bool) -> _Party | None:
        pools = (self._speakers, self._parties) if prefer_speakers else (self._parties,)
        for pool in pools:
            for party in reversed(pool):
                if party.type in types:
                    return party
        return None

    def _match_party(self, name: str, entity_type: str | None) -> _Party | None:
        """The party ``name`` refers to: same spelling, a short form, or a near-miss spelling."""
        key = name.casefold()
        candidates = [
            p for p in reversed(self._parties) if entity_type in (None, "unknown", p.type, "unknown")
        ]
        for test in (_same, _short_form, _prefix_form, _longer_form, _near_miss):
            for party in candidates:
                if test(key, party):
                    return party
        return None

    @staticmethod
    def _how(party: _Party, name: str) -> str:
        key = name.casefold()
        tests = (("exact", _same), ("short", _short_form), ("prefix", _prefix_form), ("longer", _longer_form))
        for via, test in tests:
            if test(key, party):
                return via
        return "fuzzy"


def _tokens(text: str) -> list[str]:
    words = _WORDS.findall(text.casefold())
    return words[1:] if len(words) > 1 and words[0] == "the" else words  # "The Guardian" ~ "Guardian"


def _same(key: str, party: _Party) -> bool:
    return " ".join(_tokens(key)) in party.forms


def _short_form(key: str, party: _Party) -> bool:
    """One word of the name: a person's family or given name, an organisation's first word."""
    words = _tokens(key)
    if len(words) != 1 or len(words[0]) < 2:
        return False
    name_words = _tokens(party.name)
    if len(name_words) < 2:
        return False
    if party.type == "person":
        return words[0] in (name_words[0], name_words[-1])
    return words[0] == name_words[0]


def _prefix_form(key: str, party: _Party) -> bool:
    """The name cut short: "Hong Le" for "Hong Lei", "James R" for "James R. Clapper"."""
    words, name_words = _tokens(key), _tokens(party.name)
    if not 1 < len(words) <= len(name_words) or words == name_words:
        return False
    return words[:-1] == name_words[: len(words) - 1] and name_words[len(words) - 1].startswith(words[-1])


def _longer_form(key: str, party: _Party) -> bool:
    """The fuller name of a party first seen in short: "James Clapper" after "Clapper"."""
    return any(_shorter(form, key) for form in party.forms)


def _near_miss(key: str, party: _Party) -> bool:
    """A misspelling of a name already seen: "Kasperksy" for "Kaspersky", "Hong Lie" for "Hong Lei"."""
    target = party.name.casefold()
    if key[:1] != target[:1] or len(key) < 5:
        return False
    words, name_words = _tokens(key), _tokens(target)
    if party.type == "person" and len(words) == len(name_words) > 1 and words[:-1] != name_words[:-1]:
        return False  # "Mary Smith" is not a misspelt "Mark Smith": only the family name may be misspelt
    allowed = 2 if len(key) >= 8 else 1
    if edit_distance(key, target) <= allowed:
        return True
    # A misspelt single word against the matching word of a longer name ("Kasperksy" / "Kaspersky Lab").
    if len(words) == 1 and len(name_words) > 1:
        pool = (name_words[0], name_words[-1]) if party.type == "person" else (name_words[0],)
        return any(len(w) >= 5 and edit_distance(words[0], w) <= allowed for w in pool)
    return False


def _shorter(short: str, full: str) -> bool:
    """True when ``short`` is a short or cut form of ``full`` ("Clapper", "Hong Le" of "Hong Lei")."""
    words, full_words = _tokens(short), _tokens(full)
    if words == full_words or len(words) > len(full_words):
        return False
    remaining = iter(full_words)
    if len(words) < len(full_words) and all(w in remaining for w in words):
        return True  # the words of ``short`` in order within ``full``
    return words[:-1] == full_words[: len(words) - 1] and full_words[len(words) - 1].startswith(words[-1])
