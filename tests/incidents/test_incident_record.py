"""The attribution status of an incident, as a table of claim sets."""

from __future__ import annotations

import pytest

from kg.incidents.model import ClaimFacts, Incident, LinkedClaim
from kg.incidents.record import attribution_record

PARTIES = {
    "US": ("United States", "government", ""),
    "Smith": ("Brad Smith", "person", "Microsoft"),
    "Times": ("The New York Times", "media", ""),
    "CrowdStrike": ("CrowdStrike", "organization", ""),
    "NK": ("North Korea", "government", ""),
    "Russia": ("Russia", "government", ""),
    "APT28": ("APT28", "group", ""),
    "Peskov": ("Dmitry Peskov", "person", "Russia"),
    "GoP": ("Guardians of Peace", "group", ""),
    "Victim": ("Sony Pictures", "organization", ""),
    "act": ("the hack", "act", ""),
    "Hackers": ("hackers", "unknown", ""),
}


def _incident(*rows: tuple[str, str, str] | tuple[str, str, str, bool]) -> Incident:
    claims = []
    for n, row in enumerate(rows):
        actor, stance, target, *negated = row
        a, t = PARTIES[actor], PARTIES[target]
        facts = ClaimFacts(f"c{n}", "art", f"2017-0{n + 1}-01", a[0], a[1], a[2], stance, t[0], t[1], t[2],
                           negated=bool(negated and negated[0]), evidence=f"{a[0]} {stance} {t[0]}")  # fmt: skip
        claims.append(LinkedClaim(facts, "op:x", "X"))
    return Incident("x", "X", "incident", (), (), None, None, None, ("art",), tuple(claims))


@pytest.mark.parametrize(
    ("rows", "status"),
    [
        ((), "unattributed"),
        ((("Victim", "acknowledge", "act"),), "unattributed"),  # a victim admitting the breach names no one
        ((("US", "accuse", "NK"),), "attributed"),
        ((("US", "accuse", "NK"), ("US", "accuse", "NK")), "attributed"),  # one accuser is not several
        ((("US", "accuse", "NK"), ("Smith", "accuse", "NK")), "attributed"),  # a person adds no kind
        ((("US", "accuse", "NK"), ("CrowdStrike", "accuse", "NK")), "settled"),  # a state and a company
        ((("US", "accuse", "Hackers"),), "unattributed"),  # nobody in particular
        ((("CrowdStrike", "accuse", "APT28"), ("Victim", "acknowledge", "act")), "attributed"),
        (
            (("US", "accuse", "Russia"), ("Peskov", "deny", "Russia"), ("Peskov", "acknowledge", "act")),
            "contested",
        ),  # a live dispute comes first
        ((("US", "accuse", "Russia"), ("Times", "accuse", "Russia")), "settled"),  # a state and the media
        ((("US", "accuse", "Russia"), ("CrowdStrike", "accuse", "APT28")), "settled"),  # APT28 is Russia's
        ((("US", "accuse", "NK"), ("CrowdStrike", "accuse", "NK"), ("NK", "deny", "NK")), "contested"),
        (
            (("CrowdStrike", "accuse", "Russia"), ("Peskov", "deny", "Russia")),
            "contested",
        ),  # speaks for Russia
        ((("CrowdStrike", "accuse", "Russia"), ("Russia", "deny", "CrowdStrike")), "contested"),  # a dispute
        ((("US", "accuse", "NK"), ("Russia", "deny", "Russia")), "attributed"),  # answers nothing
        ((("US", "accuse", "NK", True),), "unattributed"),  # "did not blame"
        ((("US", "accuse", "NK"), ("GoP", "acknowledge", "act")), "acknowledged"),
        ((("US", "accuse", "Russia"), ("Peskov", "acknowledge", "act")), "acknowledged"),
    ],
)
def test_status(rows, status):
    assert attribution_record(_incident(*rows)).status == status


def test_record_entries_name_claims_and_answers():
    record = attribution_record(_incident(("US", "accuse", "NK"), ("NK", "deny", "NK")))
    acts = [(e.act, e.by.name, e.about.name, e.claim, e.answers) for e in record.entries]
    assert acts == [("accused", "United States", "North Korea", "c0", ()),
                    ("denied", "North Korea", "North Korea", "c1", ("c0",))]  # fmt: skip
    assert set(record.status_claims) == {"c0", "c1"}


@pytest.mark.parametrize(
    ("evidence", "act"),
    [("The Treasury sanctioned two men", "sanctioned"), ("Prosecutors indicted the officers", "indicted"),
     ("Officials blamed the group", "accused")],
)  # fmt: skip
def test_sanctions_and_indictments(evidence, act):
    inc = _incident(("US", "accuse", "NK"))
    lc = inc.claims[0]
    from dataclasses import replace

    inc = replace(inc, claims=(replace(lc, claim=replace(lc.claim, evidence=evidence)),))
    assert attribution_record(inc).entries[0].act == act
