"""MISP events from hand-made claim records: one event per article, galaxy tags, claims as annotations."""

from __future__ import annotations

import io
import json
from dataclasses import replace

import pytest
from export_samples import APT1, CHINA, CLAPPER, HACKING, HONG_LEI, ID, MANDIANT, record, sample
from pymisp import MISPEvent

from kg.errors import ConfigError
from kg.export import write_misp
from kg.export.misp import claim_comment
from kg.graph.records import PartyRecord
from kg.resolve.galaxy import lookup_threat_actor

APT28_ACTOR = lookup_threat_actor("APT28")
APT28 = PartyRecord(iri=f"{ID}actor/apt28", name="APT28", type="group", galaxy_uuid=APT28_ACTOR.uuid)


def events(records, **options) -> list[dict]:
    out = io.StringIO()
    write_misp(records, out, **options)
    return [item["Event"] for item in json.loads(out.getvalue())["response"]]


def loaded(records, **options) -> list[MISPEvent]:
    found = []
    for event in events(records, **options):
        misp = MISPEvent()
        misp.load({"Event": event})
        found.append(misp)
    return found


def test_one_event_per_article_with_every_claim_as_an_annotation():
    by_article = {e.info: e for e in loaded(sample())}
    assert set(by_article) == {"T1", "a2"}  # a1's title is T1; a2 has none: its id stands in
    a1 = by_article["T1"]
    assert str(a1.date) == "2015-09-25" and len(a1.objects) == 8  # claims 1-5 and 9-11, every stance
    texts = {o.get_attributes_by_relation("text")[0].value for o in a1.objects}
    assert any(t.startswith("Evidence sentence 1") for t in texts)


@pytest.mark.parametrize(
    ("target", "actor_attribute"),
    [
        (APT28, "APT28"),
        (CHINA, "China"),
        (HACKING, None),
        (PartyRecord(iri=f"{ID}actor/h", name="hackers", type="group"), None),
    ],
)
def test_named_accused_parties_are_threat_actor_attributes(target, actor_attribute):
    (event,) = loaded([record(1, CLAPPER, "accuse", target)])
    values = [a.value for a in event.attributes if a.type == "threat-actor"]
    assert values == ([actor_attribute] if actor_attribute else [])
    if values:
        assert event.attributes[-1].comment == "Accused by James Clapper."


def test_threat_groups_carry_their_galaxy_tag_and_cluster_uuid():
    (event,) = loaded([record(1, MANDIANT, "accuse", APT28), record(2, CHINA, "deny", APT28)])
    assert [t.name for t in event.tags] == ['misp-galaxy:threat-actor="APT28"']
    (galaxy,) = event.galaxies
    assert galaxy.type == "threat-actor" and [c.uuid for c in galaxy.clusters] == [APT28_ACTOR.uuid]
    (actor,) = [a for a in event.attributes if a.type == "threat-actor"]
    assert [t.name for t in actor.tags] == ['misp-galaxy:threat-actor="APT28"']


def test_an_unknown_galaxy_uuid_gives_no_tag():
    (event,) = loaded(
        [record(1, MANDIANT, "accuse", replace(APT1, galaxy_uuid="00000000-0000-4000-8000-000000000000"))]
    )
    assert event.tags == [] and event.galaxies == []


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {},
            "James Clapper (United States) accuse China [cyber-espionage]; confidence 80%; characters 10-19 of article a1",
        ),
        ({"negated": True}, "; negated"),
        ({"reported_via": "Xinhua"}, "; reported via Xinhua"),
    ],
)
def test_the_comment_reads_the_claim(fields, expected):
    comment = claim_comment(record(1, CLAPPER, "accuse", CHINA, **fields))
    assert expected in comment and comment.endswith(f"claim {ID}claim/0001")


@pytest.mark.parametrize(("level", "tag"), [("", None), ("green", "tlp:green"), ("CLEAR", "tlp:clear")])
def test_tlp_tags_every_event(level, tag):
    for event in loaded(sample(), tlp=level):
        assert (tag in [t.name for t in event.tags]) is (tag is not None)


def test_a_bad_tlp_level_is_a_configuration_error():
    with pytest.raises(ConfigError):
        write_misp(sample(), io.StringIO(), tlp="purple")


def test_undated_articles_stand_on_the_documented_day_and_bytes_are_stable():
    records = [record(1, HONG_LEI, "deny", CHINA, date=None)]
    (event,) = events(records)
    assert event["date"] == "2000-01-01" and event["timestamp"] == "946684800"
    assert events(records) == events(records)
