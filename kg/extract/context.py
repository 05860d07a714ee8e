"""Per-article memory for coreference: who and what the article has named, and who has spoken.

People are found with a cheap scan of capitalised words; hacker groups, organisations, agencies and
states with the resolver's phrase indexes — those scans run once, only when a descriptor ("the company",
"the group", "the country") first needs them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field

from spacy.tokens import Doc

from kg.extract import entities
from kg.extract.lexicon import load_lexicon
from kg.models import Article

TITLES = frozenset(
    [
        "president",
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "professor",
        "sir",
        "senator",
        "sen",
        "gen",
        "general",
        "secretary",
        "minister",
        "premier",
        "chancellor",
        "judge",
        "attorney",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chief",
        "chairman",
        "ceo",
        "officer",
        "mayor",
        "governor",
    ]
)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ ]+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,3}\b")
_NAMED_AFTER = re.compile(
    r"\b(?:dubbed|called|calls|known as|aka|named)\s+(?:the\s+)?[\"“']?([A-Z][\w!-]*(?:\s+[A-Z0-9][\w!-]*){0,3})"
)
_COMPANY = re.compile(
    r"\b(?:firm|company|vendor|provider|startup|platform|maker)\s+([A-Z][\w&.-]*(?:\s+[A-Z&][\w&.-]*){0,3})"
)
_ORG_SUFFIX = frozenset(
    ["lab", "labs", "systems", "inc", "corp", "group", "security", "team", "agency", "ltd", "llc", "news"]
)
_SCAN_LIMIT = 2_000_000  # characters scanned for names; a longer text keeps its first two million


@dataclass(slots=True)
class Mention:
    start: int
    name: str
    kind: str  # person | company | agency | group | media | state


@dataclass
class ArticleContext:
    """What an article has named so far, for coreference within it."""

    article: Article
    people: list[Mention] = field(default_factory=list)
    extra: list[Mention] = field(default_factory=list)  # organisations found by NER in parsed sentences
    speakers: list[tuple[int, object]] = field(default_factory=list)
    _others: list[Mention] | None = None

    @classmethod
    def scan(cls, article: Article) -> ArticleContext:
        """Registers the people named in the raw text (a regular expression; no parsing)."""
        text = article.text[:_SCAN_LIMIT]
        openers = load_lexicon().not_first_words  # "Instead Ciphr": a common word opening a sentence
        people = []
        for match in _CAPITALISED.finditer(text):
            words = [w for w in match.group(0).split() if w.lower() not in TITLES]
            while words and words[0].lower() in openers:
                words = words[1:]
            if len(words) >= 2 and words[-1].lower() not in _ORG_SUFFIX:
                people.append(Mention(match.start(), " ".join(words), "person"))
        return cls(article, people)

    def _scan_others(self) -> list[Mention]:
        if self._others is None:
            text = self.article.text[:_SCAN_LIMIT]
            found = [Mention(s, text[s:e], "group") for s, e, _ in entities.threat_actors_in(text)]
            found += [Mention(m.start(1), m.group(1).strip(), "group") for m in _NAMED_AFTER.finditer(text)]
            kinds = {"agency": "agency", "media": "media"}
            found += [
                Mention(s, text[s:e], kinds.get(k, "company"))
                for s, e, _, k in entities.organizations_in(text)
            ]
            found += [Mention(s, state, "state") for s, _e, state, _k in entities.states_in(text)]
            found += [Mention(m.start(1), m.group(1).strip(), "company") for m in _COMPANY.finditer(text)]
            self._others = found
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

    def full_name(self, short: str, before: int) -> str | None:
        """ "Hong" -> "Hong Le" when the article named "Hong Le" before (people only)."""
        short_words = short.split()
        for mention in reversed(self.people):
            if mention.start >= before + 200:
                continue
            words = mention.name.split()
            if len(words) > len(short_words) and _sublist(short_words, words):
                return mention.name
        return None

    def spelling_of(self, name: str) -> str:
        """ "Hong Le" -> "Hong Lei" when the article also writes the name in full; one form alone is kept."""
        words = name.split()
        if len(words) < 2:
            return name
        for mention in self.people:
            other = mention.name.split()
            if len(other) != len(words) or other == words:
                continue
            if other[:-1] == words[:-1] and _near_spelling(other[-1], words[-1]):
                return mention.name if len(other[-1]) > len(words[-1]) else name
        return name

    def last_speaker(self, person: bool, before: int):
        for start, party in reversed(self.speakers):
            if start <= before and (party.type == "person") == person:
                return party
        return None

    def add_entities(self, doc: Doc) -> None:
        """Organisations NER found in a parsed sentence become antecedents for "the company"."""
        offset = int(doc.user_data.get("offset", 0))
        media = load_lexicon().media
        for ent in doc.ents:
            if ent.label_ == "ORG" and not entities.state(ent.text) and not entities.threat_actor(ent.text):
                kind = "media" if ent.text.lower() in media else "company"
                self.extra.append(Mention(offset + ent.start_char, ent.text.strip(), kind))


def _near_spelling(a: str, b: str) -> bool:
    """One letter added, dropped or changed ("Le"/"Lei"); two changes are another name."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _sublist(short: list[str], words: list[str]) -> bool:
    n = len(short)
    return any(words[i : i + n] == short for i in range(len(words) - n + 1))
