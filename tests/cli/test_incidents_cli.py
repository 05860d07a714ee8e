"""``kg incidents``: the listing and one incident's record, after ``kg ingest --claims``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

KG = [sys.executable, "-c", "from kg.cli import main; main()"]
TEXT = (
    "Ruritania blames neighbour for the hack of Grand Fenwick Telecom\n\n"
    "Orla Brennick said Borduria was behind the hack of Grand Fenwick Telecom. Borduria denied it."
)


def kg(store: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KG_STORE=str(store))
    return subprocess.run([*KG, *args], capture_output=True, text=True, env=env, timeout=120)


def _claims(tmp_path: Path) -> Path:
    accuse = "Orla Brennick said Borduria was behind the hack of Grand Fenwick Telecom."
    deny = "Borduria denied it."
    base = {"article": "cli", "actor_type": "person", "affiliation": "", "topic": "hacking", "claim": "x",
            "confidence": 0.8, "target": "Borduria"}  # fmt: skip
    lines = [
        {"id": "cli", "text": TEXT, "date": "2020-02-02"},
        base | {"actor": "Orla Brennick", "stance": "accuse", "evidence": accuse, "start": TEXT.index(accuse),
                "end": TEXT.index(accuse) + len(accuse)},
        base | {"actor": "Borduria", "actor_type": "government", "stance": "deny", "evidence": deny,
                "start": TEXT.index(deny), "end": TEXT.index(deny) + len(deny)},
    ]  # fmt: skip
    path = tmp_path / "claims.jsonl"
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def test_listing_and_one_incident(tmp_path: Path) -> None:
    store = tmp_path / "store"
    assert kg(store, "ingest", "--claims", str(_claims(tmp_path))).returncode == 0
    listed = kg(store, "incidents", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    (row,) = json.loads(listed.stdout)
    assert (row["name"], row["status"], row["accused"]) == (
        "hack of Grand Fenwick Telecom",
        "contested",
        ["Borduria"],
    )
    shown = kg(store, "incidents", row["id"])
    assert shown.returncode == 0 and "contested" in shown.stdout and "denied" in shown.stdout


@pytest.mark.parametrize("args", [["no-such-incident"], ["--status", "settled", "--format", "json"]])
def test_missing_or_empty(tmp_path: Path, args: list[str]) -> None:
    store = tmp_path / "store"
    kg(store, "ingest", "--claims", str(_claims(tmp_path)))
    result = kg(store, "incidents", *args)
    if args[0] == "no-such-incident":
        assert result.returncode == 1 and result.stderr.startswith("kg: error: no incident")
    else:
        assert result.returncode == 0 and json.loads(result.stdout) == []
