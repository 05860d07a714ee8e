"""The graph side of a question: names looked up among the graph's parties, claims fetched by the named
queries ``ask_parties.rq`` and ``ask_claims.rq`` with every value bound, never pasted."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kg.ask.answer import FoundClaim
from kg.ask.match import canonical_group, name_level, needles, norm, state_of, states_in
from kg.graph.store import Store
from kg.graph.views import load_query
from kg.graph.vocab import STANCE, stance_iri

CLAIMS_QUERY = "ask_claims"
PARTIES_QUERY = "ask_parties"
NAMES_QUERY = "ask_party_names"
_LIST_SPLIT = re.compile(r"\s*(?:,|\band\b|\bor\b|&)\s*", re.I)


@dataclass(frozen=True, slots=True)
class Party:
    iri: str
    label: str
    type: str
    state: bool
    affiliation: str
    names: frozenset[str]


@dataclass
class GraphLookup:
    """Runs the named queries for one question and remembers what it bound, for the answer."""

    store: Store
    runs: list[dict[str, str]] = field(default_factory=list)

    def _select(self, name: str, bindings: dict[str, Any]) -> list[dict[str, Any]]:
        self.runs.append({"query": name, **{k: str(v) for k, v in bindings.items()}})
        return self.store.select(load_query(name), bindings)

    # --- parties -------------------------------------------------------------------------------------

    def candidates(self, words: Iterable[str]) -> dict[str, Party]:
        """Parties with a name containing one of ``words`` (lower case)."""
        rows: dict[str, list[dict[str, Any]]] = {}
        for word in dict.fromkeys(words):
            for row in self._select(PARTIES_QUERY, {"needle": word}):
                rows.setdefault(str(row["party"]), []).append(row)
        return {iri: _party(iri, party_rows) for iri, party_rows in rows.items()}

    def resolve(self, phrase: str) -> tuple[Party, ...]:
        """The parties ``phrase`` names (its spelling or a longer/shorter form of it: "Lazarus" and
        "Lazarus Group"; a threat group under its galaxy name); for a phrase that stands for a state,
        also the parties that stand for the same state ("the Russian state"); when nothing is named, the
        parties of the state the phrase speaks of ("Russian intelligence services"). A list ("China and
        Russia") that is not itself a name gives the parties of each item."""
        parts = [p for p in _LIST_SPLIT.split(phrase) if p.strip()]
        if len(parts) > 1 and not any(name_level(phrase, p.names) == 3 for p in self._by_name(phrase)):
            return tuple({party.iri: party for part in parts for party in self.resolve(part)}.values())
        group = canonical_group(phrase)
        found = {p.iri: p for name in dict.fromkeys((phrase, group or phrase)) for p in self._by_name(name)}
        state = state_of(phrase)
        if state:
            found.update((p.iri, p) for p in self._of_state(state, stands_for=True))
        if not found:
            for state in states_in(phrase):
                found.update((p.iri, p) for p in self._of_state(state, stands_for=False))
        return tuple(found.values())

    def _of_state(self, state: str, stands_for: bool) -> list[Party]:
        """Parties that stand for ``state`` (its name, "the Russian government"), or, when not
        ``stands_for``, any party named after it or speaking for it."""
        pool = self.candidates(needles(state))
        if stands_for:
            return [p for p in pool.values() if any(state_of(n) == state for n in p.names)]
        key = norm(state)
        return [
            p
            for p in pool.values()
            if norm(p.affiliation) == key or any(state in states_in(n) for n in p.names)
        ]

    def _by_name(self, phrase: str) -> tuple[Party, ...]:
        pool = self.candidates(needles(phrase))
        # exact names first, then names that contain the phrase or are contained in it
        levels = {iri: name_level(phrase, party.names) for iri, party in pool.items()}
        ranked = sorted((iri for iri, level in levels.items() if level), key=lambda iri: -levels[iri])
        return tuple(pool[iri] for iri in ranked)

    def names(self, iri: str) -> list[str]:
        """Every label and alias of the party ``iri``."""
        return sorted(
            {str(row["name"]) for row in self._select(NAMES_QUERY, {"party": iri}) if row.get("name")}
        )

    # --- claims --------------------------------------------------------------------------------------

    def claims(
        self, stances: Iterable[str], actors: Iterable[str] = (), targets: Iterable[str] = ()
    ) -> list[FoundClaim]:
        """Claims with one of ``stances`` ("" = any), by one of ``actors`` and about one of ``targets``
        (IRIs; empty = any), each run binding one value of each."""
        found: dict[str, FoundClaim] = {}
        for stance in stances or ("",):
            for actor in actors or ("",):
                for target in targets or ("",):
                    # IRIs are bound as plain strings: the store binds an http(s) string as an IRI
                    bindings = {
                        k: v
                        for k, v in (
                            ("stance", stance and stance_iri(stance).value),
                            ("actor", actor),
                            ("target", target),
                        )
                        if v
                    }
                    for row in self._select(CLAIMS_QUERY, bindings):
                        found.setdefault(str(row["claim"]), _claim(row))
        return sorted(found.values(), key=lambda c: (c.article, c.start, c.end, c.iri))

    def claim(self, iri: str) -> FoundClaim | None:
        rows = self._select(CLAIMS_QUERY, {"claim": iri})
        return _claim(rows[0]) if rows else None


def _party(iri: str, rows: list[dict[str, Any]]) -> Party:
    first = rows[0]
    types = [str(r["type"]) for r in rows if r.get("type") and r["type"] != "unknown"]
    return Party(
        iri=iri,
        label=str(first.get("label") or ""),
        type=types[0] if types else "unknown",
        state=any(bool(r.get("state")) for r in rows),
        affiliation=next((str(r["affiliation"]) for r in rows if r.get("affiliation")), ""),
        names=frozenset(str(n) for r in rows for n in (r.get("name"), r.get("label")) if n),
    )


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def _claim(row: dict[str, Any]) -> FoundClaim:
    stance = _text(row, "stance")
    return FoundClaim(
        iri=_text(row, "claim"),
        actor=_text(row, "actorName"),
        actor_iri=_text(row, "actor"),
        actor_type=_text(row, "actorType") or "unknown",
        affiliation=_text(row, "actorAffiliation"),
        stance=stance.removeprefix(STANCE),
        target=_text(row, "targetName"),
        target_iri=_text(row, "target"),
        target_type=_text(row, "targetType") or "unknown",
        target_state=bool(row.get("targetState")),
        target_affiliation=_text(row, "targetAffiliation"),
        topic=_text(row, "topicId"),
        claim=_text(row, "claimText"),
        evidence=_text(row, "evidence"),
        article=_text(row, "articleId"),
        date=row.get("date") and str(row["date"]),
        title=row.get("title") and str(row["title"]),
        start=int(row.get("start") or 0),
        end=int(row.get("end") or 0),
        confidence=float(row.get("confidence") or 0.0),
        negated=bool(row.get("negated")),
        rebuts=tuple(_text(row, "rebuts").split()),
    )
