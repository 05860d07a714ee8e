"""Rebuttal links: which denial answers which accusation, kept up to date as articles come and go.

The rule. A non-negated denial defends a party: the party it is aimed at, the denier itself, or the
party the denier speaks for in the denial's article. It rebuts (``akg:rebuts``) non-negated accusations
against that party made by someone other than the denier:

1. every such accusation in the denial's own article, whatever the dates (the article reports both
   sides);
2. across articles, for each accuser, that accuser's latest accusation (ties on the date: the highest
   claim IRI) made since the party was last defended by a denial, up to the denial's own day: a denial
   answers where each accuser stands now, and only what has been said since the party last answered.
   Undated articles take part in (1) only.

So each accusation is answered across articles by the denials of at most one day, and the number of
links grows with the accusations, not with denials times accusers.

The upkeep. Every link is about one party (the target of its accusation), and the links about a party
depend only on the denials and accusations concerning it. The rule runs in Python over what
``rebuttal_inputs.rq`` reads (sorting each party's statements once is linear, where the same rule in
SPARQL compares every denial with every accusation), and after a write only the parties it touched are
recomputed:

1. before article graphs are replaced or dropped: note the parties their old versions touch
   (:meth:`RebuttalTracker.before_change`) and remove the links from or to their old claims;
2. after new versions are written: note the parties they touch (:meth:`RebuttalTracker.after_write`);
3. at the end of the run: replace the links about the noted parties (:meth:`RebuttalTracker.refresh`).

A run marks the derived graph (``akg:refreshPending``) before its first write and clears the mark with
its last link. A run that finds the mark of one that was killed in between recomputes every link, so a
re-run after a crash leaves the links as a full recompute would.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from pyoxigraph import NamedNode, QuerySolutions, Store

from kg.graph import sparql as sp
from kg.graph.views import load_query
from kg.graph.vocab import AKG, DERIVED_REBUTTALS_GRAPH

FULL_REFRESH_PARTIES = 2000  # beyond this many parties one full recompute beats a scoped one
GRAPHS_PER_QUERY = 200
LINKS_PER_REQUEST = 5000
# While a run of writes is under way the derived graph carries this marker; a run that finds it left
# by one that never finished (killed between a write and its refresh) recomputes every link.
_PENDING = (
    f'<{DERIVED_REBUTTALS_GRAPH}> <{AKG}refreshPending> "true"^^<http://www.w3.org/2001/XMLSchema#boolean>'
)
_MARK = f"INSERT DATA {{ GRAPH <{DERIVED_REBUTTALS_GRAPH}> {{ {_PENDING} }} }}"
_UNMARK = f"DELETE DATA {{ GRAPH <{DERIVED_REBUTTALS_GRAPH}> {{ {_PENDING} }} }}"
_IS_MARKED = f"ASK {{ GRAPH <{DERIVED_REBUTTALS_GRAPH}> {{ {_PENDING} }} }}"
Link = tuple[str, str]  # (deny claim IRI, accuse claim IRI)


class UpdatableStore(Protocol):
    """What the upkeep needs of a store (both of ours have it)."""

    def select(self, sparql: str, bindings: Any = None) -> list[dict[str, Any]]: ...

    def ask(self, sparql: str, bindings: Any = None) -> bool: ...

    def update(self, sparql: str) -> None: ...


@dataclass(frozen=True)
class Statement:
    """A denial or an accusation concerning one party."""

    claim: str
    agent: str
    article: str
    date: str | None


def party_links(denials: Iterable[Statement], accusations: Iterable[Statement]) -> set[Link]:
    """The rebuttal links about one party, from its denials and the accusations against it."""
    denials, accusations = list(denials), list(accusations)
    links: set[Link] = set()
    in_article: dict[str, list[Statement]] = defaultdict(list)
    for accusation in accusations:
        in_article[accusation.article].append(accusation)
    for denial in denials:  # (1) the denial's own article
        links.update((denial.claim, a.claim) for a in in_article[denial.article] if a.agent != denial.agent)
    dated = sorted((a for a in accusations if a.date), key=lambda a: (a.date, a.claim))
    dates = [a.date for a in dated]
    by_day: dict[str, list[Statement]] = defaultdict(list)
    for denial in denials:
        if denial.date:
            by_day[denial.date].append(denial)
    since = 0  # the first accusation made after the previous day of denials
    for day in sorted(by_day):  # (2) across articles
        until = bisect_right(dates, day)
        latest = {a.agent: a for a in dated[since:until]}  # in date order: the latest per accuser wins
        for denial in by_day[day]:
            links.update((denial.claim, a.claim) for agent, a in latest.items() if agent != denial.agent)
        since = until
    return links


def links_from_rows(rows: Iterable[dict[str, Any]]) -> set[Link]:
    """The links of every party in ``rebuttal_inputs.rq``'s rows."""
    denials: dict[str, set[Statement]] = defaultdict(set)
    accusations: dict[str, set[Statement]] = defaultdict(set)
    for row in rows:
        date = row.get("date")
        statement = Statement(
            str(row["claim"]), str(row["agent"]), str(row["article"]), str(date) if date else None
        )
        (denials if row["role"] == "deny" else accusations)[str(row["party"])].add(statement)
    links: set[Link] = set()
    for party, against in accusations.items():
        if party in denials:
            links |= party_links(denials[party], against)
    return links


def refresh_rebuttals(store: UpdatableStore | Store, parties: Iterable[NamedNode] | None = None) -> None:
    """Recompute the rebuttal links about ``parties``, or all of them (None or too many parties), and
    clear the marker of a run under way (with the last link written)."""
    chosen = None if parties is None else sorted(set(parties), key=lambda party: party.value)
    if chosen is not None and not chosen:
        store.update(_UNMARK)
        return
    if chosen is None or len(chosen) > FULL_REFRESH_PARTIES:
        clear = f"DROP SILENT GRAPH <{DERIVED_REBUTTALS_GRAPH}>"
        inputs = sp.fill_values(load_query("rebuttal_inputs"), "party", None)
    else:
        clear = sp.fill_values(load_query("rebuttals_unlink_parties"), "party", chosen)
        inputs = sp.fill_values(load_query("rebuttal_inputs"), "party", chosen)
    links = sorted(links_from_rows(_select(store, inputs)))
    requests = [
        _insert_data(links[n : n + LINKS_PER_REQUEST]) for n in range(0, len(links), LINKS_PER_REQUEST)
    ]
    requests = requests or [""]
    requests[0] = _one_request(clear, requests[0])  # the old links go with the first new ones, atomically
    requests[-1] = _one_request(requests[-1], _UNMARK)
    for request in requests:
        store.update(request)


def _marked(store: UpdatableStore | Store) -> bool:
    if isinstance(store, Store):
        return bool(store.query(_IS_MARKED))
    return store.ask(_IS_MARKED)


def _select(store: UpdatableStore | Store, query: str) -> list[dict[str, Any]]:
    """Rows of ``query`` from one of our stores or from a bare pyoxigraph Store (tests, scripts)."""
    if isinstance(store, Store):
        result = store.query(query, use_default_graph_as_union=True)
        assert isinstance(result, QuerySolutions)
        return list(sp.plain_rows(result.variables, result))
    return store.select(query)


def _insert_data(links: Sequence[Link]) -> str:
    if not links:
        return ""
    rebuts = NamedNode(AKG + "rebuts")
    body = " ".join(f"{NamedNode(deny)} {rebuts} {NamedNode(accuse)} ." for deny, accuse in links)
    return f"INSERT DATA {{ GRAPH <{DERIVED_REBUTTALS_GRAPH}> {{ {body} }} }}"


def _one_request(*updates: str) -> str:
    """Several of our update texts as one request (one transaction): their PREFIX lines first, since
    Oxigraph reads a prologue only at the start, then the operations separated by ``;``."""
    prefixes: dict[str, None] = {}
    bodies = []
    for text in updates:
        if not text:
            continue
        lines = text.splitlines()
        prefixes.update(dict.fromkeys(line for line in lines if line.startswith("PREFIX ")))
        bodies.append("\n".join(line for line in lines if not line.startswith("PREFIX ")))
    return "\n".join(prefixes) + "\n" + " ;\n".join(bodies)


class RebuttalTracker:
    """Collects the parties a run of writes touches, then refreshes their links once."""

    def __init__(self, store: UpdatableStore | Store) -> None:
        self.store = store
        self.parties: set[NamedNode] = set()
        self.marked = False  # this run has marked the derived graph as being refreshed
        self.recover = False  # an earlier run stopped between a write and its refresh

    def before_change(self, graphs: Sequence[NamedNode]) -> None:
        """Call before every write (with the graphs it replaces or drops, if any): notes their old
        claims' parties and removes their links; the first call of a run marks the refresh pending."""
        self._mark()
        if not graphs:
            return
        self._note_parties(graphs)
        for chunk in _chunks(graphs):
            self.store.update(sp.fill_values(load_query("rebuttals_unlink_graphs"), "g", chunk))

    def after_write(self, graphs: Sequence[NamedNode]) -> None:
        """Call after writing new versions of ``graphs``."""
        if graphs:
            self._note_parties(graphs)

    def refresh(self) -> None:
        """Recompute the links about every party noted so far (all links after an unfinished run)."""
        if self.marked:
            refresh_rebuttals(self.store, None if self.recover else self.parties)
        self.parties, self.marked, self.recover = set(), False, False

    def _mark(self) -> None:
        if not self.marked:
            self.recover = _marked(self.store)
            self.store.update(_MARK)
            self.marked = True

    def _note_parties(self, graphs: Sequence[NamedNode]) -> None:
        for chunk in _chunks(graphs):
            query = sp.fill_values(load_query("rebuttal_parties"), "g", chunk)
            for row in _select(self.store, query):
                self.parties.add(NamedNode(str(row["party"])))


def _chunks(graphs: Sequence[NamedNode]) -> Iterable[Sequence[NamedNode]]:
    for start in range(0, len(graphs), GRAPHS_PER_QUERY):
        yield graphs[start : start + GRAPHS_PER_QUERY]
