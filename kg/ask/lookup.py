"""The graph side of a question: names looked up among the graph's parties, claims fetched by named
queries with every value bound as escaped VALUES rows, never pasted.

The work of a question is bounded: names are found by one scan over the labels (``ask_party_match.rq``)
and only the parties found are described (``ask_parties.rq``); claims are found as bare IRIs
(``ask_claim_keys.rq``, starting from the most selective value the question fixes: a named actor, else
a named target, else the stance), at most FETCH_CAP of them, and only those are read in full
(``ask_claims.rq``, ``ask_claim_rebuts.rq``). When more claims match than the cap, the question's soft
conditions (topic, incident words, preferred target) are tried in SPARQL first, narrowest first."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from pyoxigraph import Literal, NamedNode

from kg.ask.answer import FoundClaim
from kg.ask.match import canonical_group, name_level, needles, norm, state_of, states_in
from kg.graph.sparql import Term, inject_rows, inject_rows_in_graph
from kg.graph.store import Store
from kg.graph.views import load_query
from kg.graph.vocab import AKG, RDF_TYPE, STANCE, akg, stance_iri, topic_iri

CLAIMS_QUERY = "ask_claims"
KEYS_QUERY = "ask_claim_keys"
REBUTTAL_KEYS_QUERY = "ask_rebuttal_keys"
REBUTS_QUERY = "ask_claim_rebuts"
KINDS_QUERY = "ask_claim_parties"
CLASS_QUERY = "ask_parties_of_class"
MAX_KIND_STARTS = 500  # parties of an asked-for kind bound as starts at most
# Party classes an answer names, in the order that picks one when a party has several.
CLASS_TYPES = {
    "Person": "person",
    "Government": "government",
    "Organization": "organization",
    "ThreatGroup": "group",
    "Media": "media",
    "Act": "act",
}
# Claims fetched for one question at most (a setting-like bound on the work of a question: beyond it
# the answer carries "truncated": true); answers on stores below it are exact.
FETCH_CAP = 1000
NARROWING_NAMES = {
    "stem": "the incident words",
    "topicWanted": "the topic",
    "softTarget": "the named party",
    "targetClass": "the kind of target",
    "actorClass": "the kind of actor",
}
DETAIL_CHUNK = 500  # claim IRIs bound in one detail query
PARTIES_QUERY = "ask_parties"
MATCH_QUERY = "ask_party_match"
NAMES_QUERY = "ask_party_names"
LABELS_QUERY = "ask_party_labels"
LABELS_CAP = 50_000  # names compared with a misspelt one at most
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
    truncated: bool = False  # more claims matched than FETCH_CAP
    narrowed_by: tuple[str, ...] = ()  # the soft conditions that narrowed a too-large match
    _matched: dict[str, set[str]] = field(default_factory=dict)  # needle -> parties named by it
    _parties: dict[str, Party] = field(default_factory=dict)  # described parties by IRI
    _negated: bool = False  # the claims looked for are the negated ones ("who did not deny")

    # --- parties -------------------------------------------------------------------------------------

    def candidates(self, words: Iterable[str]) -> dict[str, Party]:
        """Parties with a name containing one of ``words`` (lower case): one scan over the names for the
        words not looked up yet, then descriptions of the new parties found only."""
        words = list(dict.fromkeys(words))
        new = [w for w in words if w not in self._matched]
        if new:
            self.runs.append({"query": MATCH_QUERY, "needle": " ".join(new)})
            query = inject_rows(load_query(MATCH_QUERY), ["needle"], [[Literal(w)] for w in new])
            for word in new:
                self._matched[word] = set()
            for row in self.store.select(query):
                self._matched[str(row["needle"])].add(str(row["party"]))
            self._describe(sorted({i for w in new for i in self._matched[w]} - set(self._parties)))
        iris = dict.fromkeys(i for w in words for i in sorted(self._matched[w]))
        # a party as the names containing the words show it (and its label), as the scan found it
        return {
            iri: replace(
                party,
                names=frozenset(n for n in party.names if any(w in n.lower() for w in words)) | {party.label},
            )
            for iri, party in ((i, self._parties[i]) for i in iris if i in self._parties)
        }

    def _describe(self, iris: list[str]) -> None:
        if not iris:
            return
        self.runs.append({"query": PARTIES_QUERY, "parties": str(len(iris))})
        query = inject_rows_in_graph(load_query(PARTIES_QUERY), ["party"], [[NamedNode(i)] for i in iris])
        rows: dict[str, list[dict[str, Any]]] = {}
        for row in self.store.select(query):
            rows.setdefault(str(row["party"]), []).append(row)
        self._parties.update((iri, _party(iri, party_rows)) for iri, party_rows in rows.items())

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

    def all_names(self) -> list[str]:
        """Every distinct name of the graph's parties (at most LABELS_CAP), for reading a misspelt
        name."""
        self.runs.append({"query": LABELS_QUERY})
        rows = self.store.select(f"{load_query(LABELS_QUERY)}\nLIMIT {LABELS_CAP}")
        return [str(row["name"]) for row in rows if row.get("name")]

    def names(self, iris: Iterable[str]) -> dict[str, list[str]]:
        """Every label and alias of each party of ``iris``."""
        iris = list(dict.fromkeys(iris))
        if not iris:
            return {}
        self.runs.append({"query": NAMES_QUERY, "parties": str(len(iris))})
        query = inject_rows_in_graph(load_query(NAMES_QUERY), ["party"], [[NamedNode(i)] for i in iris])
        found: dict[str, set[str]] = {}
        for row in self.store.select(query):
            if row.get("name"):
                found.setdefault(str(row["party"]), set()).add(str(row["name"]))
        return {iri: sorted(names) for iri, names in found.items()}

    # --- claims --------------------------------------------------------------------------------------

    def claims(
        self,
        stances: Iterable[str],
        actors: Iterable[str] = (),
        targets: Iterable[str] = (),
        narrowing: Narrowing | None = None,
        negated: bool = False,
    ) -> list[FoundClaim]:
        """Claims not negated (only negated ones when ``negated``), with one of ``stances`` (empty =
        any), by one of ``actors`` and about one of ``targets`` (IRIs; empty = any). At most FETCH_CAP
        of them: when more match, the soft conditions of ``narrowing`` are tried in SPARQL first,
        narrowest first (see ``_narrow``)."""
        starts = _starts(tuple(stances), tuple(actors), tuple(targets))
        self._negated = negated
        keys = self._claim_keys(starts, {})
        if len(keys) > FETCH_CAP and narrowing:
            kind_starts = (
                None if actors or targets else self._kind_starts(tuple(stances), narrowing.target_kind)
            )
            keys = self._narrow(kind_starts or starts, narrowing) or keys
        if len(keys) > FETCH_CAP:
            self.truncated = True
            keys = keys[:FETCH_CAP]
        return self.claims_by_iri(keys)

    def _kind_starts(self, stances: tuple[str, ...], kind: str | None) -> list[dict[str, Term]] | None:
        """Starts from the parties of the asked-for kind of target ("which states ..."), when they are
        few: fewer claims to scan than all those of the stance."""
        classes = _classes(kind)
        if not classes:
            return None
        query = inject_rows_in_graph(load_query(CLASS_QUERY), ["class"], [[c] for c in classes])
        self.runs.append({"query": CLASS_QUERY, "class": " ".join(c.value for c in classes)})
        parties = [str(row["party"]) for row in self.store.select(f"{query}\nLIMIT {MAX_KIND_STARTS + 1}")]
        if not parties or len(parties) > MAX_KIND_STARTS:
            return None
        return _starts(stances, (), tuple(parties))

    def _narrow(self, starts: list[dict[str, Term]], narrowing: Narrowing) -> list[str]:
        """The keys of the first level of soft conditions that some claims meet (all of them, then
        fewer): on a large store, claims that fit the question best are fetched first."""
        for level in narrowing.levels():
            keys = self._claim_keys(starts, level)
            if keys:
                self.narrowed_by = tuple(NARROWING_NAMES[name] for name in level)
                return keys
        return []

    def _claim_keys(self, starts: list[dict[str, Term]], soft: dict[str, list[Term]]) -> list[str]:
        names = list(starts[0])
        query = inject_rows_in_graph(load_query(KEYS_QUERY), names, [list(r.values()) for r in starts])
        if self._negated:
            soft = {**soft, "negatedWanted": [Literal(True)]}
        for name, values in soft.items():  # joined after the GRAPH group: conditions, not starts
            query = inject_rows(query, [name], [[v] for v in values])
        shown = [{k: str(v.value) for k, v in row.items()} for row in starts]
        extra = {k: " ".join(str(v.value) for v in values) for k, values in soft.items()}
        self.runs.extend({"query": KEYS_QUERY, **row, **extra} for row in shown)
        rows = self.store.select(f"{query}\nLIMIT {FETCH_CAP + 1}")
        return [str(row["claim"]) for row in rows]

    def rebuttal_keys(self, rebutted: Iterable[str] = ()) -> list[str]:
        """Denials (not negated) linked to an accusation: to one of ``rebutted`` when given."""
        query = load_query(REBUTTAL_KEYS_QUERY)
        rebutted = list(rebutted)
        if rebutted:
            query = inject_rows_in_graph(query, ["rebutted"], [[NamedNode(i)] for i in rebutted])
        self.runs.append({"query": REBUTTAL_KEYS_QUERY, "rebutted": " ".join(rebutted)})
        keys = [str(row["claim"]) for row in self.store.select(f"{query}\nLIMIT {FETCH_CAP + 1}")]
        if len(keys) > FETCH_CAP:
            self.truncated = True
        return keys[:FETCH_CAP]

    def claims_by_iri(self, iris: Iterable[str]) -> list[FoundClaim]:
        """The claims ``iris`` with their parties, evidence and rebuttal links, in article order."""
        rows: dict[str, dict[str, Any]] = {}
        rebuts: dict[str, list[str]] = {}
        iris = list(dict.fromkeys(iris))
        for chunk in (iris[i : i + DETAIL_CHUNK] for i in range(0, len(iris), DETAIL_CHUNK)):
            values = [[NamedNode(i)] for i in chunk]
            self.runs.append({"query": CLAIMS_QUERY, "claims": str(len(chunk))})
            for row in self.store.select(inject_rows_in_graph(load_query(CLAIMS_QUERY), ["claim"], values)):
                rows.setdefault(str(row["claim"]), row)
            for row in self.store.select(inject_rows_in_graph(load_query(REBUTS_QUERY), ["claim"], values)):
                rebuts.setdefault(str(row["claim"]), []).append(str(row["rebutted"]))
        kinds = self._kinds(
            {(str(r["g"]), str(r[role])) for r in rows.values() for role in ("actor", "target")}
        )
        claims = [_claim(row, kinds, tuple(sorted(rebuts.get(iri, ())))) for iri, row in rows.items()]
        return sorted(claims, key=lambda c: (c.article, c.start, c.end, c.iri))

    def _kinds(self, pairs: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[str, bool, str]]:
        """(type, is a state, affiliation) of each (article graph, party)."""
        found: dict[tuple[str, str], tuple[str, bool, str]] = {}
        ordered = sorted(pairs)
        for chunk in (ordered[i : i + DETAIL_CHUNK] for i in range(0, len(ordered), DETAIL_CHUNK)):
            values = [[NamedNode(g), NamedNode(p)] for g, p in chunk]
            query = inject_rows_in_graph(load_query(KINDS_QUERY), ["g", "party"], values)
            self.runs.append({"query": KINDS_QUERY, "parties": str(len(chunk))})
            classes: dict[tuple[str, str], set[str]] = {}
            affiliations: dict[tuple[str, str], str] = {}
            for row in self.store.select(query):
                pair = (str(row["g"]), str(row["party"]))
                classes.setdefault(pair, set())
                if row.get("class"):
                    classes[pair].add(str(row["class"]).removeprefix(AKG))
                if row.get("affiliation"):
                    affiliations.setdefault(pair, str(row["affiliation"]))
            for pair in chunk:
                types = [kind for cls, kind in CLASS_TYPES.items() if cls in classes.get(pair, ())]
                state = "State" in classes.get(pair, ())
                found[pair] = (types[0] if types else "unknown", state, affiliations.get(pair, ""))
        return found


def _starts(
    stances: tuple[str, ...], actors: tuple[str, ...], targets: tuple[str, ...]
) -> list[dict[str, Term]]:
    """VALUES rows for ask_claim_keys.rq: start from the actors when named, else the targets, else the
    stance (every row has the same variables)."""
    stance_terms = [stance_iri(s) for s in stances] or [None]
    parties = [(akg("claimant"), "actor", NamedNode(a)) for a in actors] or [
        (akg("target"), "target", NamedNode(t)) for t in targets
    ]
    rows: list[dict[str, Term]] = []
    for stance in stance_terms:
        for by, role, party in parties or [(akg("stance"), "", stance)]:
            row: dict[str, Term] = {"by": by, "value": party or akg("Claim")}
            if party is None:
                row["by"] = RDF_TYPE
            if role:
                row[role] = party
            if stance is not None:
                row["stance"] = stance
            if role == "actor" and targets:  # both named: the targets narrow each actor's claims
                rows.extend({**row, "target": NamedNode(t)} for t in targets)
                continue
            rows.append(row)
    return rows


@dataclass(frozen=True, slots=True)
class Narrowing:
    """Soft conditions a question puts on its claims, pushed into SPARQL when a store holds more
    matching claims than FETCH_CAP: topics (or "other"), word stems of the incident terms (a superset of
    what ``term_score`` counts: every word it matches starts with the stem), the parties preferred as
    targets; and the kinds of party asked for ("which states ..."), kept at every level."""

    topics: tuple[str, ...] = ()
    stems: tuple[str, ...] = ()
    soft_targets: tuple[str, ...] = ()
    target_kind: str | None = None
    actor_kind: str | None = None

    def levels(self) -> list[dict[str, list[Term]]]:
        """Sets of conditions to try, narrowest first."""
        parts = {
            "stem": [Literal(s) for s in self.stems],
            "topicWanted": [topic_iri(t) for t in (*self.topics, "other")] if self.topics else [],
            "softTarget": [NamedNode(t) for t in self.soft_targets],
        }
        kinds = {"targetClass": _classes(self.target_kind), "actorClass": _classes(self.actor_kind)}
        parts = {k: v for k, v in parts.items() if v}
        kinds = {k: v for k, v in kinds.items() if v}
        order = [
            ("stem", "topicWanted", "softTarget"),
            ("stem", "topicWanted"),
            ("stem",),
            ("topicWanted",),
            (),
        ]
        levels: list[dict[str, list[Term]]] = []
        for names in order:
            level = {**{n: parts[n] for n in names if n in parts}, **kinds}
            if level and level not in levels:
                levels.append(level)
        return levels


def _classes(kind: str | None) -> list[Term]:
    """The classes of a kind of party ("state": akg:State)."""
    if kind == "state":
        return [akg("State")]
    return [akg(cls) for cls, name in CLASS_TYPES.items() if name == kind]


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


def _claim(
    row: dict[str, Any], kinds: dict[tuple[str, str], tuple[str, bool, str]], rebuts: tuple[str, ...]
) -> FoundClaim:
    graph = _text(row, "g")
    actor_type, _, affiliation = kinds.get((graph, _text(row, "actor")), ("unknown", False, ""))
    target_type, target_state, target_affiliation = kinds.get(
        (graph, _text(row, "target")), ("unknown", False, "")
    )
    return FoundClaim(
        iri=_text(row, "claim"),
        actor=_text(row, "actorName"),
        actor_iri=_text(row, "actor"),
        actor_type=actor_type,
        affiliation=affiliation,
        stance=_text(row, "stance").removeprefix(STANCE),
        target=_text(row, "targetName"),
        target_iri=_text(row, "target"),
        target_type=target_type,
        target_state=target_state,
        target_affiliation=target_affiliation,
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
        rebuts=rebuts,
    )
