"""kg ask: the ranking and its reasons in the table, what a misspelling was read as, readings offered."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app
from kg.graph import open_store
from kg.settings import Settings, get_settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "ask"))
import ask_samples as samples


@pytest.fixture(scope="module")
def sample_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("ask-cli-store")
    store = open_store(Settings(store=str(folder)))
    samples.load(store)
    store.close()
    return folder


@pytest.fixture
def runner(sample_folder: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[CliRunner]:
    monkeypatch.setenv("KG_STORE", str(sample_folder))
    monkeypatch.setenv("COLUMNS", "200")
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


@pytest.mark.parametrize(
    ("question", "shown"),
    [
        ("who accused China in 2015?", ["score", "why", "dated in 2015", "ranked below them"]),
        ("who did Clappr accuse?", ["read 'Clappr' as 'James Clapper'", "Russia"]),
    ],
)
def test_the_table_shows_ranking_reasons_and_readings(
    runner: CliRunner, question: str, shown: list[str]
) -> None:
    result = runner.invoke(app, ["ask", question])
    assert result.exit_code == 0, result.output
    for text in shown:
        assert text in result.stdout


def test_a_question_not_understood_offers_readings(sample_folder: Path) -> None:
    """Through the console entry point, as a user runs it: one error line with the readings, exit 1."""
    env = {**os.environ, "KG_STORE": str(sample_folder)}
    code = "import sys; from kg.cli import main; sys.argv = ['kg', 'ask', 'China hackers acussed']; main()"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stderr.startswith("kg: error: cannot understand")
    assert 'did you mean: "who accused China hackers?"' in done.stderr
