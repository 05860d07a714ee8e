"""Score the extractor against the gold files of ../shared/eval (the seed and the dev set).

    .venv/bin/python bench/eval.py [--verbose]

Runs the extractor in-process on ../shared/seeds (seed gold) and ../shared/eval/dev (dev gold), writes the
JSON Lines next to nothing (a temporary directory) and prints the output of ../shared/eval/score.py.
Skips with a message when ../shared is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from kg.extract import get_extractor  # noqa: E402
from kg.ingest import read_paths  # noqa: E402
from kg.models import Article  # noqa: E402

SUITES = (
    ("seed", SHARED / "eval" / "seed.gold.json", SHARED / "seeds"),
    ("dev", SHARED / "eval" / "dev.gold.json", SHARED / "eval" / "dev"),
)


def write_claims(folder: Path, out: Path) -> int:
    articles = [a for a in read_paths([folder]) if isinstance(a, Article)]
    count = 0
    with out.open("w", encoding="utf-8") as handle:
        for claims in get_extractor().extract_many(articles):
            for claim in claims:
                handle.write(json.dumps(claim.to_dict(), ensure_ascii=False) + "\n")
                count += 1
    return count


def main(argv: list[str]) -> int:
    score = SHARED / "eval" / "score.py"
    if not score.is_file():
        print(f"skipped: {SHARED} is not present (the gold data lives outside the repository)")
        return 0
    verbose = ["--verbose"] if "--verbose" in argv else []
    with tempfile.TemporaryDirectory() as tmp:
        for name, gold, folder in SUITES:
            if not gold.is_file() or not folder.is_dir():
                print(f"{name}: skipped ({gold.name} or {folder} missing)")
                continue
            out = Path(tmp) / f"{name}.jsonl"
            count = write_claims(folder, out)
            print(f"== {name}: {count} claims from {folder}")
            result = subprocess.run(
                [sys.executable, str(score), str(gold), str(out), *verbose],
                capture_output=True,
                text=True,
                check=False,
            )
            print(result.stdout.rstrip())
            if result.returncode:
                print(result.stderr.rstrip(), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
