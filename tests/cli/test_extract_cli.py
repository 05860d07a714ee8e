"""``kg extract``: JSON Lines out, one line per bad input, the same output on several processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[1] / "data" / "register-2015-usa-china-cyber.txt"
KG = [sys.executable, "-c", "from kg.cli import main; main()"]


def kg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *args], capture_output=True, text=True, env=dict(os.environ), timeout=300)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for n in range(3):
        shutil.copy(SEED, tmp_path / f"seed-{n}.txt")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\xff\xfe" * 100)
    return tmp_path


@pytest.mark.slow
def test_claims_out_and_one_line_per_bad_file(folder):
    result = kg("extract", str(folder))
    assert result.returncode == 1
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert {c["article"] for c in claims} == {"seed-0", "seed-1", "seed-2"}
    assert all(c["evidence"] and c["end"] > c["start"] for c in claims)
    errors = [line for line in result.stderr.splitlines() if line.startswith("kg: error:")]
    assert len(errors) == 3 and "Traceback" not in result.stderr  # two bad files and the summary


@pytest.mark.slow
def test_worker_processes_give_the_same_output(folder):
    one, two = kg("extract", str(folder)), kg("extract", str(folder), "--jobs", "2")
    assert two.stdout == one.stdout and two.returncode == one.returncode == 1


@pytest.mark.slow
def test_explain_shows_each_candidate_with_its_rules_score_and_decision():
    result = kg(
        "extract", "--explain", "Security firm Mandiant said the Lazarus Group was behind the attack."
    )
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    candidates = [r for r in records if r.get("type") == "candidate"]
    claims = [r for r in records if "type" not in r]
    kept = [c for c in candidates if c["decision"] == "kept"]
    assert any(c["actor"] == "Mandiant" and c["target"] == "Lazarus Group" and c["rules"] for c in kept)
    assert any(c["decision"].startswith("dropped") for c in candidates)
    assert all(0.0 <= c["claim_probability"] <= 1.0 and c["top_features"] for c in candidates)
    assert [(c["actor"], c["stance"], c["target"]) for c in claims] == [
        ("Mandiant", "accuse", "Lazarus Group")
    ]
    assert claims[0]["rules"] == kept[0]["rules"] and claims[0]["model_score"] > 0.5


def test_explain_and_paths_together_is_a_usage_error(tmp_path):
    result = kg("extract", "--explain", "X said Y.", str(tmp_path))
    assert result.returncode == 2 and "not both" in result.stderr
