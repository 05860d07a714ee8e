"""Questions answered end to end from a real embedded store holding hand-made claims (tests/ask/ask_samples.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import ask_samples as samples
import pytest

from kg.ask import answer
from kg.ask.match import norm
from kg.errors import QueryError
from kg.graph import open_store
from kg.graph.store import Store
from kg.settings import Settings


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = open_store(Settings(store=str(tmp_path_factory.mktemp("ask-store"))))
    samples.load(store)
    yield store
    store.close()


# question -> the exact set of answer names ("A|B": either spelling, as the resolver may canonicalise)
ANSWERS = [
    ("who accused China?", {"James Clapper", "Barack Obama", "Secureworks"}),
    ("who blamed China", {"James Clapper", "Barack Obama", "Secureworks"}),
    ("who accused Beijing?", {"James Clapper", "Barack Obama", "Secureworks"}),
    ("who did James Clapper accuse?", {"China", "Russia"}),
    ("who did Clapper blame", {"China", "Russia"}),
    ("who did Obama accuse?", {"China", "GRU"}),
    ("who accused Russian intelligence services?", {"James Clapper", "Barack Obama", "The Guardian"}),
    ("who accused Fancy Bear?", {"Trend Micro"}),
    ("who blamed APT-10", {"Secureworks"}),
    ("who accused China and Russia", {"James Clapper", "Barack Obama", "Secureworks", "The Guardian"}),
    ("who accused North Korea?", set()),  # the only such claim is negated
    ("who was charged over the Atlanta ransomware attack?", {"Faramarz Shahi Savandi", "two Iranian men"}),
    ("who indicted the ransomware suspects?", {"U.S. Department of Justice"}),
    ("who denied involvement in the attacks on Macron's campaign?", {"Russia"}),
    ("who denied that the leak was a data breach", {"Ciphr"}),
    ("who linked the Macron phishing attacks to Pawn Storm?", {"Trend Micro"}),
    ("who linked the Macron phishing attacks to APT28?", {"Trend Micro"}),
    ("who has been threatening the U.S. government?", {"The Shadow Brokers"}),
    ("who threatened the United States government", {"The Shadow Brokers"}),
    ("who warned states sponsoring cyber attacks?", {"Barack Obama"}),
    ("who sanctioned the GRU?", {"Barack Obama"}),
    ("who claimed responsibility for the attack on the ministry website?", {"Anonymous"}),
    ("who concluded that APT10 was based in China?", {"Secureworks"}),
    ("which states were accused of espionage, and by whom?", {"China", "Russia"}),
    ("which groups were accused?", {"Pawn Storm|APT28", "APT10"}),
    ("who rebutted whom?", {"Hong Lei", "Russia"}),
    ("who rebutted James Clapper?", {"Hong Lei", "Russia"}),
    ("what did Hong Lei say about hackers?", {"Hong Lei"}),
    ("who did Nobody Atall accuse?", set()),
    ("who was behind the Atlanta ransomware attack?", {"Faramarz Shahi Savandi", "two Iranian men"}),
    ("which countries did James Clapper accuse?", {"China", "Russia"}),
    ("which states did Obama accuse?", {"China"}),
    ("who was accused by Secureworks?", {"China", "APT10"}),
    ("who did the Chinese accuse?", set()),
]


def _spelled(names: Iterable[str]) -> set[str]:
    """Names in one spelling: "U.S." and "US" alike, and a known synonym as its canonical name."""
    synonyms = {"pawnstorm": "apt28"}
    out = set()
    for name in names:
        first = norm(name.split("|")[0]).replace(" ", "")
        out.add(synonyms.get(first, first))
    return out


@pytest.mark.parametrize(("question", "names"), ANSWERS, ids=[q for q, _ in ANSWERS])
def test_question_answers(sample_store: Store, question: str, names: set[str]) -> None:
    result = answer(question, sample_store)
    assert _spelled(result.names) == _spelled(names)
    assert len(result.names) == len(set(result.names)), "one row per party"


def test_a_state_includes_the_parties_that_stand_for_it(sample_store: Store) -> None:
    names = set(answer("who accused Russia?", sample_store).names)
    assert {"James Clapper", "The Guardian"} <= names  # "the Russian state" stands for Russia
    assert not names & {"Trend Micro", "Secureworks", "Hong Lei"}


def test_who_denied_sponsorship_names_the_state_a_spokesman_speaks_for(sample_store: Store) -> None:
    rows = {row.name: row for row in answer("who denied sponsorship of attacks?", sample_store).answers}
    assert "Hong Lei" in rows and rows["Hong Lei"].affiliation == "China"
    assert "James Clapper" not in rows and "Barack Obama" not in rows


def test_answer_json_shape(sample_store: Store) -> None:
    data = json.loads(json.dumps(answer("who accused China?", sample_store).to_dict()))
    assert set(data) >= {"question", "sparql", "answers", "query", "bindings"}
    assert data["question"] == "who accused China"
    first = data["answers"][0]
    assert set(first) >= {"name", "type", "affiliation", "claims"}
    assert first["name"] == "Barack Obama" or first["name"] == "James Clapper"
    claim = first["claims"][0]
    assert set(claim) >= {"stance", "target", "evidence", "article", "date", "start", "end"}
    assert claim["stance"] == "accuse" and claim["target"] == "China" and claim["article"] == "a1"
    assert claim["date"] == "2015-09-25"
    text = samples.ARTICLES["a1"].text
    assert text[claim["start"] : claim["end"]] == claim["evidence"]


def test_values_are_bound_not_pasted(sample_store: Store) -> None:
    result = answer("who accused China?", sample_store)
    assert "SELECT" in result.sparql and "China" not in result.sparql
    key_runs = [b for b in result.bindings if b["query"] == "ask_claim_keys"]
    # evaluation starts from the named target (the most selective value), with the stance bound too
    assert key_runs and all(b["target"].endswith("/actor/china") for b in key_runs)
    assert all(b["by"].endswith("#target") and b["stance"].endswith("/accuse") for b in key_runs)
    assert any(b["query"] == "ask_party_match" and b["needle"] == "china" for b in result.bindings)
    assert result.resolved["target"] == ["China"]


def test_rebuttal_answers_name_the_rebutted_claims(sample_store: Store) -> None:
    rows = {row.name: row for row in answer("who rebutted whom?", sample_store).answers}
    rebutted = {r["actor"] for claim in rows["Hong Lei"].claims for r in claim.to_dict()["rebuts"]}
    assert rebutted == {"James Clapper", "Barack Obama"}


def test_grouped_rows_carry_all_their_claims(sample_store: Store) -> None:
    rows = {row.name: row for row in answer("who did Secureworks accuse?", sample_store).answers}
    assert set(rows) == {"China", "APT10"}
    assert all(len(row.claims) == 1 and row.claims[0].actor == "Secureworks" for row in rows.values())


def test_unknown_actor_gets_a_note(sample_store: Store) -> None:
    result = answer("who did Nobody Atall accuse?", sample_store)
    assert result.answers == () and "Nobody Atall" in (result.note or "")


def test_unparseable_question_raises_with_examples(sample_store: Store) -> None:
    with pytest.raises(QueryError, match="who accused China"):
        answer("tell me a joke", sample_store)


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("who accused China?", {"James Clapper", "Barack Obama", "Secureworks"}),
        ("who rebutted whom?", {"Hong Lei", "Russia"}),
    ],
)
def test_same_answers_from_every_store(store: Store, question: str, names: set[str]) -> None:
    """The embedded store and a real Oxigraph server (bindings as VALUES) answer alike."""
    samples.load(store)
    assert set(answer(question, store).names) == names


def test_cli_ask_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from kg.cli import app

    folder = tmp_path / "store"
    store = open_store(Settings(store=str(folder)))
    samples.load(store)
    store.close()
    monkeypatch.setenv("KG_STORE", str(folder))
    from kg.settings import get_settings

    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["ask", "who did James Clapper accuse?", "--format", "json"])
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert {row["name"] for row in data["answers"]} == {"China", "Russia"}
        table = CliRunner().invoke(app, ["ask", "who accused China?"])
        assert table.exit_code == 0 and "Clapper" in table.stdout
    finally:
        get_settings.cache_clear()
