"""Store benchmark: load throughput and query latency of our store layer vs raw pyoxigraph (and rdflib).

Synthetic claim graphs of 10k, 100k and 1M claims follow the shape of ``kg/graph/rdf.py`` (one named
graph per article, ten claims per article, about ten triples per claim plus the article's and its
parties' descriptions, and derived ``akg:rebuts`` links in their own graph). For every size it prints:

- load throughput (claims/s): our bulk path (``OxigraphStore.load_dump``) vs pyoxigraph's ``bulk_load`` of
  the same N-Quads; up to 100k also our crash-safe transactional path (``write_payloads``); at 10k also
  the end-to-end path from Claim objects through the real mapping (``replace_articles``);
- the median latency of (1) a page of claims by stance and topic, (2) claims per actor (top 20), (3) the
  two-hop "who rebutted their accusers" -- ours (``Store.select`` with bound values) vs raw pyoxigraph
  (constants written into the query) and, at 10k, rdflib's in-memory Dataset.

Usage: ``python bench/store.py [--sizes 10000,100000,1000000] [--repeat 5]``
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from itertools import groupby
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store, parse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kg.graph.oxigraph_store import OxigraphStore  # noqa: E402
from kg.graph.payload import ArticlePayload, content_hash  # noqa: E402
from kg.models import TOPICS, Article, Claim  # noqa: E402
from kg.settings import Settings  # noqa: E402

QUERIES = ROOT / "bench" / "queries"
BASE = "https://w3id.org/attribution-kg/"
AKG, ID = BASE + "ontology#", BASE + "id/"
STANCE, TOPIC = BASE + "stance/", BASE + "topic/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
PROV_DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
DCT = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
REBUTTALS_GRAPH = f"<{ID}graph/derived-rebuttals>"
STANCE_WEIGHTS = {
    "accuse": 40,
    "deny": 25,
    "condemn": 10,
    "acknowledge": 5,
    "warn": 10,
    "pledge": 5,
    "assert": 5,
}
CLAIMS_PER_ARTICLE = 10
Q1_STANCE, Q1_TOPIC = "deny", "cyber-espionage"


# --- synthetic data ------------------------------------------------------------------------------------


def _a(local: str) -> str:
    return f"<{AKG}{local}>"


def _article_lines(
    number: int, rng: random.Random, actors: int, accused: dict[int, dict[int, str]]
) -> list[str]:
    """N-Quads of one article graph; deny claims rebut earlier accusations against the denier."""
    aid = f"a{number:07d}"
    graph, article = f"<{ID}graph/{aid}>", f"<{ID}article/{aid}>"
    lines = [
        f"{article} {RDF_TYPE} {_a('Article')} {graph} .",
        f'{article} <{DCT}identifier> "{aid}" {graph} .',
        f'{article} <{DCT}date> "2020-01-{1 + number % 28:02d}"^^<{XSD}date> {graph} .',
        f'{article} {_a("contentHash")} "{number:064x}" {graph} .',
    ]
    mentioned: set[int] = set()
    stances, weights = list(STANCE_WEIGHTS), list(STANCE_WEIGHTS.values())
    for k in range(CLAIMS_PER_ARTICLE):
        claim = f"<{ID}claim/{aid}-{k}>"
        actor, target = rng.randrange(actors), rng.randrange(actors)
        stance = rng.choices(stances, weights)[0]
        mentioned.update((actor, target))
        lines += [
            f"{claim} {RDF_TYPE} {_a('Claim')} {graph} .",
            f"{claim} {PROV_DERIVED} {article} {graph} .",
            f"{claim} {_a('claimant')} <{ID}actor/x{actor}> {graph} .",
            f"{claim} {_a('stance')} <{STANCE}{stance}> {graph} .",
            f"{claim} {_a('target')} <{ID}actor/x{target}> {graph} .",
            f"{claim} {_a('topic')} <{TOPIC}{rng.choice(TOPICS)}> {graph} .",
            f'{claim} {_a("claimText")} "actor {actor} {stance} actor {target}, claim {k}" {graph} .',
            f'{claim} {_a("negated")} "false"^^<{XSD}boolean> {graph} .',
            f'{claim} {_a("confidence")} "{rng.random():.3f}"^^<{XSD}double> {graph} .',
            f"{claim} {_a('evidence')} <{ID}claim/{aid}-{k}/evidence> {graph} .",
        ]
        if stance == "accuse":  # the accusations against each party since it last denied, latest per accuser
            accused.setdefault(target, {})[actor] = claim
        elif stance == "deny":  # kg/graph/rebuttals.py's rule, for a denier defending itself
            for accuser, accusation in accused.pop(actor, {}).items():
                if accuser != actor:
                    lines.append(f"{claim} {_a('rebuts')} {accusation} {REBUTTALS_GRAPH} .")
    for party in sorted(mentioned):
        lines.append(f"<{ID}actor/x{party}> {RDF_TYPE} {_a('Actor')} {graph} .")
        lines.append(f'<{ID}actor/x{party}> {LABEL} "Actor {party}" {graph} .')
    return lines


def write_synthetic(path: Path, claims: int, seed: int = 7) -> int:
    """Write a synthetic dataset of ``claims`` claims as N-Quads; returns the number of quads."""
    rng = random.Random(seed)
    actors = max(100, claims // 200)
    accused: dict[int, dict[int, str]] = {}
    quads = 0
    with path.open("w", encoding="utf-8") as out:
        for number in range(claims // CLAIMS_PER_ARTICLE):
            lines = _article_lines(number, rng, actors, accused)
            quads += len(lines)
            out.write("\n".join(lines) + "\n")
    return quads


def payloads_from(path: Path) -> list[ArticlePayload]:
    """The synthetic file as per-article payloads (rebuttal links, being derived, are left out)."""
    payloads = []
    quads = (
        q
        for q in parse(path=str(path), format=RdfFormat.N_QUADS)
        if q.graph_name.value != REBUTTALS_GRAPH[1:-1]
    )
    for graph, group in groupby(quads, key=lambda q: q.graph_name.value):
        items = list(group)
        payloads.append(
            ArticlePayload(graph.rsplit("/", 1)[1], NamedNode(graph), items, content_hash(items), 10)
        )
    return payloads


def real_claims(count: int) -> list[tuple[Article, list[Claim]]]:
    """Articles and Claim objects for the end-to-end path through ``kg/graph/rdf.py``."""
    rng = random.Random(11)
    pairs = []
    for number in range(count // CLAIMS_PER_ARTICLE):
        sentences = [
            f"Official {rng.randrange(500)} accused Group {rng.randrange(300)} ({k})." for k in range(10)
        ]
        text, claims, offset = " ".join(sentences), [], 0
        for sentence in sentences:
            words = sentence.split()
            claims.append(
                Claim(f"r{number}", f"Official {words[1]}", "person", "", rng.choice(list(STANCE_WEIGHTS)),
                      f"Group {words[4]}", rng.choice(TOPICS), sentence, sentence, offset,
                      offset + len(sentence), 0.9, target_type="group")
            )  # fmt: skip
            offset += len(sentence) + 1
        pairs.append((Article(id=f"r{number}", text=text, date="2020-02-02"), claims))
    return pairs


# --- measurement ---------------------------------------------------------------------------------------


def paired_medians(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """Median seconds of two runs measured alternately (ABBA order), so that background work on the
    machine (compactions, other processes) weighs on both sides alike."""
    first()
    second()  # warm-up: caches and lazy initialisation are not what we measure
    times: tuple[list[float], list[float]] = ([], [])
    for round_number in range(repeat):
        order = ((0, first), (1, second)) if round_number % 2 == 0 else ((1, second), (0, first))
        for side, run in order:
            times[side].append(timed(run))
    return statistics.median(times[0]), statistics.median(times[1])


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def queries() -> dict[str, tuple[str, str, dict[str, NamedNode]]]:
    """name -> (text with bound variables, the text raw engines run, bindings).

    Raw engines get the values written into the query by hand, as a VALUES block at the start of the
    WHERE group (the same query our layer executes, so the ratio is the layer's own cost); query (1) is
    also timed with the constants written into its triple patterns (``*_inline``), which Oxigraph plans
    differently."""
    out = {}
    for name in ("claims_by_stance_topic", "claims_per_actor", "rebutted_accusers"):
        text = (QUERIES / f"{name}.rq").read_text(encoding="utf-8")
        out[name] = (text, text, {})
    text = out["claims_by_stance_topic"][0]
    stance, topic = NamedNode(STANCE + Q1_STANCE), NamedNode(TOPIC + Q1_TOPIC)
    values = text.replace("WHERE {", f"WHERE {{ VALUES (?stance ?topic) {{ ({stance} {topic}) }}", 1)
    inline = text.replace("?stance", str(stance)).replace("?topic", str(topic))
    out["claims_by_stance_topic"] = (text, values, {"stance": stance, "topic": topic})
    out["claims_by_stance_topic_inline"] = (text, inline, {"stance": stance, "topic": topic})
    return out


def raw_rows(store: Store, sparql: str) -> list[list[object]]:
    results = store.query(sparql, use_default_graph_as_union=True)
    names = [v.value for v in results.variables]
    return [[solution[n] for n in names] for solution in results]


def bench_size(claims: int, repeat: int, workdir: Path) -> dict[str, float]:
    figures: dict[str, float] = {}
    data = workdir / f"synthetic-{claims}.nq"
    quads = write_synthetic(data, claims)
    print(f"\n== {claims:,} claims: {quads:,} quads ({quads / claims:.1f} per claim) ==")
    figures["quads_per_claim"] = quads / claims
    ours, raw = _bench_bulk_load(claims, data, workdir, figures)
    if claims <= 100_000:
        _bench_transactional(claims, data, workdir, figures)
    if claims <= 10_000:
        _bench_end_to_end(claims, workdir, figures)
    rdflib_graph = _rdflib_dataset(data) if claims <= 10_000 else None
    for name, (text, inline, bindings) in queries().items():
        mine, bare = paired_medians(
            lambda t=text, b=bindings: ours.select(t, b), lambda q=inline: raw_rows(raw, q), repeat
        )
        assert len(ours.select(text, bindings)) == len(raw_rows(raw, inline))
        figures[f"{name}_ours"], figures[f"{name}_raw"] = mine, bare
        line = (
            f"{name:<24} ours {mine * 1000:>9.1f} ms   raw {bare * 1000:>9.1f} ms   ratio {mine / bare:.2f}"
        )
        if rdflib_graph is not None:
            slow = timed(lambda q=inline: list(rdflib_graph.query(q)))
            figures[f"{name}_rdflib"] = slow
            line += f"   rdflib {slow * 1000:>9.1f} ms ({slow / bare:.0f}x raw)"
        print(line)
    ours.close()
    return figures


def _bench_bulk_load(
    claims: int, data: Path, workdir: Path, figures: dict[str, float]
) -> tuple[OxigraphStore, Store]:
    """Bulk-load the same file with both, alternating (twice up to 100k, best kept) so that neither side
    profits from going second; returns the loaded stores for the query measurements."""
    rounds = 2 if claims <= 100_000 else 1
    best_ours = best_raw = 0.0
    ours: OxigraphStore | None = None
    for round_number in range(rounds):
        if ours is not None:
            ours.close()  # only the last round's stores are queried
        raw = Store(str(workdir / f"raw-{claims}-{round_number}"))
        best_raw = max(
            best_raw, claims / timed(lambda r=raw: r.bulk_load(path=str(data), format=RdfFormat.N_QUADS))
        )
        _settle(raw)  # its background compaction must not run during the next load
        settings = Settings(store=str(workdir / f"ours-{claims}-{round_number}"))
        ours = OxigraphStore(settings.store, settings)
        best_ours = max(best_ours, claims / timed(lambda o=ours: o.load_dump(data)))
        _settle(ours.raw)
    assert ours is not None
    figures["load_ours"], figures["load_raw"] = best_ours, best_raw
    per_claim = figures["quads_per_claim"]
    print(f"load, bulk   ours {best_ours:>10,.0f} claims/s   raw pyoxigraph {best_raw:>10,.0f} claims/s   "
          f"ours/raw {best_ours / best_raw:.2f}   ({best_ours * per_claim:,.0f} quads/s ours)")  # fmt: skip
    return ours, raw


def _settle(store: Store) -> None:
    """Compact a store right after its (timed) bulk load: RocksDB would otherwise go on merging files in
    the background, and the next load or the queries of whichever store came last would pay for it."""
    started = time.perf_counter()
    store.optimize()
    print(f"(compacted after loading, untimed: {time.perf_counter() - started:.1f} s)")


def _bench_transactional(claims: int, data: Path, workdir: Path, figures: dict[str, float]) -> None:
    payloads = payloads_from(data)
    settings = Settings(store=str(workdir / f"tx-{claims}"))
    store = OxigraphStore(settings.store, settings)

    def write() -> None:
        for start in range(0, len(payloads), 200):
            store.write_payloads(payloads[start : start + 200])

    figures["load_transactional"] = claims / timed(write)
    print(
        f"load, crash-safe transactions (ours, 200 articles each) {figures['load_transactional']:>10,.0f} claims/s"
    )
    store.close()


def _bench_end_to_end(claims: int, workdir: Path, figures: dict[str, float]) -> None:
    pairs = real_claims(claims)
    settings = Settings(store=str(workdir / f"e2e-{claims}"))
    store = OxigraphStore(settings.store, settings)
    figures["load_end_to_end"] = claims / timed(lambda: store.replace_articles(pairs))
    per_claim = store.stats()["triples"] / claims
    print(f"load, Claim objects -> rdf.py mapping -> store (ours) {figures['load_end_to_end']:>10,.0f} claims/s "
          f"({per_claim:.1f} quads per claim)")  # fmt: skip
    store.close()


def _rdflib_dataset(data: Path) -> object:
    from rdflib import Dataset

    dataset = Dataset(default_union=True)
    dataset.parse(str(data), format="nquads")
    return dataset


def _verdict(all_figures: dict[int, dict[str, float]]) -> None:
    print("\n== targets ==")
    for claims, figures in all_figures.items():
        ratios = [figures[f"{q}_ours"] / figures[f"{q}_raw"] for q in queries() if not q.endswith("_inline")]
        worst = max(ratios)
        # the target is stated for claims of about ten triples; ours carry more (the article's and the
        # parties' descriptions in every article graph), so the same quads/s is also shown per 10 quads
        at_ten = figures["load_ours"] * figures["quads_per_claim"] / 10
        print(f"{claims:>9,} claims: worst query overhead vs raw pyoxigraph {100 * (worst - 1):+.0f}% "
              f"({'ok' if worst <= 1.2 else 'OVER'} <= +20%); load {figures['load_ours']:,.0f} claims/s "
              f"({'ok' if figures['load_ours'] > 20_000 else 'UNDER'} > 20k; {at_ten:,.0f} claims/s at 10 "
              f"quads per claim); (1) {figures['claims_by_stance_topic_ours'] * 1000:.1f} ms "
              f"({'ok' if figures['claims_by_stance_topic_ours'] < 0.1 else 'OVER'} < 100 ms)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000", help="comma-separated claim counts")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (median reported)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    results = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-store-") as tmp:
        for claims in sizes:
            results[claims] = bench_size(claims, args.repeat, Path(tmp))
    _verdict(results)


if __name__ == "__main__":
    main()
