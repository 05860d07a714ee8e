"""Per-article memory for coreference: who and what the article has named, and who has spoken.

The names come from the resolver (:mod:`kg.resolve.mentions` finds them in the raw text, without parsing)
and mentions are matched by the resolver's :class:`~kg.resolve.names.NameResolver`: "Hong" -> "Hong Lei",
a misspelt "Hong Le" -> "Hong Lei" when the article also writes it in full, "he" -> the last speaker.
This module only keeps the article's order: which names come before a given offset.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from spacy.tokens import Doc

from kg.extract import entities
from kg.extract.lexicon import LEXICON_DIR, load_lexicon
from kg.models import Article
from kg.resolve.acronyms import expand as expand_acronym
from kg.resolve.mentions import Mention, find_parties, find_people, title_words
from kg.resolve.names import NameResolver

TITLES = title_words()
_SCAN_LIMIT = 2_000_000  # characters scanned for names; a longer text keeps its first two million
_INTRO_CHARS = 80  # "The Chinese Foreign Ministry spokesperson, Mao Ning": a title runs a few words
_LOOKAHEAD = 200  # "Hong said" may come just before the sentence that gives "Hong Lei" in full


@dataclass
class ArticleContext:
    """What an article has named so far, for coreference within it."""

    article: Article
    people: list[Mention] = field(default_factory=list)
    extra: list[Mention] = field(default_factory=list)  # named by their last word, or found by NER
    speakers: list[tuple[int, Any]] = field(default_factory=list)  # (offset, Party) in article order
    _others: list[Mention] | None = None
    _names: dict[int, NameResolver] = field(default_factory=dict)  # people seen, by how many
    _discourse: NameResolver = field(default_factory=NameResolver)  # the speakers, in order
    _spoken: dict[str, Any] = field(default_factory=dict)
    named: list[tuple[int, Any]] = field(default_factory=list)  # (offset, Party) of claim actors so far

    @classmethod
    def scan(cls, article: Article) -> ArticleContext:
        """Registers the names of the raw text (regular expressions and lexicons; no parsing)."""
        found = find_people(article.text[:_SCAN_LIMIT])
        people = [m for m in found if m.kind == "person"]
        return cls(article, people, [m for m in found if m.kind != "person"])

    def _scan_others(self) -> list[Mention]:
        if self._others is None:
            self._others = find_parties(self.article.text[:_SCAN_LIMIT])
        return self._others

    def last(self, kinds: set[str], before: int) -> Mention | None:
        """The last mention of one of ``kinds`` before offset ``before``."""
        pool = self.people if kinds == {"person"} else [*self.people, *self._scan_others(), *self.extra]
        pool = sorted(pool, key=lambda m: m.start)
        starts = [m.start for m in pool]
        for mention in reversed(pool[: bisect_left(starts, before)]):
            if mention.kind in kinds:
                return mention
        return None

    def remember_actor(self, start: int, party: Any) -> None:
        """``party`` made a claim in the sentence starting at ``start`` ("the firm" may mean it later)."""
        self.named.append((start, party))

    def antecedent(self, kinds: frozenset[str], types: frozenset[str], before: int, word: str) -> Any:
        """The party a description refers back to: the last mention of one of ``kinds`` or actor of one
        of ``types`` before ``before``; one whose name holds the description's ``word`` ("the ministry"
        -> "Foreign Ministry") wins over a later one. A :class:`Mention` or an extractor party."""
        pool = [(m.start, m) for m in [*self.people, *self._scan_others(), *self.extra] if m.kind in kinds]
        pool += [(at, p) for at, p in [*self.speakers, *self.named] if p.type in types and _proper(p.name)]
        earlier = sorted((item for item in pool if item[0] < before), key=lambda item: item[0])
        if not earlier:
            return None
        holding = [item for item in earlier if word and word in item[1].name.lower().split()]
        return (holding or earlier)[-1][1]

    def acronym(self, short: str, before: int) -> str | None:
        """ "CTU" -> "Secureworks Counter Threat Unit": the name the article gave in full before."""
        pool = sorted([*self.people, *self._scan_others(), *self.extra], key=lambda m: m.start)
        names = [m.name for m in pool if m.start < before]
        names += [p.name for start, p in self.speakers if start <= before]
        return expand_acronym(self.article.text, short, before, names)

    def _people_until(self, offset: int) -> NameResolver:
        """A resolver that has seen the people the article names before ``offset``."""
        count = bisect_right([m.start for m in self.people], offset)
        if count not in self._names:
            names = NameResolver()
            for mention in self.people[:count]:
                names.see(mention.name, "person")
            self._names[count] = names
        return self._names[count]

    def full_name(self, short: str, before: int) -> str | None:
        """ "Hong" -> "Hong Le" when the article named "Hong Le" before (people only)."""
        found = self._people_until(before + _LOOKAHEAD).resolve(short)
        return found.name if found is not None and found.via in ("short", "prefix") else None

    def spelling_of(self, name: str) -> str:
        """ "Hong Le" -> "Hong Lei" when the article also writes the name in full; one form alone is kept."""
        if len(name.split()) < 2 or any(w.islower() for w in name.split()):
            return name  # "Ministry of National Defense" is a body's name, not a misspelt person
        found = self._people_until(len(self.article.text)).resolve(name)
        if found is None or found.via == "short" or name.startswith(found.name):
            return name  # "Park Dae-soo" is not "Park Dae" misspelt: the mention stopped at the hyphen
        return found.name

    def governing_state(self, before: int) -> str | None:
        """The state whose government the text spoke of last before ``before``: "the Government of X",
        or a state named right before a government word ("the UK Foreign Office", "British government")."""
        text = self.article.text
        references = load_lexicon().government_references
        found = None
        for start, end, name, _kind in entities.states_in(text[:before]):
            after = text[end : end + 30].lower().lstrip(" '’s")
            before_text = text[max(0, start - 20) : start].lower()
            if any(after.startswith(r) for r in references) or re.search(
                r"government of (the )?$", before_text
            ):
                found = name
        return found

    def remember_speaker(self, start: int, party: Any) -> None:
        """``party`` spoke in the sentence starting at ``start`` (a quote going on is theirs)."""
        self.speakers.append((start, party))
        self._discourse.see(party.name, party.type, party.affiliation or None, speaker=True)
        self._spoken[party.name] = party

    def last_speaker(self, person: bool, before: int) -> Any:
        """The last person (or the last body) that spoke before ``before``, as the extractor named it."""
        spoken = [p for start, p in self.speakers if start <= before]
        if not spoken or not any((p.type == "person") == person for p in spoken):
            return None
        found = self._discourse.resolve("he" if person else "it")
        if found is not None and found.name in self._spoken:
            return self._spoken[found.name]
        return next(p for p in reversed(spoken) if (p.type == "person") == person)

    def introduced_state(self, name: str, before: int) -> str:
        """The state named just before an earlier mention of ``name`` in its sentence ("The Chinese Foreign
        Ministry spokesperson, Mao Ning, ..."): a person keeps the affiliation they were introduced with."""
        text = self.article.text
        for found in re.finditer(re.escape(name), text[:before]):
            lead = text[max(0, found.start() - _INTRO_CHARS) : found.start()]
            lead = re.split(r"[.!?\n]\s", lead)[-1]
            states = entities.states_in(lead)
            if states and _official_titles().search(lead):
                return states[-1][2]
        return ""

    def add_entities(self, doc: Doc) -> None:
        """Organisations NER found in a parsed sentence become antecedents for "the company"."""
        offset = int(doc.user_data.get("offset", 0))
        media = load_lexicon().media
        for ent in doc.ents:
            if ent.label_ == "ORG" and not entities.state(ent.text) and not entities.threat_actor(ent.text):
                kind = "media" if ent.text.lower() in media else "company"
                self.extra.append(Mention(offset + ent.start_char, ent.text.strip(), kind))


@cache
def _official_titles() -> re.Pattern[str]:
    with open(LEXICON_DIR / "parties.toml", "rb") as handle:
        words = tomllib.load(handle)["government"].get("titles", ())
    return re.compile(r"\b(" + "|".join(map(re.escape, words)) + r")\b", re.IGNORECASE)


_DETERMINERS = frozenset({"a", "an", "the", "some", "two", "three", "several", "many", "one", "its", "their"})


def _proper(name: str) -> bool:
    """A name ("Ciphr", "Secureworks Counter Threat Unit"), not a description ("A hacker group from X")."""
    words = name.split()
    return bool(words) and words[0].lower() not in _DETERMINERS and words[-1][:1].isupper()
