"""Extraction details beyond the pattern table: confidence, affiliation, metadata lines, galaxy UUIDs."""

from __future__ import annotations

import pytest
from extract_support import find

pytestmark = pytest.mark.slow


def test_hedged_accusation_has_lower_confidence(extract) -> None:
    plain = find(
        extract("Sources said the hacking group was linked to Russia."), "Sources", "accuse", "Russia"
    )
    hedged = find(
        extract("Sources said the hacking group was believed to be linked to Russia."),
        "Sources",
        "accuse",
        "Russia",
    )
    assert plain and hedged
    assert hedged[0].confidence < plain[0].confidence


@pytest.mark.parametrize(
    "text",
    [
        "Analysts at ESET said the attack bears the hallmarks of the Sandworm group.",
        "Pfizer said it had been targeted by attacks from locations inside Russia.",
    ],
)
def test_resemblance_and_origin_are_hedged(extract, text: str) -> None:
    plain = extract("Analysts at ESET said the Sandworm group was behind the attack.")
    assert plain and all(claim.confidence < plain[0].confidence for claim in extract(text))


def test_roles_map_to_the_state(extract) -> None:
    claims = extract(
        "Chinese Foreign Ministry spokesman Hong Lei said China firmly opposes all hacking attacks."
    )
    found = find(claims, "Hong Lei", "deny", "China")
    assert found and found[0].affiliation == "China"


def test_title_and_date_lines_are_not_evidence(extract) -> None:
    text = (
        "Bank hit by hackers\n2017-04-04\n\nFireEye said the Lazarus Group was behind the attack on the bank."
    )
    claims = find(extract(text), "FireEye", "accuse", "Lazarus")
    assert claims and claims[0].evidence.startswith("FireEye")


def test_threat_actor_keeps_galaxy_uuid(extract) -> None:
    claims = find(
        extract("FireEye said Fancy Bear was behind the attack on the agency."),
        "FireEye",
        "accuse",
        "Fancy Bear",
    )
    assert claims and claims[0].target_galaxy
