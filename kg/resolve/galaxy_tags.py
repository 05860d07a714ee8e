"""The MISP galaxy cluster behind a threat actor's galaxy UUID, as MISP tags and galaxies name it.

Threat actors carry the UUID of their MISP galaxy cluster value (``kg.resolve.galaxy``: the threat-actor
cluster when the actor is there, else the ATT&CK intrusion-set or Microsoft activity-group cluster). A
MISP event refers to such a cluster by its tag (``misp-galaxy:threat-actor="APT28"``) and by the galaxy
and cluster UUIDs; this module reads both from the galaxy data ``pymispgalaxies`` ships.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from kg.resolve.galaxy_build import CLUSTERS, clusters_dir


@dataclass(frozen=True, slots=True)
class GalaxyCluster:
    """One cluster value and the galaxy it belongs to."""

    cluster_uuid: str
    value: str
    description: str
    galaxy_type: str  # "threat-actor"
    galaxy_name: str  # "Threat Actor"
    galaxy_uuid: str
    galaxy_namespace: str
    galaxy_description: str

    @property
    def tag(self) -> str:
        return f'misp-galaxy:{self.galaxy_type}="{self.value}"'


@cache
def _clusters() -> dict[str, GalaxyCluster]:
    found: dict[str, GalaxyCluster] = {}
    for name in CLUSTERS:
        with (clusters_dir() / f"{name}.json").open(encoding="utf-8") as handle:
            values = json.load(handle)["values"]
        with (clusters_dir().parent / "galaxies" / f"{name}.json").open(encoding="utf-8") as handle:
            galaxy = json.load(handle)
        for value in values:
            found.setdefault(
                value["uuid"],
                GalaxyCluster(
                    cluster_uuid=value["uuid"],
                    value=value["value"],
                    description=value.get("description", ""),
                    galaxy_type=galaxy["type"],
                    galaxy_name=galaxy["name"],
                    galaxy_uuid=galaxy["uuid"],
                    galaxy_namespace=galaxy.get("namespace", "misp"),
                    galaxy_description=galaxy.get("description", ""),
                ),
            )
    return found


def galaxy_cluster(cluster_uuid: str) -> GalaxyCluster | None:
    """The cluster with this value UUID, or None (an unknown UUID, or the galaxies not installed)."""
    try:
        return _clusters().get(cluster_uuid)
    except (OSError, ValueError, KeyError, ModuleNotFoundError):
        return None
