"""Claim listing benchmark: ``Store.claims`` pages and full streams on a store of synthetic claims.

The store is built through the real mapping (``kg/graph/rdf.py``: claims, evidence selectors, parties)
from bench/export.py's synthetic network (5,000 claimants, 800 targets, 8 claims per article), bulk
loaded, with the rebuttal links derived (``kg/graph/rebuttals.py``). For each listing it prints the median time
of the first page (50 records), of a page deep in the listing, and (with ``--stream``) of streaming every
match.

    .venv/bin/python bench/claims.py [--claims 20000] [--store DIR] [--repeat 5] [--stream]

``--store DIR`` keeps the built store in DIR and reuses it on the next run (same ``--claims``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.export import CLAIMS_PER_ARTICLE, _claim_of, _with_offsets, synthetic_claims  # noqa: E402
from kg.graph.oxigraph_store import OxigraphStore  # noqa: E402
from kg.graph.payload import ArticlePayload, prepare  # noqa: E402
from kg.graph.rebuttals import refresh_rebuttals  # noqa: E402
from kg.graph.records import ClaimFilter  # noqa: E402
from kg.models import Article  # noqa: E402
from kg.settings import Settings  # noqa: E402

PAGE = 50
LISTINGS: dict[str, ClaimFilter] = {
    "all": ClaimFilter(),
    "stance=deny": ClaimFilter(stance="deny"),
    "stance+topic": ClaimFilter(stance="accuse", topic="cyber-espionage"),
    "actor name": ClaimFilter(actor="claimant 7"),
    "actor iri": ClaimFilter(actor="https://w3id.org/attribution-kg/id/actor/claimant-7"),
    "target name": ClaimFilter(target="Target 1"),
    "article": ClaimFilter(article="article-1234"),
    "date range": ClaimFilter(date_from="2010-01-01", date_to="2010-03-31"),
}


def payloads(count: int) -> Iterator[ArticlePayload]:
    batch = []
    for record in synthetic_claims(count):
        batch.append(_claim_of(record))
        if len(batch) == CLAIMS_PER_ARTICLE:
            text = " ".join(c.evidence for c in batch) + " " * 2000
            article = Article(id=record.article, text=text, date=record.date, url=record.url,
                              title=record.title)  # fmt: skip
            yield prepare(article, _with_offsets(batch))
            batch = []


def build(count: int, directory: Path) -> OxigraphStore:
    marker = directory / f"built-{count}"
    store = OxigraphStore(directory, Settings(store=str(directory)))
    if not marker.exists():
        started = time.perf_counter()
        store.bulk_load_payloads(payloads(count))
        refresh_rebuttals(store)
        marker.touch()
        print(f"built {count:,} claims in {time.perf_counter() - started:.1f} s: {store.stats()}")
    return store


def median(run: Callable[[], object], repeat: int) -> float:
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def first_page(store: OxigraphStore, filters: ClaimFilter) -> list:
    if hasattr(store, "claims_page"):
        return store.claims_page(filters, None, PAGE)[0]
    out = []
    for record in store.claims(filters):
        out.append(record)
        if len(out) == PAGE:
            break
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=20_000)
    parser.add_argument("--store", help="directory to keep (and reuse) the built store in")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--stream", action="store_true", help="also time streaming every match")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-claims-") as tmp:
        store = build(args.claims, Path(args.store or tmp))
        print(f"{'listing':<14} {'matches':>8} {'first page':>12} {'stream all':>12}")
        for name, filters in LISTINGS.items():
            page_s = median(lambda f=filters: first_page(store, f), args.repeat)
            line = f"{name:<14} {'':>8} {page_s * 1000:>9.1f} ms"
            if args.stream:
                started = time.perf_counter()
                matches = sum(1 for _ in store.claims(filters))
                line = f"{name:<14} {matches:>8} {page_s * 1000:>9.1f} ms {time.perf_counter() - started:>10.2f} s"
            print(line, flush=True)
        store.close()


if __name__ == "__main__":
    main()
