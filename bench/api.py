"""API benchmark: N concurrent clients on /claims, /ask and /sparql of a running ``kg serve``.

The store holds the seed and dev articles (extracted, when ../shared is present) beside a synthetic graph
of ``--claims`` claims (bench/store.py's generator, bulk-loaded). For each endpoint it prints throughput and
p50/p99 latency; for /sparql it also sends the same queries straight to an ``oxigraph serve`` holding a
copy of the same store and prints the ratio (target: the API within 1.5x of the bare server).

    .venv/bin/python bench/api.py [--claims 1000000] [--clients 8] [--requests 400] [--via embedded|server]

``--via server`` runs the API the way docker-compose.yml does (KG_STORE = the Oxigraph server's URL), so the
ratio then measures the API's own overhead on top of the server.
Synthetic claims carry no evidence selectors, so /claims pages come from the real articles while the
synthetic ones weigh on every query the store evaluates.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from bench.questions import TIMED_QUESTIONS  # noqa: E402
from bench.store import write_synthetic  # noqa: E402
from kg.graph.loader import ingest_paths  # noqa: E402
from kg.graph.oxigraph_store import OxigraphStore  # noqa: E402
from kg.settings import Settings  # noqa: E402

PREFIXES = (
    "PREFIX akg: <https://w3id.org/attribution-kg/ontology#> "
    "PREFIX stance: <https://w3id.org/attribution-kg/stance/> "
    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
)
SPARQL_QUERIES = [
    PREFIXES + "SELECT ?stance (COUNT(?c) AS ?n) WHERE { ?c akg:stance ?stance } GROUP BY ?stance",
    PREFIXES + "SELECT ?c ?actor ?target WHERE { ?c akg:stance stance:deny ; akg:claimant ?actor ; "
    "akg:target ?target } LIMIT 100",
    PREFIXES + 'ASK { ?c akg:stance stance:condemn ; akg:claimant/rdfs:label "China" }',
    PREFIXES
    + "SELECT ?name (COUNT(?c) AS ?n) WHERE { ?c akg:stance stance:accuse ; akg:target/rdfs:label ?name }"
    " GROUP BY ?name ORDER BY DESC(?n) LIMIT 10",
]
CLAIMS_PATHS = [
    "/claims?stance=deny&limit=50",
    "/claims?actor=China&limit=50",
    "/claims?target=United%20States&limit=50",
    "/claims?topic=cyber-espionage&stance=accuse&limit=50",
]
QUESTIONS = TIMED_QUESTIONS  # the questions bench/questions.py times
JSON_RESULTS = {"Accept": "application/sparql-results+json"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_store(directory: Path, claims: int, corpus: bool) -> None:
    started = time.perf_counter()
    store = OxigraphStore(directory, settings=Settings(store=str(directory)))
    try:
        if claims:
            data = directory.parent / "synthetic.nq"
            quads = write_synthetic(data, claims)
            store.load_dump(data)
            data.unlink()
            print(f"loaded {claims:,} synthetic claims ({quads:,} quads)")
        paths = [p for p in (SHARED / "seeds", SHARED / "eval" / "dev") if p.is_dir()] if corpus else []
        if paths:
            report = ingest_paths(store, paths)
            print(
                f"ingested {report.articles} real articles, {report.claims} claims, {len(report.errors)} errors"
            )
        print(f"store: {store.stats()} built in {time.perf_counter() - started:.1f} s")
    finally:
        store.close()


@contextmanager
def process(command: list[str], ready_url: str, env: dict[str, str] | None = None) -> Iterator[None]:
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"{command[0]} exited with {proc.returncode}")
            try:
                httpx.get(ready_url, timeout=5)
                break
            except httpx.HTTPError:
                time.sleep(0.3)
        yield
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


async def _worker(
    client: httpx.AsyncClient, requests: list[tuple[str, dict]], latencies: list[float], failures: list[str]
) -> None:
    for url, kwargs in requests:
        started = time.perf_counter()
        try:
            response = await client.get(url, **kwargs)
        except httpx.HTTPError as exc:  # a timeout counts as a failure; the run goes on
            failures.append(f"{url}: {type(exc).__name__}")
            continue
        latencies.append(time.perf_counter() - started)
        if response.status_code >= 400:
            failures.append(f"{url}: HTTP {response.status_code}: {response.text[:200]}")


async def _load(base: str, workload: list[tuple[str, dict]], args: argparse.Namespace) -> dict[str, float]:
    latencies: list[float] = []
    failures: list[str] = []
    per_client = max(1, args.requests // args.clients)
    limits = httpx.Limits(max_connections=args.clients)
    async with httpx.AsyncClient(base_url=base, timeout=args.timeout, limits=limits) as client:
        await _worker(client, workload, [], failures)  # warm caches and code paths once
        plans = [[workload[(c + i) % len(workload)] for i in range(per_client)] for c in range(args.clients)]
        started = time.perf_counter()
        await asyncio.gather(*(_worker(client, plan, latencies, failures) for plan in plans))
        elapsed = time.perf_counter() - started
    for failure in sorted(set(failures))[:5]:
        print(f"  failed: {failure}")
    ordered = sorted(latencies) or [float("nan")]
    return {
        "requests": len(latencies),
        "failed": len(failures),
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(ordered) * 1000,
        "p99": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000,
    }


def _line(name: str, figures: dict[str, float]) -> None:
    print(
        f"{name:<24} {figures['requests']:>6.0f} ok {figures['failed']:>4.0f} failed  "
        f"{figures['rps']:>8.1f} req/s  p50 {figures['p50']:>9.1f} ms  p99 {figures['p99']:>9.1f} ms"
    )


def run(args: argparse.Namespace, workdir: Path) -> None:
    store_dir, server_dir = workdir / "store", workdir / "server-store"
    build_store(store_dir, args.claims, not args.no_corpus)
    shutil.copytree(store_dir, server_dir)  # the same data for the bare server
    oxigraph = str(Path(sys.executable).with_name("oxigraph"))
    server = f"http://127.0.0.1:{_free_port()}"
    api = f"http://127.0.0.1:{_free_port()}"
    env = {**os.environ, "KG_STORE": server if args.via == "server" else str(store_dir)}
    env["KG_SPARQL_RESULT_CAP"] = str(10**9)
    serve_ox = [
        oxigraph,
        "serve",
        "--location",
        str(server_dir),
        "--bind",
        server[7:],
        "--union-default-graph",
    ]
    kg = [
        str(Path(sys.executable).with_name("kg")),
        "serve",
        "--port",
        api.rsplit(":", 1)[1],
        "--log-level",
        "error",
    ]
    with process(serve_ox, f"{server}/query?query=ASK%7B%7D"), process(kg, f"{api}/health", env):
        print(f"\n{args.clients} concurrent clients, API over the {args.via} store")
        if "claims" in args.endpoints:
            _line("/claims", asyncio.run(_load(api, [(path, {}) for path in CLAIMS_PATHS], args)))
        if "ask" in args.endpoints:
            questions = [("/ask", {"params": {"q": q}}) for q in QUESTIONS]
            _line("/ask", asyncio.run(_load(api, questions, args)))
        if "sparql" in args.endpoints:
            _sparql_against_bare_server(api, server, args)


def _sparql_against_bare_server(api: str, server: str, args: argparse.Namespace) -> None:
    via_api = [("/sparql", {"params": {"query": q}, "headers": JSON_RESULTS}) for q in SPARQL_QUERIES]
    direct = [("/query", {"params": {"query": q}, "headers": JSON_RESULTS}) for q in SPARQL_QUERIES]
    ours = asyncio.run(_load(api, via_api, args))
    bare = asyncio.run(_load(server, direct, args))
    _line("/sparql (API)", ours)
    _line("/query (oxigraph serve)", bare)
    ratio = ours["p50"] / bare["p50"]
    verdict = "within" if ratio <= 1.5 else "OVER"
    print(
        f"/sparql vs bare oxigraph: p50 x{ratio:.2f}, throughput x{bare['rps'] / ours['rps']:.2f} ({verdict} 1.5x)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, default=1_000_000, help="synthetic claims beside the real ones")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    parser.add_argument("--requests", type=int, default=400, help="requests per endpoint")
    parser.add_argument("--via", choices=("embedded", "server"), default="embedded", help="the API's store")
    parser.add_argument("--no-corpus", action="store_true", help="skip extracting the seed and dev articles")
    parser.add_argument("--endpoints", default="claims,ask,sparql", help="comma-separated: claims,ask,sparql")
    parser.add_argument("--timeout", type=float, default=120.0, help="per-request timeout (s)")
    args = parser.parse_args()
    # Let a terminated run still stop its servers and remove its temporary store.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with tempfile.TemporaryDirectory(prefix="kg-bench-api-") as workdir:
        run(args, Path(workdir))


if __name__ == "__main__":
    main()
