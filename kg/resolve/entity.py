"""One call that turns a mention into a resolved :class:`kg.models.Entity`.

Order matters: what the article already established (pronouns, "the company") comes first, then a
person with a title, then the curated and galaxy lexicons from the most specific (threat actors,
agencies, organisations) to the most general (states), then names seen earlier in the article, then
roles ("US officials"), and last a bare name.
"""

from __future__ import annotations

import re

from kg.models import Entity
from kg.resolve.agencies import agency_for, organization_for
from kg.resolve.galaxy import lookup_threat_actor
from kg.resolve.matcher import clean_mention
from kg.resolve.names import NameResolver, ResolvedName, is_reference, name_type, strip_honorifics
from kg.resolve.places import state_info, state_kind
from kg.resolve.roles import match_role, role_affiliation, split_title

_PERSON_NAME = re.compile(r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|bin|al-\w+)){1,3}$")


def resolve_entity(
    mention: str,
    context: str = "",
    names: NameResolver | None = None,
    *,
    speaker: bool = False,
    type_hint: str | None = None,
) -> Entity:
    """The entity ``mention`` stands for, using ``context`` (the sentence or paragraph around it).

    Named parties are registered in ``names`` (one resolver per article) so later short forms,
    descriptions and pronouns resolve to them; ``speaker=True`` records the party as the last speaker.
    ``type_hint`` (an actor type, e.g. from the NER label) types a name no lexicon knows.
    """
    names = names if names is not None else NameResolver()
    raw = " ".join(mention.split())
    if not clean_mention(raw):
        return Entity(name=raw, type="unknown")
    if is_reference(raw):
        found = names.said(raw) if speaker else names.resolve(raw)
        # An unresolved "the company" stays as written: it is still a (definite) party.
        return _from_resolved(found) if found is not None else Entity(name=raw, type="unknown")
    entity = _lexical(raw, context, names, type_hint)
    if entity.type != "unknown" or entity.affiliation:
        names.see(entity.name, entity.type, entity.affiliation or None, speaker=speaker)
    return entity


def _lexical(raw: str, context: str, names: NameResolver, type_hint: str | None) -> Entity:
    entity = _titled_person(raw, context, names)
    if entity is not None:
        return entity
    for step in (_threat_actor, _agency, _organization, _state):
        entity = step(raw, context)
        if entity is not None:
            return entity
    seen = names.resolve(raw)
    if seen is not None:
        return _from_resolved(seen)
    return _role_or_name(raw, context, type_hint)


def _titled_person(raw: str, context: str, names: NameResolver) -> Entity | None:
    """ "President Obama" -> the person, named as fully as the article has named them."""
    title, person = split_title(raw)
    if not (title and person):
        return None
    role = match_role(title)
    if role is None or role.plural:
        return None
    affiliation = role_affiliation(title, context) or ""
    seen = names.resolve(person)
    if seen is not None and seen.type in ("person", "unknown"):
        return Entity(name=seen.name, type="person", affiliation=affiliation or seen.affiliation or "")
    return Entity(name=strip_honorifics(person), type="person", affiliation=affiliation)


def _threat_actor(raw: str, _context: str) -> Entity | None:
    actor = lookup_threat_actor(raw)
    if actor is None:
        return None
    return Entity(
        name=actor.name, type="group", aliases=actor.synonyms, galaxy_uuid=actor.uuid, mitre_id=actor.mitre_id
    )


def _agency(raw: str, context: str) -> Entity | None:
    agency = agency_for(raw, context)
    if agency is None:
        return None
    return Entity(
        name=agency.name,
        type="government",
        affiliation=agency.state or "",
        aliases=agency.aliases,
        wikidata=agency.wikidata,
    )


def _organization(raw: str, _context: str) -> Entity | None:
    org = organization_for(raw)
    if org is None:
        return None
    return Entity(
        name=org.name, type=org.type, affiliation=org.state or "", aliases=org.aliases, wikidata=org.wikidata
    )


def _state(raw: str, _context: str) -> Entity | None:
    found = state_kind(raw)
    if found is None:
        return None
    name, kind = found
    if kind == "government":
        # "US officials", "the Chinese government": the phrase names the actor; the state is its affiliation.
        return Entity(name=clean_mention(raw), type="government", affiliation=name)
    info = state_info(name)
    return Entity(
        name=name,
        type="government",
        affiliation=name,
        aliases=info.aliases if info else (),
        wikidata=info.wikidata if info else None,
    )


def _role_or_name(raw: str, context: str, type_hint: str | None) -> Entity:
    mention = clean_mention(raw)
    role = match_role(mention)
    if role is not None:
        return Entity(name=mention, type=role.type, affiliation=role_affiliation(mention, context) or "")
    if type_hint and type_hint != "person":
        return Entity(name=mention, type=type_hint)
    by_form = name_type(mention)
    if by_form is not None:
        return Entity(name=mention, type=by_form)
    person = strip_honorifics(mention)
    if type_hint == "person" or _PERSON_NAME.match(person):
        return Entity(name=person, type="person")
    return Entity(name=mention, type="unknown")


def _from_resolved(found: ResolvedName) -> Entity:
    return Entity(name=found.name, type=found.type, affiliation=found.affiliation or "")
