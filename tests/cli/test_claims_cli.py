"""``kg ingest --claims``: a claims file imported, re-imported unchanged, refused whole with one error a line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
