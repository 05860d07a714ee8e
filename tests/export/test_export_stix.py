"""STIX 2.1 writer on hand-made claim records: validity, mapping, stable ids."""

from __future__ import annotations

import io
import json
import random

import pytest
import stix2
from export_samples import APT1, CHINA, CLAPPER, HACKING, HONG_LEI, ID, MANDIANT, NOBODY, USA, record, sample
from hypothesis import given, settings
from hypothesis import strategies as st
from stix2validator import ValidationOptions, validate_instance, validate_string

from kg.export import write_stix
from kg.export.stix import accused_object, claim_object_id, claimant_identity
from kg.graph.records import ClaimRecord, PartyRecord


def bundle_text(records: list[ClaimRecord]) -> str:
    out = io.StringIO()
    write_stix(records, out)
    return out.getvalue()


def objects_by_type(records: list[ClaimRecord]) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for obj in json.loads(bundle_text(records))["objects"]:
        grouped.setdefault(obj["type"], []).append(obj)
    return grouped


def assert_valid(text: str) -> None:
    result = validate_string(text, ValidationOptions())
    errors = [str(e) for e in result.errors]
    assert result.is_valid, errors


def test_sample_bundle_passes_the_validator_and_parses_with_stix2():
    text = bundle_text(sample())
    assert_valid(text)
    bundle = stix2.parse(text, allow_custom=False)
    assert len(bundle.objects) == len(json.loads(text)["objects"])


def test_empty_stream_is_a_valid_empty_bundle():
    text = bundle_text([])
    assert json.loads(text)["objects"] == []
    assert_valid(text)


def test_each_accusation_is_an_attributed_to_relationship_created_by_the_accuser():
    grouped = objects_by_type(sample())
    relationships = grouped["relationship"]
    assert len(relationships) == 5  # claims 1, 2, 3, 6, 7
    identities = {o["id"]: o["name"] for o in grouped["identity"]}
    by_id = {o["id"]: o for objs in grouped.values() for o in objs}
    first = next(r for r in relationships if r["id"] == claim_object_id(f"{ID}claim/0001"))
    assert first["relationship_type"] == "attributed-to"
    assert identities[first["created_by_ref"]] == "James Clapper"
    assert by_id[first["target_ref"]]["type"] == "threat-actor"
    assert by_id[first["target_ref"]]["threat_actor_types"] == ["nation-state"]
    assert by_id[first["source_ref"]]["type"] == "campaign"
    assert first["description"].startswith("Evidence sentence 1")
    assert first["confidence"] == 80 and first["created"] == "2015-09-25T00:00:00.000Z"
    assert first["external_references"][0] == {
        "source_name": "article",
        "external_id": "a1",
        "url": "https://example.org/a1",
        "description": "T1",
    }


def test_accused_threat_groups_are_intrusion_sets_with_aliases_and_attack_ids():
    obj = accused_object(APT1)
    assert obj["type"] == "intrusion-set"
    assert obj["aliases"] == ["Comment Crew", "PLA Unit 61398"]
    mitre = obj["external_references"][1]
    assert (mitre["source_name"], mitre["external_id"]) == ("mitre-attack", "G0006")


def test_denials_are_opinions_pointing_at_the_rebutted_accusations():
    opinions = {o["explanation"].split(",")[0]: o for o in objects_by_type(sample())["opinion"]}
    rebuttal = opinions["Evidence sentence 4"]
    assert rebuttal["opinion"] == "strongly-disagree"
    assert rebuttal["object_refs"] == sorted(
        [claim_object_id(f"{ID}claim/0001"), claim_object_id(f"{ID}claim/0002")]
    )
    assert rebuttal["created_by_ref"] == claimant_identity(HONG_LEI)["id"]
    # A denial that rebuts no stored claim points at the denied party.
    assert opinions["Evidence sentence 8"]["object_refs"] == [accused_object(APT1)["id"]]
    # A denial about an act with nothing to rebut (claim 11) has no STIX counterpart.
    assert set(opinions) == {"Evidence sentence 4", "Evidence sentence 8"}


def test_negated_claims_and_other_stances_are_left_out():
    records = [
        record(1, CLAPPER, "accuse", CHINA, negated=True),
        record(2, USA, "warn", CHINA),
        record(3, HONG_LEI, "condemn", HACKING),
    ]
    assert json.loads(bundle_text(records))["objects"] == []


@pytest.mark.parametrize(
    ("party", "identity_class"),
    [
        (CLAPPER, "individual"),
        (CHINA, "class"),
        (USA, "class"),
        (
            PartyRecord(
                iri=f"{ID}actor/mfa", name="Foreign Ministry", type="government", affiliation="China"
            ),
            "organization",
        ),
        (APT1, "group"),
        (MANDIANT, "organization"),
        (PartyRecord(iri=f"{ID}actor/xinhua", name="Xinhua", type="media"), "organization"),
        (NOBODY, "unspecified"),
    ],
)
def test_claimant_identity_classes(party, identity_class):
    identity = claimant_identity(party)
    assert identity["identity_class"] == identity_class
    assert not validate_instance(identity, ValidationOptions()).errors


def test_ids_and_bytes_are_stable_across_exports_and_orders():
    records = sample()
    assert bundle_text(records) == bundle_text(records)
    shuffled = records[:]
    random.Random(3).shuffle(shuffled)
    ids = {o["id"] for o in json.loads(bundle_text(records))["objects"]}
    assert ids == {o["id"] for o in json.loads(bundle_text(shuffled))["objects"]}


def test_bundle_id_follows_the_content():
    first, second = json.loads(bundle_text(sample())), json.loads(bundle_text(sample()[:3]))
    assert first["id"] != second["id"]
    assert first["id"].startswith("bundle--")


def test_binary_output_is_utf8_of_the_text_output():
    records = [record(1, PartyRecord(iri=f"{ID}actor/wang", name="王毅", type="person"), "accuse", CHINA)]
    binary = io.BytesIO()
    write_stix(records, binary)
    assert binary.getvalue().decode("utf-8") == bundle_text(records)


names = st.text(min_size=0, max_size=10)
parties = st.builds(
    PartyRecord,
    iri=st.sampled_from([f"{ID}actor/{n}" for n in "abcd"]),
    name=names,
    type=st.sampled_from(["person", "government", "organization", "group", "media", "act", "unknown"]),
    affiliation=names,
    aliases=st.lists(names, max_size=3).map(tuple),
)
claims = st.builds(
    lambda n, a, s, t, c, reb: record(n, a, s, t, confidence=c, rebuts=reb, evidence=""),
    st.integers(0, 9999),
    parties,
    st.sampled_from(["accuse", "deny"]),
    parties,
    st.floats(0, 1),
    st.lists(st.sampled_from([f"{ID}claim/{n:04d}" for n in range(5)]), max_size=2).map(tuple),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(claims, max_size=8, unique_by=lambda r: r.iri))
def test_any_accusations_and_denials_make_a_valid_bundle(records):
    assert_valid(bundle_text(records))
