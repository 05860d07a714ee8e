"""What each page of the web UI shows, read through the same functions and named queries as the JSON API
(``Store.claims_page``, ``kg.ask.answer``, the routes' own readers); the templates only lay it out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from api.routes.actors import ACTOR_PREFIX, find_actors, get_actor
from api.routes.articles import article_meta
from api.routes.claims import claims_cursor
from api.ui.highlight import Segment, segments
from kg.errors import NotFound
from kg.graph.records import ClaimFilter, ClaimRecord
from kg.graph.store import Store
from kg.graph.views import claim_bindings, load_query
from kg.graph.vocab import ID
from kg.models import STANCES, TOPICS

CLAIM_PREFIX = ID + "claim/"
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


def home(store: Store) -> dict[str, Any]:
    """Counts, the latest articles, the most accused and the most denying parties."""

    def top(stance: str, role: str) -> list[dict[str, Any]]:
        rows = store.select(load_query("ui_top_parties"), {"fStance": stance, "fRole": role})
        return [{"iri": str(r["party"]), "name": r["name"], "claims": int(r["claims"] or 0)} for r in rows]

    return {
        "counts": store.stats(),
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
    return ClaimsView(filters, rows, after, following, limit, sort, facets(store, filters))


def _sort_value(record: ClaimRecord, key: str) -> Any:
    if key == "actor":
        return record.actor.name.lower()
    if key == "confidence":
        return record.confidence
    return getattr(record, key) or ""


def facets(store: Store, filters: ClaimFilter) -> dict[str, list[tuple[str, int]]]:
    """Claims per stance and per topic among those matching ``filters`` (each facet ignoring its own
    filter would hide nothing an analyst needs here: a chosen value shows its own count)."""
    found: dict[str, list[tuple[str, int]]] = {"stance": [], "topic": []}
    for row in store.select(load_query("ui_facets"), claim_bindings(filters)):
        found[str(row["facet"])].append((str(row["value"]), int(row["claims"] or 0)))
    return found


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
    found = store.select(load_query("ui_claim"), {"claim": iri})
    if not found:
        raise NotFound(f"no claim '{ident}'")
    row = found[0]
    article_id = str(row["articleId"])
    records = list(store.claims(ClaimFilter(article=article_id)))
    record = next((r for r in records if r.iri == iri), None)
    if record is None:
        raise NotFound(f"no claim '{ident}' in article '{article_id}'")
    meta = _article(store, article_id)
    links = store.select(load_query("ui_claim_links"), {"claim": iri})
    return ClaimView(
        record=record,
        article=meta,
        cue=_text(row.get("cue")),
        agent=_text(row.get("agent")),
        segments=segments(records, meta.get("textLength"), lambda r: r.iri == iri),
        links=[dict(link) for link in links],
    )


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _article(store: Store, article_id: str) -> dict[str, Any]:
    rows = store.select(load_query("articles"), {"fArticle": article_id})
    if not rows:
        raise NotFound(f"no article '{article_id}'")
    meta = article_meta(store, article_id)[0]
    length = rows[0].get("textLength")
    return meta | {"textLength": int(length) if length is not None else None}


def article(store: Store, article_id: str) -> dict[str, Any]:
    """An article, its claims, and its known text with every claim's evidence marked by stance."""
    meta = _article(store, article_id)
    records = list(store.claims(ClaimFilter(article=article_id)))
    return {
        "article": meta,
        "claims": records,
        "segments": segments(records, meta.get("textLength")),
        "stances": sorted({r.stance for r in records}, key=STANCES.index),
    }


def actor(store: Store, ident: str) -> dict[str, Any]:
    """The JSON API's actor record (``GET /actors/{id}``) with the timeline's dates merged."""
    record = get_actor(ident, store, limit=50)
    months: dict[str, dict[str, int]] = {}
    for side in ("claimed", "claimed_about"):
        for group in record[side]:
            for point in group["timeline"]:
                month = (point["date"] or "undated")[:7]
                counts = months.setdefault(month, {})
                key = f"{side}:{group['stance']}"
                counts[key] = counts.get(key, 0) + point["count"]
    return record | {"timeline": sorted(months.items())}


def actors(store: Store, q: str, limit: int = 200) -> list[dict[str, Any]]:
    return find_actors(store, q=q, limit=limit)


def stance_names() -> Sequence[str]:
    return STANCES


def topic_names() -> Sequence[str]:
    return TOPICS


def articles(store: Store) -> list[dict[str, Any]]:
    """Every stored article with its metadata and claim count (``GET /articles``'s rows), latest first."""
    return sorted(article_meta(store), key=lambda a: (str(a["date"] or ""), a["id"]), reverse=True)
