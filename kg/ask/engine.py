"""Structured query -> grouped answers: resolve names, fetch claims, rank them, group them.

Hard constraints (the stance, a named actor, the accused/warned party, negation) are bound in the
SPARQL; a "which K ..." question keeps parties of kind K. Soft ones (topic, the incident's words, a
denial's target, the trace of an indictment in the evidence, a time) rank the claims and say why
(kg.ask.rank); no claim is dropped for them. The rows of the best score are the answer's top group.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from kg.ask import lookup as graph_lookup
from kg.ask.answer import Answer, AnswerRow, FoundClaim
from kg.ask.lookup import CLAIMS_QUERY, GraphLookup, Narrowing, Party
from kg.ask.match import norm, stems
from kg.ask.parser import parse
from kg.ask.query import StructuredQuery
from kg.ask.rank import rank
from kg.ask.spelling import closest_name
from kg.graph.store import Store
from kg.graph.views import load_query

# Stances whose target is the actor's own side or an act: a named target is a preference, not a filter.
SOFT_TARGET_STANCES = frozenset({"deny", "acknowledge", "pledge", "assert"})
MAX_REBUTTED_SHOWN = 10
MAX_CLAIMS_PER_ANSWER = 20  # an answer row shows this many claims and counts the rest ("more_claims")


def answer(question: str, store: Store) -> Answer:
    """Answer a plain-English question from ``store``; QueryError (with examples) when not understood."""
    return run(parse(question), store)


def run(query: StructuredQuery, store: Store) -> Answer:
    """Answer a structured query."""
    if query.wanted in ("incidents", "status"):
        from kg.ask.incidents import answer_incidents

        return answer_incidents(query, store)
    lookup = GraphLookup(store)
    resolved: dict[str, list[str]] = {}
    corrected = dict(query.corrected)
    actors: tuple[Party, ...] = ()
    if query.actor:
        actors = _resolve(lookup, query.actor, corrected)
        resolved["actor"] = [p.label for p in actors]
        if not actors:
            note = f"no party named {query.actor!r} in the graph"
            return _answer(query, lookup, (), resolved, note, corrected)
    targets = _resolve(lookup, query.target, corrected) if query.target else ()
    if query.target:
        related = {p.iri: p for phrase in query.also_targets for p in lookup.resolve(phrase)}
        targets = tuple({**{p.iri: p for p in targets}, **related}.values()) if targets else ()
        resolved["target"] = [p.label for p in targets]
    if query.rebuts:
        if query.target and not targets:
            note = f"no party named {query.target!r} in the graph"
            return _answer(query, lookup, (), resolved, note, corrected)
        claims = _rebuttals(lookup, targets)
    else:
        hard = bool(targets) and bool(query.stances) and not set(query.stances) <= SOFT_TARGET_STANCES
        terms = (*query.terms, query.target) if query.target and not targets else query.terms
        narrowing = Narrowing(
            query.topics,
            stems(terms),
            () if hard else tuple(t.iri for t in targets),
            query.target_type,
            query.actor_type,
        )
        found = lookup.claims(
            query.stances,
            [a.iri for a in actors],
            [t.iri for t in targets] if hard else (),
            narrowing,
            negated=query.negated,
        )
        claims = refine(found, query, () if hard else targets, terms, _incident_claims(terms, store))
    rows = with_mentions(group(claims, "targets" if query.wanted == "targets" else "actors"), lookup)
    note = None if rows else "no claims in the graph answer this question"
    return _answer(query, lookup, rows, resolved, note, corrected)


def _resolve(lookup: GraphLookup, phrase: str, corrected: dict[str, str]) -> tuple[Party, ...]:
    """The parties ``phrase`` names; when none, those of the closest name of the graph (a misspelling,
    recorded in ``corrected``)."""
    parties = lookup.resolve(phrase)
    if parties:
        return parties
    closest = closest_name(phrase, lookup.all_names())
    if closest is None:
        return ()
    corrected[phrase] = closest
    return lookup.resolve(closest)


def _answer(
    query: StructuredQuery,
    lookup: GraphLookup,
    rows: Iterable[AnswerRow],
    resolved: dict[str, list[str]],
    note: str | None,
    corrected: dict[str, str],
) -> Answer:
    return Answer(
        question=query.question,
        query=query,
        sparql=load_query(CLAIMS_QUERY),
        answers=tuple(rows),
        bindings=tuple(lookup.runs),
        resolved=resolved,
        note=_bounded_note(lookup) if rows and (lookup.truncated or lookup.narrowed_by) else note,
        truncated=lookup.truncated or bool(lookup.narrowed_by),
        corrected=corrected,
    )


def _bounded_note(lookup: GraphLookup) -> str:
    """What an answer drawn from part of the matching claims was drawn from."""
    cap = graph_lookup.FETCH_CAP
    note = f"more than {cap} claims match the question's stance and parties"
    if lookup.narrowed_by:
        note += f"; answered from those that also match {' and '.join(lookup.narrowed_by)}"
    if lookup.truncated:
        note += f"; answered from {cap} of them"
    return note


# --- structure and ranking -------------------------------------------------------------------------


def _incident_claims(terms: tuple[str, ...], store: Store) -> set[str] | None:
    from kg.ask.incidents import incident_claims

    return incident_claims(terms, store)


def refine(
    claims: list[FoundClaim],
    query: StructuredQuery,
    soft_targets: tuple[Party, ...],
    terms: tuple[str, ...],
    incident: set[str] | None = None,
) -> list[FoundClaim]:
    """The claims that fit the question's structure (negated or not as asked; for "which K ..." the
    parties of kind K; when the question names an incident the graph knows, that incident's claims, whose
    sentences need not repeat its name), ranked by its soft preferences (kg.ask.rank): none is dropped
    for those."""
    claims = [c for c in claims if c.negated == query.negated]
    if query.shape.startswith("which"):  # "which states ..." asks for states only
        if query.target_type:
            claims = _of_kind(claims, query.target_type, lambda c: (c.target_type, c.target_state))
        if query.actor_type:
            claims = _of_kind(claims, query.actor_type, lambda c: (c.actor_type, False))
    if incident:
        claims = [c for c in claims if c.iri in incident] or claims
    return rank(claims, query, tuple((p.iri, p.label) for p in soft_targets), terms)


def _of_kind(
    claims: list[FoundClaim], kind: str, of: Callable[[FoundClaim], tuple[str, bool]]
) -> list[FoundClaim]:
    if kind == "state":
        states = [c for c in claims if of(c)[1]]
        kind = "government"  # without state flags, a government stands for its state
        if states:
            return states
    matching = [c for c in claims if of(c)[0] == kind]
    if matching:
        return matching
    # "which group ...": a party of unknown kind may be one (the graph could not type "SamSam"); only
    # parties known to be of another kind are no answer
    return [c for c in claims if of(c)[0] == "unknown"]


# --- rebuttals --------------------------------------------------------------------------------------


def _rebuttals(lookup: GraphLookup, rebutted: tuple[Party, ...]) -> list[FoundClaim]:
    """Denials linked (akg:rebuts) to an accusation, by ``rebutted`` when given; a denial aimed at the
    rebutted party itself counts too."""
    if rebutted:
        party_iris = [p.iri for p in rebutted]
        accusations = [c.iri for c in lookup.claims(("accuse",), party_iris)]
        keys = lookup.rebuttal_keys(accusations) if accusations else []
        denials = lookup.claims_by_iri([*keys, *(c.iri for c in lookup.claims(("deny",), (), party_iris))])
    else:
        denials = lookup.claims_by_iri(lookup.rebuttal_keys())
    shown_iris = [iri for denial in denials for iri in denial.rebuts[:MAX_REBUTTED_SHOWN]]
    shown = {c.iri: c for c in lookup.claims_by_iri(shown_iris)} if shown_iris else {}
    out = []
    for denial in denials:
        answered = [
            {
                "actor": claim.actor,
                "stance": claim.stance,
                "target": claim.target,
                "claim": claim.claim,
                "article": claim.article,
                "iri": claim.iri,
            }
            for claim in (shown.get(iri) for iri in denial.rebuts[:MAX_REBUTTED_SHOWN])
            if claim is not None
        ]
        out.append(replace(denial, rebutted=tuple(answered)))
    return out


# --- grouping ---------------------------------------------------------------------------------------


def with_mentions(rows: list[AnswerRow], lookup: GraphLookup) -> list[AnswerRow]:
    """Each row with the party's other names that its evidence uses: the graph names a party by one
    canonical label ("APT28"), the sources by theirs ("the Fancy Bear group")."""
    names = lookup.names(row.iri for row in rows)
    out = []
    for row in rows:
        evidence = " ".join(norm(c.evidence) for c in row.claims)
        found = [
            name
            for name in names.get(row.iri, [])
            if norm(name) != norm(row.name) and norm(name) and f" {norm(name)} " in f" {evidence} "
        ]
        out.append(replace(row, mentions=tuple(found)))
    return out


def group(claims: Iterable[FoundClaim], by: str) -> list[AnswerRow]:
    """One row per actor (or per target), each with its claims best first; rows by their best claim's
    score, then by support. The rows of the best score are the top group (``top``)."""
    buckets: dict[str, list[FoundClaim]] = {}
    for claim in claims:
        buckets.setdefault(claim.target_iri if by == "targets" else claim.actor_iri, []).append(claim)
    rows = []
    for iri, found in buckets.items():
        found = sorted(found, key=lambda c: -c.score)
        first = found[0]
        if by == "targets":
            name, kind, affiliation = first.target, first.target_type, first.target_affiliation
        else:
            name, kind, affiliation = first.actor, first.actor_type, first.affiliation
        shown, more = tuple(found[:MAX_CLAIMS_PER_ANSWER]), max(0, len(found) - MAX_CLAIMS_PER_ANSWER)
        speaks_for = (
            affiliation if kind == "person" and affiliation and norm(affiliation) != norm(name) else ""
        )
        rows.append(
            AnswerRow(
                name,
                kind,
                affiliation,
                iri,
                shown,
                more_claims=more,
                score=first.score,
                why=first.why,
                speaks_for=speaks_for,
            )
        )
    best = max((row.score for row in rows), default=0.0)
    order = {row.iri: i for i, row in enumerate(rows)}
    ranked = sorted(rows, key=lambda r: (-r.score, -len(r.claims) - r.more_claims, order[r.iri]))
    return [replace(row, top=row.score >= best) for row in ranked]
