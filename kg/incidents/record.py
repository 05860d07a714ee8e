"""The attribution record of one incident and its status: :func:`attribution_record`.

Statuses, in the order they are decided:

* ``contested``: a denial or dispute answers an accusation about the incident (the denier is the accused
  or speaks for it, or denies the accused party's role, or disputes the accuser);
* ``acknowledged``: the accused or its state acknowledges or claims responsibility, or, when nobody is
  accused, a party claims responsibility (a victim confirming it was hit acknowledges nothing);
* ``settled``: accusers of at least two different kinds among governments, companies and the media
  accuse the same party, and no denial answers them;
* ``attributed``: someone accuses, and no denial answers;
* ``unattributed``: no claim says who did it.

A party accused is taken with its state (a group's galaxy country, a person's or agency's affiliation),
so a company accusing APT28 and a government accusing Russia accuse the same party. Negated claims ("did
not blame China") take no part, nor do accusations of nobody in particular ("hackers").
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import cache

from kg.incidents.lexicon import incident_lexicon
from kg.incidents.model import AttributionRecord, ClaimFacts, Incident, Party, RecordEntry
from kg.resolve.matcher import phrase_key


@cache
def state_of_group(name: str) -> str:
    from kg.resolve.galaxy import lookup_threat_actor

    found = lookup_threat_actor(name)
    return found.country or "" if found else ""


def _parties(name: str, affiliation: str, kind: str) -> set[str]:
    """Keys of a party and the state or body it stands for."""
    keys = {phrase_key(name), phrase_key(affiliation)}
    if kind in ("group", "unknown"):
        keys.add(phrase_key(state_of_group(name)))
    return {k for k in keys if k}


def _accused(c: ClaimFacts) -> set[str]:
    return _parties(c.target, c.target_affiliation, c.target_type)


def _speaker(c: ClaimFacts) -> set[str]:
    return _parties(c.actor, c.actor_affiliation, c.actor_type)


def accuser_kind(c: ClaimFacts) -> str:
    """government | organization | media, or "" for persons, groups and actors of unknown kind, which
    add no kind of their own."""
    return c.actor_type if c.actor_type in ("government", "organization", "media") else ""


def identifies(c: ClaimFacts) -> bool:
    """An accusation says who did it only when its target is a party with a name (a state, body, group,
    person or company; "Russian hackers" resolves to Russia): "hackers", "cybercriminals" or "a
    state-sponsored actor" say nobody."""
    return c.target_type != "act" and any(ch.isupper() for ch in c.target)


def _claims_responsibility(c: ClaimFacts, victims: set[str]) -> bool:
    """An acknowledgement of responsibility, not a victim confirming it was hit."""
    if any(_same_party(phrase_key(c.actor), v) for v in victims) or phrase_key(c.target) == phrase_key(
        c.actor
    ):
        return False
    return _has_word(c, incident_lexicon().responsibility_words)


def _same_party(a: str, b: str) -> bool:
    short, long = sorted((a, b), key=len)
    return bool(short) and long.startswith(short)


def _has_word(c: ClaimFacts, words: Sequence[str]) -> bool:
    text = f" {c.cue} {c.claim} {c.evidence} ".casefold()
    return any(re.search(rf"\b{re.escape(w)}\b", text) for w in words)


def _answers(denial: ClaimFacts, accusation: ClaimFacts) -> bool:
    accused = _accused(accusation)
    disputed = _speaker(accusation)
    return bool(
        (_speaker(denial) & accused)
        or (_accused(denial) & accused)
        or ({phrase_key(denial.target)} & disputed)
    )


def _entry(act: str, c: ClaimFacts, answers: tuple[str, ...] = ()) -> RecordEntry:
    return RecordEntry(
        act=act,
        by=Party(c.actor, c.actor_type, c.actor_affiliation),
        about=Party(c.target, c.target_type, c.target_affiliation),
        date=c.date,
        claim=c.id,
        evidence=c.evidence,
        answers=answers,
    )


def _accusation_act(c: ClaimFacts) -> str:
    lexicon = incident_lexicon()
    if _has_word(c, lexicon.indictment_words):
        return "indicted"
    if _has_word(c, lexicon.sanction_words):
        return "sanctioned"
    return "accused"


def attribution_record(incident: Incident) -> AttributionRecord:
    """Who accused whom and when, who denied or acknowledged, and the status that follows."""
    claims = sorted(
        (lc.claim for lc in incident.claims if not lc.claim.negated), key=lambda c: (c.date or "", c.id)
    )
    accusations = [c for c in claims if c.stance == "accuse" and identifies(c)]
    denials = [c for c in claims if c.stance == "deny"]
    accused = set().union(*(_accused(c) for c in accusations)) if accusations else set()
    victims = {phrase_key(v) for v in incident.victims}
    admissions = [
        c
        for c in claims
        if c.stance == "acknowledge"
        and (_speaker(c) & accused or (not accused and _claims_responsibility(c, victims)))
    ]
    entries: list[RecordEntry] = [_entry(_accusation_act(c), c) for c in accusations]
    answered: dict[str, list[str]] = defaultdict(list)
    for d in denials:
        hits = tuple(a.id for a in accusations if _answers(d, a))
        for hit in hits:
            answered[hit].append(d.id)
        disputes = any(phrase_key(d.target) in _speaker(a) for a in accusations)
        entries.append(_entry("disputed" if disputes else "denied", d, hits))
    entries.extend(_entry("acknowledged", c) for c in admissions)
    entries.sort(key=lambda e: (e.date or "", e.claim))
    status, because, basis = _status(accusations, denials, admissions, answered)
    names = tuple(dict.fromkeys(c.target for c in accusations))
    return AttributionRecord(status, because, tuple(entries), basis, names)


def _status(
    accusations: list[ClaimFacts],
    denials: list[ClaimFacts],
    admissions: list[ClaimFacts],
    answered: dict[str, list[str]],
) -> tuple[str, str, tuple[str, ...]]:
    if answered:  # a live dispute is the most important fact of an attribution record
        basis = tuple(dict.fromkeys([*answered, *(d for ds in answered.values() for d in ds)]))
        first = next(d for d in denials if d.id in basis)
        return "contested", f"{first.actor} denied an accusation about it", basis
    if admissions:
        who = admissions[0]
        return "acknowledged", f"{who.actor} acknowledged responsibility", tuple(c.id for c in admissions)
    if not accusations:
        return "unattributed", "no claim says who did it", ()
    kinds: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))  # party -> kind -> accusers
    for c in accusations:
        kind = accuser_kind(c)
        if kind:
            for party in _accused(c):
                kinds[party][kind].add(phrase_key(c.actor))
    for party, by_kind in kinds.items():
        if len(by_kind) >= 2:
            basis = tuple(c.id for c in accusations if party in _accused(c))
            name = next(c.target for c in accusations if party in _accused(c))
            return "settled", f"accusers of kinds {', '.join(sorted(by_kind))} accuse {name}", basis
    return (
        "attributed",
        f"{accusations[0].actor} accused {accusations[0].target}",
        tuple(c.id for c in accusations),
    )
