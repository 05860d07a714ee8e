"""Names in running text, found without parsing: the index of whom an article names, and where.

People are runs of capitalised words, titles and sentence openers stripped ("Instead Ciphr", "Foreign
Ministry Lijian Zhao" -> "Lijian Zhao"); a run whose last word says group, outlet or organisation ("New
World Hackers", "The Philippine Star") is that instead. Names introduced by "dubbed X" or "known as X" are
groups, "firm X" companies; hacker groups, organisations, agencies and states come from the lexicon
indexes of this package. Matching a later mention against these names is :class:`~kg.resolve.names.NameResolver`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kg.resolve import agencies, galaxy, places
from kg.resolve.names import lexicon, name_type, person_after_body

_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:[ ]+[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,5}\b")
_NAMED_AFTER = re.compile(
    r"\b(?:dubbed|called|calls|known as|aka|named)\s+(?:the\s+)?[\"“']?([A-Z][\w!-]*(?:\s+[A-Z0-9][\w!-]*){0,3})"
)
_COMPANY = re.compile(
    r"\b(?:firm|company|vendor|provider|startup|platform|maker)\s+([A-Z][\w&.-]*(?:\s+[A-Z&][\w&.-]*){0,3})"
)
# Last words of a capitalised run that make it an organisation when nothing else says what it is.
_ORG_SUFFIX = frozenset(
    ["lab", "labs", "systems", "inc", "corp", "group", "security", "team", "agency", "ltd", "llc", "news"]
)
_KINDS = {"group": "group", "organization": "company", "media": "media"}


@dataclass(frozen=True, slots=True)
class Mention:
    """A name at an offset of the text; ``kind`` is person | company | agency | group | media | state."""

    start: int
    name: str
    kind: str


@cache
def title_words() -> frozenset[str]:
    """Role words written around a name and never part of it ("president", "spokesman"), lower case."""
    return frozenset(lexicon()["titles"])


@cache
def _openers() -> frozenset[str]:
    return frozenset(lexicon()["not_first_words"])


def find_people(text: str) -> list[Mention]:
    """People named in ``text`` (runs of capitalised words), plus groups, outlets and organisations whose
    name's last word says what they are."""
    found = []
    spans = _institution_spans(text)
    for match in _CAPITALISED.finditer(text):
        headline = _in_headline(text, match.start())
        cut = re.match(r"[ ]+[A-Z]", text[match.end() :]) is not None  # a run longer than the pattern allows
        words = _after_titles(match.group(0).split(), cut)
        while words and words[0].lower() in _openers():
            words = words[1:]
        person = person_after_body(" ".join(words))  # "Foreign Ministry Lijian Zhao"
        words = person.split() if person else words
        if not 2 <= len(words) <= 4:
            continue
        kind = _KINDS.get(name_type(" ".join(words)) or "", "person")
        if kind == "person":
            words = _outside_institutions(text, match, words, spans)
        if kind == "person" and (headline or len(words) < 2):
            continue  # "Spokesperson ... Condemns Indiscriminate Network Attacks": every word is capitalised
        if kind != "person" or words[-1].lower() not in _ORG_SUFFIX:
            found.append(Mention(match.start(), " ".join(words), kind))
    return found


def _after_titles(run: list[str], cut: bool) -> list[str]:
    """ "Czech Foreign Minister Jan Novak" -> "Jan Novak": the name follows the last title word (the words
    before it describe the office); without a name after it (or when the run was cut short), the run's
    words but the titles."""
    titled = [k for k, word in enumerate(run) if word.lower() in title_words()]
    if titled and titled[-1] + 1 < len(run) and not cut:
        return run[titled[-1] + 1 :]
    return [w for w in run if w.lower() not in title_words()]


def _institution_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` names a state or an agency ("United States", "Democratic People's Republic of Korea",
    "White House"): capitalised runs inside these are no people."""
    spans = [(start, end) for start, end, _state, kind in _safe(places.find_states, text) if kind == "name"]
    return spans + [(start, end) for start, end, _a in _safe(agencies.find_agencies, text)]


def _outside_institutions(text: str, match: re.Match[str], words: list[str], spans) -> list[str]:
    """The words of a run left once leading words inside a state's or an agency's name are dropped
    ("Kremlin Dmitry Peskov" -> "Dmitry Peskov", "United States" -> none); none for the rest of an
    institution's name after "of" ("Ministry of [Foreign Affairs]")."""
    before = text[max(0, match.start() - 40) : match.start()].split()
    body_words = {w.lower() for w in lexicon()["organization_words"]}
    if len(before) >= 2 and before[-1] == "of" and before[-2].lower() in body_words:
        return []
    run = match.group(0)
    kept = list(words)
    while kept:
        at = match.start() + run.find(kept[0])
        if not any(start <= at < stop for start, stop in spans):
            break
        kept.pop(0)
    return kept


_WORD = re.compile(r"\b[A-Za-z][a-z]+\b")
_INITIALS_END = re.compile(r"\b(?:[A-Z]\.){2,}$")  # "... Attacks by U.S." ends a title, not a sentence


def _in_headline(text: str, at: int) -> bool:
    """Is offset ``at`` on a Title Case line (a title or a subheading: most words capitalised, no final
    period)? Capitalised runs there are not names by their case alone."""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start : end if end >= 0 else len(text)].strip()
    words = _WORD.findall(line)
    sentence_end = line.endswith((".", "?", "!", '."', ".”")) and not _INITIALS_END.search(line)
    if len(words) < 4 or sentence_end:
        return False
    return sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def find_parties(text: str) -> list[Mention]:
    """Hacker groups, organisations, agencies, states and introduced names ("dubbed X") in ``text``."""
    found = [Mention(s, text[s:e], "group") for s, e, _ in _safe(galaxy.find_threat_actors, text)]
    found += [Mention(m.start(1), m.group(1).strip(), "group") for m in _NAMED_AFTER.finditer(text)]
    found += [
        Mention(s, text[s:e], "media" if org.type == "media" else "company")
        for s, e, org in _safe(agencies.find_organizations, text)
    ]
    found += [Mention(s, text[s:e], "agency") for s, e, _ in _safe(agencies.find_agencies, text)]
    found += [Mention(s, state, "state") for s, _e, state, _k in _safe(places.find_states, text)]
    found += [Mention(m.start(1), m.group(1).strip(), "company") for m in _COMPANY.finditer(text)]
    return found


def _safe(find, text: str) -> list:
    """A lexicon that cannot load (a partial install, KG_GALAXIES off) finds nothing."""
    try:
        return find(text) or []
    except (LookupError, ValueError, OSError):
        return []
