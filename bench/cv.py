"""Cross-validate the extractor on the annotated corpus, by article, and score the shipped model.

    .venv/bin/python bench/cv.py [--corpus ../shared/eval/corpus] [--folds-only]

For each of the corpus's folds (``folds.json``, by article) the claim model is trained on the other folds,
with the shipped model's settings, and scored on it; the counts are micro-averaged. The out-of-fold claims
are also written to a temporary JSON Lines file and scored by ``../shared/eval/score.py``, the official
scorer, as a cross-check of the in-process one. Then the seed and dev sets are scored with the shipped
model (trained on the whole corpus, never on seed or dev). The last line is

    cv: P=0.xx R=0.xx F1=0.xx topic=0.xx folds=5
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from rich.progress import Progress  # noqa: E402

from bench.eval import SUITES, write_claims  # noqa: E402
from kg.extract import get_extractor  # noqa: E402
from kg.extract.decide import claims_from  # noqa: E402
from kg.extract.gold import Counts, load_corpus  # noqa: E402
from kg.extract.model import MODEL_DIR, ClaimModel  # noqa: E402
from kg.extract.train import Labelled, fit, labelled_corpus  # noqa: E402

SCORER = SHARED / "eval" / "score.py"


def figures(counts: Counts) -> str:
    return f"P={counts.precision:.2f} R={counts.recall:.2f} F1={counts.f1:.2f} topic={counts.topic:.2f}"


def cross_validate(items: list[Labelled], settings, out: Path) -> list[tuple[int, int, Counts]]:
    """Per fold: (fold, articles, counts); every out-of-fold claim is appended to ``out``."""
    from kg.extract.gold import score

    results = []
    with out.open("w", encoding="utf-8") as handle:
        for fold in sorted({item.gold.fold for item in items}):
            held = [item for item in items if item.gold.fold == fold]
            model = fit([item for item in items if item.gold.fold != fold], settings)
            counts = Counts()
            for item in held:
                claims = claims_from(item.analysis, model)
                counts.add(score(claims, item.gold.claims))
                handle.writelines(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in claims)
            results.append((fold, len(held), counts))
            print(
                f"fold {fold}: {len(held)} articles  {figures(counts)}  tp={counts.tp} fp={counts.fp} "
                f"fn={counts.fn}",
                flush=True,
            )
    return results


def official(gold: Path, predictions: Path) -> str:
    """The last line of ``score.py`` on the predictions."""
    result = subprocess.run(
        [sys.executable, str(SCORER), str(gold), str(predictions)],
        capture_output=True,
        text=True,
        check=False,
    )
    lines = result.stdout.strip().splitlines()
    return lines[-1] if lines else result.stderr.strip()


def shipped_scores(tmp: Path) -> None:
    for name, gold, folder in SUITES:
        if not gold.is_file() or not folder.is_dir():
            print(f"{name}: skipped ({gold} or {folder} missing)")
            continue
        out = tmp / f"{name}.jsonl"
        write_claims(folder, out)
        print(f"{name} (shipped model): {official(gold, out)}", flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "eval" / "corpus")
    parser.add_argument("--folds-only", action="store_true", help="skip the seed and dev scores")
    args = parser.parse_args(argv)
    if not (args.corpus / "corpus.gold.json").is_file():
        print(f"skipped: no corpus at {args.corpus} (the gold data lives outside the repository)")
        return 0
    settings = ClaimModel.load(MODEL_DIR).settings
    corpus = load_corpus(args.corpus)
    started = time.perf_counter()
    with Progress(transient=True) as progress:
        task = progress.add_task("analysing articles", total=len(corpus))
        items = labelled_corpus(
            get_extractor(rules_only=True), corpus, settings, lambda n: progress.advance(task, n)
        )
    covered, required = sum(i.covered for i in items), sum(i.required for i in items)
    print(
        f"corpus: {len(items)} articles, {required} required claims; candidates cover {covered} "
        f"({covered / max(required, 1):.2f}); analysed in {time.perf_counter() - started:.0f} s; {settings}"
    )
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        results = cross_validate(items, settings, tmp / "cv.jsonl")
        overall = total_of(results)
        if SCORER.is_file():
            print(
                f"score.py on the out-of-fold claims: {official(args.corpus / 'corpus.gold.json', tmp / 'cv.jsonl')}"
            )
        if not args.folds_only:
            shipped_scores(tmp)
    print(f"cv: {figures(overall)} folds={len(results)}")
    return 0


def total_of(results: list[tuple[int, int, Counts]]) -> Counts:
    out = Counts()
    for _fold, _articles, counts in results:
        out.add(counts)
    return out


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
