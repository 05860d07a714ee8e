"""``kg serve``: the HTTP API (and SPARQL endpoint) under uvicorn, optionally loading a folder first."""

from __future__ import annotations

from pathlib import Path

import typer

from kg.cli import app
from kg.cli.common import error_line, warning_line
from kg.settings import Settings, get_settings


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (0.0.0.0 for all)."),
    port: int | None = typer.Option(None, "--port", "-p", help="TCP port [default: KG_PORT or 8000]."),
    ingest: list[Path] = typer.Option(
        [], "--ingest", help="Files or folders to extract and store before serving (repeatable)."
    ),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
) -> None:
    """Serve the HTTP API, the SPARQL 1.1 endpoint (/sparql) and the API docs (/docs)."""
    import uvicorn

    from api.app import create_app

    settings = get_settings()
    if ingest:
        _ingest_before_serving(settings, ingest)
    if not settings.api_key_set:
        warning_line("no API keys configured (KG_API_KEYS): writes will be refused; reads are served")
    port = settings.port if port is None else port
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    typer.echo(f"kg serve: the web UI is at http://{shown}:{port}/ui/ (API docs at /docs)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, server_header=False)


def _ingest_before_serving(settings: Settings, paths: list[Path]) -> None:
    """Load the articles as ``kg ingest`` does, and close the store again before the API opens it (an
    embedded store is held by one handle at a time)."""
    from kg.graph import open_store
    from kg.graph.loader import ingest_paths

    store = open_store(settings)
    try:
        report = ingest_paths(store, paths)
    finally:
        store.close()
    for message in report.errors:
        error_line(message)
    summary = report.to_dict()
    typer.echo(
        f"kg serve: {summary['articles']} article(s) ingested ({summary['new']} new, {summary['changed']} "
        f"changed), {summary['claims']} claims, {len(report.errors)} error(s)",
        err=True,
    )
