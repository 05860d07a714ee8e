"""``kg ingest --claims``: a claims file imported, re-imported unchanged, refused whole with one error a line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[1] / "data" / "register-2015-usa-china-cyber.txt"
KG = [sys.executable, "-c", "from kg.cli import main; main()"]
TEXT = "Orla Brennick said Ruritania ran the intrusion. Ruritania denied it."


def kg(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KG_STORE=str(store))
    return subprocess.run([*KG, *args], capture_output=True, text=True, env=env, timeout=120)


def lines(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def claim(**changes: object) -> dict:
    evidence = "Orla Brennick said Ruritania ran the intrusion."
    base = {
        "article": "cli", "actor": "Orla Brennick", "actor_type": "person", "affiliation": "",
        "stance": "accuse", "target": "Ruritania", "topic": "hacking", "claim": "Ruritania ran it",
        "evidence": evidence, "start": 0, "end": len(evidence), "confidence": 0.8,
    }  # fmt: skip
    return base | changes


def test_import_then_reimport(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text(lines({"id": "cli", "text": TEXT}, claim()))
    first = kg(tmp_path / "store", "ingest", "--claims", str(path))
    second = kg(tmp_path / "store", "ingest", "--claims", str(path))
    assert first.returncode == 0, first.stderr
    assert "articles: 1 (new 1, changed 0, unchanged 0); claims: 1" in first.stdout
    assert second.returncode == 0 and "(new 0, changed 0, unchanged 1); claims: 1" in second.stdout
    stats = json.loads(kg(tmp_path / "store", "stats", "--json").stdout)
    assert (stats["articles"], stats["claims"]) == (1, 1)


def test_bad_lines_one_error_each_and_nothing_imported(tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    path.write_text(lines({"id": "cli", "text": TEXT}, claim(stance="blame"), claim(), "[]"))
    result = kg(tmp_path / "store", "ingest", "--claims", str(path))
    errors = [line for line in result.stderr.splitlines() if line.startswith("kg: error:")]
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert errors == [
        f"kg: error: {path}: line 2: 'stance' must be one of accuse, deny, condemn, acknowledge, warn, "
        "pledge, assert, not 'blame'",
        f"kg: error: {path}: line 4: a line must be a JSON object (a claim or an article)",
        f"kg: error: {path}: 2 bad lines, nothing imported",
    ]
    assert json.loads(kg(tmp_path / "store", "stats", "--json").stdout)["articles"] == 0


@pytest.mark.slow
def test_extractor_output_imports_as_the_extracted_claims(tmp_path: Path) -> None:
    extracted = kg(tmp_path / "unused", "extract", str(SEED), "--with-text")
    path = tmp_path / "seed.jsonl"
    path.write_text(extracted.stdout)
    assert kg(tmp_path / "imported", "ingest", "--claims", str(path)).returncode == 0
    assert kg(tmp_path / "ingested", "ingest", str(SEED)).returncode == 0
    # the claims as the graph tells them (a claim's IRI hashes the names as given, and the resolver
    # may give a name the RDF mapping would canonicalise anyway: "Chinese" -> China)
    query = """PREFIX akg: <https://w3id.org/attribution-kg/ontology#>
    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
    SELECT ?actor ?stance ?target ?topic ?text ?confidence ?negated WHERE {
      ?c akg:claimant/rdfs:label ?actor ; akg:stance ?stance ; akg:target/rdfs:label ?target ;
         akg:topic ?topic ; akg:claimText ?text ; akg:confidence ?confidence ; akg:negated ?negated }"""
    imported, ingested = (
        kg(tmp_path / s, "sparql", query, "-f", "csv").stdout for s in ("imported", "ingested")
    )
    assert sorted(imported.splitlines()) == sorted(ingested.splitlines())
