"""Government bodies (agencies, ministries, militaries) and organisations (companies, vendors, media).

Both come from data files (``agencies.toml``, ``organizations.toml``); intelligence services beyond the
curated list come from the MISP intelligence-agencies galaxy. A body whose state the data leaves open
("the Foreign Ministry") takes it from the phrase ("Chinese Foreign Ministry") or the nearest state
mentioned in the context.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from functools import cache

from kg.resolve.galaxy_build import load_cluster
from kg.resolve.matcher import Case, PhraseIndex, clean_mention
from kg.resolve.places import find_states, lexicon_path, state_info, state_name_for_iso


@dataclass(frozen=True, slots=True)
class Agency:
    """A government body; its actor type is always ``government``."""

    name: str
    aliases: tuple[str, ...] = ()
    state: str | None = None
    kind: str = "agency"
    wikidata: str | None = None
    type: str = "government"


@dataclass(frozen=True, slots=True)
class Organization:
    """A company, vendor, international body (type ``organization``) or outlet (type ``media``)."""

    name: str
    aliases: tuple[str, ...] = ()
    type: str = "organization"
    kind: str = ""
    state: str | None = None  # only for bodies that speak for a state (state media)
    wikidata: str | None = None


def _case_for(phrase: str) -> Case:
    letters = "".join(ch for ch in phrase if ch.isalpha())
    return Case.EXACT if letters.isupper() else Case.PROPER


def _load(name: str, table: str) -> list[dict]:
    with lexicon_path(name).open("rb") as fh:
        return tomllib.load(fh)[table]


@cache
def agencies() -> tuple[Agency, ...]:
    """The curated government bodies, in file order."""
    return tuple(
        Agency(
            name=row["name"],
            aliases=tuple(row.get("aliases", ())),
            state=row.get("state"),
            kind=row.get("kind", "agency"),
            wikidata=row.get("wikidata"),
        )
        for row in _load("agencies.toml", "agency")
    )


@cache
def organizations() -> tuple[Organization, ...]:
    """The curated organisations and media outlets, in file order."""
    return tuple(
        Organization(
            name=row["name"],
            aliases=tuple(row.get("aliases", ())),
            type=row.get("type", "organization"),
            kind=row.get("kind", ""),
            state=row.get("state"),
            wikidata=row.get("wikidata"),
        )
        for row in _load("organizations.toml", "organization")
    )


def _galaxy_agencies() -> list[Agency]:
    """Intelligence services from the MISP galaxy, named in full (acronyms are too ambiguous there)."""
    found = []
    for value in load_cluster("intelligence-agencies"):
        meta = value.get("meta", {})
        state = state_name_for_iso(meta.get("country", "")) if meta.get("country") else None
        if state:
            found.append(Agency(value["value"], tuple(meta.get("synonyms", ())), state, "intelligence"))
    return found


@cache
def _agency_index() -> PhraseIndex[Agency]:
    index: PhraseIndex[Agency] = PhraseIndex()
    for agency in agencies():
        for phrase in (agency.name, *agency.aliases):
            index.add(phrase, agency, _case_for(phrase))
    for agency in _galaxy_agencies():
        for phrase in (agency.name, *agency.aliases):
            if len(phrase.split()) > 1:
                index.add(phrase, agency, Case.PROPER)
    return index


@cache
def _organization_index() -> PhraseIndex[Organization]:
    index: PhraseIndex[Organization] = PhraseIndex()
    for org in organizations():
        for phrase in (org.name, *org.aliases):
            index.add(phrase, org, _case_for(phrase))
    return index


def agency_for(text: str, context: str = "") -> Agency | None:
    """The government body ``text`` names ("NSA", "the Justice Department", "Chinese Foreign Ministry").

    A body the data leaves stateless gets its state from the words before it in ``text``, else from the
    state mentioned in ``context`` nearest before the mention (or the first one when it is not there).
    """
    mention = clean_mention(text)
    agency = _agency_index().get(mention)
    prefix = ""
    if agency is None:
        hits = _agency_index().scan(mention)
        # "Chinese Foreign Ministry", "Russia's GRU": a state word, then the body, ending the phrase.
        if len(hits) != 1 or hits[0][1] != len(mention):
            return None
        agency, prefix = hits[0][2], mention[: hits[0][0]]
        if prefix.strip() and not _only_state_words(prefix):
            return None
    if agency.state:
        return agency
    state = _state_in(prefix) or nearest_state(context, mention)
    return dataclasses.replace(agency, state=state) if state else agency


def _only_state_words(prefix: str) -> bool:
    """True when ``prefix`` is made of state words and fillers ("the Chinese", "Russia's", "US")."""
    rest = prefix
    for start, end, _, _ in reversed(find_states(prefix)):
        rest = rest[:start] + rest[end:]
    leftover = [w for w in rest.replace("'s", " ").replace("’s", " ").split() if w.casefold() not in {"the"}]
    return not leftover and bool(find_states(prefix))


def _state_in(text: str) -> str | None:
    found = find_states(text)
    return found[-1][2] if found else None


def nearest_state(context: str, mention: str = "") -> str | None:
    """The state mentioned in ``context`` closest before ``mention`` (or the first when absent)."""
    found = find_states(context)
    if not found:
        return None
    at = context.find(mention) if mention else -1
    if at < 0:
        return found[0][2]
    before = [f for f in found if f[1] <= at]
    return (before[-1] if before else found[0])[2]


def organization_for(text: str) -> Organization | None:
    """The organisation or outlet ``text`` names ("Kaspersky", "the BBC", "PricewaterhouseCoopers")."""
    return _organization_index().get(text)


def find_agencies(text: str) -> list[tuple[int, int, Agency]]:
    """Government bodies named in running text (stateless ones as in the data)."""
    return _agency_index().scan(text)


def find_organizations(text: str) -> list[tuple[int, int, Organization]]:
    """Organisations and outlets named in running text."""
    return _organization_index().scan(text)


def state_wikidata(name: str | None) -> str | None:
    """The Wikidata item of a state name, when curated."""
    state = state_info(name) if name else None
    return state.wikidata if state else None
