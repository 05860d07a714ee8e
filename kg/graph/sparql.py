"""SPARQL plumbing shared by the embedded and the remote store.

- Binding values: user values become RDF terms (:func:`kg.graph.vocab.to_term`) and reach a query as a
  ``VALUES`` block placed at the start of the top-level ``WHERE`` group, in both stores. Terms are written with pyoxigraph's N-Triples serialisation, which escapes every quote, brace
  and newline, so a value can never end the literal it is written in.
- Query forms: which of SELECT/ASK/CONSTRUCT/DESCRIBE a text is, and whether it is an update.
- Media types: the SPARQL results and RDF formats ``query_raw`` and ``dump`` can write.
- Result rows: query solutions as plain Python values, identical for both stores.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryResultsFormat,
    QuerySolution,
    RdfFormat,
    Triple,
    Variable,
    parse_query_results,
)

from kg.errors import FederationRefused, QueryError, UnsupportedMediaType
from kg.graph.records import ClaimFilter
from kg.graph.views import claim_bindings
from kg.graph.vocab import from_term, to_term

Term = NamedNode | BlankNode | Literal | Triple

_TOKENS = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
    | (?P<open>\{)
    | (?P<close>\})
    | (?P<word>[A-Za-z_][A-Za-z0-9_\-.]*)
    | (?P<space>\s+)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
STATS_KEYS = ("articles", "claims", "actors", "rebuttals", "triples")
QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_FORMS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
)
_VARIABLE_NAME = re.compile(r"^[A-Za-z0-9_]+$")


def _tokens(sparql: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, end offset) of every significant token: comments and whitespace are skipped."""
    for match in _TOKENS.finditer(sparql):
        kind = match.lastgroup or "other"
        if kind not in ("comment", "space"):
            yield kind, match.group(), match.end()


def query_form(sparql: str) -> str:
    """The first keyword after the prologue: SELECT, ASK, CONSTRUCT, DESCRIBE, or an update verb."""
    in_declaration = False
    for kind, text, _ in _tokens(sparql):
        if in_declaration:
            in_declaration = kind != "iri"
            continue
        if kind == "word" and text.upper() in ("PREFIX", "BASE"):
            in_declaration = True
            continue
        if kind == "word":
            return text.upper()
        return ""
    return ""


def refuse_updates(sparql: str) -> str:
    """The query form of ``sparql``; a QueryError for updates (anything else that is no query is left to
    the SPARQL parser, whose message says where the text goes wrong)."""
    form = query_form(sparql)
    if form in UPDATE_FORMS:
        raise QueryError("updates are not accepted here: only SELECT, ASK, CONSTRUCT and DESCRIBE queries")
    return form


def service_iris(sparql: str) -> list[str]:
    """The target of every ``SERVICE`` clause (``?var`` or a prefixed name as written, an IRI without
    its brackets). A keyword is a bare word: ``ex:service``, ``service:x`` and ``?service`` are not."""
    tokens = list(_tokens(sparql))
    targets: list[str] = []
    for index, (kind, text, end) in enumerate(tokens):
        start = end - len(text)
        if kind != "word" or text.upper() != "SERVICE":
            continue
        if (start > 0 and sparql[start - 1] == ":") or sparql[end : end + 1] == ":":
            continue
        rest = [t for t in tokens[index + 1 : index + 3] if t[1].upper() != "SILENT"]
        targets.append(_service_target(rest[0] if rest else ("other", "", 0)))
    return targets


def _service_target(token: tuple[str, str, int]) -> str:
    kind, text, _ = token
    return text[1:-1] if kind == "iri" else text


def refuse_federation(sparql: str, allowed: Sequence[str] = ()) -> None:
    """A FederationRefused error when the query has a ``SERVICE`` clause whose target is not an IRI
    starting with one of ``allowed`` (KG_SPARQL_SERVICE_ALLOW, empty by default): a SERVICE clause makes
    the engine send an HTTP request to any address the client names (server-side request forgery)."""
    for target in service_iris(sparql):
        if target.startswith(("http://", "https://")) and any(target.startswith(a) for a in allowed if a):
            continue
        raise FederationRefused(
            f"SERVICE {target or '(no target)'} refused: federated queries are off "
            "(the server does not send requests on a client's behalf; KG_SPARQL_SERVICE_ALLOW lists "
            "the endpoints an operator allows)"
        )


def check_query(sparql: str, allowed_services: Sequence[str] = ()) -> str:
    """The query form of ``sparql``, after refusing updates and federation (every user query passes
    here before it reaches a store)."""
    form = refuse_updates(sparql)
    refuse_federation(sparql, allowed_services)
    return form


def binding_terms(bindings: Mapping[str, Any] | None) -> dict[str, Term]:
    """Binding values as RDF terms; pyoxigraph terms pass through, plain values follow ``to_term``."""
    terms: dict[str, Term] = {}
    for name, value in (bindings or {}).items():
        key = name.lstrip("?$")
        if not _VARIABLE_NAME.match(key):
            raise QueryError(f"bad variable name for a binding: {name!r}")
        if isinstance(value, NamedNode | BlankNode | Literal | Triple):
            terms[key] = value
            continue
        if value is not None and not isinstance(value, str | int | float | bool):
            raise QueryError(f"cannot bind {type(value).__name__} to ?{key}")
        try:
            term = to_term(value)
        except ValueError as exc:  # a str that looks like an IRI but is not a valid one
            raise QueryError(f"cannot bind ?{key}: {exc}") from None
        if term is not None:
            terms[key] = term
    return terms


def claim_filter_terms(filters: ClaimFilter | None) -> dict[str, Term]:
    """Bindings of ``claims.rq``'s filter variables: always string literals ("" = any), also for IRIs,
    which the query compares with ``STR(?actor)``."""
    return {name: Literal(value) for name, value in claim_bindings(filters).items()}


def values_block(names: Sequence[str], rows: Iterable[Sequence[Term]]) -> str:
    """``VALUES (?a ?b) { (t1 t2) ... }`` with every term in its escaped N-Triples form."""
    head = " ".join(f"?{name}" for name in names)
    body = " ".join("(" + " ".join(str(term) for term in row) + ")" for row in rows)
    return f" VALUES ({head}) {{ {body} }} "


def inject_rows(sparql: str, names: Sequence[str], rows: Sequence[Sequence[Term]]) -> str:
    """``sparql`` with a VALUES block at the start of its top-level WHERE group.

    Bound variables are thereby in scope for the whole top-level group; named queries keep the filters
    on bound variables in that group (a filter nested inside ``GRAPH ?g { }`` would not see them).
    """
    if not names:
        return sparql
    form = query_form(sparql)
    if form not in ("SELECT", "ASK"):
        raise QueryError(f"bindings are supported for SELECT and ASK queries, not {form or 'this text'}")
    for kind, _, end in _tokens(sparql):
        if kind == "open":
            return sparql[:end] + values_block(names, rows) + sparql[end:]
    raise QueryError("query has no WHERE group to bind values in")


def inject_rows_in_graph(sparql: str, names: Sequence[str], rows: Sequence[Sequence[Term]]) -> str:
    """``sparql`` with a VALUES block at the start of its first ``GRAPH ... { }`` group.

    For the paged claim queries: Oxigraph starts from bound values placed there, whereas a VALUES
    block of the top-level group is joined only after the GRAPH group (with its OPTIONALs) has been
    evaluated over the whole store. The variables stay visible to the filters of the top-level group.
    """
    after_graph = False
    for kind, text, end in _tokens(sparql):
        if kind == "word" and text.upper() == "GRAPH":
            after_graph = True
        elif kind == "open" and after_graph:
            return sparql[:end] + values_block(names, rows) + sparql[end:]
    raise QueryError("query has no GRAPH group to bind values in")


def fill_values(sparql: str, name: str, terms: Sequence[Term] | None) -> str:
    """``sparql`` with every empty ``VALUES ?name { }`` block filled with ``terms``, or removed when
    ``terms`` is None (no restriction).

    For named updates scoped by a set of values: SPARQL Update has no bindings, and a subquery only sees
    the values given inside it, so the text marks each place where the values belong."""
    tokens = list(_tokens(sparql))
    pattern = [("word", "VALUES"), ("var", f"?{name}"), ("open", "{"), ("close", "}")]
    cuts = [
        (tokens[i][2] - len(tokens[i][1]), tokens[i + 3][2])
        for i in range(len(tokens) - 3)
        if [(kind, text.upper() if kind == "word" else text) for kind, text, _ in tokens[i : i + 4]]
        == pattern
    ]
    if not cuts:
        raise QueryError(f"query has no empty VALUES block for ?{name}")
    block = "" if terms is None else f"VALUES ?{name} {{ {' '.join(str(t) for t in terms)} }}"
    for start, end in reversed(cuts):
        sparql = sparql[:start] + block + sparql[end:]
    return sparql


def inject_values(sparql: str, terms: Mapping[str, Term]) -> str:
    """``sparql`` with one row of bound ``terms`` (see :func:`inject_rows`)."""
    return inject_rows(sparql, list(terms), [list(terms.values())])


# --- media types ---------------------------------------------------------------------------------------

RESULT_MEDIA_TYPES: dict[str, QueryResultsFormat] = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
RDF_MEDIA_TYPES: dict[str, RdfFormat] = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "text/plain": RdfFormat.N_TRIPLES,
    "application/n-quads": RdfFormat.N_QUADS,
    "application/trig": RdfFormat.TRIG,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/rdf+xml": RdfFormat.RDF_XML,
}
DEFAULT_RESULTS = QueryResultsFormat.JSON
DEFAULT_GRAPH_FORMAT = RdfFormat.TURTLE


def _essence(media_type: str) -> str:
    return media_type.split(";", 1)[0].strip().lower()


def results_format(media_type: str) -> QueryResultsFormat:
    """The SPARQL results format for a SELECT/ASK answer; ``*/*`` or "" gives SPARQL JSON."""
    essence = _essence(media_type)
    if essence in ("", "*/*", "application/*", "text/*"):
        return DEFAULT_RESULTS
    if essence in RESULT_MEDIA_TYPES:
        return RESULT_MEDIA_TYPES[essence]
    raise UnsupportedMediaType(
        f"cannot write SELECT/ASK results as {media_type!r}; use one of {', '.join(RESULT_MEDIA_TYPES)}"
    )


def graph_format(media_type: str) -> RdfFormat:
    """The RDF format for a CONSTRUCT/DESCRIBE answer or a dump; ``*/*`` or "" gives Turtle."""
    essence = _essence(media_type)
    if essence in ("", "*/*", "application/*", "text/*"):
        return DEFAULT_GRAPH_FORMAT
    if essence in RDF_MEDIA_TYPES:
        return RDF_MEDIA_TYPES[essence]
    raise UnsupportedMediaType(f"cannot write RDF as {media_type!r}; use one of {', '.join(RDF_MEDIA_TYPES)}")


# --- result rows ---------------------------------------------------------------------------------------


def plain_rows(variables: Sequence[Variable], solutions: Iterable[QuerySolution]) -> Iterator[dict[str, Any]]:
    """Each solution as ``{variable name: plain value or None}``."""
    names = [v.value for v in variables]
    for solution in solutions:
        yield {name: from_term(solution[name]) for name in names}


def solutions_as_tsv(variables: Sequence[Variable], solutions: Iterable[QuerySolution]) -> bytes:
    """SPARQL TSV of ``solutions``: a lossless carrier that pyoxigraph can re-read and re-serialise."""
    lines = ["\t".join(f"?{v.value}" for v in variables)]
    for solution in solutions:
        lines.append("\t".join("" if solution[v] is None else str(solution[v]) for v in variables))
    return ("\n".join(lines) + "\n").encode("utf-8")


def reserialise_solutions(tsv: bytes, fmt: QueryResultsFormat) -> bytes:
    """SPARQL TSV re-written in ``fmt`` by pyoxigraph's own results writers."""
    return parse_query_results(tsv, QueryResultsFormat.TSV).serialize(format=fmt) or b""


def parse_json_rows(body: bytes) -> tuple[list[Variable], list[QuerySolution]]:
    """A SPARQL JSON SELECT result (from a remote endpoint) as pyoxigraph solutions."""
    results = parse_query_results(body, QueryResultsFormat.JSON)
    return list(results.variables), list(results)
