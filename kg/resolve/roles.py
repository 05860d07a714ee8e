"""Titles and roles ("Foreign Ministry spokesman", "US director of national intelligence", "researchers").

A role gives the actor type and says where the affiliation comes from (``roles.toml``): the state named
in the phrase or near it, or the organisation named in the phrase or right after it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from kg.resolve.agencies import find_agencies, find_organizations, nearest_state
from kg.resolve.matcher import Case, PhraseIndex
from kg.resolve.places import find_states, lexicon_path

# How far after a role an "at X" / "of X" / "from X" organisation may start.
_AFTER_WINDOW = 60
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’.-]*|[a-z]{1,3}|de|van|von|bin|al-\w+)$")


@dataclass(frozen=True, slots=True)
class Role:
    """A title or role term and what it implies."""

    term: str
    type: str  # actor type: person | government | organization | unknown
    affiliation: str  # state | organization | any | none
    plural: bool = False


@cache
def _index() -> PhraseIndex[Role]:
    with lexicon_path("roles.toml").open("rb") as fh:
        rows = tomllib.load(fh)["role"]
    index: PhraseIndex[Role] = PhraseIndex()
    for row in rows:
        for term in row["terms"]:
            role = Role(term, row["type"], row.get("affiliation", "none"), bool(row.get("plural", False)))
            index.add(term, role, Case.ANY)
    return index


def find_roles(text: str) -> list[tuple[int, int, Role]]:
    """Role terms in ``text`` as (start, end, role), longest match first, left to right."""
    return _index().scan(text)


def match_role(phrase: str) -> Role | None:
    """The main role in a phrase: the last role term in it ("Chinese Foreign Ministry spokesman")."""
    found = find_roles(phrase)
    return found[-1][2] if found else None


def split_title(mention: str) -> tuple[str, str]:
    """Split "Foreign Ministry spokesman Hong Lei" into (title, name); ("", mention) when there is no title.

    Handles the title before the name ("President Barack Obama") and after it, set off by a comma
    ("Hong Lei, a Foreign Ministry spokesman").
    """
    head, comma, tail = mention.partition(",")
    if comma and find_roles(tail) and _looks_like_name(head.strip()):
        return tail.strip(), head.strip()
    roles = find_roles(mention)
    if not roles:
        return "", mention.strip()
    end = roles[-1][1]
    name = mention[end:].strip(" ,")
    if name and _looks_like_name(name):
        return mention[:end].strip(), name
    return mention.strip(), ""


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 5 and words[0][:1].isupper() and all(_NAME_WORD.match(w) for w in words)


def role_affiliation(role_phrase: str, context: str = "") -> str | None:
    """The state or organisation a role speaks for.

    Looks in the phrase first ("US director of national intelligence" -> United States, "Google security
    researcher" -> Google, "Kremlin spokesman" -> Russia), then in ``context``: an organisation right
    after the role ("a researcher at Kaspersky"), or for state roles the state mentioned nearest before
    it ("Chinese ... Foreign Ministry spokesman" -> China).
    """
    role = match_role(role_phrase)
    kind = role.affiliation if role else "any"
    if kind == "none":
        return None
    own = _affiliation_in(role_phrase, kind)
    if own:
        return own
    if kind in ("organization", "any"):
        org = _organization_after(role_phrase, context)
        if org:
            return org
    if kind in ("state", "any") and context:
        return nearest_state(context, role_phrase)
    return None


def _affiliation_in(phrase: str, kind: str) -> str | None:
    """An affiliation named inside the phrase itself: organisation, agency's state, or state word."""
    orgs = find_organizations(phrase)
    if orgs and kind != "state":
        return orgs[-1][2].name
    if orgs and orgs[-1][2].state:
        return orgs[-1][2].state
    agencies = [a for a in find_agencies(phrase) if a[2].state]
    if agencies:
        return agencies[-1][2].state
    states = find_states(phrase)
    return states[-1][2] if states else None


def _organization_after(role_phrase: str, context: str) -> str | None:
    at = context.find(role_phrase) if role_phrase else -1
    if at < 0:
        return None
    after = at + len(role_phrase)
    window = context[after : after + _AFTER_WINDOW]
    link = re.match(r"\s*(?:at|of|from|with|for)\s+(?:the\s+)?", window)
    if not link:
        return None
    orgs = find_organizations(window[link.end() :])
    return orgs[0][2].name if orgs and orgs[0][0] == 0 else None
