"""Questions about incidents: which incident a question names, its attribution status, and which
incidents were attributed to a party (in a year).

An incident is found from the question's own words the way the linker finds one in an article: a name
the galaxy or the text gives it ("WannaCry", "ExPetr"), or a description with its victim ("the DNC
hack"); failing that, the incident whose names and victims hold every distinctive word of the phrase.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from kg.ask.answer import Answer, AnswerRow, FoundClaim
from kg.ask.lookup import CLAIMS_QUERY, GraphLookup
from kg.ask.match import norm, term_words
from kg.ask.query import StructuredQuery
from kg.graph.views import load_query
from kg.incidents.model import Incident
from kg.resolve.matcher import phrase_key


def _keys_of(phrase: str) -> set[str]:
    from kg.incidents.mentions import find_mentions

    found = find_mentions(phrase) or find_mentions(phrase[:1].upper() + phrase[1:])
    return {m.key for m in found} | {f"victim:{phrase_key(m.victim)}" for m in found if m.victim}


def _words_of(incident: Incident) -> set[str]:
    names = (incident.name, *incident.aliases, *incident.victims)
    return {w for name in names for w in norm(name).split()}


def find_incident(phrases: Iterable[str], incidents: Sequence[Incident]) -> Incident | None:
    """The incident the phrases name or describe, if exactly one does (the best-supported on a tie)."""
    phrases = [p for p in phrases if p and p.strip()]
    for phrase in phrases:
        keys = _keys_of(phrase)
        held = [i for i in incidents if keys & ({c.key for c in i.claims} | _victim_keys(i))]
        if held:
            return max(held, key=lambda i: len(i.claims))
    words = {t.word for t in term_words(phrases)}
    if not words:
        return None
    held = [i for i in incidents if words <= _words_of(i)]
    return max(held, key=lambda i: len(i.claims)) if held else None


def _victim_keys(incident: Incident) -> set[str]:
    return {f"victim:{phrase_key(v)}" for v in incident.victims}


def incident_claims(terms: tuple[str, ...], store: Any) -> set[str] | None:
    """The claim IRIs of the incident a claims question's incident words name ("who was blamed for
    WannaCry?": the question's terms, and its target when no party has that name), or None."""
    phrases = [t for t in terms if t]
    if not any(p.strip() for p in phrases):
        return None
    from kg.incidents import incidents_in_store

    found = find_incident(phrases, incidents_in_store(store))
    return {c.claim.id for c in found.claims} if found else None


def _row(incident: Incident, status: str, claims: list[FoundClaim]) -> AnswerRow:
    from kg.incidents.graph import incident_iri

    return AnswerRow(
        incident.name, "incident", "", incident_iri(incident.id).value, tuple(claims), status=status
    )


def _answer(query: StructuredQuery, lookup: GraphLookup, rows: list[AnswerRow], note: str | None) -> Answer:
    return Answer(query.question, query, load_query(CLAIMS_QUERY), tuple(rows), tuple(lookup.runs), {}, note)


def answer_incidents(query: StructuredQuery, store: Any) -> Answer:
    """ "what is the attribution status of X?" (one row, the claims behind its status) and "which
    incidents were attributed to P in Y?" (a row per incident, the accusations of P)."""
    from kg.incidents import attribution_record
    from kg.incidents.service import list_incidents

    lookup = GraphLookup(store)
    if query.wanted == "status":
        from kg.incidents import incidents_in_store

        found = find_incident(query.terms, incidents_in_store(store))
        if found is None:
            return _answer(query, lookup, [], f"no incident in the graph is named {', '.join(query.terms)!r}")
        record = attribution_record(found)
        claims = lookup.claims_by_iri(record.status_claims) if record.status_claims else []
        note = f"{found.name}: {record.status} ({record.because})"
        return _answer(query, lookup, [_row(found, record.status, claims)], note)
    rows = []
    for incident in list_incidents(store, accused=query.target, year=query.year):
        record = attribution_record(incident)
        acts = [e.claim for e in record.entries if e.act in ("accused", "sanctioned", "indicted")]
        wanted = {phrase_key(query.target)} if query.target else set()
        chosen = [e.claim for e in record.entries if e.claim in acts and (not wanted or _about(e, wanted))]
        rows.append(_row(incident, record.status, lookup.claims_by_iri(chosen or acts)))
    return _answer(query, lookup, rows, None if rows else "no incident in the graph answers this question")


def _about(entry: Any, wanted: set[str]) -> bool:
    from kg.incidents.record import state_of_group

    names = {
        phrase_key(entry.about.name),
        phrase_key(entry.about.affiliation),
        phrase_key(state_of_group(entry.about.name)),
    }
    return bool(names & wanted)
