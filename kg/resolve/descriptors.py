"""Is a party's name a description ("a hacking unit", "hackers", "other Russian hackers") or a name?

The extractor keeps a description as the party when the article gives nothing better, so the graph holds
parties such as "a group of teenagers" or "Russian civilian and military intelligence services". They are
fine as claimants and targets of claims, but a CTI export must not present them as named threat groups.
The test is on the name as stored, with the word lists of ``kg/lexicons/descriptors.toml``:

- a party with an external identity (MISP galaxy cluster, ATT&CK id, Wikidata item) is named;
- a name that is a state's name or demonym alone is named (the state);
- else a name is a description when, once state names and demonyms ("Russian", "North Korean") are set
  aside, every word is lower case, an opener (article, quantifier, number: "The", "Two") or a generic
  capitalised word ("Western"): "The gang behind the attacks" is a description, "The Shadow Brokers"
  a name.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from kg.resolve.places import find_states, lexicon_path


@dataclass(frozen=True, slots=True)
class DescriptorWords:
    """The word lists of ``descriptors.toml``."""

    openers: frozenset[str]
    generic_capitalised: frozenset[str]


@cache
def descriptor_words() -> DescriptorWords:
    """The lists, read once; a missing or empty list is a broken install."""
    with lexicon_path("descriptors.toml").open("rb") as handle:
        data = tomllib.load(handle)
    openers, generic = data.get("openers"), data.get("generic_capitalised")
    if not openers or not generic:
        raise ValueError("kg/lexicons/descriptors.toml needs non-empty 'openers' and 'generic_capitalised'")
    return DescriptorWords(frozenset(w.casefold() for w in openers), frozenset(generic))


def is_descriptor(name: str, *, identified: bool = False) -> bool:
    """True when ``name`` describes a party instead of naming it; ``identified``: the party has an
    external identity (galaxy cluster, ATT&CK or Wikidata id), which always makes it named."""
    if identified:
        return False
    if not name.split():
        return True
    rest = _without_states(name).replace("-", " ").split()
    if not rest:
        return False
    lists = descriptor_words()
    return all(_generic(word, lists) for word in rest)


def _without_states(name: str) -> str:
    """``name`` with its state names and demonyms blanked ("Russia-linked hackers" -> " -linked hackers")."""
    kept = list(name)
    for start, end, _state, _kind in find_states(name):
        kept[start:end] = " " * (end - start)
    return "".join(kept)


def _generic(word: str, lists: DescriptorWords) -> bool:
    letters = word.strip(".,;:'’\"()")
    return (
        not letters
        or letters.islower()
        or letters.casefold() in lists.openers
        or letters in lists.generic_capitalised
    )
