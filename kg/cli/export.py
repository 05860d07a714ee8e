"""``kg export``: the graph (or the claims matching some filters) as GEXF, GraphML, STIX, RDF or CSV."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from kg.cli import app
from kg.cli.common import stderr
from kg.files import atomic_write
from kg.graph.records import ClaimFilter
from kg.graph.store import Store
from kg.settings import get_settings


class ExportFormat(StrEnum):
    gexf = "gexf"
    graphml = "graphml"
    stix = "stix"
    misp = "misp"
    ttl = "ttl"
    nq = "nq"
    jsonld = "jsonld"
    csv = "csv"


@app.command("export")
def export_command(
    fmt: ExportFormat = typer.Option(..., "--format", "-f", help="Output format."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
    stance: str | None = typer.Option(None, help="Only claims with this stance (accuse, deny, ...)."),
    topic: str | None = typer.Option(None, help="Only claims on this topic (cyber-espionage, ...)."),
    actor: str | None = typer.Option(None, help="Only claims by this actor (name, alias or IRI)."),
    target: str | None = typer.Option(None, help="Only claims about this target (name, alias or IRI)."),
    date_from: str | None = typer.Option(
        None, "--from", help="Only articles dated on or after (YYYY-MM-DD)."
    ),
    date_to: str | None = typer.Option(None, "--to", help="Only articles dated on or before (YYYY-MM-DD)."),
    article: str | None = typer.Option(None, help="Only claims of this article id."),
    incidents: bool = typer.Option(
        False,
        "--incidents",
        help="gexf: incidents as nodes (a layer); stix: an incident or campaign object per dated incident.",
    ),
) -> None:
    """Export the graph: gexf (Gephi), graphml, stix (STIX 2.1), misp (MISP events), ttl, nq, jsonld, csv.

    Filters (stance, topic, actor, target, dates, article) apply to gexf, graphml, stix, misp and csv; the
    RDF dumps always hold the whole graph.
    """
    from kg.export import check_filters, export
    from kg.graph import open_store

    filters = ClaimFilter(
        stance=stance,
        topic=topic,
        actor=actor,
        target=target,
        article=article,
        date_from=date_from,
        date_to=date_to,
    )
    check_filters(filters)  # bad values fail before the store is opened
    settings = get_settings()
    store = open_store(settings)
    try:
        if output is None:
            export(store, fmt.value, sys.stdout.buffer, filters, tlp=settings.tlp, incidents=incidents)
            sys.stdout.buffer.flush()
        else:
            _export_to_file(store, fmt.value, output, filters, settings.tlp, incidents)
    finally:
        store.close()


def _export_to_file(
    store: Store, fmt: str, output: Path, filters: ClaimFilter, tlp: str, incidents: bool = False
) -> None:
    """Write beside the target and rename at the end, so a failed export never leaves half a file."""
    from kg.export import export

    with atomic_write(output) as stream:
        export(store, fmt, stream, filters, tlp=tlp, incidents=incidents)
    stderr.print(
        f"kg: wrote {output} ({fmt}, {output.stat().st_size:,} bytes)", markup=False, highlight=False
    )
