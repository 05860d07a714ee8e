"""Resolver speed: galaxy index build vs cached load, and lookups per second.

Usage: .venv/bin/python bench/resolve.py
Prints one figure per line; the last line sums it up.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from kg.resolve import (
    NameResolver,
    agency_for,
    find_states,
    find_threat_actors,
    lookup_threat_actor,
    resolve_entity,
    state_for,
)
from kg.resolve import galaxy as galaxy_module

MENTIONS = ["Fancy Bear", "Sofacy", "APT 28", "Lazarus", "hackers", "the group", "Cozy Bear", "Silence"]
SENTENCE = (
    "Chinese Foreign Ministry spokesman Hong Lei said Washington's claims that Fancy Bear and the Lazarus "
    "Group worked for Beijing and Pyongyang were groundless, the Kremlin and U.S. officials said."
)


def _per_second(call, items, rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for item in items:
            call(item)
    return rounds * len(items) / (time.perf_counter() - start)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        galaxy_module.cache_dir = lambda: Path(tmp)
        galaxy_module._galaxy.cache_clear()
        start = time.perf_counter()
        lookup_threat_actor("APT28")
        cold = time.perf_counter() - start
        galaxy_module._galaxy.cache_clear()
        start = time.perf_counter()
        lookup_threat_actor("APT28")
        warm = time.perf_counter() - start
        print(f"galaxy index: build+cache {cold * 1000:.0f} ms; load from cache {warm * 1000:.0f} ms")
        actors = _per_second(lookup_threat_actor, MENTIONS, 2000)
        states = _per_second(state_for, ["Beijing", "the Middle Kingdom", "US officials", "hackers"], 2000)
        agencies = _per_second(lambda m: agency_for(m, SENTENCE), ["NSA", "Chinese Foreign Ministry"], 2000)
        scans = _per_second(lambda s: (find_threat_actors(s), find_states(s)), [SENTENCE], 2000)
        entities = _per_second(lambda m: resolve_entity(m, SENTENCE, NameResolver()), MENTIONS, 500)
        print(f"lookup_threat_actor: {actors:,.0f}/s")
        print(f"state_for: {states:,.0f}/s")
        print(f"agency_for (with context): {agencies:,.0f}/s")
        print(f"find_threat_actors+find_states on a {len(SENTENCE)}-char sentence: {scans:,.0f}/s")
        print(f"resolve_entity: {entities:,.0f}/s")
        print(
            f"resolve: cold {cold:.2f} s, warm {warm:.3f} s, speed-up {cold / warm:.0f}x; {actors:,.0f} lookups/s"
        )


if __name__ == "__main__":
    main()
