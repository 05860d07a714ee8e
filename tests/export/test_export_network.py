"""GEXF and GraphML writers on hand-made claim records: schema validity, read-back, spells, stability."""

from __future__ import annotations

import io
import random
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from export_samples import APT1, CHINA, CLAPPER, HACKING, HONG_LEI, ID, NOBODY, USA, record, sample
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from kg.export import write_gexf, write_graphml
from kg.export.network import DaySet
from kg.graph.records import ClaimRecord, PartyRecord

XSD = Path(__file__).resolve().parents[1] / "data" / "gexf-1.3" / "gexf.xsd"
GEXF = "{http://gexf.net/1.3}"


@pytest.fixture(scope="module")
def gexf_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


CASES: dict[str, list[ClaimRecord]] = {
    "empty": [],
    "one dated claim": [record(1, CLAPPER, "accuse", CHINA)],
    "undated only": [
        record(1, CLAPPER, "accuse", CHINA, date=None),
        record(2, CLAPPER, "accuse", CHINA, date=None),
    ],
    "stances in parallel": [
        record(n, HONG_LEI, stance, CHINA) for n, stance in enumerate(("deny", "condemn", "warn"))
    ],
    "consecutive and gapped days": [
        record(n, CLAPPER, "accuse", CHINA, date=d)
        for n, d in enumerate(("2015-09-25", "2015-09-26", "2015-09-27", "2015-10-01", "2014-01-01"))
    ],
    "aliases and missing values": [
        record(1, NOBODY, "assert", APT1),
        record(2, USA, "warn", HACKING, date=None),
    ],
    "bad date and date-time": [
        record(1, CLAPPER, "accuse", CHINA, date="someday"),
        record(2, CLAPPER, "accuse", CHINA, date="2015-09-25T10:00:00Z"),
    ],
    "control characters": [
        record(1, PartyRecord(iri=f"{ID}actor/odd", name="Odd\x0bName\x00", type="person"), "accuse", CHINA)
    ],
    "sample": sample(),
}


def gexf_bytes(records: list[ClaimRecord]) -> bytes:
    out = io.BytesIO()
    write_gexf(records, out)
    return out.getvalue()


def graphml_bytes(records: list[ClaimRecord]) -> bytes:
    out = io.BytesIO()
    write_graphml(records, out)
    return out.getvalue()


def expected_counts(records: list[ClaimRecord]) -> tuple[int, int]:
    nodes = {r.actor.iri for r in records} | {r.target.iri for r in records}
    edges = {(r.actor.iri, r.target.iri, r.stance) for r in records}
    return len(nodes), len(edges)


def claim_day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


@pytest.mark.parametrize("records", CASES.values(), ids=CASES.keys())
def test_gexf_validates_and_reads_back_with_the_same_counts(records, gexf_schema):
    data = gexf_bytes(records)
    assert gexf_schema.validate(etree.fromstring(data)), gexf_schema.error_log
    graph = nx.read_gexf(io.BytesIO(data))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == expected_counts(records)
    assert sum(w for _, _, w in graph.edges(data="weight")) == len(records)


@pytest.mark.parametrize("records", CASES.values(), ids=CASES.keys())
def test_gexf_spells_cover_every_dated_claim(records):
    graph = nx.read_gexf(io.BytesIO(gexf_bytes(records)))
    spells = {(s, t, d["label"]): d.get("spells", []) for s, t, d in graph.edges(data=True)}
    for r in records:
        day = claim_day(r.date)
        edge_spells = spells[(r.actor.iri, r.target.iri, r.stance)]
        if day is None:
            continue
        assert any(date.fromisoformat(a) <= day <= date.fromisoformat(b) for a, b in edge_spells), r


def test_gexf_spells_merge_consecutive_days_only():
    root = etree.fromstring(gexf_bytes(CASES["consecutive and gapped days"]))
    spells = [(s.get("start"), s.get("end")) for s in root.iter(f"{GEXF}spell")]
    assert spells == [
        ("2014-01-01", "2014-01-01"),
        ("2015-09-25", "2015-09-27"),
        ("2015-10-01", "2015-10-01"),
    ]
    graph = root.find(f"{GEXF}graph")
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    assert (graph.get("start"), graph.get("end")) == ("2014-01-01", "2015-10-01")


def test_gexf_undated_claims_weigh_without_spells():
    root = etree.fromstring(gexf_bytes(CASES["undated only"]))
    (edge,) = root.iter(f"{GEXF}edge")
    assert edge.get("weight") == "2"
    assert edge.find(f"{GEXF}spells") is None
    assert root.find(f"{GEXF}graph").get("start") is None


def test_gexf_edges_carry_stance_as_label_kind_and_attribute():
    root = etree.fromstring(gexf_bytes(CASES["stances in parallel"]))
    for edge in root.iter(f"{GEXF}edge"):
        values = {v.get("for"): v.get("value") for v in edge.iter(f"{GEXF}attvalue")}
        assert edge.get("label") == edge.get("kind") == values["stance"]


def test_gexf_attributes_are_declared_typed_and_never_empty():
    root = etree.fromstring(gexf_bytes(sample()))
    declared = {a.get("id"): a.get("type") for a in root.iter(f"{GEXF}attribute")}
    assert declared["claims"] == "integer" and declared["mean_confidence"] == "double"
    values = [v.get("value") for v in root.iter(f"{GEXF}attvalue")]
    assert all(v and v != "None" and not v.startswith("[") for v in values)
    assert all(v.get("for") in declared for v in root.iter(f"{GEXF}attvalue"))


def test_gexf_node_attributes_join_aliases_and_skip_missing_values():
    graph = nx.read_gexf(io.BytesIO(gexf_bytes(sample())))
    apt1 = graph.nodes[APT1.iri]
    assert apt1["aliases"] == "Comment Crew; PLA Unit 61398"
    assert apt1["mitre_id"] == "G0006" and "wikidata" not in apt1
    assert graph.nodes[CHINA.iri]["role"] == "claimant+target"
    assert graph.nodes[NOBODY.iri]["label"] == NOBODY.iri  # no name: the IRI labels it


@pytest.mark.parametrize("writer", [gexf_bytes, graphml_bytes], ids=["gexf", "graphml"])
def test_output_is_byte_identical_whatever_the_claim_order(writer):
    records = sample()
    shuffled = records[:]
    random.Random(7).shuffle(shuffled)
    assert writer(records) == writer(records) == writer(shuffled)


@pytest.mark.parametrize("writer", [write_gexf, write_graphml], ids=["gexf", "graphml"])
def test_text_and_binary_streams_get_the_same_document(writer):
    binary, text = io.BytesIO(), io.StringIO()
    writer(sample(), binary)
    writer(sample(), text)
    assert binary.getvalue().decode("utf-8") == text.getvalue()


@pytest.mark.parametrize("records", CASES.values(), ids=CASES.keys())
def test_graphml_reads_back_with_the_same_counts(records):
    graph = nx.read_graphml(io.BytesIO(graphml_bytes(records)))
    assert (graph.number_of_nodes(), graph.number_of_edges()) == expected_counts(records)
    for _, data in graph.nodes(data=True):
        assert all(isinstance(v, str) and v for v in data.values())
    for _, _, data in graph.edges(data=True):
        assert data["label"] == data["stance"] and data["weight"] == data["claims"]


def test_graphml_edge_dates_span_the_claims():
    graph = nx.read_graphml(io.BytesIO(graphml_bytes(CASES["consecutive and gapped days"])))
    ((_, _, data),) = graph.edges(data=True)
    assert (data["first_date"], data["last_date"]) == ("2014-01-01", "2015-10-01")


names = st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)
parties = st.builds(
    PartyRecord,
    iri=st.sampled_from([f"{ID}actor/{n}" for n in "abcdef"]),
    name=names,
    type=st.sampled_from(["person", "government", "group", "act", "unknown"]),
    affiliation=names,
    aliases=st.lists(names, max_size=3).map(tuple),
    mitre_id=st.none() | st.just("G0007"),
)
dates = st.none() | st.dates(date(1990, 1, 1), date(2030, 1, 1)).map(date.isoformat) | names
claims = st.builds(
    lambda n, a, s, t, d: record(n, a, s, t, date=d),
    st.integers(0, 9999),
    parties,
    st.sampled_from(["accuse", "deny", "warn"]),
    parties,
    dates,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(claims, max_size=12))
def test_any_claims_make_a_valid_gexf_with_matching_counts(records):
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    data = gexf_bytes(records)
    assert schema.validate(etree.fromstring(data)), schema.error_log
    graph = nx.read_gexf(io.BytesIO(data))
    nodes = {r.actor.iri for r in records} | {r.target.iri for r in records}
    assert set(graph.nodes) == nodes
    assert graph.number_of_edges() == expected_counts(records)[1]


@given(st.sets(st.integers(700_000, 740_000), max_size=40))
def test_day_set_holds_exactly_the_days_added_in_any_order(days):
    day_set = DaySet()
    for day in sorted(days, key=lambda d: hash((d, 17))):
        day_set.add(day)
    assert list(day_set) == sorted(days)
    assert bool(day_set) == bool(days)
    if days:
        assert (day_set.first(), day_set.last()) == (min(days), max(days))
