"""``GET|POST /sparql``: the SPARQL 1.1 Protocol query operation; updates are refused."""

from __future__ import annotations

from typing import Annotated, Any

import anyio
from fastapi import APIRouter, Query, Request, Response

from api.deps import SettingsDep, StoreDep
from api.problems import problem_responses
from api.sparql_protocol import (
    FORM,
    GRAPH_TYPES,
    RESULT_TYPES,
    SPARQL_QUERY,
    ProtocolRequest,
    check_dataset,
    decode_params,
    from_params,
    from_post,
    result_media_type,
)
from kg.graph.store import Store

router = APIRouter(tags=["sparql"])
RESULT_CONTENT: dict[str, Any] = {t: {"schema": {}} for t in dict.fromkeys([*RESULT_TYPES, *GRAPH_TYPES])}
RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"description": "Query results in the negotiated format", "content": RESULT_CONTENT},
    **problem_responses(400, 403, 406, 415, 429, 503),
}
POST_BODY = {
    "required": True,
    "content": {
        FORM: {
            "schema": {
                "type": "object",
                "properties": {
                    "query": {"type": "string"},
                    "default-graph-uri": {"type": "array", "items": {"type": "string"}},
                    "named-graph-uri": {"type": "array", "items": {"type": "string"}},
                },
                "required": ["query"],
            }
        },
        SPARQL_QUERY: {"schema": {"type": "string"}},
    },
}


async def _run(store: Store, request: ProtocolRequest, accept: str | None, timeout: float) -> Response:
    check_dataset(request)
    media_type = result_media_type(request.query, accept)
    # The store stops the query itself past the timeout (a worker process is killed, or the remote
    # endpoint's HTTP timeout ends the call), so this thread returns when the query is really over.
    body, content_type = await anyio.to_thread.run_sync(
        store.query_bounded, request.query, media_type, timeout
    )
    return Response(body, media_type=content_type, headers={"Vary": "Accept"})


@router.get("/sparql", responses=RESPONSES)
async def sparql_get(
    request: Request,
    store: StoreDep,
    settings: SettingsDep,
    query: Annotated[str, Query(description="A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE)")],
    default_graph_uri: Annotated[list[str] | None, Query(alias="default-graph-uri")] = None,
    named_graph_uri: Annotated[list[str] | None, Query(alias="named-graph-uri")] = None,
) -> Response:
    """Run a read-only SPARQL query given as the ``query`` parameter; the result format follows ``Accept``."""
    protocol = from_params(decode_params(request.url.query))
    return await _run(store, protocol, request.headers.get("accept"), settings.sparql_timeout)


@router.post("/sparql", responses=RESPONSES, openapi_extra={"requestBody": POST_BODY})
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """Run a query sent as a form (``query=...``) or directly (``application/sparql-query``)."""
    body = await request.body()
    protocol = from_post(request.headers.get("content-type"), body, decode_params(request.url.query))
    return await _run(store, protocol, request.headers.get("accept"), settings.sparql_timeout)
