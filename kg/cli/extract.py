"""``kg extract``: articles in, claims out (JSON Lines or a table)."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from kg.cli import app
from kg.cli.common import JOBS_HELP, articles_in, error_line
from kg.errors import InputError
from kg.models import Article, Claim


class ExtractFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


@app.command()
def extract(
    paths: list[Path] = typer.Argument(None, help="Files or folders (searched recursively)."),
    fmt: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f", help="Output format."),
    with_text: bool = typer.Option(False, "--with-text", help="JSON Lines: emit each article's text too."),
    jobs: int = typer.Option(1, "--jobs", "-j", min=0, help=JOBS_HELP),
    explain: str = typer.Option(
        None,
        "--explain",
        help="A sentence or short text ('-': standard input): show every candidate, the rules and the model "
        "score behind it, and the decision, then the claims.",
    ),
) -> None:
    """Extract attributed claims from plain text, Markdown, HTML or JSON Lines articles."""
    from kg.extract import get_extractor
    from kg.extract.parallel import default_jobs, extract_in_order, extract_one

    if explain is not None:
        if paths:
            raise typer.BadParameter("give either --explain TEXT or paths, not both")
        _explain(sys.stdin.read() if explain == "-" else explain, fmt)
        return
    if not paths:
        raise typer.BadParameter("give files or folders to extract from (or --explain TEXT)")
    get_extractor()  # a missing model is reported before any file is read
    jobs = jobs or default_jobs()
    items = articles_in(paths, "extracting")
    results = (
        extract_in_order(items, jobs)
        if jobs > 1
        else ((item, None if isinstance(item, InputError) else extract_one(item)) for item in items)
    )
    failed = 0
    table_rows: list[Claim] = []
    for item, result in results:
        if isinstance(item, InputError) or isinstance(result, str) or result is None:
            error_line(item.message if isinstance(item, InputError) else str(result))
            failed += 1
        elif fmt is ExtractFormat.table:
            table_rows.extend(result)
        else:
            _write_jsonl(item, result, with_text)
    if fmt is ExtractFormat.table:
        _print_table(table_rows)
    if failed:
        error_line(f"{failed} input(s) failed; the others were processed")
        raise typer.Exit(1)


def _explain(text: str, fmt: ExtractFormat) -> None:
    from kg.extract import get_extractor
    from kg.extract.explain import explain
    from kg.ingest import article_from_text

    if not text.strip():
        raise typer.BadParameter("--explain needs some text")
    extractor = get_extractor()
    article = article_from_text(text, "explain")
    rows, claims = explain(extractor, article)
    if fmt is ExtractFormat.jsonl:
        for row in rows:
            sys.stdout.write(json.dumps({"type": "candidate", **row.to_dict()}, ensure_ascii=False) + "\n")
        _write_jsonl(article, claims, with_text=False)
        return
    table = Table(title="candidates", header_style="bold")
    for column in (
        "sent",
        "actor",
        "target",
        "role",
        "predicate",
        "rules",
        "P(claim)",
        "stance",
        "decision",
        "top features",
    ):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            str(r.sentence),
            r.actor,
            r.target,
            r.role,
            r.predicate,
            " ".join(r.rules) or "-",
            f"{r.claim_probability:.2f}",
            r.stance,
            r.decision,
            "\n".join(r.top_features),
        )
    Console().print(table)
    _print_table(claims)


def _write_jsonl(article: Article, claims: list[Claim], with_text: bool) -> None:
    if with_text:
        sys.stdout.write(json.dumps(_article_record(article), ensure_ascii=False) + "\n")
    for claim in claims:
        sys.stdout.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")


def _article_record(article: Article) -> dict[str, object]:
    record = {"type": "article", "article": article.id, "text": article.text}
    record.update(
        {k: v for k, v in (("date", article.date), ("url", article.url), ("title", article.title)) if v}
    )
    return record


def _print_table(claims: list[Claim]) -> None:
    table = Table(show_lines=False, header_style="bold")
    for column in ("article", "actor", "stance", "target", "topic", "conf", "evidence"):
        table.add_column(column, overflow="fold")
    for c in claims:
        stance = f"not {c.stance}" if c.negated else c.stance
        actor = f"{c.actor} ({c.affiliation})" if c.affiliation and c.affiliation != c.actor else c.actor
        table.add_row(c.article, actor, stance, c.target, c.topic, f"{c.confidence:.2f}", c.evidence[:160])
    Console().print(table)
