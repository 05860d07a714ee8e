"""States and the words that stand for them: names, metonyms ("Beijing", "the Kremlin") and demonyms.

The curated list is ``kg/lexicons/states.toml``; states it does not cover still get their English name
from the MISP country galaxy (by ISO code), so an attribution to any country has a readable name.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from kg.resolve.matcher import Case, PhraseIndex, clean_mention

KINDS = ("name", "metonym", "demonym")


@dataclass(frozen=True, slots=True)
class State:
    """A sovereign state as the project names it."""

    name: str
    iso: str
    wikidata: str | None = None
    aliases: tuple[str, ...] = ()
    metonyms: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Hit:
    state: State
    kind: str


def lexicon_path(name: str) -> Path:
    """A data file shipped in ``kg/lexicons``."""
    return Path(str(resources.files("kg") / "lexicons" / name))


@cache
def _lexicon() -> dict:
    with lexicon_path("states.toml").open("rb") as fh:
        return tomllib.load(fh)


@cache
def states() -> tuple[State, ...]:
    """Every curated state, in file order."""
    return tuple(
        State(
            name=row["name"],
            iso=row["iso"],
            wikidata=row.get("wikidata"),
            aliases=tuple(row.get("aliases", ())),
            metonyms=tuple(row.get("metonyms", ())),
            demonyms=tuple(row.get("demonyms", ())),
        )
        for row in _lexicon()["state"]
    )


def _case_for(phrase: str) -> Case:
    # Capitals-only forms ("US", "UK", "PRC") are acronyms; lower-case text would be another word.
    letters = "".join(ch for ch in phrase if ch.isalpha())
    return Case.EXACT if letters.isupper() else Case.PROPER


@cache
def _index() -> PhraseIndex[_Hit]:
    index: PhraseIndex[_Hit] = PhraseIndex()
    for phrase in _lexicon().get("exclude", ()):
        index.add(phrase, None, Case.EXACT)
    for state in states():
        for kind, phrases in (
            ("name", (state.name, *state.aliases)),
            ("metonym", state.metonyms),
            ("demonym", state.demonyms),
        ):
            for phrase in phrases:
                index.add(phrase, _Hit(state, kind), _case_for(phrase))
    return index


@cache
def _by_name() -> dict[str, State]:
    table = {s.name.casefold(): s for s in states()}
    table.update({s.iso.casefold(): s for s in states()})
    return table


@cache
def _galaxy_countries() -> dict[str, str]:
    """ISO code -> English country name from the MISP country galaxy (a fallback for uncurated states)."""
    from kg.resolve.galaxy_build import load_cluster

    try:
        values = load_cluster("country")
    except (OSError, ValueError, KeyError, ModuleNotFoundError):
        return {}
    return {
        v["meta"]["ISO"].upper(): v.get("description") or v["value"] for v in values if "ISO" in v["meta"]
    }


def state_for(text: str) -> str | None:
    """The state that ``text`` as a whole names or stands for ("Washington" -> "United States")."""
    found = state_kind(text)
    return found[0] if found else None


def state_kind(text: str) -> tuple[str, str] | None:
    """(state, kind) for a whole phrase; kind is name|metonym|demonym, or government for phrases such
    as "the Chinese government" or "US officials" that stand for the state without naming it.

    A phrase written all in lower case names no state: "the states", "turkey", "chinese" are common words.
    """
    if not any(char.isupper() for char in text):
        return None
    hit = _index().get(text)
    if hit is not None:
        return hit.state.name, hit.kind
    hit = _government_phrase(text)
    return (hit.state.name, "government") if hit else None


def _government_phrase(text: str) -> _Hit | None:
    """ "the Chinese government", "US officials", "Russian authorities" stand for the state."""
    words = clean_mention(text).split()
    if len(words) < 2 or words[-1].casefold() not in _government_words():
        return None
    return _index().get(" ".join(words[:-1]))


@cache
def _government_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in _lexicon().get("government_words", ()))


def find_states(text: str) -> list[tuple[int, int, str, str]]:
    """Every state word in running text as (start, end, state name, kind); kind is name|metonym|demonym."""
    return [(start, end, hit.state.name, hit.kind) for start, end, hit in _index().scan(text)]


def state_info(name: str) -> State | None:
    """The curated record of a state, by canonical name, ISO code or any alias."""
    state = _by_name().get(name.strip().casefold())
    if state is not None:
        return state
    hit = _index().get(name)
    return hit.state if hit else None


def state_name_for_iso(iso: str) -> str | None:
    """The canonical name for an ISO 3166-1 alpha-2 code, curated first, then from the country galaxy."""
    state = _by_name().get(iso.strip().casefold())
    if state is not None and state.iso.casefold() == iso.strip().casefold():
        return state.name
    return _galaxy_countries().get(iso.strip().upper())


def canonical_state(name: str) -> str | None:
    """A country name in any common spelling ("Russian Federation", "Korea (Democratic ...)") -> canonical."""
    found = state_for(name)
    if found:
        return found
    return _galaxy_aliases().get(name.strip().casefold())


@cache
def _galaxy_aliases() -> dict[str, str]:
    # CFR-style country names used in the threat-actor galaxy that the curated aliases do not spell out.
    return {k.casefold(): v for k, v in _lexicon().get("country_spellings", {}).items()}
