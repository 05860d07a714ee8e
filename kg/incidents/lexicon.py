"""The incident word lists (``kg/lexicons/incidents.toml``), read once into a validated object."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from kg.errors import ConfigError
from kg.resolve.places import lexicon_path

_LISTS = (
    "galaxy_clusters",
    "not_operations",
    "operation_words",
    "nouns",
    "victim_prepositions",
    "victim_property",
    "not_victims",
    "sanction_words",
    "indictment_words",
    "attacker_suffixes",
    "operation_topics",
    "responsibility_words",
)


@dataclass(frozen=True, slots=True)
class KnownOperation:
    """An operation the lexicon names itself, with its aliases."""

    name: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IncidentLexicon:
    """How prose names an operation ("WannaCry", "Operation Aurora") or describes one ("the hack of X")."""

    window_days: int
    story_days: int
    galaxy_clusters: tuple[str, ...]
    not_operations: frozenset[str]  # phrase keys of galaxy names that never name one operation
    operation_words: tuple[str, ...]
    nouns: tuple[str, ...]  # longest first, so "data breach" is tried before "breach"
    victim_prepositions: tuple[str, ...]
    victim_property: tuple[str, ...]
    not_victims: frozenset[str]
    sanction_words: tuple[str, ...]
    indictment_words: tuple[str, ...]
    attacker_suffixes: tuple[str, ...]
    operation_topics: frozenset[str]
    responsibility_words: tuple[str, ...]
    operations: tuple[KnownOperation, ...]


def _strings(data: dict, key: str, source: str) -> list[str]:
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f"{source}: {key!r} must be a non-empty list of non-empty strings")
    return [v.strip() for v in value]


def parse_lexicon(data: dict, source: str = "incidents.toml") -> IncidentLexicon:
    """The lexicon of a parsed TOML table; ConfigError naming the bad key."""
    from kg.resolve.matcher import phrase_key

    lists = {key: _strings(data, key, source) for key in _LISTS}
    for key in ("window_days", "story_days"):
        value = data.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
            raise ConfigError(f"{source}: {key!r} must be a positive whole number of days")
    by_length = lambda words: tuple(sorted(words, key=len, reverse=True))  # noqa: E731
    return IncidentLexicon(
        window_days=data["window_days"],
        story_days=data["story_days"],
        galaxy_clusters=tuple(lists["galaxy_clusters"]),
        not_operations=frozenset(phrase_key(v) for v in lists["not_operations"]),
        operation_words=tuple(lists["operation_words"]),
        nouns=by_length(w.casefold() for w in lists["nouns"]),
        victim_prepositions=by_length(w.casefold() for w in lists["victim_prepositions"]),
        victim_property=by_length(w.casefold() for w in lists["victim_property"]),
        not_victims=frozenset(lists["not_victims"]),
        sanction_words=tuple(w.casefold() for w in lists["sanction_words"]),
        indictment_words=tuple(w.casefold() for w in lists["indictment_words"]),
        attacker_suffixes=tuple(w.casefold() for w in lists["attacker_suffixes"]),
        operation_topics=frozenset(lists["operation_topics"]),
        responsibility_words=tuple(w.casefold() for w in lists["responsibility_words"]),
        operations=tuple(_operations(data.get("operation", []), source)),
    )


def _operations(rows: object, source: str) -> list[KnownOperation]:
    if not isinstance(rows, list):
        raise ConfigError(f"{source}: 'operation' must be a list of tables")
    out = []
    for n, row in enumerate(rows, start=1):
        name, aliases = (row.get("name"), row.get("aliases", [])) if isinstance(row, dict) else (None, None)
        if not isinstance(name, str) or not name.strip() or not isinstance(aliases, list):
            raise ConfigError(f"{source}: operation {n} needs a name and a list of aliases")
        if not all(isinstance(a, str) and a.strip() for a in aliases):
            raise ConfigError(f"{source}: operation {name!r} has an alias that is not a non-empty string")
        out.append(KnownOperation(name.strip(), tuple(a.strip() for a in aliases)))
    return out


@cache
def incident_lexicon() -> IncidentLexicon:
    """The shipped lexicon, read once."""
    with lexicon_path("incidents.toml").open("rb") as fh:
        return parse_lexicon(tomllib.load(fh))
