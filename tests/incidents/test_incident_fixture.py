"""The incident stage on the hand-made fixture: clusters, merge reasons, statuses, through the store too."""

from __future__ import annotations

import json

import pytest

from kg.graph import open_store
from kg.graph.importer import import_claims
from kg.incidents import attribution_record, incidents_in_store, link_incidents
from kg.incidents.score import b_cubed
from kg.settings import Settings

from .incident_fixture import STATUSES, build


def _labels(incidents):
    """Claim (article, offset) -> incident id; offsets, not IRIs, since the importer resolves names."""
    return {(lc.claim.article, lc.claim.start): inc.id for inc in incidents for lc in inc.claims}


def _gold():
    return {(item.article.id, c.start): label for item in build() for c, label in item.claims if label}


def _direct():
    return link_incidents([(item.article, [c for c, _ in item.claims]) for item in build()])


def test_fixture_clusters_perfectly_across_articles():
    incidents = _direct()
    score = b_cubed(_gold(), _labels(incidents))
    assert (score.precision, score.recall) == (1.0, 1.0)
    assert len([i for i in incidents if len(i.articles) > 1]) == 2  # WannaCry and the DNC hack


@pytest.mark.parametrize(
    "reason",
    [
        "wannacry-nhs and wannacrypt-us both name WannaCry",
        "dnc-crowdstrike and dnc-times report on the same victim, Democratic National Committee "
        "(published 41 days apart)",
    ],
)
def test_merges_say_why(reason):
    assert any(reason in because for i in _direct() for because in i.merged_because)


def test_statuses_follow_the_definitions():
    incidents = _direct()
    gold, labels = _gold(), _labels(incidents)
    for label, status in STATUSES.items():
        members = {labels.get(claim) for claim, lab in gold.items() if lab == label}
        assert len(members) == 1 and None not in members, label
        (ident,) = members
        incident = next(i for i in incidents if i.id == ident)
        assert attribution_record(incident).status == status, label


def _claims_file():
    lines = []
    for item in build():
        a = item.article
        lines.append({"id": a.id, "text": a.text, "date": a.date, "title": a.title})
        lines.extend(c.to_dict() for c, _ in item.claims)
    return "".join(json.dumps(line) + "\n" for line in lines)


def test_store_holds_the_same_incidents(tmp_path):
    store = open_store(Settings(store=str(tmp_path / "store")))
    try:
        import_claims(store, _claims_file(), "fixture")
        stored = incidents_in_store(store)
        rows = store.select(
            "PREFIX akg: <https://w3id.org/attribution-kg/ontology#> "
            "SELECT ?i WHERE { GRAPH <https://w3id.org/attribution-kg/id/graph/derived-incidents> { ?i a akg:Incident } }"
        )
    finally:
        store.close()
    direct = _direct()
    assert sorted(i.id for i in stored) == sorted(i.id for i in direct)
    assert len(rows) == len(direct)
    assert b_cubed(_gold(), _labels(stored)).f1 == 1.0


def test_stored_incidents_conform_to_the_shapes(tmp_path):
    import io

    from kg.graph.shacl import validate

    store = open_store(Settings(store=str(tmp_path / "store")))
    try:
        import_claims(store, _claims_file(), "fixture")
        out = io.BytesIO()
        store.dump(out, "application/n-quads")
    finally:
        store.close()
    conforms, report = validate(out.getvalue())
    assert conforms, report


@pytest.mark.xfail(strict=True, reason="an article's subject takes every claim that names no other operation "
                   "outright, even one about another matter")  # fmt: skip
def test_a_claim_about_another_matter_stays_unlinked():
    from kg.incidents.link import link_claims
    from kg.models import Article, Claim

    text = "The breach at Equifax\n\nFireEye blamed China for the breach at Equifax. Germany warned Turkey about spying."
    other = "Germany warned Turkey about spying."
    start = text.index(other)
    claim = Claim("x", "Germany", "government", "", "warn", "Turkey", "cyber-espionage", other, other,
                  start, start + len(other), 1.0)  # fmt: skip
    assert link_claims(Article("x", text, date="2017-09-20"), [claim]) == [None]
