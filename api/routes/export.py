"""``GET /export/{format}``: the whole graph, or the filtered claims, in an export format, streamed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from api.deps import FilterDep, SettingsDep, StoreDep, reject_unknown_params
from api.problems import problem_responses
from api.streaming import stream_writer
from kg import export as exports
from kg.errors import NotFound

router = APIRouter(tags=["export"], dependencies=[Depends(reject_unknown_params)])


def _responses() -> dict[int | str, dict[str, Any]]:
    # JSON formats (STIX, JSON-LD) are documents of their own schema; the others are text.
    content = {
        exports.media_type(fmt): {"schema": {} if "json" in exports.media_type(fmt) else {"type": "string"}}
        for fmt in exports.FORMATS
    }
    return {200: {"description": "The export, streamed", "content": content}, **problem_responses(400, 404)}


@router.get("/export/{format}", response_class=StreamingResponse, responses=_responses())
async def export(
    format: Annotated[str, Path(description="Export format", examples=list(exports.FORMATS))],
    store: StoreDep,
    settings: SettingsDep,
    filters: FilterDep,
) -> StreamingResponse:
    """Export in one of the formats of ``kg export`` (GEXF, GraphML, STIX 2.1, MISP, Turtle, N-Quads, JSON-LD, CSV)."""
    if format not in exports.FORMATS:
        raise NotFound(f"no export format '{format}' (formats: {', '.join(exports.FORMATS)})")
    chunks = await run_in_threadpool(
        stream_writer, lambda out: exports.export(store, format, out, filters, tlp=settings.tlp)
    )
    filename = f"attribution-kg.{exports.file_extension(format)}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    return StreamingResponse(chunks, media_type=exports.media_type(format), headers=headers)
