"""The flat claim view read a page at a time, the same way on every store.

``claims.rq`` gives the whole view in one query, but the engine then evaluates and sorts every matching
claim (with a dozen OPTIONALs each) before the first row comes out. Here the view is read in steps whose
cost follows the page, not the store:

1. articles in id order, a window at a time (``claim_articles*.rq``; with an actor or target filter,
   only the articles where those parties appear, ``claim_party_articles.rq``);
2. the claims of a window, filtered, sorted and cut after the keyset position (``claim_page.rq``);
3. the descriptions of that page's parties and its rebuttal links (``claim_parties.rq``,
   ``claim_rebuts.rq``).

The order is claims.rq's: article id, start, end, claim IRI. A page's position is an opaque cursor
(:func:`encode_position`). Every user value is bound in a VALUES block (kg.graph.sparql), never pasted.
"""

from __future__ import annotations

import base64
import contextlib
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from pyoxigraph import Literal, NamedNode

from kg.errors import InputError
from kg.graph.records import ClaimFilter, ClaimRecord
from kg.graph.sparql import Term, inject_rows_in_graph, values_block
from kg.graph.views import claim_bindings, full_row, load_query, party_columns, record_from_row

Select = Callable[[str], Iterable[Mapping[str, Any]]]
Position = tuple[str, int, int, str]  # article id, start, end, claim IRI
FIRST_WINDOW = 16  # articles in the first window of a page; each further window is four times larger
MAX_WINDOW = 400  # larger VALUES blocks make Oxigraph slower per claim (measured)
STREAM_WINDOW = 400  # articles per step when streaming every claim
REBUTTALS_GRAPH_KEYWORD = "rebuttals> {"
ARTICLE_FILTERS = ("fArticle", "fFrom", "fTo")
PARTY_ROLES = {"fActor": "https://w3id.org/attribution-kg/ontology#claimant",
               "fTarget": "https://w3id.org/attribution-kg/ontology#target"}  # fmt: skip


def encode_position(position: Position) -> str:
    """An opaque cursor for the position after which the next page starts."""
    raw = json.dumps(list(position), separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_position(cursor: str) -> Position:
    """The position a cursor of :func:`encode_position` stands for; InputError when it is not one."""
    try:
        article, start, end, claim = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not all(isinstance(v, str) for v in (article, claim)):
            raise ValueError("bad types")
        return str(article), int(start), int(end), str(claim)
    except (ValueError, TypeError, UnicodeDecodeError):
        raise InputError("the cursor is not valid; use the cursor of a previous page") from None


def _bound(query: str, values: Mapping[str, Term], rows: Sequence[Sequence[Term]] = ((),), names=()) -> str:
    """``query`` with ``values`` (one row, repeated) and per-row ``names``/``rows`` bound in its GRAPH group."""
    heads = list(names) + list(values)
    body = [list(row) + list(values.values()) for row in rows]
    return inject_rows_in_graph(query, heads, body) if heads else query


def _windows(select: Select, bindings: dict[str, str], start: str | None, first: int) -> Iterator[list[Term]]:
    """Article IRIs in id order, from article id ``start`` (inclusive), in growing windows."""
    party_articles = _party_articles(select, bindings)
    if party_articles is not None:
        chosen = [a for a in party_articles if start is None or a[0] >= start]
        size = first
        while chosen:
            yield [NamedNode(iri) for _, iri in chosen[:size]]
            chosen, size = chosen[size:], min(size * 4, MAX_WINDOW)
        return
    dated = "fFrom" in bindings or "fTo" in bindings
    query = load_query("claim_articles_dated" if dated else "claim_articles")
    values: dict[str, Term] = {k: Literal(v) for k, v in bindings.items() if k in ("fFrom", "fTo")}
    if "fArticle" in bindings:
        values["articleId"] = Literal(bindings["fArticle"])
    if start is not None:
        values["fromArticle"] = Literal(start)
    size = first
    while True:
        rows = list(select(_bound(query, values) + f"\nLIMIT {int(size)}"))
        if rows:
            yield [NamedNode(str(row["article"])) for row in rows]
        if len(rows) < size:
            return
        values.pop("fromArticle", None)
        values["pastArticle"] = Literal(str(rows[-1]["articleId"]))
        size = min(size * 4, MAX_WINDOW)


def _party_articles(select: Select, bindings: dict[str, str]) -> list[tuple[str, str]] | None:
    """(article id, article IRI) of the articles where the filtered actor/target appear, sorted; None
    without such a filter. The claim page query then checks each claim exactly."""
    found: set[tuple[str, str]] | None = None
    for variable, role in PARTY_ROLES.items():
        if variable not in bindings:
            continue
        parties = _parties_named(select, bindings[variable])
        rows = [[NamedNode(role), party] for party in parties]
        articles = set()
        if rows:
            query = _bound(load_query("claim_party_articles"), {}, rows, ("role", "party"))
            articles = {(str(r["articleId"]), str(r["article"])) for r in select(query)}
        found = articles if found is None else found & articles
    return None if found is None else sorted(found)


def _parties_named(select: Select, name: str) -> list[NamedNode]:
    """The IRIs a filter value stands for: itself when it is an IRI (no label is an IRI, and looking
    labels up scans every one of them), else every party labelled so."""
    if name.startswith(("http://", "https://")):
        with contextlib.suppress(ValueError):  # not a valid IRI: only a name
            return [NamedNode(name)]
    query = _bound(load_query("claim_party_names"), {"name": Literal(name)})
    return [NamedNode(str(row["party"])) for row in select(query)]


def _page_rows(
    select: Select, articles: list[Term], bindings: dict[str, str], after: Position | None
) -> list[Mapping[str, Any]]:
    """claim_page.rq rows of the claims of ``articles`` that pass the filters and come after ``after``."""
    values: dict[str, Term] = {k: Literal(v) for k, v in bindings.items() if k != "fArticle"}
    if after is not None:
        values.update(afterArticle=Literal(after[0]), afterStart=Literal(after[1]),
                      afterEnd=Literal(after[2]), afterClaim=Literal(after[3]))  # fmt: skip
    query = _bound(load_query("claim_page"), values, [[a] for a in articles], ("article",))
    return list(select(query))


def _records(select: Select, rows: Sequence[Mapping[str, Any]]) -> list[ClaimRecord]:
    """Complete page rows with their parties and rebuttal links, as records."""
    if not rows:
        return []
    pairs = {(str(r[role]), str(r["g"])) for r in rows for role in ("actor", "target") if r.get(role)}
    query = _bound(load_query("claim_parties"), {}, [[NamedNode(p), NamedNode(g)] for p, g in sorted(pairs)],
                   ("party", "g"))  # fmt: skip
    parties = party_columns(select(query))
    rebuts: dict[str, list[str]] = {}
    claims = sorted({str(r["claim"]) for r in rows})
    query = load_query("claim_rebuts")
    keyword_at = query.index(REBUTTALS_GRAPH_KEYWORD) + len(REBUTTALS_GRAPH_KEYWORD)
    query = (
        query[:keyword_at] + values_block(["claim"], [[NamedNode(c)] for c in claims]) + query[keyword_at:]
    )
    for row in select(query):
        rebuts.setdefault(str(row["claim"]), []).append(str(row["rebutted"]))
    return [record_from_row(full_row(r, parties, rebuts.get(str(r["claim"]), ()))) for r in rows]


def _position(row: Mapping[str, Any]) -> Position:
    return str(row["articleId"]), int(row["start"]), int(row["end"]), str(row["claim"])


def claims_page(
    select: Select, filters: ClaimFilter | None, after: str | None, limit: int
) -> tuple[list[ClaimRecord], str | None]:
    """Up to ``limit`` claims after the cursor ``after`` (None: from the start) and the cursor of the
    next page (None when this is the last)."""
    if limit < 1:
        raise InputError("the page size must be at least 1")
    bindings = claim_bindings(filters)
    position = decode_position(after) if after else None
    rows: list[Mapping[str, Any]] = []
    for window in _windows(select, bindings, position[0] if position else None, FIRST_WINDOW):
        rows += _page_rows(select, window, bindings, position)
        if len(rows) > limit:
            break
    page = rows[:limit]
    following = encode_position(_position(page[-1])) if len(rows) > limit else None
    return _records(select, page), following


def stream_claims(select: Select, filters: ClaimFilter | None, batch: int = 1000) -> Iterator[ClaimRecord]:
    """Every claim matching ``filters`` in the view's order, read a window of articles at a time."""
    bindings = claim_bindings(filters)
    for window in _windows(select, bindings, None, STREAM_WINDOW):
        rows = _page_rows(select, window, bindings, None)
        for start in range(0, len(rows), max(1, batch)):
            yield from _records(select, rows[start : start + max(1, batch)])
