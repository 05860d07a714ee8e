"""Names of operations: the MISP galaxy's malware, ransomware, tool and campaign clusters.

``find_operations(text)`` finds "WannaCry", "NotPetya" or "ExPetr" in prose, each as one
:class:`Operation` (its canonical name, the names it goes by, the galaxy UUID and cluster). Clusters are
read in the order the lexicon lists them; a value whose canonical name another cluster already holds
joins it (ATT&CK's "WannaCry - S0366" and the ransomware cluster's "WannaCry" are one operation), while
a shared *synonym* only goes to the first holder ("GoldenEye" is listed for both Petya and NotPetya).
Whether a name may match in prose follows the threat-actor rules (ordinary English words only as whole
mentions). The built index is cached in the user cache directory, like the threat-actor index.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cache
from importlib import metadata

from kg.files import cached_json
from kg.incidents.lexicon import incident_lexicon
from kg.resolve.galaxy import cache_dir, galaxies_enabled
from kg.resolve.galaxy_build import MatchRules, english_words, load_cluster, name_case
from kg.resolve.matcher import Case, PhraseIndex, phrase_key
from kg.resolve.places import lexicon_path
from kg.settings import get_settings

_SUFFIX = re.compile(r"\s+-\s+[SC]\d{4}$")  # ATT&CK ids appended to values: "WannaCry - S0366"
_CACHE_SCHEMA = 2


@dataclass(frozen=True, slots=True)
class Operation:
    """A named operation or the malware it is known by."""

    name: str
    synonyms: tuple[str, ...]
    uuid: str  # the galaxy cluster value UUID ("" for an operation of the lexicon's own)
    cluster: str

    @property
    def key(self) -> str:
        """The incident key of a mention of it: the galaxy UUID, or the name for the lexicon's own."""
        return f"op:{self.uuid}" if self.uuid else f"op:{phrase_key(self.name)}"

    @property
    def kind(self) -> str:
        """``campaign`` for the campaign clusters, else ``incident`` (STIX's two objects)."""
        return "campaign" if "campaign" in self.cluster else "incident"


def _values(cluster: str) -> list[tuple[str, list[str], str]]:
    out = []
    for value in load_cluster(cluster):
        name = _SUFFIX.sub("", value["value"]).strip()
        synonyms = [s for s in (value.get("meta") or {}).get("synonyms", ()) if isinstance(s, str)]
        out.append((name, synonyms, value["uuid"]))
    return out


def _names_a_party(name: str) -> bool:
    """Galaxy values that are names of groups, states or companies ("Turla", "McAfee") are parties."""
    from kg.resolve.agencies import organization_for
    from kg.resolve.galaxy import lookup_threat_actor
    from kg.resolve.places import canonical_state

    return bool(lookup_threat_actor(name) or canonical_state(name) or organization_for(name))


def build_operations() -> list[list]:
    """Every operation as ``[name, synonyms, uuid, cluster]``, merged on canonical names."""
    lexicon = incident_lexicon()
    merged: list[list] = []
    by_name: dict[str, int] = {}
    for cluster in lexicon.galaxy_clusters:
        for name, synonyms, uuid in _values(cluster):
            key = phrase_key(name)
            if not key or key in lexicon.not_operations or _names_a_party(name):
                continue
            # joins the operation whose canonical name it has, or lists among its synonyms
            known = next((by_name[k] for k in (key, *map(phrase_key, synonyms)) if k in by_name), None)
            if known is not None:
                held = merged[known]
                held[1].extend(s for s in synonyms if s not in held[1] and s != held[0])
                continue
            by_name[key] = len(merged)
            merged.append([name, [s for s in synonyms if s != name], uuid, cluster])
    for local in lexicon.operations:  # the lexicon's own, or more names for a galaxy operation
        known = next(
            (by_name[k] for k in map(phrase_key, (local.name, *local.aliases)) if k in by_name), None
        )
        if known is None:
            by_name[phrase_key(local.name)] = len(merged)
            merged.append([local.name, list(local.aliases), "", "local"])
        else:
            merged[known][1].extend(a for a in (local.name, *local.aliases) if a not in merged[known][1])
    return merged


def _cache_key() -> str:
    digest = hashlib.sha256()
    digest.update(f"{_CACHE_SCHEMA}|{metadata.version('pymispgalaxies')}|{get_settings().model}".encode())
    digest.update(lexicon_path("incidents.toml").read_bytes())
    return digest.hexdigest()[:16]


@cache
def _operations() -> tuple[Operation, ...]:
    path = cache_dir() / f"operations-{_cache_key()}.json"
    return tuple(Operation(n, tuple(s), u, c) for n, s, u, c in cached_json(path, build_operations))


@cache
def _index() -> PhraseIndex[Operation]:
    lexicon = incident_lexicon()
    rules = MatchRules(english_words(get_settings().model), frozenset(), frozenset())
    index: PhraseIndex[Operation] = PhraseIndex()
    operations = _operations()
    for rank in (0, 1):  # canonical names first: a name shared by two goes to the one it names
        for op in operations:
            for name in (op.name,) if rank == 0 else op.synonyms:
                if phrase_key(name) in lexicon.not_operations:
                    continue
                case = name_case(name, rules)
                if case is not None:
                    index.add(name, op, Case.PROPER if case is Case.ANY else case)
    return index


def find_operations(text: str) -> list[tuple[int, int, Operation]]:
    """Operation names in running text as (start, end, operation), left to right."""
    if not galaxies_enabled() or not text:
        return []
    return _index().scan(text)


def lookup_operation(name: str) -> Operation | None:
    """The operation a whole mention names ("WannaCry", "the NotPetya malware"), or None."""
    if not galaxies_enabled():
        return None
    return _index().get(name)


@cache
def _by_uuid() -> dict[str, Operation]:
    return {op.uuid: op for op in _operations()}


def operation_by_uuid(uuid: str) -> Operation | None:
    """The operation of a galaxy value UUID (as stored with a claim's incident mention)."""
    return _by_uuid().get(uuid)
