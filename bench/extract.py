"""Extraction throughput: the extractor against a bare ``nlp.pipe`` of the same spaCy pipeline.

    .venv/bin/python bench/extract.py [--min-kb 200]

The corpus is the dev articles of ../shared/eval/dev (or tests/data when absent), repeated until it
holds at least ``--min-kb`` kilobytes. Prints words/s for both, the peak memory, and as its last line
``extract: N words/s; bare pipeline: M words/s; ratio R``.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.extract import get_extractor  # noqa: E402
from kg.ingest import article_from_text  # noqa: E402
from kg.models import Article  # noqa: E402


def corpus(min_bytes: int) -> list[Article]:
    shared = ROOT.parent / "shared" / "eval" / "dev"
    folder = shared if shared.is_dir() else ROOT / "tests" / "data"
    texts = [(p.stem, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    if not texts:
        raise SystemExit(f"no .txt articles in {folder}")
    articles: list[Article] = []
    size = 0
    while size < min_bytes:
        for stem, text in texts:
            articles.append(article_from_text(text, f"{stem}-{len(articles)}"))
            size += len(text.encode("utf-8"))
    return articles


def words(articles: list[Article]) -> int:
    return sum(len(a.text.split()) for a in articles)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-kb", type=int, default=200)
    args = parser.parse_args()
    articles = corpus(args.min_kb * 1024)
    n_words = words(articles)
    extractor = get_extractor()
    extractor.extract(articles[0])  # warm-up: lexicons, resolver indexes
    print(
        f"corpus: {len(articles)} articles, {sum(len(a.text) for a in articles) / 1024:.0f} KB, {n_words} words"
    )

    started = time.perf_counter()
    claims = sum(len(found) for found in extractor.extract_many(articles))
    extract_s = time.perf_counter() - started
    print(f"extractor: {claims} claims in {extract_s:.2f} s; peak memory {peak_mb():.0f} MB")

    nlp = extractor.nlp
    started = time.perf_counter()
    for _doc in nlp.pipe((a.text for a in articles), batch_size=64):
        pass
    bare_s = time.perf_counter() - started
    print(f"bare nlp.pipe ({', '.join(nlp.pipe_names)}): {bare_s:.2f} s; peak memory {peak_mb():.0f} MB")

    extract_rate, bare_rate = n_words / extract_s, n_words / bare_s
    print(
        f"extract: {extract_rate:.0f} words/s; bare pipeline: {bare_rate:.0f} words/s; ratio {extract_rate / bare_rate:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
