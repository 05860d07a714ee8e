"""External identifiers of parties (Wikidata, ATT&CK) from the resolver's data, when it is installed.

The graph layer only asks; the knowledge lives in ``kg.resolve`` (states from ``places.state_info``,
agencies and organisations from ``agencies``, threat groups from ``galaxy.lookup_threat_actor``). Without them the graph is still built, just with fewer
``owl:sameAs`` links.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

_STATE_KINDS = ("government", "unknown", "act")


@dataclass(frozen=True, slots=True)
class ExternalInfo:
    """What is known about a name beyond the article: canonical name, state-ness, ids, aliases."""

    name: str | None = None
    state: bool = False
    wikidata: str | None = None
    mitre: str | None = None
    aliases: tuple[str, ...] = ()
    affiliation: str = ""  # the state an agency or state outlet speaks for


NOTHING = ExternalInfo()


def _field(found: Any, *keys: str) -> Any:
    for key in keys:
        value = found.get(key) if isinstance(found, dict) else getattr(found, key, None)
        if value:
            return value
    return None


def _qid(value: Any) -> str | None:
    if not value:
        return None
    text = str(value).rsplit("/", 1)[-1]
    return text if text.startswith("Q") and text[1:].isdigit() else None


@cache
def _resolver_function(module: str, names: tuple[str, ...]) -> Callable[[str], Any] | None:
    try:
        loaded = importlib.import_module(module)
    except ImportError:
        return None
    for name in names:
        function = getattr(loaded, name, None)
        if callable(function):
            return function
    return None


def _ask(module: str, names: tuple[str, ...], name: str) -> Any:
    function = _resolver_function(module, names)
    if function is None:
        return None
    try:
        return function(name)
    except (LookupError, ValueError):
        return None


def _info(found: Any, state: bool) -> ExternalInfo:
    aliases = _field(found, "aliases", "synonyms") or ()
    return ExternalInfo(
        name=_field(found, "name", "canonical", "label"),
        state=state,
        wikidata=_qid(_field(found, "wikidata", "wikidata_id", "qid")),
        mitre=_field(found, "mitre_id", "attack_id", "mitre"),
        aliases=tuple(str(a) for a in aliases),
        affiliation="" if state else str(_field(found, "state") or ""),
    )


@cache
def lookup(name: str, kind: str) -> ExternalInfo:
    """External facts about the party ``name`` of type ``kind`` (an actor_type, or "act")."""
    if kind in _STATE_KINDS:
        found = _ask("kg.resolve.places", ("state_info",), name)
        if found:
            return _info(found, state=True)
    if kind in ("government", "unknown"):
        found = _ask("kg.resolve.agencies", ("agency_for",), name)
        if found:
            return _info(found, state=False)
    if kind in ("organization", "media"):
        found = _ask("kg.resolve.agencies", ("organization_for",), name)
        if found:
            return _info(found, state=False)
    if kind == "group":
        found = _ask("kg.resolve.galaxy", ("lookup_threat_actor",), name)
        if found:
            return _info(found, state=False)
    return NOTHING
