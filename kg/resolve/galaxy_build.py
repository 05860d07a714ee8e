"""Merging the MISP threat-actor galaxies into one record per actor, and deciding how each name matches.

The threat-actor cluster is the backbone (its value names the actor: "APT28"); an ATT&CK intrusion set
joins the threat actor that lists its G-id or that it is directly marked ``similar`` to and shares a
name with; a Microsoft activity group joins the same way. Only direct links with a shared name merge:
following ``similar`` transitively would fuse distinct Iranian or Chinese groups into one.
"""

from __future__ import annotations

import glob
import importlib.util
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from kg.resolve.matcher import Case, phrase_key
from kg.resolve.places import canonical_state, state_name_for_iso

CLUSTERS = ("threat-actor", "mitre-intrusion-set", "microsoft-activity-group")
_MITRE_ID = re.compile(r"^G\d{4}$")
_MITRE_REF = re.compile(r"attack\.mitre\.org/groups/(G\d{4})")
_MITRE_SUFFIX = re.compile(r"\s+-\s+G\d{4}$")


@dataclass
class ActorRecord:
    """One merged actor while it is being built."""

    name: str
    uuid: str
    names: list[str] = field(default_factory=list)
    mitre_id: str | None = None
    country: str | None = None
    linked: set[str] = field(default_factory=set)  # cluster-value UUIDs merged in or linked to

    def name_keys(self) -> set[str]:
        return {phrase_key(n) for n in self.names}

    def add_names(self, names: Iterable[str]) -> None:
        seen = self.name_keys()
        for name in names:
            key = phrase_key(name)
            if key and key not in seen:
                self.names.append(name)
                seen.add(key)


def clusters_dir() -> Path:
    """The galaxy data shipped in the package, found without importing it (its import is slow)."""
    spec = importlib.util.find_spec("pymispgalaxies")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("pymispgalaxies is not installed")
    return Path(spec.origin).parent / "data" / "misp-galaxy" / "clusters"


def load_cluster(name: str) -> list[dict]:
    with (clusters_dir() / f"{name}.json").open(encoding="utf-8") as fh:
        return json.load(fh)["values"]


def _country(meta: dict) -> str | None:
    iso = meta.get("country")
    if isinstance(iso, str) and iso:
        named = state_name_for_iso(iso)
        if named:
            return named
    sponsor = meta.get("cfr-suspected-state-sponsor")
    if isinstance(sponsor, str) and sponsor and sponsor != "Unknown":
        return canonical_state(sponsor) or sponsor
    return None


def _mitre_id(value: dict) -> str | None:
    meta = value.get("meta", {})
    if isinstance(meta.get("external_id"), str) and _MITRE_ID.match(meta["external_id"]):
        return meta["external_id"]
    for synonym in meta.get("synonyms", ()):
        if _MITRE_ID.match(synonym):
            return synonym
    for ref in meta.get("refs", ()):
        found = _MITRE_REF.search(ref)
        if found:
            return found.group(1)
    return None


def _record(value: dict) -> ActorRecord:
    meta = value.get("meta", {})
    name = _MITRE_SUFFIX.sub("", value["value"]).strip()
    record = ActorRecord(name=name, uuid=value["uuid"], mitre_id=_mitre_id(value), country=_country(meta))
    record.add_names([name, *meta.get("synonyms", ())])
    record.linked = {value["uuid"]} | {
        r["dest-uuid"] for r in value.get("related", ()) if r["type"] == "similar"
    }
    return record


def _join(target: ActorRecord, incoming: ActorRecord) -> None:
    target.add_names(incoming.names)
    target.linked |= incoming.linked
    target.mitre_id = target.mitre_id or incoming.mitre_id
    target.country = target.country or incoming.country


def _best_partner(incoming: ActorRecord, actors: list[ActorRecord], by_mitre: dict[str, int]) -> int | None:
    """The actor ``incoming`` belongs to: same ATT&CK id, or a direct link plus a shared name."""
    if incoming.mitre_id and incoming.mitre_id in by_mitre:
        return by_mitre[incoming.mitre_id]
    keys = incoming.name_keys()
    linked = [i for i, a in enumerate(actors) if a.linked & incoming.linked and a.name_keys() & keys]
    if linked:
        return max(
            linked, key=lambda i: (phrase_key(actors[i].name) in keys, len(actors[i].name_keys() & keys))
        )
    primary = phrase_key(incoming.name)
    named = next((i for i, a in enumerate(actors) if phrase_key(a.name) == primary), None)
    if named is not None:
        return named
    # An actor that lists this one's name among its synonyms ("Callisto" lists "Star Blizzard").
    return next((i for i, a in enumerate(actors) if primary in a.name_keys()), None)


def merge_clusters(clusters: dict[str, list[dict]]) -> list[ActorRecord]:
    """One record per actor, threat-actor cluster first, in file order (a stable canonical choice)."""
    actors = [_record(v) for v in clusters.get("threat-actor", ())]
    by_mitre = {a.mitre_id: i for i, a in enumerate(actors) if a.mitre_id}
    for cluster in CLUSTERS[1:]:
        for value in clusters.get(cluster, ()):
            incoming = _record(value)
            partner = _best_partner(incoming, actors, by_mitre)
            if partner is None:
                actors.append(incoming)
                partner = len(actors) - 1
            else:
                _join(actors[partner], incoming)
            if actors[partner].mitre_id:
                by_mitre.setdefault(actors[partner].mitre_id, partner)
    return actors


@dataclass(frozen=True, slots=True)
class MatchRules:
    """Which galaxy names may be looked for in prose (from ``threat_actors.toml``)."""

    english: frozenset[str]
    match_in_text: frozenset[str]
    never_in_text: frozenset[str]


def name_case(name: str, rules: MatchRules) -> Case | None:
    """How a galaxy name must match, or None when it is too short to use at all."""
    words = re.findall(r"\w+", name)
    letters = "".join(words)
    if len(letters) < 3 and not any(ch.isdigit() for ch in letters):
        return None
    key = phrase_key(name)
    if key in rules.never_in_text:
        return Case.LOOKUP
    if key in rules.match_in_text:
        return Case.PROPER
    if len(words) == 1 and not any(ch.isdigit() for ch in letters):
        if len(letters) <= 3:
            return Case.LOOKUP  # "GOP", "UPS", "SEA": acronyms of other things too
        if letters.casefold() in rules.english:
            return Case.EXACT if letters.isupper() else Case.LOOKUP
    return Case.ANY if any(ch.isdigit() for ch in letters) else Case.PROPER


@cache
def english_words(model: str) -> frozenset[str]:
    """English word forms from the spaCy pipeline's lemmatizer tables (WordNet-derived), if installed."""
    try:
        from spacy.lookups import Lookups
        from spacy.util import get_package_path

        base = get_package_path(model)
    except Exception:  # the pipeline is optional here; without it fewer names are held back
        return frozenset()
    found = glob.glob(str(base / "*" / "lemmatizer" / "lookups")) + glob.glob(
        str(base / "lemmatizer" / "lookups")
    )
    if not found:
        return frozenset()
    table = Lookups().from_disk(found[0]).get_table("lemma_index")
    return frozenset(w for words in table.values() for w in words if "_" not in w)
