"""What each page of the web UI shows, read through the same functions and named queries as the JSON API
(``Store.claims_page``, ``kg.ask.answer``, the routes' own readers); the templates only lay it out."""

from __future__ import annotations

import weakref
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import urlencode

from pyoxigraph import Literal, NamedNode

from api.routes.actors import ACTOR_PREFIX, _summary, find_actors
from api.routes.articles import article_meta
from api.routes.claims import claims_cursor
from api.ui.highlight import Segment, segments
from kg.errors import NotFound
from kg.graph.article_text import stored_text
from kg.graph.records import ClaimFilter, ClaimRecord
from kg.graph.sparql import inject_rows_in_graph
from kg.graph.store import Store
from kg.graph.views import claim_bindings, load_query
from kg.graph.vocab import ID
from kg.models import STANCES, TOPICS

CLAIM_PREFIX = ID + "claim/"
T = TypeVar("T")
FILTER_FIELDS = ("stance", "topic", "actor", "target", "article", "date_from", "date_to")
PAGE_SIZES = (25, 50, 100, 200)
# sort key of the rows of one page; "" keeps the store's stable order (article, then offset)
SORTS: dict[str, tuple[str, bool]] = {
    "": ("", False),
    "date": ("date", False),
    "-date": ("date", True),
    "confidence": ("confidence", False),
    "-confidence": ("confidence", True),
    "actor": ("actor", False),
    "stance": ("stance", False),
}


def claim_id(iri: str) -> str:
    return iri.removeprefix(CLAIM_PREFIX)


def actor_id(iri: str) -> str | None:
    """The id of an actor page, or None for an IRI that is not an actor (an act, a topic)."""
    return iri.removeprefix(ACTOR_PREFIX) if iri.startswith(ACTOR_PREFIX) else None


_CACHE: weakref.WeakKeyDictionary[Any, dict[tuple[int, str], Any]] = weakref.WeakKeyDictionary()
_CACHE_SIZE = 256  # entries per store


def cached(store: Store, key: str, compute: Callable[[], T]) -> T:
    """``compute()``, remembered until the store's next write: store-wide aggregates (counts, rankings,
    facets, the actor list) cost seconds in a large store and change only when it does. Only a store
    that counts its writes (the embedded store, which this process alone opens) is cached."""
    generation = getattr(store, "generation", None)
    if not isinstance(generation, int):
        return compute()
    entries = _CACHE.setdefault(store, {})
    slot = (generation, key)
    if slot not in entries:
        if len(entries) >= _CACHE_SIZE or any(g != generation for g, _ in entries):
            entries.clear()
        entries[slot] = compute()
    return entries[slot]


def home(store: Store) -> dict[str, Any]:
    """Counts, the latest articles, the most accused and the most denying parties."""
    return cached(store, "home", lambda: _home(store))


def _home(store: Store) -> dict[str, Any]:

    def top(stance: str, role: str) -> list[dict[str, Any]]:
        rows = store.select(load_query("ui_top_parties"), {"fStance": stance, "fRole": role})
        return [{"iri": str(r["party"]), "name": r["name"], "claims": int(r["claims"] or 0)} for r in rows]

    return {
        "counts": store.select(load_query("ui_counts"))[0],
        "latest": store.select(load_query("ui_latest_articles")),
        "accused": top("accuse", "target"),
        "denying": top("deny", "claimant"),
    }


@dataclass(frozen=True, slots=True)
class ClaimsView:
    """One page of the claims table."""

    filters: ClaimFilter
    rows: list[ClaimRecord]
    after: str | None  # the store position this page continues after (None: the first page)
    following: str | None  # the position the next page continues after (None: the last page)
    limit: int
    sort: str
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)

    def filter_params(self) -> list[tuple[str, str]]:
        return [(k, v) for k in FILTER_FIELDS if (v := getattr(self.filters, k))]

    def json_link(self) -> str:
        """``GET /claims`` giving this page's rows (in the store's order)."""
        params = self.filter_params()
        params.append(("limit", str(self.limit)))
        if self.after:
            params.append(("cursor", claims_cursor(self.after, params)))
        return f"/claims?{urlencode(params)}"

    def csv_link(self) -> str:
        """``GET /export/csv``: every claim matching the filters, as CSV."""
        return f"/export/csv?{urlencode(self.filter_params())}"

    def link(self, **changes: str | None) -> str:
        """This listing with some parameters changed (None removes one); paging restarts unless set."""
        values: dict[str, str | None] = dict(self.filter_params())
        values.update(limit=str(self.limit), sort=self.sort or None, after=None)
        values.update(changes)
        return "/ui/claims?" + urlencode([(k, v) for k, v in values.items() if v])


def claims(store: Store, filters: ClaimFilter, after: str | None, limit: int, sort: str) -> ClaimsView:
    rows, following = store.claims_page(filters, after, limit)
    key, reverse = SORTS.get(sort, ("", False))
    if key:
        rows = sorted(rows, key=lambda r: _sort_value(r, key), reverse=reverse)
    counts = cached(
        store, f"facets {sorted(claim_bindings(filters).items())}", lambda: facets(store, filters)
    )
    return ClaimsView(filters, rows, after, following, limit, sort, counts)


def _sort_value(record: ClaimRecord, key: str) -> Any:
    if key == "actor":
        return record.actor.name.lower()
    if key == "confidence":
        return record.confidence
    return getattr(record, key) or ""


def facets(store: Store, filters: ClaimFilter) -> dict[str, list[tuple[str, int]]]:
    """Claims per stance and per topic among those matching ``filters`` (a chosen value shows its own
    count). Filtered by stance and topic at most, the counts are sums over the store's (stance, topic)
    table; other filters need the claim view itself (``ui_facets_filtered.rq``, slower in a big store)."""
    bindings = claim_bindings(filters)
    if set(bindings) - {"fStance", "fTopic"}:
        found: dict[str, list[tuple[str, int]]] = {"stance": [], "topic": []}
        for row in store.select(load_query("ui_facets_filtered"), bindings):
            found[str(row["facet"])].append((str(row["value"]), int(row["claims"] or 0)))
        return found
    totals: dict[str, Counter[str]] = {"stance": Counter(), "topic": Counter()}
    for row in store.select(load_query("ui_facets")):
        stance, topic, count = str(row["stanceId"]), str(row["topicId"]), int(row["claims"] or 0)
        if filters.stance in (None, stance) and filters.topic in (None, topic):
            totals["stance"][stance] += count
            totals["topic"][topic] += count
    return {name: sorted(counts.items(), key=lambda i: (-i[1], i[0])) for name, counts in totals.items()}


@dataclass(frozen=True, slots=True)
class ClaimView:
    record: ClaimRecord
    article: dict[str, Any]
    cue: str | None
    agent: str | None
    segments: list[Segment]
    links: list[dict[str, Any]]


def claim(store: Store, ident: str) -> ClaimView:
    """One claim, its article's known text with its evidence marked, and its rebuttal links."""
    iri = CLAIM_PREFIX + ident
    found = _bound_in_graph(store, "ui_claim", "claim", iri)
    if not found:
        raise NotFound(f"no claim '{ident}'")
    row = found[0]
    article_id = str(row["articleId"])
    records = list(store.claims(ClaimFilter(article=article_id)))
    record = next((r for r in records if r.iri == iri), None)
    if record is None:
        raise NotFound(f"no claim '{ident}' in article '{article_id}'")
    meta = _article(store, article_id)
    links = _bound_in_graph(store, "ui_claim_links", "claim", iri)
    return ClaimView(
        record=record,
        article=meta,
        cue=_text(row.get("cue")),
        agent=_text(row.get("agent")),
        segments=segments(
            records, meta.get("text_length"), lambda r: r.iri == iri, stored_text(store, article_id)
        ),
        links=[dict(link) for link in links],
    )


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _article(store: Store, article_id: str) -> dict[str, Any]:
    """An article's metadata (``GET /articles/{id}``'s fields, the publisher's name aside) and length."""
    query = inject_rows_in_graph(load_query("ui_article"), ["articleId"], [[Literal(article_id)]])
    rows = store.select(query)
    if not rows:
        raise NotFound(f"no article '{article_id}'")
    row = rows[0]
    length = row.get("textLength")
    return {
        "id": article_id,
        "title": row.get("title"),
        "date": row.get("date"),
        "url": row.get("url"),
        "text_length": int(length) if length is not None else None,
    }


def article(store: Store, article_id: str) -> dict[str, Any]:
    """An article, its claims, and its known text with every claim's evidence marked by stance."""
    meta = _article(store, article_id)
    records = list(store.claims(ClaimFilter(article=article_id)))
    return {
        "article": meta,
        "claims": records,
        "segments": segments(records, meta.get("text_length"), text=stored_text(store, article_id)),
        "stances": sorted({r.stance for r in records}, key=STANCES.index),
    }


def _bound_in_graph(store: Store, query: str, variable: str, iri: str) -> list[dict[str, Any]]:
    """Rows of the named query with ``?variable`` bound to ``iri`` at the start of its first GRAPH group,
    where Oxigraph starts from it (bound at the top level, the query would first run over the whole
    store); none when ``iri`` is not a valid IRI (an id from a URL with spaces or brackets)."""
    try:
        node = NamedNode(iri)
    except ValueError:
        return []
    return store.select(inject_rows_in_graph(load_query(query), [variable], [[node]]))


def _about_actor(store: Store, query: str, iri: str) -> list[dict[str, Any]]:
    return _bound_in_graph(store, query, "actor", iri)


def actor(store: Store, ident: str) -> dict[str, Any]:
    """A party's page: names, ids, who speaks for it, its claims and those about it, by stance and month."""
    iri = ACTOR_PREFIX + ident
    found = _about_actor(store, "ui_actor", iri) if ident else []
    if not found or not found[0].get("name"):
        raise NotFound(f"no actor '{ident}' (find ids with GET /actors?q=NAME)")
    row = found[0]
    counts = _about_actor(store, "ui_actor_counts", iri)
    recent = _about_actor(store, "ui_actor_claims", iri)
    summary = _summary(row) | {"id": ident, "type": row.get("type") or "unknown"}
    summary["affiliation_iri"] = row.get("affiliationIri")
    summary["speakers"] = _about_actor(store, "ui_actor_speakers", iri)
    for side in ("claimed", "claimed_about"):
        summary[side] = _stance_groups(
            [c for c in counts if c["side"] == side], [r for r in recent if r["side"] == side], row, side
        )
    summary["timeline"] = _timeline(counts)
    return summary


def _stance_groups(
    counts: list[dict[str, Any]], recent: list[dict[str, Any]], party: dict[str, Any], side: str
) -> list[dict[str, Any]]:
    totals: Counter[str] = Counter()
    for row in counts:
        totals[str(row["stanceId"])] += int(row["claims"] or 0)
    me = {"iri": str(party["actor"]), "name": party.get("name"), "affiliation": ""}
    return [
        {
            "stance": stance,
            "count": total,
            "claims": [_card(r, me, side) for r in recent if r["stanceId"] == stance],
        }
        for stance, total in sorted(totals.items(), key=lambda i: (-i[1], i[0]))
    ]


def _card(row: dict[str, Any], me: dict[str, Any], side: str) -> dict[str, Any]:
    """A ui_actor_claims.rq row in the shape of a claim record, as the claim cards read it."""
    other = {"iri": str(row.get("other") or ""), "name": row.get("otherName") or "", "affiliation": ""}
    actor_, target = (me, other) if side == "claimed" else (other, me)
    return {
        "iri": str(row["claim"]),
        "actor": actor_,
        "target": target,
        "stance": row["stanceId"],
        "negated": bool(row.get("negated")),
        "topic": row["topicId"],
        "confidence": row["confidence"],
        "evidence": row["evidence"],
        "article": row["articleId"],
        "title": row.get("title"),
        "date": row.get("date"),
        "start": row["start"],
        "end": row["end"],
    }


def _timeline(counts: list[dict[str, Any]]) -> list[tuple[str, dict[str, int]]]:
    """Claims per month (``undated`` last), per side and stance: ``{"claimed:deny": 3, ...}``."""
    months: dict[str, Counter[str]] = {}
    for row in counts:
        month = str(row.get("date") or "undated")[:7]
        months.setdefault(month, Counter())[f"{row['side']}:{row['stanceId']}"] += int(row["claims"] or 0)
    return sorted(((m, dict(c)) for m, c in months.items()), key=lambda i: (i[0] == "undated", i[0]))


def actors(store: Store, q: str, limit: int = 200) -> list[dict[str, Any]]:
    """``GET /actors?q=``'s rows (most active first)."""
    return cached(store, f"actors {q!r} {limit}", lambda: find_actors(store, q=q, limit=limit))


def stance_names() -> Sequence[str]:
    return STANCES


def topic_names() -> Sequence[str]:
    return TOPICS


def articles(store: Store) -> list[dict[str, Any]]:
    """Every stored article with its metadata and claim count (``GET /articles``'s rows), latest first."""
    rows = cached(store, "articles", lambda: article_meta(store))
    return sorted(rows, key=lambda a: (str(a["date"] or ""), a["id"]), reverse=True)
