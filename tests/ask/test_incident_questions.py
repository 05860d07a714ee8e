"""Questions about incidents, parsed and answered over a store holding the incident fixture."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.ask import answer, parse
from kg.graph import open_store
from kg.graph.importer import import_claims
from kg.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, where the incidents package is
from incidents.incident_fixture import build


@pytest.mark.parametrize(
    ("question", "shape", "wanted", "target", "year", "terms"),
    [
        ("what is the attribution status of the DNC hack?", "attribution status of", "status", None, None,
         ("DNC hack",)),
        ("What's the status of WannaCry", "attribution status of", "status", None, None, ("WannaCry",)),
        ("which incidents were attributed to Russia in 2017?", "which incidents were VERBed", "incidents",
         "Russia", 2017, ()),
        ("which attacks were blamed on North Korea?", "which incidents were VERBed", "incidents", "North Korea",
         None, ()),
        ("which operations were attributed to the GRU during 2016", "which incidents were VERBed", "incidents",
         "GRU", 2016, ()),
    ],
)  # fmt: skip
def test_parse(question, shape, wanted, target, year, terms):
    q = parse(question)
    assert (q.shape, q.wanted, q.target, q.year, q.terms) == (shape, wanted, target, year, terms)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    lines = []
    for item in build():
        a = item.article
        lines.append({"id": a.id, "text": a.text, "date": a.date, "title": a.title})
        lines.extend(c.to_dict() for c, _ in item.claims)
    opened = open_store(Settings(store=str(tmp_path_factory.mktemp("ask-incidents") / "store")))
    import_claims(opened, "".join(json.dumps(line) + "\n" for line in lines), "fixture")
    yield opened
    opened.close()


@pytest.mark.parametrize(
    ("question", "names", "status"),
    [
        ("who was blamed for WannaCry?", ["North Korea"], None),
        ("who denied involvement in WannaCry?", ["North Korea"], None),
        ("what is the attribution status of the DNC hack?", ["DNC hack"], "settled"),
        ("what is the attribution status of wannacry?", ["WannaCry"], "contested"),
        ("which incidents were attributed to Russia in 2016?", ["DNC hack"],
         "settled"),
        ("which incidents were attributed to North Korea in 2017?", ["WannaCry"], "contested"),
        ("which incidents were attributed to Russia in 2017?", [], None),
    ],
)  # fmt: skip
def test_answers(store, question, names, status):
    result = answer(question, store)
    assert [row.name for row in result.answers] == names
    if status:
        assert result.answers[0].status == status and result.answers[0].claims
        assert result.to_dict()["answers"][0]["status"] == status


def test_status_of_an_unknown_incident_says_so(store):
    result = answer("what is the attribution status of the Ruritania breach?", store)
    assert not result.answers and "no incident" in result.note
