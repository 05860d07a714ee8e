"""``kg train``: the claim model from an annotated corpus, cross-validated, written with its manifest."""

from __future__ import annotations

import time
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import typer
from rich.progress import Progress

from kg.cli import app
from kg.extract.model import TrainSettings

_DEFAULTS = TrainSettings()


@app.command()
def train(
    corpus: Path = typer.Argument(..., help="A corpus folder: corpus.gold.json, texts/, folds.json."),
    out: Path = typer.Option(
        None, "--out", "-o", help="Where to write the model (default: the shipped one)."
    ),
    cv: bool = typer.Option(
        True, "--cv/--no-cv", help="Cross-validate by fold first (scores go in the manifest)."
    ),
    c: float = typer.Option(_DEFAULTS.c, "--c", min=1e-6, help="Inverse L2 regularisation strength."),
    threshold: float = typer.Option(
        _DEFAULTS.threshold, "--threshold", min=0.01, max=0.99, help="Claim probability to keep a candidate."
    ),
    rule_veto: float = typer.Option(
        _DEFAULTS.rule_veto,
        "--rule-veto",
        min=0.0,
        max=0.99,
        help="Claim probability under which a rule's claim is dropped.",
    ),
) -> None:
    """Train the claim model (one reproducible command: same corpus and options, same weights)."""
    from kg.extract import get_extractor
    from kg.extract.gold import corpus_hash, load_corpus
    from kg.extract.model import MODEL_DIR
    from kg.extract.train import cross_validate, fit, labelled_corpus, total

    settings = TrainSettings(c=c, threshold=threshold, rule_veto=rule_veto)
    articles = load_corpus(corpus)
    started = time.perf_counter()
    with Progress(transient=True) as progress:
        task = progress.add_task("analysing articles", total=len(articles))
        items = labelled_corpus(
            get_extractor(rules_only=True), articles, settings, lambda n: progress.advance(task, n)
        )
    manifest: dict[str, object] = {
        "corpus": corpus.name,
        "corpus_sha256": corpus_hash(corpus),
        "articles": len(items),
        "examples": sum(len(i.examples) for i in items),
        "positives": sum(1 for i in items for e in i.examples if e.label),
        "candidate_recall": _ratio(sum(i.covered for i in items), sum(i.required for i in items)),
        "trained": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }
    if cv:
        folds = cross_validate(items, settings)
        overall = total(folds)
        manifest["cross_validation"] = {
            "folds": [{"fold": f.fold, "articles": f.articles, **_figures(f.counts)} for f in folds],
            "overall": _figures(overall),
        }
        typer.echo(f"cv: {overall.line()} folds={len(folds)}", err=True)
    model = fit(items, settings)
    target = out or MODEL_DIR
    model.save(target, manifest)
    typer.echo(
        f"trained on {manifest['examples']} candidates of {len(items)} articles in "
        f"{time.perf_counter() - started:.0f} s; settings {asdict(settings)}; written to {target}",
        err=True,
    )


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def _figures(counts) -> dict[str, float | int]:
    return {
        "precision": round(counts.precision, 3),
        "recall": round(counts.recall, 3),
        "f1": round(counts.f1, 3),
        "topic": round(counts.topic, 3),
        "tp": counts.tp,
        "fp": counts.fp,
        "fn": counts.fn,
    }
