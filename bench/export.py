"""Time and peak memory of each export format on synthetic claim streams.

    .venv/bin/python bench/export.py [--sizes 100000 1000000] [--formats gexf graphml stix csv]
                                     [--rdf-sizes 2000 20000]

Claims are generated lazily (never held in a list) over a fixed synthetic network — 5,000 claimants,
800 targets, about 20,000 (actor, target, stance) relations, article dates over twenty years — the way
a growing graph adds claims about known parties far faster than it adds parties. Each (format, size)
runs in a fresh subprocess so that its peak resident set size (``ru_maxrss``) is its own; the output
goes to a byte-counting sink, so disk speed does not enter the figures.

RDF dumps (ttl, nq, jsonld) come from a store: with ``--rdf-sizes`` a synthetic embedded store is
built per size in a temporary directory and dumped in a subprocess each (building a store of a million
claims takes long, so their default sizes are smaller).

Prints one line per run and, per format, the ratio of the peak memory at the largest size to that at
the smallest (the exports stream: it must stay within 2x for 10x more claims).

    .venv/bin/python bench/export.py --validate ../shared/seeds ../shared/eval/dev [--store DIR]

instead extracts the articles under the paths into a temporary store (or uses the store DIR as it is)
and checks every export of it: GEXF valid against the GEXF 1.3 XSD, GEXF and GraphML read back by
networkx with the graph's node and edge counts, spells covering every dated claim, the STIX bundle
passing stix2-validator with the same ids when exported again, Turtle and N-Quads re-importing to
graphs isomorphic to the store's. Exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.graph.records import ClaimRecord, PartyRecord

RECORD_FORMATS = ("gexf", "graphml", "stix", "csv")
RDF_FORMATS = ("ttl", "nq", "jsonld")
ID = "https://w3id.org/attribution-kg/id/"
STANCE_WEIGHTS = {
    "accuse": 40,
    "deny": 20,
    "condemn": 10,
    "warn": 10,
    "pledge": 5,
    "acknowledge": 5,
    "assert": 10,
}
TOPICS = ("state-sponsorship", "cyber-espionage", "cyber-attack", "hacking", "data-breach", "ransomware")
CLAIMS_PER_ARTICLE = 8
FIRST_DAY = dt.date(2005, 1, 1).toordinal()
SPAN_DAYS = 20 * 365


def synthetic_parties(seed: int = 1) -> tuple[list[PartyRecord], list[PartyRecord]]:
    rng = random.Random(seed)
    actor_types = ("person", "government", "organization", "media", "unknown")
    actors = [
        PartyRecord(
            iri=f"{ID}actor/claimant-{n}",
            name=f"Claimant {n}",
            type=rng.choice(actor_types),
            affiliation=f"State {n % 190}",
            affiliation_iri=f"{ID}actor/state-{n % 190}",
        )
        for n in range(5000)
    ]
    targets = [
        PartyRecord(
            iri=f"{ID}actor/target-{n}",
            name=f"Target {n}",
            type="group" if n % 3 else "government",
            aliases=(f"T{n}", f"Alias {n}") if n % 3 else (),
            mitre_id=f"G{n:04d}" if n % 3 else None,
            wikidata=None if n % 3 else f"Q{1000 + n}",
        )
        for n in range(800)
    ]
    return actors, targets


def synthetic_relations(seed: int = 2) -> list[tuple[PartyRecord, str, PartyRecord]]:
    """About four (actor, stance, target) relations per claimant: the network the claims keep hitting."""
    rng = random.Random(seed)
    actors, targets = synthetic_parties()
    stances, weights = list(STANCE_WEIGHTS), list(STANCE_WEIGHTS.values())
    return [
        (actor, rng.choices(stances, weights)[0], targets[int(len(targets) * rng.random() ** 2)])
        for actor in actors
        for _ in range(rng.randint(1, 7))
    ]


def synthetic_claims(count: int, seed: int = 3) -> Iterator[ClaimRecord]:
    """``count`` claims, generated one at a time, grouped by article (as the store streams them)."""
    rng = random.Random(seed)
    relations = synthetic_relations()
    for n in range(count):
        actor, stance, target = relations[int(len(relations) * rng.random() ** 1.5)]
        article = n // CLAIMS_PER_ARTICLE
        day = FIRST_DAY + (article * 7919) % SPAN_DAYS
        yield ClaimRecord(
            iri=f"{ID}claim/{n:08x}",
            article=f"article-{article}",
            actor=actor,
            stance=stance,
            target=target,
            topic=TOPICS[n % len(TOPICS)],
            claim=f"{actor.name} {stance}s {target.name}",
            evidence=f"{actor.name} said on Tuesday that {target.name} was behind intrusion number {n}, "
            "citing forensic evidence and server logs that investigators recovered.",
            start=(n % CLAIMS_PER_ARTICLE) * 200,
            end=(n % CLAIMS_PER_ARTICLE) * 200 + 150,
            confidence=0.5 + (n % 50) / 100,
            date=None if n % 97 == 0 else dt.date.fromordinal(day).isoformat(),
            url=f"https://news.example.org/{article}",
            title=f"Article {article}",
            rebuts=(f"{ID}claim/{n - 3:08x}",) if stance == "deny" and n >= 3 else (),
        )


class CountingSink:
    """A binary stream that only counts what it is given."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass


def peak_rss_mib() -> float:
    """Peak resident set size of this process: VmHWM (resettable) where Linux has it, else ru_maxrss."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def reset_peak_rss() -> None:
    """Start the peak afresh (Linux >= 4.0), so that opening a store does not count as the export's."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def child_records(fmt: str, count: int) -> dict[str, float]:
    from kg.export import write_records

    baseline = peak_rss_mib()
    sink = CountingSink()
    started = time.perf_counter()
    write_records(synthetic_claims(count), fmt, sink)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "peak_mib": peak_rss_mib(), "baseline_mib": baseline, "bytes": sink.size}


def child_rdf(fmt: str, store_dir: str) -> dict[str, float]:
    from kg.export import export
    from kg.graph import open_store
    from kg.settings import Settings

    store = open_store(Settings(store=store_dir))
    reset_peak_rss()
    baseline = peak_rss_mib()
    sink = CountingSink()
    started = time.perf_counter()
    export(store, fmt, sink)
    seconds = time.perf_counter() - started
    store.close()
    return {"seconds": seconds, "peak_mib": peak_rss_mib(), "baseline_mib": baseline, "bytes": sink.size}


def build_store(count: int, store_dir: str) -> float:
    """A store holding ``count`` synthetic claims (through the real ingest path); returns seconds."""
    from kg.graph import open_store
    from kg.models import Article, Claim
    from kg.settings import Settings

    store = open_store(Settings(store=store_dir))
    started = time.perf_counter()
    batch: list[Claim] = []
    for record in synthetic_claims(count):
        batch.append(_claim_of(record))
        if len(batch) == CLAIMS_PER_ARTICLE:
            text = " ".join(c.evidence for c in batch)
            article = Article(
                id=record.article, text=text, date=record.date, url=record.url, title=record.title
            )
            store.replace_article(article, _with_offsets(batch))
            batch = []
    store.close()
    return time.perf_counter() - started


def _claim_of(record: ClaimRecord) -> object:
    from kg.models import Claim

    return Claim(
        article=record.article,
        actor=record.actor.name,
        actor_type=record.actor.type,
        affiliation=record.actor.affiliation,
        stance=record.stance,
        target=record.target.name,
        topic=record.topic,
        claim=record.claim,
        evidence=record.evidence,
        start=0,
        end=len(record.evidence),
        confidence=record.confidence,
        target_type=record.target.type,
    )


def _with_offsets(claims: list) -> list:
    from dataclasses import replace

    placed, offset = [], 0
    for claim in claims:
        placed.append(replace(claim, start=offset, end=offset + len(claim.evidence)))
        offset += len(claim.evidence) + 1
    return placed


def run_child(args: list[str]) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", *args]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def report(fmt: str, count: int, result: dict[str, float]) -> None:
    rate = count / result["seconds"] if result["seconds"] else float("inf")
    print(
        f"{fmt:8} {count:>9,} claims  {result['seconds']:8.2f} s  {rate:>10,.0f} claims/s  "
        f"peak {result['peak_mib']:7.1f} MiB (at start {result['baseline_mib']:6.1f})  "
        f"output {result['bytes'] / 2**20:8.1f} MiB",
        flush=True,
    )


def print_ratios(results: dict[str, dict[int, dict[str, float]]]) -> None:
    print("\npeak memory, largest size / smallest size (must be < 2.0):")
    for fmt, by_size in results.items():
        small, large = min(by_size), max(by_size)
        if small == large:
            continue
        ratio = by_size[large]["peak_mib"] / by_size[small]["peak_mib"]
        growth = (by_size[large]["peak_mib"] - by_size[large]["baseline_mib"]) - (
            by_size[small]["peak_mib"] - by_size[small]["baseline_mib"]
        )
        verdict = "ok" if ratio < 2.0 else "TOO HIGH"
        print(
            f"  {fmt:8} {large:,} / {small:,} claims: {ratio:4.2f}x  "
            f"(working set grew by {growth:6.1f} MiB for {large / small:.0f}x the claims)  {verdict}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--formats", nargs="*", default=list(RECORD_FORMATS), choices=RECORD_FORMATS)
    parser.add_argument("--rdf-sizes", type=int, nargs="*", default=[2_000, 20_000])
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--validate", nargs="+", metavar="PATH", help="check the exports of these articles")
    parser.add_argument("--store", help="with --validate: check this existing store instead")
    args = parser.parse_args()
    if args.validate or args.store:
        from export_checks import validate_exports  # beside this script

        raise SystemExit(validate_exports(args.validate or [], args.store))
    if args.child:
        kind, fmt, value = args.child
        result = child_records(fmt, int(value)) if kind == "records" else child_rdf(fmt, value)
        print(json.dumps(result))
        return
    results: dict[str, dict[int, dict[str, float]]] = {}
    for fmt in args.formats:
        for count in args.sizes:
            results.setdefault(fmt, {})[count] = result = run_child(["records", fmt, str(count)])
            report(fmt, count, result)
    results.update(bench_rdf(args.rdf_sizes))
    print_ratios(results)


def bench_rdf(sizes: list[int]) -> dict[str, dict[int, dict[str, float]]]:
    results: dict[str, dict[int, dict[str, float]]] = {}
    if not sizes:
        return results
    try:
        from kg.graph import open_store  # noqa: F401
    except ImportError:
        print("RDF dumps: the store layer (kg.graph.open_store) is not available; skipped")
        return results
    for count in sizes:
        with tempfile.TemporaryDirectory(prefix="kg-bench-export-") as store_dir:
            print(
                f"building a store of {count:,} claims ... {build_store(count, store_dir):.1f} s", flush=True
            )
            for fmt in RDF_FORMATS:
                results.setdefault(fmt, {})[count] = result = run_child(["rdf", fmt, store_dir])
                report(fmt, count, result)
    return results


if __name__ == "__main__":
    main()
