"""Incidents as STIX 2.1 objects: valid for stix2-validator, deterministic, dated from the data."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from stix2validator import ValidationOptions, validate_string

from kg.export.stix_incidents import incident_objects
from kg.incidents import link_incidents

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/, where the incidents package is
from incidents.incident_fixture import build


def _incidents():
    return link_incidents([(item.article, [c for c, _ in item.claims]) for item in build()])


def _accused(name: str) -> str | None:
    return {"North Korea": "threat-actor--6ba7b810-9dad-41d1-80b4-00c04fd430c8"}.get(name)


def test_objects_validate_and_are_dated_from_the_data():
    objects = incident_objects(_incidents(), _accused)
    threat_actor = {"type": "threat-actor", "spec_version": "2.1", "id": _accused("North Korea"),
                    "created": "2017-01-01T00:00:00.000Z", "modified": "2017-01-01T00:00:00.000Z",
                    "name": "North Korea"}  # fmt: skip
    bundle = {"type": "bundle", "id": "bundle--6ba7b811-9dad-41d1-80b4-00c04fd430c8",
              "objects": [*objects, threat_actor]}  # fmt: skip
    result = validate_string(json.dumps(bundle), ValidationOptions(disabled=["extensions-use"]))
    assert result.is_valid, [str(e) for e in result.errors]
    assert not any(o["created"].startswith("1970") for o in objects)
    wannacry = next(o for o in objects if o.get("name") == "WannaCry")
    assert wannacry["labels"] == ["attribution-status:contested"] and wannacry["created"].startswith(
        "2017-05-13"
    )
    relations = [o for o in objects if o["type"] == "relationship" and o["source_ref"] == wannacry["id"]]
    assert relations and {r["target_ref"] for r in relations} == {_accused("North Korea")}


@pytest.mark.parametrize("accused", [None, _accused])
def test_deterministic(accused):
    assert incident_objects(_incidents(), accused) == incident_objects(_incidents(), accused)
