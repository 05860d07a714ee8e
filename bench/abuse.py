"""Abuse: N concurrent expensive SPARQL queries against ``kg serve`` for a while, and how the server holds.

Starts ``kg serve --ingest seeds`` on a temporary store (KG_SPARQL_TIMEOUT=2 unless set), keeps
``--attackers`` cartesian-product queries in flight for ``--seconds``, and meanwhile times ``/health``
and a cheap ``GET /claims?limit=10``. Prints their p50/p99 during the attack (target: p99 < 1 s), the
attack's status counts (503 = stopped at the timeout, 429 = over KG_SPARQL_MAX_CONCURRENT), and the
seconds until the server's process tree is idle again (CPU < 5% over 0.5 s).

    python bench/abuse.py --attackers 8 --seconds 30
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
TICKS = os.sysconf("SC_CLK_TCK")


def _tree_cpu(pid: int) -> float:
    """CPU seconds of ``pid`` and its live descendants, from /proc."""
    total, pending = 0, [str(pid)]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])
            for task in Path(f"/proc/{current}/task").iterdir():
                pending.extend((task / "children").read_text().split())
        except OSError:
            continue
    return total / TICKS


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def _serve(store: str) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {"KG_SPARQL_TIMEOUT": "2", **os.environ, "KG_STORE": store}
    kg = str(Path(sys.executable).with_name("kg"))
    process = subprocess.Popen(
        [kg, "serve", "--port", str(port), "--log-level", "warning", "--ingest", str(ROOT / "seeds")],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.5)
    raise SystemExit("kg serve did not start")


def _attack(url: str, until: float, statuses: Counter[int]) -> None:
    with httpx.Client(timeout=60) as client:
        while time.monotonic() < until:
            statuses[client.get(f"{url}/sparql", params={"query": CARTESIAN}).status_code] += 1


def _probe(url: str, path: str, until: float) -> list[float]:
    times: list[float] = []
    with httpx.Client(timeout=30) as client:
        while time.monotonic() < until:
            started = time.monotonic()
            client.get(f"{url}{path}")
            times.append(time.monotonic() - started)
            time.sleep(0.05)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--attackers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        process, url = _serve(str(Path(tmp) / "store"))
        try:
            statuses: Counter[int] = Counter()
            until = time.monotonic() + args.seconds
            attackers = [
                threading.Thread(target=_attack, args=(url, until, statuses)) for _ in range(args.attackers)
            ]
            for thread in attackers:
                thread.start()
            results: dict[str, list[float]] = {}
            probes = [
                threading.Thread(target=lambda p=p: results.__setitem__(p, _probe(url, p, until)))
                for p in ("/health", "/claims?limit=10")
            ]
            for thread in probes:
                thread.start()
            for thread in attackers + probes:
                thread.join()
            ended = time.monotonic()
            while True:
                before = _tree_cpu(process.pid)
                time.sleep(0.5)
                if _tree_cpu(process.pid) - before < 0.025 or time.monotonic() - ended > 120:
                    break
            idle_after = time.monotonic() - ended
        finally:
            process.terminate()
            process.wait(30)
    for path, times in results.items():
        print(
            f"{path:20s} n={len(times):5d} p50={_percentile(times, 0.5):.3f}s p99={_percentile(times, 0.99):.3f}s"
        )
    print(f"attack statuses: {dict(sorted(statuses.items()))}")
    print(f"abuse: p99 health {_percentile(results['/health'], 0.99):.3f}s; cpu idle {idle_after:.1f}s after")


if __name__ == "__main__":
    main()
