"""The CTI exports of the seed and dev articles as the extractor reads them: the STIX validator's verdict,
and PyMISP reading the MISP events."""

from __future__ import annotations

import io
import json
from collections import Counter
from pathlib import Path

import jsonschema
import pymisp
import pytest
from pymisp import MISPEvent
from seed_dev import DEV_PRESENT
from stix2validator import ValidationOptions, validate_string
from test_export_stix import ALLOWED_WARNINGS, warning_codes

from kg.export import export
from kg.export.misp import misp_uuid
from kg.export.stix_objects import named_party
from kg.graph import open_store
from kg.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def corpus_store(seed_dev_store_dir):
    store = open_store(Settings(store=str(seed_dev_store_dir)))
    yield store
    store.close()


def stix_text(store, tlp: str = "") -> str:
    out = io.StringIO()
    export(store, "stix", out, tlp=tlp)
    return out.getvalue()


@pytest.mark.parametrize("tlp", ["", "amber"])
def test_the_seed_and_dev_bundle_has_no_errors_and_only_the_listed_warnings(corpus_store, tlp):
    text = stix_text(corpus_store, tlp)
    result = validate_string(text, ValidationOptions())
    assert result.is_valid, [str(e) for e in result.errors]
    assert warning_codes(result) <= ALLOWED_WARNINGS, sorted({str(w) for w in result.warnings})
    assert stix_text(corpus_store, tlp) == text  # byte-stable


def test_the_bundle_covers_the_stored_accusations_and_articles(corpus_store):
    objects = json.loads(stix_text(corpus_store))["objects"]
    kinds = Counter(o["type"] for o in objects)
    records = list(corpus_store.claims())
    accusations = [r for r in records if r.stance == "accuse" and not r.negated and named_party(r.target)]
    assert sum(o.get("relationship_type") == "attributed-to" for o in objects) == len(accusations) > 0
    articles = {r.article for r in accusations} | {r.article for r in records if r.stance == "deny"}
    assert kinds["report"] <= len(articles) and kinds["report"] >= len({r.article for r in accusations})
    assert not [o for o in objects if str(o.get("created", "")).startswith("1970")]
    index = {o["id"]: o for o in objects}
    for opinion in (o for o in objects if o["type"] == "opinion"):
        assert all(index[ref]["type"] == "relationship" for ref in opinion["object_refs"])
    named = {o["name"] for o in objects if o["type"] in ("intrusion-set", "threat-actor")}
    vague = {r.target.name for r in records if r.stance == "accuse" and not named_party(r.target)}
    assert not named & vague
    assert vague or not DEV_PRESENT  # the seed alone accuses no described party


def misp_events(store) -> list[dict]:
    out = io.StringIO()
    export(store, "misp", out)
    return json.loads(out.getvalue())["response"]


def test_pymisp_loads_the_seed_and_dev_events_with_their_galaxy_tags(corpus_store):
    records = list(corpus_store.claims())
    items = misp_events(corpus_store)
    assert len(items) == len({r.article for r in records})  # one event per article
    schema = json.loads((Path(pymisp.__file__).parent / "data" / "schema-lax.json").read_text())
    tagged = 0
    for item in items:
        assert not list(jsonschema.Draft7Validator(schema).iter_errors(item))
        event = MISPEvent()
        event.load(item)
        article = item["Event"]["uuid"]
        claims = [r for r in records if misp_uuid("event", r.article) == article]
        assert len(event.objects) == len(claims)
        expected = {p.galaxy_uuid for r in claims for p in (r.actor, r.target) if p.galaxy_uuid}
        clusters = {c.uuid for g in event.galaxies for c in g.clusters}
        assert clusters == expected
        assert sum(t.name.startswith("misp-galaxy:") for t in event.tags) == len(expected)
        tagged += bool(expected)
    assert tagged > 0 or not DEV_PRESENT  # the seed alone names no galaxy group


def test_the_incident_layer_adds_one_valid_object_per_dated_incident(corpus_store):
    from kg.export.stix_incidents import incident_id
    from kg.incidents import incidents_in_store

    out = io.StringIO()
    export(corpus_store, "stix", out, incidents=True)
    result = validate_string(out.getvalue(), ValidationOptions())
    assert result.is_valid, [str(e) for e in result.errors]
    assert warning_codes(result) <= ALLOWED_WARNINGS, sorted({str(w) for w in result.warnings})
    ids = {o["id"] for o in json.loads(out.getvalue())["objects"]}
    dated = {incident_id(i) for i in incidents_in_store(corpus_store) if i.first_reported}
    assert dated or not DEV_PRESENT, "the dev articles report dated incidents"
    assert dated <= ids
