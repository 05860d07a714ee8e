"""Where the ontology files (``ontology/*.ttl``, ``context.jsonld``) are found.

A checkout or editable install reads them from the repository's ``ontology/`` folder; a regular install
finds the copies that ``pip install`` puts under ``<prefix>/share/attribution-kg/ontology``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.errors import ConfigError

_CANDIDATES = (
    Path(__file__).resolve().parent.parent / "ontology",
    Path(sys.prefix) / "share" / "attribution-kg" / "ontology",
)


def ontology_file(name: str) -> Path:
    """The path of an ontology file such as ``shapes.ttl``; ConfigError when the install lacks it."""
    for folder in _CANDIDATES:
        if (folder / name).is_file():
            return folder / name
    raise ConfigError(f"ontology file {name!r} not found (looked in {', '.join(map(str, _CANDIDATES))})")
