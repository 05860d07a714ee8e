"""The resolver's lookups as the extractor uses them, with a neutral fallback when one is unavailable.

Threat actors (MISP galaxies), states (names, metonyms, demonyms), government bodies and organisations
come from :mod:`kg.resolve`; this module only narrows their interface to what extraction needs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

try:  # the resolver is a sibling package; extraction degrades to surface names without it
    from kg.resolve import agencies as _agencies
    from kg.resolve import galaxy as _galaxy
    from kg.resolve import places as _places
except ImportError:  # pragma: no cover - exercised only in a partial install
    _agencies = _galaxy = _places = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Known:
    """What a phrase is known to be: its canonical name, type, state and galaxy UUID."""

    name: str
    type: str  # person | government | organization | group | media
    state: str | None = None
    galaxy: str | None = None
    kind: str = ""  # "name" | "metonym" | "demonym" | "government" for states


def _safe(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except (LookupError, ValueError, OSError):
        return None


def threat_actor(text: str) -> Known | None:
    if _galaxy is None or not text.strip():
        return None
    actor = _safe(_galaxy.lookup_threat_actor, text)
    return Known(actor.name, "group", actor.country, actor.uuid) if actor else None


def state(text: str) -> Known | None:
    """The state a whole phrase names or stands for ("Beijing", "the Russian state", "US officials")."""
    if _places is None or not any(c.isupper() for c in text):  # "the states" is not "the States"
        return None
    found = _safe(_places.state_kind, text) if hasattr(_places, "state_kind") else None
    if found:
        return Known(found[0], "government", found[0], kind=found[1])
    name = _safe(_places.state_for, text)
    return Known(name, "government", name, kind="name") if name else None


def agency(text: str, context: str = "") -> Known | None:
    if _agencies is None or not text.strip():
        return None
    found = _safe(_agencies.agency_for, text, context)
    return Known(found.name, "government", found.state) if found else None


def organization(text: str) -> Known | None:
    if _agencies is None or not text.strip():
        return None
    found = _safe(_agencies.organization_for, text)
    if found is None:
        return None
    kind = "media" if getattr(found, "type", "") == "media" else "organization"
    return Known(found.name, kind, getattr(found, "state", None))


def states_in(text: str) -> list[tuple[int, int, str, str]]:
    if _places is None:
        return []
    return _safe(_places.find_states, text) or []


def threat_actors_in(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical name) of threat actors named in running text."""
    if _galaxy is None:
        return []
    return [(s, e, a.name) for s, e, a in (_safe(_galaxy.find_threat_actors, text) or [])]


def organizations_in(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, name, type) of organisations and government bodies named in running text."""
    if _agencies is None:
        return []
    found = [
        (s, e, o.name, "media" if getattr(o, "type", "") == "media" else "organization")
        for s, e, o in (_safe(_agencies.find_organizations, text) or [])
    ]
    found += [(s, e, a.name, "agency") for s, e, a in (_safe(_agencies.find_agencies, text) or [])]
    return sorted(found)
