"""Soft preferences order the claims that answer a question; they never drop one.

Every claim that matches the structure of a question (its stance, the parties it names, the kind of
party a "which ..." question asks for) is an answer. The question's other words are preferences: the
topic, the incident it names, a party preferred as target, the legal words a verb such as "charged"
leaves in the evidence, a time ("in 2017"). Each preference that some claim meets scores the claims
that meet it; a preference no claim meets says nothing and scores nobody. Preferences weigh in the
order of ``PREFERENCES`` (each more than all those after it together), so the best-scored claims are
the ones a sequence of "keep those that fit, when any does" filters would keep. The answer's *top
group* is the claims of the best score: ``Answer.names`` and the benchmark read it, every other
claim stays in the answer, ranked below, with the reasons it was ranked so (``why``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from kg.ask.answer import FoundClaim
from kg.ask.lexicon import load_lexicon
from kg.ask.match import (
    act_words,
    has_stem,
    names_an_incident,
    names_another_incident,
    norm,
    term_score,
    term_words,
)
from kg.ask.query import StructuredQuery
from kg.ask.timing import calendar_met, event_met

TERM_KEEP_RATIO = 0.5  # a claim scoring at least half the best incident-term score names the incident
CLOSEST_RATIO = 0.75  # ... and at least this share says nearly what a question of any stance says
CLOSEST_RATIO = 0.75  # ... and at least this share says nearly what a question of any stance says


@dataclass(frozen=True, slots=True)
class Preference:
    reason: str  # what a claim meeting it is told ("topic matches")
    test: Callable[[FoundClaim], bool]


def rank(
    claims: list[FoundClaim],
    query: StructuredQuery,
    soft_targets: tuple[tuple[str, str], ...],
    terms: tuple[str, ...],
) -> list[FoundClaim]:
    """``claims`` best first, each with its ``score`` (0..1: the share of the weight of the preferences
    that apply which it meets) and ``why`` (the reasons). ``soft_targets`` are (IRI, label) pairs."""
    preferences = _preferences(claims, query, soft_targets, terms)
    weights = [2.0 ** (len(preferences) - i) for i in range(len(preferences))]
    total = sum(weights) or 1.0
    ranked = []
    for claim in claims:
        met = [i for i, p in enumerate(preferences) if p.test(claim)]
        score = sum(weights[i] for i in met) / total if preferences else 1.0
        ranked.append(replace(claim, score=round(score, 4), why=tuple(preferences[i].reason for i in met)))
    order = {c.iri: i for i, c in enumerate(ranked)}
    return sorted(ranked, key=lambda c: (-c.score, order[c.iri]))


def _preferences(
    claims: list[FoundClaim],
    query: StructuredQuery,
    soft_targets: tuple[tuple[str, str], ...],
    terms: tuple[str, ...],
) -> list[Preference]:
    """The preferences of ``query`` that some claim meets, strongest first. The incident-term test is
    relative to the best term score among the claims the stronger preferences rank first."""
    # a question of any stance ("who said X") is told apart by its clause first, its topic after
    clause = not query.stances
    candidates = [
        _kind_preference(query),
        _stance_preference(query),
        None if clause else _topic_preference(query),
        _own_part_preference(query),
        _target_preference(soft_targets),
        _legal_preference(query),
        _time_named_preference(query),
        _time_preference(query, claims),
    ]
    found: list[Preference] = []
    pool = claims
    for preference in candidates:
        if preference is None:
            continue
        passing = [c for c in pool if preference.test(c)]
        if passing:
            found.append(preference)
            pool = passing
    incident = _term_preference(pool, terms, bool(query.stances))
    if incident is not None:
        found.append(incident)
        if clause:  # "who said X": the clause is all there is to tell the claims apart
            found.append(_closest_preference(pool, terms))
    topic = _topic_preference(query) if clause else None
    if topic is not None and any(topic.test(c) for c in claims):
        found.append(topic)
    return found


def _closest_preference(pool: list[FoundClaim], phrases: tuple[str, ...]) -> Preference:
    """For a question of any stance ("who said the malware had not spread"): the claims that say
    nearly what the question says (CLOSEST_RATIO of the best term score)."""
    terms = term_words(phrases)
    best = max(term_score(terms, c.claim, c.evidence, c.target) for c in pool)
    cut = best * CLOSEST_RATIO
    return Preference(
        "closest to the question", lambda c: term_score(terms, c.claim, c.evidence, c.target) >= cut
    )


def _stance_preference(query: StructuredQuery) -> Preference | None:
    """ "who said the emails had nothing to do with it": a claim of the stance the clause takes."""
    if not query.preferred_stances:
        return None
    stances = set(query.preferred_stances)
    return Preference("stance as the question says", lambda c: c.stance in stances)


def _kind_preference(query: StructuredQuery) -> Preference | None:
    """A "who ..." question with a kind ("who claimed to ..., which group") prefers that kind; a
    "which K ..." question has already kept only parties of kind K (kg.ask.engine)."""
    if query.shape.startswith("which"):
        return None
    kinds = [(query.target_type, "target"), (query.actor_type, "actor")]
    tests = [(kind, role) for kind, role in kinds if kind]
    if not tests:
        return None

    def test(c: FoundClaim) -> bool:
        return all(_is_kind(c, kind, role) for kind, role in tests)

    return Preference("of the kind asked for", test)


def _is_kind(claim: FoundClaim, kind: str, role: str) -> bool:
    if role == "target":
        return (claim.target_state if kind == "state" else False) or claim.target_type == (
            "government" if kind == "state" else kind
        )
    return claim.actor_type == ("government" if kind == "state" else kind)


def _topic_preference(query: StructuredQuery) -> Preference | None:
    if not query.topics:
        return None
    topics = set(query.topics)
    # "other" is the extractor's "don't know": it conflicts with no topic
    return Preference("topic matches", lambda c: c.topic in topics or c.topic == "other")


def _own_part_preference(query: StructuredQuery) -> Preference | None:
    """ "who denied involvement in X": a claim about the claimant itself or its own side."""
    if not query.own_part:
        return None

    def test(c: FoundClaim) -> bool:
        side = {norm(c.actor), norm(c.affiliation)} - {""}
        return c.target_iri == c.actor_iri or bool(side & {norm(c.target), norm(c.target_affiliation)})

    return Preference("about its own part", test)


def _target_preference(soft_targets: tuple[tuple[str, str], ...]) -> Preference | None:
    if not soft_targets:
        return None
    iris = {iri for iri, _ in soft_targets}
    labels = {norm(label) for _, label in soft_targets}
    return Preference(
        "about the party named",
        lambda c: c.target_iri in iris or norm(c.target_affiliation) in labels,
    )


def _legal_preference(query: StructuredQuery) -> Preference | None:
    if not query.evidence_stems:
        return None
    return Preference("legal words in the evidence", lambda c: has_stem(c.evidence, query.evidence_stems))


def _time_named_preference(query: StructuredQuery) -> Preference | None:
    """A claim whose own proposition names the calendar time asked for ("accused China of stealing
    trade secrets in 2014") before one that is only dated so."""
    when = query.time
    if when is None or when.event is not None or when.relation != "in":
        return None
    months = load_lexicon().months
    return Preference(f"says {when.describe()}", lambda c: calendar_met(None, c.claim, when, months))


def _time_preference(query: StructuredQuery, claims: list[FoundClaim]) -> Preference | None:
    """Claims of the question's time. An event's time ("before the sanctions") is the earliest article
    date among the claims that speak of it; with none, the time says nothing."""
    when = query.time
    if when is None:
        return None
    reason = f"dated {when.describe()}"
    if when.event is None:
        months = load_lexicon().months
        return Preference(reason, lambda c: calendar_met(c.date, f"{c.claim} {c.evidence}", when, months))
    words = term_words((when.event,))
    dates = [c.date for c in claims if c.date and term_score(words, c.claim, c.evidence, c.target) > 0]
    if not words or not dates:
        return None
    at = min(dates)
    return Preference(reason, lambda c: event_met(c.date, at, when.relation))


def _term_preference(pool: list[FoundClaim], phrases: tuple[str, ...], stance: bool) -> Preference | None:
    """Claims that speak most of the incident the question names. A claim whose sentence names no
    incident of its own ("the code was reused by Lazarus", "Russia had nothing to do with the attack")
    counts when another claim of its article tells of the incident: it speaks of the article's."""
    terms = term_words(phrases)
    if not terms or not pool:
        return None
    best = max(term_score(terms, c.claim, c.evidence, c.target) for c in pool)
    threshold = best * TERM_KEEP_RATIO
    if threshold <= 0:
        return None
    scores: dict[str, float] = {}

    def score(c: FoundClaim) -> float:
        if c.iri not in scores:
            scores[c.iri] = term_score(terms, c.claim, c.evidence, c.target)
        return scores[c.iri]

    on_topic = {(c.article, c.target_iri) for c in pool if score(c) >= threshold}
    articles = {article for article, _ in on_topic}
    acts = act_words(*phrases)  # "the WannaCry attack": a generic "the attack" may refer to it

    def test(c: FoundClaim) -> bool:
        # an incident of its own name ("the Sony hack"): the evidence around it does not count
        if names_another_incident(terms, c.claim, by_party=False):
            return term_score(terms, c.claim, "", c.target) >= threshold
        if score(c) >= threshold:
            return True
        if (c.article, c.target_iri) in on_topic and not names_an_incident(c.claim, c.evidence):
            return True
        # "the attack": with a stance asked for, a generic mention is the article's incident
        return (
            stance
            and c.article in articles
            and bool(acts & act_words(c.claim))
            and not names_another_incident(terms, c.claim, c.evidence)
        )

    return Preference("incident named", test)
