"""The SPARQL 1.1 Protocol's query operation over HTTP: reading the request, refusing updates, choosing the
result format. Running the query is the store's job (``Store.query_raw``)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from api.negotiation import choose
from api.problems import NotAcceptable
from kg.errors import Forbidden, InputError, UnsupportedMediaType
from kg.graph.sparql import UPDATE_FORMS, query_form

SPARQL_JSON = "application/sparql-results+json"
SPARQL_XML = "application/sparql-results+xml"
TURTLE = "text/turtle"
N_TRIPLES = "application/n-triples"
JSON_LD = "application/ld+json"
RDF_XML = "application/rdf+xml"

# What a client may ask for (in our order of preference) -> the media type the store serialises.
RESULT_TYPES: dict[str, str] = {
    SPARQL_JSON: SPARQL_JSON,
    "application/json": SPARQL_JSON,
    SPARQL_XML: SPARQL_XML,
    "application/xml": SPARQL_XML,
    "text/xml": SPARQL_XML,
    "text/csv": "text/csv",
    "text/tab-separated-values": "text/tab-separated-values",
}
GRAPH_TYPES: dict[str, str] = {
    TURTLE: TURTLE,
    "application/turtle": TURTLE,
    "application/x-turtle": TURTLE,
    N_TRIPLES: N_TRIPLES,
    JSON_LD: JSON_LD,
    "application/x-json+ld": JSON_LD,
    RDF_XML: RDF_XML,
}
QUERY_FORMS = {"SELECT": RESULT_TYPES, "ASK": RESULT_TYPES, "CONSTRUCT": GRAPH_TYPES, "DESCRIBE": GRAPH_TYPES}
UPDATE_REFUSED = (
    "SPARQL updates are not accepted on this endpoint; add or remove articles with POST/DELETE /articles"
)
FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"


@dataclass(frozen=True, slots=True)
class ProtocolRequest:
    query: str
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise InputError(f"'{name}' must be given once, not {len(values)} times")
    return values[0] if values else None


def from_params(params: dict[str, list[str]], body_query: str | None = None) -> ProtocolRequest:
    """A protocol request from decoded parameters (URL query string or form body)."""
    if "update" in params:
        raise Forbidden(UPDATE_REFUSED)
    query = body_query if body_query is not None else _one(params, "query")
    if query is None or not query.strip():
        raise InputError("missing the 'query' parameter (SPARQL 1.1 Protocol)")
    if body_query is not None and "query" in params:
        raise InputError("give the query either in the body or as the 'query' parameter, not both")
    return ProtocolRequest(
        query=query,
        default_graphs=tuple(params.get("default-graph-uri", [])),
        named_graphs=tuple(params.get("named-graph-uri", [])),
    )


def decode_params(raw: bytes | str) -> dict[str, list[str]]:
    text = raw.decode("utf-8", errors="strict") if isinstance(raw, bytes) else raw
    return parse_qs(text, keep_blank_values=True, strict_parsing=False)


def from_post(content_type: str | None, body: bytes, url_params: dict[str, list[str]]) -> ProtocolRequest:
    """A protocol request from a POST: a form, or a query (or an update, refused) sent directly."""
    media_type = (content_type or "").split(";")[0].strip().lower()
    try:
        if media_type == FORM:
            return from_params(decode_params(body))
        if media_type == SPARQL_QUERY:
            return from_params(url_params, body.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError("the request body is not UTF-8") from None
    if media_type == SPARQL_UPDATE:
        raise Forbidden(UPDATE_REFUSED)
    raise UnsupportedMediaType(
        f"POST /sparql takes {FORM} or {SPARQL_QUERY}, not {media_type or 'a body without Content-Type'}"
    )


def check_dataset(request: ProtocolRequest) -> None:
    """This endpoint answers over the union of all article graphs; a protocol-level dataset is refused."""
    if request.default_graphs or request.named_graphs:
        raise InputError(
            "default-graph-uri and named-graph-uri are not supported here: the default graph is the union of "
            "all article graphs; use FROM, FROM NAMED or GRAPH inside the query instead"
        )


def result_media_type(query: str, accept: str | None) -> str:
    """The media type to serialise the result in; refuses updates; 406 when nothing acceptable exists."""
    form = query_form(query)
    if form in UPDATE_FORMS:
        raise Forbidden(UPDATE_REFUSED)
    # Text that is no query at all is refused by the store with the reason; negotiate as for SELECT meanwhile.
    offered = QUERY_FORMS.get(form, RESULT_TYPES)
    chosen = choose(accept, list(offered))
    if chosen is None:
        raise NotAcceptable(f"a {form or 'query'} result can be served as: {', '.join(offered)}")
    return offered[chosen]
