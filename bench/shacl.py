"""SHACL bar: extract the seeds and the dev set, build their graph (with rebuttal links), validate it.

Usage: python bench/shacl.py [PATH ...]   (default: seeds/ and ../shared/eval/dev when present)
Prints articles, claims, quads, violations and timings; exits 1 when the graph does not conform.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from pyoxigraph import Store

from kg.extract import get_extractor
from kg.graph.rdf import article_quads
from kg.graph.rebuttals import refresh_rebuttals
from kg.graph.shacl import validate
from kg.ingest import read_paths
from kg.models import Article

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATHS = [ROOT / "seeds", ROOT.parent / "shared" / "eval" / "dev"]


def main(argv: list[str]) -> int:
    paths = [Path(p) for p in argv] or [p for p in DEFAULT_PATHS if p.exists()]
    extractor = get_extractor()
    store = Store()
    articles = claims = 0
    started = time.perf_counter()
    for item in read_paths(paths):
        if not isinstance(item, Article):
            print(f"skipped: {item}", file=sys.stderr)
            continue
        found = extractor.extract(item)
        store.extend(article_quads(item, found))
        articles += 1
        claims += len(found)
    refresh_rebuttals(store)
    built = time.perf_counter() - started
    started = time.perf_counter()
    conforms, report = validate(store)
    checked = time.perf_counter() - started
    violations = report.count("Constraint Violation")
    if not conforms:
        print(report)
    print(f"articles {articles}; claims {claims}; quads {len(store)}")
    print(f"extract+map {built:.2f} s; validate {checked:.2f} s")
    print(f"shacl: conforms={conforms}; violations {violations}")
    return 0 if conforms else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
