"""Government bodies, organisations and media from the lexicons."""

from __future__ import annotations

import pytest

from kg.resolve import agency_for, find_agencies, find_organizations, organization_for
from kg.resolve.agencies import agencies, organizations
from kg.resolve.places import state_info


@pytest.mark.parametrize(
    ("text", "context", "name", "state"),
    [
        ("NSA", "", "NSA", "United States"),
        ("National Security Agency", "", "NSA", "United States"),
        ("the FBI", "", "FBI", "United States"),
        ("Federal Bureau of Investigation", "", "FBI", "United States"),
        ("the Justice Department", "", "US Department of Justice", "United States"),
        ("U.S. Department of Justice", "", "US Department of Justice", "United States"),
        ("DOJ", "", "US Department of Justice", "United States"),
        ("GRU", "", "GRU", "Russia"),
        ("Russia's GRU", "", "GRU", "Russia"),
        ("Federal Security Service", "", "FSB", "Russia"),
        ("SVR", "", "SVR", "Russia"),
        ("MSS", "", "Ministry of State Security", "China"),
        ("PLA", "", "People's Liberation Army", "China"),
        ("NCSC", "", "National Cyber Security Centre", "United Kingdom"),
        ("GCHQ", "", "GCHQ", "United Kingdom"),
        ("DHS", "", "Department of Homeland Security", "United States"),
        ("the Kremlin", "", "Kremlin", "Russia"),
        ("Foreign Office", "", "Foreign Office", "United Kingdom"),
        ("Chinese Foreign Ministry", "", "Foreign Ministry", "China"),
        ("China's Foreign Ministry", "", "Foreign Ministry", "China"),
        (
            "the Foreign Ministry",
            "Chinese Foreign Ministry spokesman Hong Lei said",
            "Foreign Ministry",
            "China",
        ),
        (
            "the foreign ministry",
            "Italian police said hackers entered the foreign ministry",
            "Foreign Ministry",
            "Italy",
        ),
        ("the Defence Ministry", "Ukraine's Defence Ministry said", "Defence Ministry", "Ukraine"),
    ],
)
def test_agency_for(text: str, context: str, name: str, state: str) -> None:
    agency = agency_for(text, context)
    assert agency is not None
    assert (agency.name, agency.state, agency.type) == (name, state, "government")


def test_stateless_body_without_context_stays_stateless() -> None:
    agency = agency_for("Foreign Ministry")
    assert agency is not None and agency.state is None


@pytest.mark.parametrize(
    "text", ["the ministry", "hackers", "Kaspersky", "officials of the NSA and FBI", "National"]
)
def test_agency_for_rejects(text: str) -> None:
    assert agency_for(text) is None


@pytest.mark.parametrize(
    ("text", "name", "type_", "state"),
    [
        ("Kaspersky", "Kaspersky Lab", "organization", None),
        ("Kaspersky Lab", "Kaspersky Lab", "organization", None),
        ("PricewaterhouseCoopers", "PwC", "organization", None),
        ("BAE", "BAE Systems", "organization", None),
        ("FireEye", "FireEye", "organization", None),
        ("Secureworks Counter Threat Unit", "Secureworks", "organization", None),
        ("Microsoft Corp", "Microsoft", "organization", None),
        ("the BBC", "BBC", "media", None),
        ("BBC News", "BBC", "media", None),
        ("The Guardian", "The Guardian", "media", None),
        ("Reuters", "Reuters", "media", None),
        ("Xinhua", "Xinhua", "media", "China"),
        ("OSCE", "Organization for Security and Co-operation in Europe", "organization", None),
    ],
)
def test_organization_for(text: str, name: str, type_: str, state: str | None) -> None:
    org = organization_for(text)
    assert org is not None
    assert (org.name, org.type, org.state) == (name, type_, state)


@pytest.mark.parametrize("text", ["hackers", "the company", "Vice President", "China"])
def test_organization_for_rejects(text: str) -> None:
    assert organization_for(text) is None


def test_find_in_prose() -> None:
    text = "PwC and BAE Systems told Reuters that the U.S. Department of Justice and the FBI were told."
    assert [text[s:e] for s, e, _ in find_organizations(text)] == ["PwC", "BAE Systems", "Reuters"]
    assert [a.name for _, _, a in find_agencies(text)] == ["US Department of Justice", "FBI"]
    assert find_organizations("Vice President Pence spoke.") == []


def test_lexicon_states_exist() -> None:
    for body in (*agencies(), *organizations()):
        if body.state:
            assert state_info(body.state) is not None, body.name
    assert {o.type for o in organizations()} <= {"organization", "media"}
