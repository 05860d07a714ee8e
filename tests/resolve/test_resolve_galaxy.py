"""Threat actors from the MISP galaxies: merged aliases, attribution, prose scanning, the cached index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.files import cached_json
from kg.resolve import find_threat_actors, lookup_threat_actor
from kg.resolve import galaxy as galaxy_module
from kg.resolve.galaxy_build import MatchRules, merge_clusters, name_case
from kg.resolve.matcher import Case

APT28_ALIASES = [
    "APT28",
    "Fancy Bear",
    "Sofacy",
    "Pawn Storm",
    "STRONTIUM",
    "Forest Blizzard",
    "Sednit",
    "APT 28",
    "apt28",
    "FANCY BEAR",
    "the Fancy Bear group",
    "so-called APT28",
]


@pytest.mark.parametrize("alias", APT28_ALIASES)
def test_apt28_aliases_are_one_actor(alias: str) -> None:
    actor = lookup_threat_actor(alias)
    assert actor is not None
    assert (actor.name, actor.mitre_id, actor.country, actor.kind) == ("APT28", "G0007", "Russia", "group")
    assert actor.uuid == lookup_threat_actor("Sofacy").uuid == lookup_threat_actor("Fancy Bear").uuid


@pytest.mark.parametrize(
    ("mention", "name", "mitre_id", "country"),
    [
        ("Lazarus", "Lazarus Group", "G0032", "North Korea"),
        ("the Lazarus hacking group", "Lazarus Group", "G0032", "North Korea"),
        ("Nickel Academy", "Lazarus Group", "G0032", "North Korea"),
        ("Hidden Cobra", "Lazarus Group", "G0032", "North Korea"),
        ("APT10", "APT10", "G0045", "China"),
        ("APT 10", "APT10", "G0045", "China"),
        ("Stone Panda", "APT10", "G0045", "China"),
        ("Cozy Bear", "APT29", "G0016", "Russia"),
        ("Midnight Blizzard", "APT29", "G0016", "Russia"),
        ("Callisto Group", "Callisto", "G1033", "Russia"),
        ("Charming Kitten", "Charming Kitten", "G0058", "Iran"),
        ("Sandworm", "Sandworm", "G0034", "Russia"),
        ("hacking group known as Fancy Bear", "APT28", "G0007", "Russia"),
        ("the hacking group known as Fancy Bear", "APT28", "G0007", "Russia"),
        ("a group dubbed APT10", "APT10", "G0045", "China"),
    ],
)
def test_lookup_known_actors(mention: str, name: str, mitre_id: str, country: str) -> None:
    actor = lookup_threat_actor(mention)
    assert actor is not None
    assert (actor.name, actor.mitre_id, actor.country) == (name, mitre_id, country)


@pytest.mark.parametrize(
    "mention",
    [
        "hackers",
        "the group",
        "Russia",
        "China",
        "silence",
        "play",
        "tick",
        "equation",
        "the company",
        "",
        "   ",
        "GOP leaders",
        "Microsoft",
        "attackers",
    ],
)
def test_common_words_are_not_threat_actors(mention: str) -> None:
    assert lookup_threat_actor(mention) is None


def test_similar_but_distinct_groups_stay_apart() -> None:
    # The galaxy marks the Iranian "kitten" groups as similar to one another; they are not one actor.
    charming, rocket = lookup_threat_actor("Charming Kitten"), lookup_threat_actor("Rocket Kitten")
    assert charming is not None and rocket is not None
    assert charming.uuid != rocket.uuid
    assert lookup_threat_actor("APT29").uuid != lookup_threat_actor("APT28").uuid


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fancy Bear, also known as APT 28, hit WADA.", [("Fancy Bear", "APT28"), ("APT 28", "APT28")]),
        ("Researchers tied the Lazarus Group to the heist.", [("Lazarus Group", "Lazarus Group")]),
        ("Kaspersky linked it to Lazarus.", [("Lazarus", "Lazarus Group")]),
        ("APT28's tools and Cozy Bear's implants.", [("APT28", "APT28"), ("Cozy Bear", "APT29")]),
        ("Silence fell. Play resumed after the Equation was solved; the GOP said so.", []),
        ("Its lead investigator found the tick and the mask.", []),
        ("", []),
    ],
)
def test_find_threat_actors_in_prose(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(text[s:e], actor.name) for s, e, actor in find_threat_actors(text)]
    assert found == expected


def test_find_threat_actors_spans_are_exact() -> None:
    text = "PwC said APT10 (Stone Panda) ran Cloud Hopper."
    for start, end, actor in find_threat_actors(text):
        assert lookup_threat_actor(text[start:end]) == actor
    assert {a.name for _, _, a in find_threat_actors(text)} == {"APT10"}


RULES = MatchRules(
    english=frozenset({"silence", "lead", "play", "lazarus", "tick"}),
    match_in_text=frozenset({"lazarus"}),
    never_in_text=frozenset({"unnamedactor"}),
)


@pytest.mark.parametrize(
    ("name", "case"),
    [
        ("Silence", Case.LOOKUP),  # an English word: whole-mention lookups only
        ("LEAD", Case.EXACT),  # an English word in capitals: only in capitals
        ("Lazarus", Case.PROPER),  # an English word listed as safe in prose
        ("GOP", Case.LOOKUP),  # a short acronym of other things
        ("Unnamed Actor", Case.LOOKUP),
        ("APT3", Case.ANY),
        ("Sofacy", Case.PROPER),
        ("Fancy Bear", Case.PROPER),
        ("G0007", Case.ANY),
        ("HX", None),  # too short to mean anything
    ],
)
def test_name_case_rules(name: str, case: Case | None) -> None:
    assert name_case(name, RULES) is case


def _value(uuid: str, value: str, synonyms: list[str], similar: tuple[str, ...] = (), **meta: str) -> dict:
    return {
        "uuid": uuid,
        "value": value,
        "meta": {"synonyms": synonyms, **meta},
        "related": [{"dest-uuid": d, "type": "similar"} for d in similar],
    }


def test_merge_joins_by_attack_id_and_direct_link_only() -> None:
    clusters = {
        "threat-actor": [
            _value("t1", "Alpha", ["Alpha Bear", "G9001"], similar=("t2",), country="RU"),
            _value("t2", "Beta", ["Beta Kitten"], similar=("t1",), country="IR"),
        ],
        "mitre-intrusion-set": [_value("m1", "Alpha - G9001", ["Alpha", "Tsar"], external_id="G9001")],
        "microsoft-activity-group": [
            _value("ms1", "IRONSTONE", ["Beta"], similar=("t2",)),
            _value("ms2", "LONER", []),
        ],
    }
    actors = merge_clusters(clusters)
    by_name = {a.name: a for a in actors}
    assert set(by_name) == {"Alpha", "Beta", "LONER"}  # t1 and t2 are "similar" but share no name
    assert by_name["Alpha"].mitre_id == "G9001"
    assert "Tsar" in by_name["Alpha"].names
    assert "IRONSTONE" in by_name["Beta"].names
    assert by_name["Alpha"].country == "Russia" and by_name["Beta"].country == "Iran"
    assert by_name["Alpha"].uuid == "t1"


def test_index_is_cached_and_reloads_identically(galaxy_cache: Path) -> None:
    galaxy_module._galaxy()
    files = list(galaxy_cache.glob("galaxy-*.json"))
    assert len(files) == 1
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert data == galaxy_module.build_index_data()
    before = galaxy_module.lookup_threat_actor("Sofacy")
    galaxy_module._galaxy.cache_clear()
    assert galaxy_module.lookup_threat_actor("Sofacy") == before


def test_unwritable_cache_still_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    data = cached_json(blocker / "cache" / "galaxy.json", galaxy_module.build_index_data)
    assert any(row[0] == "APT28" for row in data["actors"])
