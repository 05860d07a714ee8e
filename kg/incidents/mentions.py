"""Where an article's text names or describes an operation: :func:`find_mentions`.

Two kinds of mention, both built from the lexicon rather than written per sentence:

* **named**: a name from the galaxy's malware, ransomware, tool and campaign clusters ("WannaCry",
  "ExPetr"), or an operation word and a capitalised name ("Operation Aurora");
* **described**: an incident noun with its victim, the victim after the noun ("the hack of X", "the
  attack on X's network", "the breach at X") or before it ("the DNC hack", "Yahoo's data breach").

A victim is a run of capitalised words (with "of", "for", "and" inside: "Office of Personnel
Management"), resolved to its canonical name when the resolver knows it ("DNC" -> "Democratic National
Committee"). A state, demonym or threat group before the noun is the attacker, not the victim ("the
Russian hack", "the Lazarus attack"), so it makes no mention. A named mention followed closely by a
described one ("the WannaCry attack on the NHS") takes its victim.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from kg.incidents.lexicon import IncidentLexicon, incident_lexicon
from kg.incidents.names import Operation, find_operations, lookup_operation
from kg.resolve.matcher import clean_mention, phrase_key

_NAME_WORD = r"(?:[A-Z][\w&.'’-]*|[0-9][\w-]*[A-Za-z][\w-]*)"
_SPACE = r"[^\S\n]+"  # a name never runs over a line break
_JOINER = rf"(?:of|for|and|&|de){_SPACE}(?:the{_SPACE})?"
_VICTIM = rf"{_NAME_WORD}(?:{_SPACE}(?:{_JOINER})?{_NAME_WORD}){{0,6}}"
_SENTENCE_BREAK = re.compile(r"(?<=[a-z0-9])[.!?]\s+")
_JOINERS = frozenset({"of", "for", "and", "&", "de", "the"})
_ATTACH_GAP = 30  # characters between a name and the described mention that gives it a victim


@dataclass(frozen=True, slots=True)
class Mention:
    """One place the text refers to an operation."""

    start: int
    end: int
    surface: str
    key: str  # "op:<galaxy uuid or name>" for a named operation, "victim:<victim key>" for a described one
    name: str  # the operation's name, or "<noun> of <victim>" for a described one
    victim: str = ""  # canonical victim name, when the text gives one
    operation: Operation | None = None
    headline_names: tuple[str, ...] = ()  # an article subject's proper names (kg.incidents.link)

    @property
    def named(self) -> bool:
        return self.key.startswith("op:")


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in words)


@dataclass(frozen=True)
class _Patterns:
    after: re.Pattern[str]  # noun, preposition, victim
    before: re.Pattern[str]  # victim, noun
    operation: re.Pattern[str]


@cache
def _patterns() -> _Patterns:
    lexicon = incident_lexicon()
    nouns, preps = _alternatives(lexicon.nouns), _alternatives(lexicon.victim_prepositions)
    props = _alternatives(lexicon.victim_property)
    ops = _alternatives(tuple(lexicon.operation_words))
    return _Patterns(
        after=re.compile(
            rf"\b(?i:(?P<noun>{nouns}))\s+(?i:{preps})\s+(?:(?i:the|an?)\s+)?(?P<victim>{_VICTIM})"
        ),
        before=re.compile(
            rf"(?P<victim>{_VICTIM})(?:['’]s?)?\s+(?:(?i:{props})\s+)?(?i:(?P<noun>{nouns}))\b"
        ),
        operation=re.compile(rf"\b(?:{ops})\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"),
    )


def _trim_victim(raw: str, lexicon: IncidentLexicon, before: bool) -> str:
    """The victim without leading openers ("The", "Last"), trailing nouns and a possessive, within one
    sentence (the part next to the noun) and the first of a list ("the DNC and Clinton" -> "DNC")."""
    parts = _SENTENCE_BREAK.split(raw)
    part = parts[-1] if before else parts[0]
    part = re.split(r"\s+(?:and|&)\s+", part)[0]
    words = clean_mention(part).rstrip(".").split()
    while words and words[0] in lexicon.not_victims:
        words.pop(0)
    if any(w in lexicon.not_victims for w in words) and all(
        w in lexicon.not_victims or w.casefold() in _JOINERS for w in words
    ):
        return ""
    tail = set(lexicon.nouns) | set(lexicon.victim_property)
    while words and (
        words[-1].casefold() in tail or words[-1].casefold() in {"of", "for", "and", "&", "the"}
    ):
        words.pop()
    return clean_mention(" ".join(words))


def canonical_victim(name: str) -> str:
    """The resolver's name for a victim ("DNC" -> "Democratic National Committee"), else the name."""
    from kg.resolve.agencies import agency_for, organization_for
    from kg.resolve.places import canonical_state

    found = organization_for(name) or agency_for(name)
    if found is not None:
        return found.name
    return canonical_state(name) or name


def _attacker_name(name: str, lexicon: IncidentLexicon, before: bool) -> bool:
    """A threat group names who did it ("the Lazarus attack", "the attacks of APT33"); so does a state
    or demonym before the noun ("the Russian hack"), while after it a state is the victim."""
    from kg.resolve.galaxy import lookup_threat_actor
    from kg.resolve.places import state_for

    first = name.split()[0]
    if lookup_threat_actor(name) or lookup_threat_actor(first):
        return True
    if not before:
        return False
    if name.casefold().endswith(lexicon.attacker_suffixes):
        return True
    return bool(state_for(name) or lookup_operation(name))


def _in_headline(text: str, at: int) -> bool:
    """A line in title case ("FBI Warns Healthcare Industry of FTP Attacks") capitalises every word, so
    capitals there say nothing about names."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    words = re.findall(r"[A-Za-z][\w'’-]*", text[start : end if end >= 0 else len(text)])
    long = [w for w in words if len(w) > 3]
    return len(long) >= 3 and sum(w[0].isupper() for w in long) >= 0.7 * len(long)


def _described(text: str, lexicon: IncidentLexicon) -> list[Mention]:
    found: list[Mention] = []
    for pattern, before in ((_patterns().after, False), (_patterns().before, True)):
        for match in pattern.finditer(text):
            victim = _trim_victim(match.group("victim"), lexicon, before)
            if not victim or _in_headline(text, match.start()) or _attacker_name(victim, lexicon, before):
                continue
            canonical = canonical_victim(victim)
            noun = " ".join(match.group("noun").casefold().split())
            found.append(
                Mention(
                    match.start(),
                    match.end(),
                    match.group(),
                    f"victim:{phrase_key(canonical)}",
                    f"{noun} of {canonical}",
                    canonical,
                )
            )
    return found


def _named(text: str) -> list[Mention]:
    found = [Mention(s, e, text[s:e], op.key, op.name, operation=op) for s, e, op in find_operations(text)]
    for match in _patterns().operation.finditer(text):
        name = clean_mention(match.group()).rstrip(".")
        op = lookup_operation(name) or lookup_operation(match.group("name"))
        key = op.key if op else f"op:{phrase_key(name)}"
        # first, so it wins over the same words found as a galaxy name; and it keeps the text's name
        # ("Operation Aurora") even when the galaxy files the operation under another (Hydraq)
        found.insert(0, Mention(match.start(), match.end(), match.group(), key, name, operation=op))
    return found


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def find_mentions(text: str) -> list[Mention]:
    """Every mention of an operation in ``text``, in text order (overlapping described mentions of a
    named one are folded into it, giving it their victim)."""
    lexicon = incident_lexicon()
    named = sorted(_named(text), key=lambda m: (m.start, -m.end))
    kept: list[Mention] = []
    for mention in named:
        if not any(_overlaps(mention, k) for k in kept):
            kept.append(mention)
    out = list(kept)
    for described in _described(text, lexicon):
        host = next((m for m in kept if _overlaps(m, described) or _follows(text, m, described)), None)
        if host is None:
            if not any(_overlaps(described, o) for o in out if not o.named):
                out.append(described)
        elif not host.victim:
            out[out.index(host)] = host = replace(host, victim=described.victim)
            kept[kept.index(next(k for k in kept if k.start == host.start))] = host
    return sorted(out, key=lambda m: m.start)


def _follows(text: str, name: Mention, described: Mention) -> bool:
    """ "the WannaCry attack on the NHS": the described mention continues the name."""
    gap = text[name.end : described.start] if described.start >= name.end else ""
    starts_inside = name.start <= described.start < name.end + _ATTACH_GAP
    return starts_inside and not re.search(r"[.;!?\n]", gap)
