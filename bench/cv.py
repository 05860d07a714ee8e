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
from kg.extract.gold import load_corpus  # noqa: E402
from kg.extract.model import MODEL_DIR, ClaimModel  # noqa: E402
from kg.extract.train import FoldResult, Labelled, cross_validate, labelled_corpus, total  # noqa: E402

SCORER = SHARED / "eval" / "score.py"


def cross_validate_to(items: list[Labelled], settings, out: Path) -> list[FoldResult]:
    """The folds' results, printed as they come; every out-of-fold claim is written to ``out``."""
    results = cross_validate(items, settings)
    with out.open("w", encoding="utf-8") as handle:
        for result in results:
            c = result.counts
            print(
                f"fold {result.fold}: {result.articles} articles  {c.line()}  tp={c.tp} fp={c.fp} fn={c.fn}"
            )
            handle.writelines(
                json.dumps(claim.to_dict(), ensure_ascii=False) + "\n" for claim in result.claims
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
        results = cross_validate_to(items, settings, tmp / "cv.jsonl")
        overall = total(results)
        if SCORER.is_file():
            print(
                f"score.py on the out-of-fold claims: {official(args.corpus / 'corpus.gold.json', tmp / 'cv.jsonl')}"
            )
        if not args.folds_only:
            shipped_scores(tmp)
    print(f"cv: {overall.line()} folds={len(results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
