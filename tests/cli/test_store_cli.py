"""``kg ingest | delete | stats | sparql`` through the real ``kg`` entry point, on both kinds of store."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pyoxigraph import RdfFormat, parse

from kg.graph import open_store
from kg.graph.rebuttals import refresh_rebuttals
from kg.incidents import refresh_incidents
from kg.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "graph"))
from store_samples import accusation_article, denial_article

SEED = Path(__file__).resolve().parents[1] / "data" / "register-2015-usa-china-cyber.txt"
KG = [sys.executable, "-c", "from kg.cli import main; main()"]
CLAIMS_BY_STANCE = """PREFIX akg: <https://w3id.org/attribution-kg/ontology#>
SELECT ?stance (COUNT(?c) AS ?n) WHERE { ?c akg:stance ?stance } GROUP BY ?stance ORDER BY ?stance"""


def kg(store: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_STORE": store, "COLUMNS": "200"}
    return subprocess.run([*KG, *args], capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture(params=["embedded", "remote"])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A KG_STORE value with the accusation and denial samples stored in it."""
    if request.param == "embedded":
        location = str(tmp_path / "store")
    else:
        location = request.getfixturevalue("empty_oxigraph_server")
    store = open_store(Settings(store=location))
    try:
        store.replace_articles([accusation_article(), denial_article()])
    finally:
        store.close()
    return location


def test_stats(store_location):
    result = kg(store_location, "stats", "--json")
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout)
    assert counts["articles"] == 2 and counts["claims"] == 3 and counts["triples"] > 40


def test_delete_then_delete_again(store_location):
    deleted = kg(store_location, "delete", "acc-1")
    assert deleted.returncode == 0 and "deleted acc-1" in deleted.stdout
    again = kg(store_location, "delete", "acc-1")
    assert again.returncode == 1
    assert again.stderr.strip() == "kg: error: no article 'acc-1' in the store"
    assert json.loads(kg(store_location, "stats", "--json").stdout)["articles"] == 1


def test_sparql_csv_follows_the_sparql_csv_format(store_location):
    env = {**os.environ, "KG_STORE": store_location}
    result = subprocess.run(
        [*KG, "sparql", CLAIMS_BY_STANCE, "--format", "csv"], capture_output=True, env=env
    )
    assert result.returncode == 0, result.stderr
    raw = result.stdout
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline="")))
    assert rows == [
        ["stance", "n"],
        ["https://w3id.org/attribution-kg/stance/accuse", "2"],
        ["https://w3id.org/attribution-kg/stance/deny", "1"],
    ]
    assert b"\r\n" in raw


@pytest.mark.parametrize("fmt", ["json", "tsv", "table"])
def test_sparql_select_formats(store_location, fmt, tmp_path):
    query_file = tmp_path / "q.rq"
    query_file.write_text(CLAIMS_BY_STANCE, encoding="utf-8")
    result = kg(store_location, "sparql", f"@{query_file}", "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt == "json":
        bindings = json.loads(result.stdout)["results"]["bindings"]
        assert [b["n"]["value"] for b in bindings] == ["2", "1"]
    elif fmt == "tsv":
        assert result.stdout.splitlines()[0] == "?stance\t?n"
    else:
        assert "stance/deny" in result.stdout and "2 row(s)" in result.stdout


def test_sparql_construct_as_turtle(store_location):
    query = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/attribution-kg/ontology#Claim> ; ?p ?o }"
    result = kg(store_location, "sparql", query, "--format", "turtle")
    assert result.returncode == 0, result.stderr
    triples = list(parse(result.stdout.encode(), RdfFormat.TURTLE))
    assert len({t.subject for t in triples}) == 3


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["sparql", "SELEC ?x"], "SPARQL syntax error"),
        (["sparql", "DROP ALL"], "updates are not accepted"),
        (["sparql", "@/nonexistent/q.rq"], "cannot read the query"),
        (["sparql", "SELECT * WHERE { ?s ?p ?o }", "--format", "turtle"], "cannot be written as turtle"),
    ],
)
def test_sparql_errors_are_one_line(store_location, args, message):
    result = kg(store_location, *args)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error:") and message in lines[0]
    assert json.loads(kg(store_location, "stats", "--json").stdout)["articles"] == 2


def test_a_locked_store_is_one_line(tmp_path):
    location = str(tmp_path / "store")
    holder = open_store(Settings(store=location))
    try:
        result = kg(location, "stats")
    finally:
        holder.close()
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        == f"kg: error: store at {location} is locked by another process (or already open in this one)"
    )


@pytest.mark.slow
def test_ingest_is_idempotent_and_reports_errors(tmp_path):
    location = str(tmp_path / "store")
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(SEED, inputs / SEED.name)
    (inputs / "empty.txt").write_text("", encoding="utf-8")

    first = kg(location, "ingest", str(inputs))
    assert first.returncode == 1  # the empty file is an input error; the seed is still stored
    assert "empty input" in first.stderr
    assert "new 1, changed 0, unchanged 0" in first.stdout and "errors: 1" in first.stdout
    counts = json.loads(kg(location, "stats", "--json").stdout)
    assert counts["articles"] == 1 and counts["claims"] >= 1

    second = kg(location, "ingest", str(inputs / SEED.name))
    assert second.returncode == 0, second.stderr
    assert "new 0, changed 0, unchanged 1" in second.stdout
    assert json.loads(kg(location, "stats", "--json").stdout) == counts

    (inputs / SEED.name).write_text(
        SEED.read_text(encoding="utf-8") + "\nA late correction.\n", encoding="utf-8"
    )
    third = kg(location, "ingest", str(inputs / SEED.name))
    assert third.returncode == 0 and "changed 1" in third.stdout


def test_export_then_restore_gives_the_same_store(store_location, tmp_path):
    """Back up with `kg export -f nq`, restore into a new embedded store: same counts, same rebuttals."""
    source = open_store(Settings(store=store_location))
    try:
        refresh_rebuttals(source)  # as an ingest would have left them
        refresh_incidents(source)
    finally:
        source.close()
    dump = tmp_path / "backup.nq"
    exported = kg(store_location, "export", "--format", "nq", "-o", str(dump))
    assert exported.returncode == 0, exported.stderr
    before = json.loads(kg(store_location, "stats", "--json").stdout)
    restored = kg(str(tmp_path / "restored"), "restore", str(dump))
    assert restored.returncode == 0, restored.stderr
    after = json.loads(kg(str(tmp_path / "restored"), "stats", "--json").stdout)
    assert after == before and after["rebuttals"] >= 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("backup.ttl", "", "N-Quads (.nq) or TriG (.trig)"),
        ("missing.nq", None, "no such file"),
        ("broken.nq", "<a> <b> .\n", "cannot load the dump"),
    ],
)
def test_restore_errors_are_one_line(tmp_path, name, content, message):
    dump = tmp_path / name
    if content is not None:
        dump.write_text(content, encoding="utf-8")
    result = kg(str(tmp_path / "store"), "restore", str(dump))
    assert result.returncode != 0 and message in result.stderr and "Traceback" not in result.stderr


def test_restore_refuses_a_store_that_is_not_empty(store_location, tmp_path):
    dump = tmp_path / "backup.nq"
    assert kg(store_location, "export", "--format", "nq", "-o", str(dump)).returncode == 0
    result = kg(store_location, "restore", str(dump))
    assert result.returncode != 0
    assert "not empty" in result.stderr or "embedded store" in result.stderr
