"""resolve_entity: one mention in, one kg.models.Entity out."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.models import ACTOR_TYPES, Entity
from kg.resolve import (
    NameResolver,
    find_agencies,
    find_organizations,
    find_states,
    find_threat_actors,
    lookup_threat_actor,
    resolve_entity,
)

SEED = (
    "Chinese Foreign Ministry spokesman Hong Le said, in a rebuttal of US director of national "
    "intelligence James Clapper's assertion that China and Russia are the USA's biggest online threats."
)


@pytest.mark.parametrize(
    ("mention", "context", "name", "type_", "affiliation"),
    [
        ("Chinese Foreign Ministry spokesman Hong Le", SEED, "Hong Le", "person", "China"),
        (
            "US director of national intelligence James Clapper",
            SEED,
            "James Clapper",
            "person",
            "United States",
        ),
        ("Beijing", "", "China", "government", "China"),
        ("the Middle Kingdom", "", "China", "government", "China"),
        ("Washington", "", "United States", "government", "United States"),
        ("the Chinese", "", "China", "government", "China"),
        ("US government", "", "US government", "government", "United States"),
        ("U.S. officials", "", "U.S. officials", "government", "United States"),
        ("the Kremlin", "", "Kremlin", "government", "Russia"),
        ("GRU", "", "GRU", "government", "Russia"),
        ("the Justice Department", "", "US Department of Justice", "government", "United States"),
        ("Kaspersky", "", "Kaspersky Lab", "organization", ""),
        ("the BBC", "", "BBC", "media", ""),
        ("Xinhua", "", "Xinhua", "media", "China"),
        ("security researchers", "", "security researchers", "unknown", ""),
        ("private security firms", "", "private security firms", "organization", ""),
        (
            "a security researcher at Google",
            "said a security researcher at Google.",
            "security researcher at Google",
            "person",
            "Google",
        ),
        ("Dr Adrian Nish", "", "Adrian Nish", "person", ""),
        ("Dun & Bradstreet", "", "Dun & Bradstreet", "unknown", ""),
        ("Dun & Bradstreet", "", "Dun & Bradstreet", "organization", ""),
    ],
)
def test_resolve_entity(mention: str, context: str, name: str, type_: str, affiliation: str) -> None:
    hint = "organization" if type_ == "organization" and name == "Dun & Bradstreet" else None
    entity = resolve_entity(mention, context, NameResolver(), type_hint=hint)
    assert (entity.name, entity.type, entity.affiliation) == (name, type_, affiliation)
    assert entity.type in ACTOR_TYPES


def test_threat_actor_entity_carries_galaxy_ids() -> None:
    entity = resolve_entity("Fancy Bear", "", NameResolver())
    actor = lookup_threat_actor("APT28")
    assert entity == Entity(
        name="APT28", type="group", aliases=actor.synonyms, galaxy_uuid=actor.uuid, mitre_id="G0007"
    )
    assert resolve_entity("Sofacy").galaxy_uuid == entity.galaxy_uuid


def test_states_carry_wikidata() -> None:
    assert resolve_entity("Beijing").wikidata == "Q148"
    assert resolve_entity("Washington").wikidata == "Q30"


def test_article_sequence() -> None:
    """Mentions in article order: later short forms, pronouns and descriptions resolve to earlier parties."""
    names = NameResolver()
    steps = [
        ("US director of national intelligence James Clapper", SEED, True, "James Clapper", "United States"),
        ("Chinese Foreign Ministry spokesman Hong Lei", SEED, True, "Hong Lei", "China"),
        ("Hong Le", "", True, "Hong Lei", "China"),
        ("he", "", False, "Hong Lei", "China"),
        ("Clapper", "", False, "James Clapper", "United States"),
        ("Kaspersky Lab", "", True, "Kaspersky Lab", ""),
        ("Kasperksy", "", False, "Kaspersky Lab", ""),
        ("the company", "", False, "Kaspersky Lab", ""),
        ("it", "", False, "Kaspersky Lab", ""),
        ("he", "", False, "Hong Lei", "China"),
        ("Barack Obama", "", True, "Barack Obama", ""),
        (
            "President Obama",
            "President Obama said the United States would act.",
            True,
            "Barack Obama",
            "United States",
        ),
        ("Obama", "", False, "Barack Obama", "United States"),
    ]
    for mention, context, speaker, name, affiliation in steps:
        entity = resolve_entity(mention, context, names, speaker=speaker)
        assert (mention, entity.name, entity.affiliation) == (mention, name, affiliation)


@pytest.mark.parametrize("mention", ["", "   ", "he", "the company"])
def test_unresolvable_references_stay_as_written(mention: str) -> None:
    entity = resolve_entity(mention, "", NameResolver())
    assert entity.name == " ".join(mention.split()) or entity.name == mention.strip()


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), st.text(max_size=200))
def test_any_mention_resolves_to_a_valid_entity(mention: str, context: str) -> None:
    names = NameResolver()
    entity = resolve_entity(mention, context, names, speaker=True)
    assert entity.type in ACTOR_TYPES
    assert isinstance(entity.name, str) and isinstance(entity.affiliation, str)
    again = resolve_entity(mention, context, names)
    assert again.type in ACTOR_TYPES


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_scanners_return_spans_inside_the_text(text: str) -> None:
    for found in (find_threat_actors(text), find_states(text), find_agencies(text), find_organizations(text)):
        last = 0
        for start, end, *_ in found:
            assert last <= start < end <= len(text)
            last = end
