"""``kg incidents``: the incidents of the store (a table or JSON), or one incident's record and timeline."""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import typer
from rich.console import Console
from rich.table import Table

from kg.cli import app
from kg.settings import get_settings


class IncidentFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("incidents")
def incidents_command(
    incident_id: str = typer.Argument("", help="An incident id: its attribution record and timeline."),
    status: str = typer.Option("", help="Only incidents of this status (unattributed, attributed, ...)."),
    accused: str = typer.Option("", help="Only incidents attributed to this party."),
    year: int = typer.Option(0, help="Only incidents reported in this year."),
    fmt: IncidentFormat = typer.Option(IncidentFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Incidents: claims about one operation across articles, with who accused, denied or acknowledged."""
    from kg.graph import open_store
    from kg.incidents import service

    store = open_store(get_settings())
    try:
        if incident_id:
            detail = service.timeline(service.get_incident(store, incident_id))
        else:
            found = service.list_incidents(store, status or None, accused or None, year or None)
            listing = [service.summary(i) for i in found]
    finally:
        store.close()
    if fmt is IncidentFormat.json:
        sys.stdout.write(json.dumps(detail if incident_id else listing, ensure_ascii=False, indent=2) + "\n")
    elif incident_id:
        _print_timeline(detail)
    else:
        _print_listing(listing)


def _print_listing(rows: list[dict]) -> None:
    table = Table(header_style="bold")
    for column in ("id", "name", "status", "accused", "first", "last", "articles", "claims"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(r["id"], r["name"], r["status"], ", ".join(r["accused"]), r["first_reported"] or "",
                      r["last_reported"] or "", str(r["articles"]), str(r["claims"]))  # fmt: skip
    Console().print(table)


def _print_timeline(detail: dict) -> None:
    console = Console(highlight=False)
    console.print(
        f"{detail['name']} ({detail['id']}): {detail['status']}, {detail['status_because']}", markup=False
    )
    for reason in detail["merged_because"]:
        console.print(f"  merged: {reason}", markup=False)
    table = Table(header_style="bold", show_lines=True)
    for column in ("date", "act", "by", "about", "evidence"):
        table.add_column(column, overflow="fold")
    for e in detail["record"]:
        table.add_row(e["date"] or "", e["act"], e["by"], e["about"], e["evidence"][:240])
    console.print(table)
