"""``kg ingest``, ``kg delete``, ``kg restore``, ``kg stats``, ``kg sparql``: the store from the command line.

The store is the one ``KG_STORE`` names (a directory for the embedded store, an http(s) URL for a
SPARQL endpoint). Queries see the union of all article graphs as their default graph, and
``GRAPH ?g`` ranges over the article graphs (plus the derived rebuttals graph).
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer
from pyoxigraph import QueryBoolean, QueryResultsFormat, parse_query_results
from rich.console import Console
from rich.table import Table

from kg.cli import app
from kg.cli.common import JOBS_HELP, articles_in, error_line
from kg.errors import InputError
from kg.graph import open_store
from kg.graph.loader import delete_article, ingest_articles, refresh_incidents
from kg.graph.oxigraph_store import OxigraphStore
from kg.graph.rebuttals import refresh_rebuttals
from kg.graph.sparql import query_form


class SparqlFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    tsv = "tsv"
    turtle = "turtle"


RESULT_TYPES = {
    SparqlFormat.json: "application/sparql-results+json",
    SparqlFormat.csv: "text/csv",
    SparqlFormat.tsv: "text/tab-separated-values",
}
GRAPH_TYPES = {SparqlFormat.turtle: "text/turtle", SparqlFormat.json: "application/ld+json"}


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(None, help="Files or folders (searched recursively)."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, help=JOBS_HELP),
    claims: Path | None = typer.Option(
        None,
        "--claims",
        help="Import the claims of a JSON Lines file (docs/claims.md) instead of extracting.",
    ),
) -> None:
    """Extract claims from articles and store them; re-ingesting an unchanged article changes nothing.

    With --claims, store the claims a file gives (another extractor's, or an analyst's) with their
    articles; every line is checked first, and a file with a bad line imports nothing."""
    if claims is not None:
        if paths:
            raise InputError("give either articles to extract or --claims FILE, not both")
        _import_claims(claims)
        return
    if not paths:
        raise InputError("nothing to ingest: give files or folders, or --claims FILE")
    _ingest_articles(paths, jobs)


def _ingest_articles(paths: list[Path], jobs: int) -> None:
    from kg.extract.parallel import default_jobs

    items = articles_in(paths, "ingesting")
    store = open_store()
    try:
        report = ingest_articles(store, items, jobs=jobs or default_jobs())
    finally:
        store.close()
    for message in report.errors:
        error_line(message)
    typer.echo(
        f"articles: {report.articles} (new {report.new}, changed {report.changed}, "
        f"unchanged {report.unchanged}); claims: {report.claims}; actors: {len(report.actors)}; "
        f"errors: {len(report.errors)}"
    )
    if report.errors:
        raise typer.Exit(1)


def _import_claims(path: Path) -> None:
    from kg.graph.importer import import_claims
    from kg.ingest.claims import ClaimLinesError
    from kg.ingest.readers import decode

    try:
        text = decode(path.read_bytes(), str(path))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    store = open_store()
    try:
        report = import_claims(store, text, str(path))
    except ClaimLinesError as exc:
        for message in exc.errors:  # one line per bad line, each naming its line number
            error_line(f"{path}: {message}")
        error_line(exc.message)
        raise typer.Exit(1) from None
    finally:
        store.close()
    typer.echo(
        f"imported {path}: articles: {report.articles} (new {report.new}, changed {report.changed}, "
        f"unchanged {report.unchanged}); claims: {report.claims}; actors: {len(report.actors)}"
    )


@app.command()
def delete(article_id: str = typer.Argument(..., help="Id of the article to remove.")) -> None:
    """Remove an article and every claim it contributed."""
    store = open_store()
    try:
        removed = delete_article(store, article_id)
    finally:
        store.close()
    if not removed:
        error_line(f"no article {article_id!r} in the store")
        raise typer.Exit(1)
    typer.echo(f"deleted {article_id}")


DUMP_TYPES = {".nq": "application/n-quads", ".trig": "application/trig"}


@app.command()
def restore(
    dump: Path = typer.Argument(..., help="An N-Quads or TriG dump, e.g. from `kg export -f nq`."),
) -> None:
    """Load a dump into an empty embedded store with the bulk loader, then derive the rebuttal links."""
    media_type = DUMP_TYPES.get(dump.suffix.lower())
    if media_type is None:
        raise InputError(
            f"{dump}: a dump is an N-Quads (.nq) or TriG (.trig) file, which keep the article graphs"
        )
    if not dump.is_file():
        raise InputError(f"{dump}: no such file")
    store = open_store()
    try:
        if not isinstance(store, OxigraphStore):
            raise InputError(
                "kg restore fills the embedded store; load a SPARQL endpoint with its own loader"
            )
        if store.stats()["triples"]:
            raise InputError(f"the store at {store.path} is not empty; restore into a new KG_STORE directory")
        store.load_dump(dump, media_type)
        refresh_rebuttals(store)
        refresh_incidents(store)
        counts = store.stats()
    finally:
        store.close()
    typer.echo(f"restored {dump}: " + ", ".join(f"{key} {value}" for key, value in counts.items()))


@app.command()
def stats(as_json: bool = typer.Option(False, "--json", help="Print the counts as JSON.")) -> None:
    """Counts of the store: articles, claims, actors, triples."""
    store = open_store()
    try:
        counts = store.stats()
    finally:
        store.close()
    if as_json:
        typer.echo(json.dumps(counts))
        return
    for key, value in counts.items():
        typer.echo(f"{key}: {value}")


@app.command()
def sparql(
    query: str = typer.Argument(..., help="A SPARQL query, or @FILE to read it from a file."),
    fmt: SparqlFormat = typer.Option(SparqlFormat.table, "--format", "-f", help="Output format."),
) -> None:
    """Run a SPARQL query (SELECT/ASK as a table, JSON, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle or JSON-LD)."""
    text = _query_text(query)
    is_graph = query_form(text) in ("CONSTRUCT", "DESCRIBE")
    store = open_store()
    try:
        if is_graph:
            media_type = GRAPH_TYPES.get(fmt, "text/turtle")
            if fmt not in (SparqlFormat.table, *GRAPH_TYPES):
                raise InputError(f"a CONSTRUCT/DESCRIBE result cannot be written as {fmt.value}")
        else:
            if fmt is SparqlFormat.turtle:
                raise InputError("a SELECT/ASK result cannot be written as turtle")
            media_type = RESULT_TYPES.get(fmt, "application/sparql-results+json")
        body, _ = store.query_bounded(text, media_type)
    finally:
        store.close()
    if fmt is SparqlFormat.table and not is_graph:
        _print_table(body)
        return
    sys.stdout.buffer.write(body)
    if not body.endswith(b"\n"):
        sys.stdout.buffer.write(b"\n")
    sys.stdout.flush()


def _query_text(query: str) -> str:
    if not query.startswith("@"):
        return query
    path = Path(query[1:])
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the query ({exc})") from None


def _print_table(body: bytes) -> None:
    results = parse_query_results(body, QueryResultsFormat.JSON)
    if isinstance(results, QueryBoolean):
        typer.echo("true" if results else "false")
        return
    table = Table(header_style="bold")
    variables = [v.value for v in results.variables]
    for name in variables:
        table.add_column(name, overflow="fold")
    count = 0
    for solution in results:
        table.add_row(*(_cell(solution[name]) for name in variables))
        count += 1
    Console().print(table)
    typer.echo(f"{count} row(s)")


def _cell(term: object) -> str:
    if term is None:
        return ""
    return str(getattr(term, "value", term))
