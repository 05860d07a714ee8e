"""``kg ask``: a plain-English question answered from the graph (a table, or JSON with the SPARQL run)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from kg.cli import app
from kg.settings import get_settings

if TYPE_CHECKING:
    from kg.ask import Answer


class AskFormat(StrEnum):
    table = "table"
    json = "json"


@app.command("ask")
def ask_command(
    question: str = typer.Argument(..., help='A question, e.g. "who accused China?"'),
    fmt: AskFormat = typer.Option(AskFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Ask the graph who accused, denied, warned or rebutted whom, with the evidence for each answer."""
    from kg.ask import answer, parse
    from kg.graph import open_store

    parse(question)  # an unparseable question fails before the store is opened
    store = open_store(get_settings())
    try:
        result = answer(question, store)
    finally:
        store.close()
    if fmt is AskFormat.json:
        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    _print_table(result)


def _print_table(result: Answer) -> None:
    console = Console()
    for wrote, read in result.corrected.items():
        console.print(f"(read {wrote!r} as {read!r})", markup=False, highlight=False)
    if not result.answers:
        console.print(result.note or "no answer", markup=False, highlight=False)
        return
    table = Table(header_style="bold", show_lines=True)
    for column in ("answer", "score", "why", "stance", "about", "article", "date", "evidence"):
        table.add_column(column, overflow="fold")
    about_target = result.query.wanted != "targets"
    for row in result.answers:
        name = (
            f"{row.name} ({row.affiliation})" if row.affiliation and row.affiliation != row.name else row.name
        )
        # a row ranked below the answer fits the question, not its preferences as well: dimmed
        label = Text(name, style="" if row.top else "dim")
        for i, claim in enumerate(row.claims):
            other = claim.target if about_target else claim.actor
            table.add_row(
                label if i == 0 else "",
                f"{claim.score:.2f}",
                ", ".join(claim.why),
                claim.stance,
                other,
                claim.article,
                claim.date or "",
                claim.evidence[:240],
            )
    console.print(table)
    below = len(result.answers) - len(result.top)
    if below:
        console.print(
            f"{len(result.top)} answer(s); {below} more ranked below them (dimmed)", highlight=False
        )
