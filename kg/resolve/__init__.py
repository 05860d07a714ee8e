"""Entity resolution: who a mention in an article is.

Threat actors come from the MISP galaxies (``pymispgalaxies``); states, agencies, organisations, media,
roles and name rules from the data files in ``kg/lexicons``. Everything loads once, on first use.
"""

from kg.resolve.acronyms import expand as expand_acronym
from kg.resolve.agencies import (
    Agency,
    Organization,
    agency_for,
    find_agencies,
    find_organizations,
    nearest_state,
    organization_for,
)
from kg.resolve.entity import resolve_entity
from kg.resolve.galaxy import GalaxyActor, all_threat_actors, find_threat_actors, lookup_threat_actor
from kg.resolve.mentions import Mention, find_parties, find_people
from kg.resolve.names import NameResolver, ResolvedName, edit_distance, person_after_body, strip_honorifics
from kg.resolve.places import State, find_states, state_for, state_info, state_kind
from kg.resolve.roles import Role, find_roles, match_role, role_affiliation, split_title

__all__ = [
    "Agency",
    "GalaxyActor",
    "Mention",
    "NameResolver",
    "Organization",
    "ResolvedName",
    "Role",
    "State",
    "agency_for",
    "all_threat_actors",
    "edit_distance",
    "expand_acronym",
    "find_agencies",
    "find_organizations",
    "find_parties",
    "find_people",
    "find_roles",
    "find_states",
    "find_threat_actors",
    "lookup_threat_actor",
    "match_role",
    "nearest_state",
    "organization_for",
    "person_after_body",
    "resolve_entity",
    "role_affiliation",
    "split_title",
    "state_for",
    "state_info",
    "state_kind",
    "strip_honorifics",
]
