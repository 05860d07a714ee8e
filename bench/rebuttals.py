"""Rebuttal upkeep benchmark: what ingesting one more article costs in a big store.

Builds (or reuses, with ``--store``) bench/claims.py's store of synthetic claims through the real
mapping, then times, median of ``--repeat`` runs:

- a full recompute of every ``akg:rebuts`` link (every party);
- ingesting one article of 8 claims (an existing one under a new id and a later date, so that its
  parties are busy ones) with the party-by-party upkeep the loader does (``store_extracted``);
- removing it again (``delete_article``).

and checks that the upkeep leaves exactly the links a full recompute gives.

    .venv/bin/python bench/rebuttals.py [--claims 100000] [--store DIR] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.claims import build, median  # noqa: E402
from bench.export import _claim_of, _with_offsets  # noqa: E402
from kg.graph.loader import delete_article, store_extracted  # noqa: E402
from kg.graph.rebuttals import refresh_rebuttals  # noqa: E402
from kg.graph.vocab import DERIVED_REBUTTALS_GRAPH  # noqa: E402
from kg.models import Article, Claim  # noqa: E402

LINKS = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{DERIVED_REBUTTALS_GRAPH}> {{ ?s ?p ?o }} }}"


def one_article(store) -> tuple[Article, list[Claim]]:
    """The first stored article again, as a new article dated after every other one."""
    records = []
    for record in store.claims():  # in article order: stop at the second article
        if records and record.article != records[0].article:
            break
        records.append(record)
    placed = _with_offsets([replace(_claim_of(r), article="bench-extra") for r in records])
    text = " ".join(c.evidence for c in placed)
    return Article(id="bench-extra", text=text, date="2099-01-01"), placed


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def links(store) -> int:
    return int(store.select(LINKS)[0]["n"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--store", type=Path, help="build the store here and reuse it next time")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-rebuttals-") as tmp:
        store = build(args.claims, args.store or Path(tmp))
        article, claims = one_article(store)
        full = median(lambda: refresh_rebuttals(store), args.repeat)
        before = links(store)

        def add_and_remove() -> tuple[float, float]:
            added = timed(lambda: store_extracted(store, [(article, claims)]))
            with_article = links(store)
            refresh_rebuttals(store)
            assert links(store) == with_article, "upkeep differs from a full recompute"
            removed = timed(lambda: delete_article(store, article.id))
            return added, removed

        rounds = [add_and_remove() for _ in range(args.repeat)]
        assert links(store) == before
        added = statistics.median(r[0] for r in rounds)
        removed = statistics.median(r[1] for r in rounds)
        print(f"{args.claims:,} claims, {before:,} rebuttal links")
        print(f"full recompute of every link        {full * 1000:>10.1f} ms")
        print(f"ingest one article ({len(claims)} claims), upkeep {added * 1000:>10.1f} ms   "
              f"({full / added:.0f}x faster than a full recompute)")  # fmt: skip
        print(f"delete it again, upkeep             {removed * 1000:>10.1f} ms")
        store.close()


if __name__ == "__main__":
    main()
