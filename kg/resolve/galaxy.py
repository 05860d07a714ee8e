"""Threat actors (hacker groups, APTs) from the MISP galaxies shipped by ``pymispgalaxies``.

``lookup_threat_actor("Fancy Bear")`` and ``lookup_threat_actor("STRONTIUM")`` return the same
:class:`GalaxyActor` ("APT28", its galaxy UUID, ATT&CK id G0007, attributed state Russia).
``find_threat_actors(text)`` scans prose for actor names, skipping names that are ordinary words.

Building the merged index reads ~2 MB of JSON and, once, the English word list of the spaCy pipeline;
the result is cached as compact JSON in the user cache directory, keyed by the galaxy package version
and the lexicon files, so later processes load it in a few milliseconds.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from platformdirs import user_cache_dir

from kg.files import cached_json
from kg.resolve.galaxy_build import (
    CLUSTERS,
    MatchRules,
    english_words,
    load_cluster,
    merge_clusters,
    name_case,
)
from kg.resolve.matcher import Case, PhraseIndex, clean_mention, phrase_key
from kg.resolve.places import lexicon_path
from kg.settings import get_settings

CACHE_SCHEMA = 1


@dataclass(frozen=True, slots=True)
class GalaxyActor:
    """A threat actor merged across the MISP threat-actor, ATT&CK and Microsoft clusters."""

    name: str
    synonyms: tuple[str, ...]
    uuid: str  # the MISP galaxy cluster value UUID (threat-actor cluster when the actor is there)
    mitre_id: str | None = None
    country: str | None = None  # attributed state, canonical name ("Russia")
    kind: str = "group"


def cache_dir() -> Path:
    """Where derived indexes are kept (``KG_CACHE_DIR`` when set, else the user cache directory)."""
    configured = getattr(get_settings(), "cache_dir", None)
    return Path(configured) if configured else Path(user_cache_dir("attribution-kg"))


def _cache_key() -> str:
    digest = hashlib.sha256()
    digest.update(f"{CACHE_SCHEMA}|{metadata.version('pymispgalaxies')}|{get_settings().model}".encode())
    for name in ("threat_actors.toml", "states.toml"):
        digest.update(lexicon_path(name).read_bytes())
    return digest.hexdigest()[:16]


@cache
def _rules_file() -> dict:
    with lexicon_path("threat_actors.toml").open("rb") as fh:
        return tomllib.load(fh)


def build_index_data() -> dict:
    """The merged actors and each name's match rule, as plain JSON-ready data."""
    rules_file = _rules_file()
    rules = MatchRules(
        english=english_words(get_settings().model),
        match_in_text=frozenset(phrase_key(n) for n in rules_file.get("match_in_text", ())),
        never_in_text=frozenset(phrase_key(n) for n in rules_file.get("never_in_text", ())),
    )
    actors = merge_clusters({name: load_cluster(name) for name in CLUSTERS})
    names: list[list] = []
    # Canonical names first, then synonyms: a name shared by two actors goes to the one it names.
    for rank in (0, 1):
        for i, actor in enumerate(actors):
            for name in actor.names[:1] if rank == 0 else actor.names[1:]:
                case = name_case(name, rules)
                if case is not None:
                    names.append([name, i, case.value])
    return {
        "actors": [[a.name, a.names[1:], a.uuid, a.mitre_id, a.country] for a in actors],
        "names": names,
    }


@dataclass(frozen=True)
class _Galaxy:
    actors: tuple[GalaxyActor, ...]
    index: PhraseIndex[GalaxyActor]


@cache
def _galaxy() -> _Galaxy:
    data = cached_json(cache_dir() / f"galaxy-{_cache_key()}.json", build_index_data)
    actors = tuple(
        GalaxyActor(name=n, synonyms=tuple(s), uuid=u, mitre_id=m, country=c)
        for n, s, u, m, c in data["actors"]
    )
    index: PhraseIndex[GalaxyActor] = PhraseIndex()
    for name, i, case in data["names"]:
        index.add(name, actors[i], Case(case))
    return _Galaxy(actors, index)


def galaxies_enabled() -> bool:
    """False when the MISP galaxies are switched off (``KG_GALAXIES=false``)."""
    return get_settings().galaxies


def all_threat_actors() -> tuple[GalaxyActor, ...]:
    """Every merged actor (empty when galaxies are switched off with ``KG_GALAXIES=false``)."""
    return _galaxy().actors if galaxies_enabled() else ()


def lookup_threat_actor(name: str) -> GalaxyActor | None:
    """The actor a whole mention names ("Fancy Bear", "the Lazarus hacking group", "APT 28"), or None."""
    if not galaxies_enabled() or not name.strip():
        return None
    index = _galaxy().index
    found = index.get(name)
    if found is not None:
        return found
    trimmed = _trim_words(clean_mention(name))
    return index.get(trimmed) if trimmed else None


def _trim_words(mention: str) -> str:
    """The mention without words that do not change which group it is ("so-called", "hacking group")."""
    rules = _rules_file()
    leading = sorted((w.casefold() + " " for w in rules.get("leading_words", ())), key=len, reverse=True)
    trailing = sorted((" " + w.casefold() for w in rules.get("trailing_words", ())), key=len, reverse=True)
    text = mention
    for _ in range(4):  # "the Russian hacking group known as Fancy Bear": a few layers at most
        before = text
        lowered = text.casefold()
        start = next((len(w) for w in leading if lowered.startswith(w)), 0)
        end = next((len(w) for w in trailing if lowered.endswith(w)), 0)
        text = text[start : len(text) - end].strip()
        if text == before:
            break
    return text if text != mention else ""


def find_threat_actors(text: str) -> list[tuple[int, int, GalaxyActor]]:
    """Actor names in running text as (start, end, actor), longest match first, left to right."""
    if not galaxies_enabled() or not text:
        return []
    return _galaxy().index.scan(text)
