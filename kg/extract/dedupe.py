"""Last stage of extraction: one claim per act, however many times the article tells it.

A story states its main claim in the headline and again in the lead, often under two names of one party
("DOJ charges ..." / "The Justice Department levied charges ..."), and a time word sometimes sticks to a
name ("The Kremlin Thursday denied"). Here names lose trailing time words, claims about a date are
dropped, and claims with the same stance and polarity whose actors are one party (alias, acronym, short
form, state organ named as its state) and whose targets are one party are merged. The survivor keeps a
body sentence as evidence (the headline only when nothing else says it) and the fullest actor name.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kg.extract import entities
from kg.extract.temporal import is_temporal_name, trim_temporal
from kg.ingest import parse_header
from kg.models import Claim

_NUMBERS = {
    word: str(n)
    for n, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]  # "7" = "seven"
    )
}
# Words that open a post-modifier: "two Chinese nationals in APT10 tech theft campaign" is still them.
_POSTMODIFIERS = frozenset(
    [
        "in",
        "for",
        "from",
        "with",
        "at",
        "who",
        "that",
        "which",
        "behind",
        "linked",
        "believed",
        "known",
        "accused",
        "based",
        "working",
    ]
)
_STATE_KINDS = ("name", "government", "metonym")


def merge_duplicates(claims: list[Claim], text: str = "") -> list[Claim]:
    """``claims`` of one article with time words cut from names, date targets dropped and duplicates
    merged, in article order. ``text`` is the article text (to tell the headline from the body)."""
    body_start = parse_header(text).body_start if text else 0
    tidy = [c for c in map(_tidy, claims) if c is not None]
    groups: list[list[Claim]] = []
    for claim in tidy:
        group = next((g for g in groups if any(_same_claim(claim, other) for other in g)), None)
        if group is None:
            groups.append([claim])
        else:
            group.append(claim)
    merged = [_survivor(group, body_start) for group in groups]
    kept = _drop_tied_descriptions(_drop_weaker_stances(merged))
    kept.sort(key=lambda c: (c.start, c.actor, c.target))
    return kept


def _tidy(claim: Claim) -> Claim | None:
    """Time words off the end of both names; ``None`` for a claim by or about a date."""
    actor, target = trim_temporal(claim.actor), trim_temporal(claim.target)
    if is_temporal_name(actor) or is_temporal_name(target):
        return None
    if _self_blame(claim.stance, claim.negated, actor, target):
        return None
    if actor != claim.actor:
        known = _known(actor)
        claim = replace(claim, actor=actor)
        if known is not None:
            claim = replace(claim, actor_type=known.type, affiliation=known.state or claim.affiliation)
    if target != claim.target:
        claim = replace(claim, target=target)
    return claim


def _self_blame(stance: str, negated: bool, actor: str, target: str) -> bool:
    """A party never accuses itself ("a spokesman for the U.S. Department of Justice" is no target of
    its own indictment), and "X does not deny X" is a misread, not a claim; an affirmed self-denial is
    the usual "Beijing denied Beijing was behind it"."""
    if stance != "accuse" and not (stance == "deny" and negated):
        return False
    own, other = _words(actor), _words(target)
    return bool(other) and (_same_actor(actor, target) or own[-len(other) :] == other)


def _known(name: str) -> entities.Known | None:
    if not any(c.isupper() for c in name):
        return None
    return entities.agency(name) or entities.threat_actor(name) or entities.state(name)


def party_key(name: str) -> str:
    """One key per party however the article spells it ("DOJ", "the Justice Department"; "U.S.",
    "U.S. intelligence"; "Fancy Bear", "APT28")."""
    if any(c.isupper() for c in name):
        known = entities.agency(name)
        if known is not None:
            return f"agency:{known.name}|{known.state or ''}".lower()
        known = entities.threat_actor(name)
        if known is not None:
            return f"group:{known.galaxy or known.name}".lower()
        known = entities.state(name)
        if known is not None and known.kind in _STATE_KINDS:
            return f"state:{known.name}".lower()
    return " ".join(_words(name))


def _words(name: str) -> list[str]:
    plain = re.sub(r"^(the|a|an) ", "", " ".join(re.sub(r"[^\w\s-]", " ", name.lower()).split()))
    return [_NUMBERS.get(word, word) for word in plain.split()]


def _same_claim(a: Claim, b: Claim) -> bool:
    if a.stance != b.stance or a.negated != b.negated:
        return False
    return _same_actor(a.actor, b.actor) and _same_target(a, b)


def _same_actor(a: str, b: str) -> bool:
    """One party: same key, or a short form whose longer spelling only adds common nouns ("Symantec",
    "Symantec researchers"), never a possessive or another name ("Microsoft's Brad Smith")."""
    if party_key(a) == party_key(b):
        return True
    short, long_ = sorted((a, b), key=len)
    short_words, long_words = _words(short), _words(long_)
    if not short_words or long_words[: len(short_words)] != short_words:
        return False
    extra = long_[len(" ".join(short.split())) :].split() if long_.startswith(short) else []
    return bool(extra) and all(w.islower() and w.isalpha() for w in extra)


def _same_target(a: Claim, b: Claim) -> bool:
    """One target: same key or threat actor; else one is the other plus a post-modifier ("two Chinese
    nationals in APT10 ...") or plus modifiers before the same head ("Russian [military] hackers")."""
    if a.target_galaxy or b.target_galaxy:
        return a.target_galaxy == b.target_galaxy
    if party_key(a.target) == party_key(b.target):
        return True
    short, long_ = sorted((_words(a.target), _words(b.target)), key=len)
    if not short or len(short) == len(long_):
        return False
    if long_[: len(short)] == short:
        return long_[len(short)] in _POSTMODIFIERS
    added = len(long_) - len(short)  # "Russian [military] hackers": a modifier or two before one head
    fronted = len(short) > 1 and added <= 2 and not _POSTMODIFIERS & set(long_)
    return fronted and short[-1] == long_[-1] and set(short) <= set(long_)


def _survivor(group: list[Claim], body_start: int) -> Claim:
    """The body claim with the highest confidence (earliest on ties), named by the fullest actor name."""
    best = min(group, key=lambda c: (c.start < body_start, -c.confidence, c.start))
    fullest = max(group, key=lambda c: (len(c.actor), c.actor_type != "unknown", -c.start))
    if fullest is best or len(fullest.actor) <= len(best.actor):
        return best
    return replace(
        best,
        actor=fullest.actor,
        actor_type=fullest.actor_type,
        affiliation=fullest.affiliation or best.affiliation,
        actor_galaxy=fullest.actor_galaxy or best.actor_galaxy,
    )


def _drop_weaker_stances(claims: list[Claim]) -> list[Claim]:
    """An accusation wins over a condemnation or an assertion of the same target by the same actor; a
    class of doers warned or pledged against ("will prosecute hostile actors who steal ...") is the object
    of that threat, not one more accused party."""
    accused = {(party_key(c.actor), _target_key(c), c.negated) for c in claims if c.stance == "accuse"}
    threatened = {
        (party_key(c.actor), _target_key(c), c.start)
        for c in claims
        if c.stance in ("warn", "pledge") and _described(c)
    }
    return [
        c
        for c in claims
        if not (
            c.stance in ("condemn", "assert") and (party_key(c.actor), _target_key(c), c.negated) in accused
        )
        and not (c.stance == "accuse" and (party_key(c.actor), _target_key(c), c.start) in threatened)
    ]


def _drop_tied_descriptions(claims: list[Claim]) -> list[Claim]:
    """ "An attack group tied to North Korea launched ...": when the sentence also accuses the party the
    doers are tied to, the description is no second accused party."""
    accused = {(party_key(c.actor), party_key(c.target), c.start) for c in claims if c.stance == "accuse"}

    def tied(claim: Claim) -> bool:
        found = _TIED.search(claim.target)
        return bool(found) and (party_key(claim.actor), party_key(found.group(1)), claim.start) in accused

    return [c for c in claims if not (c.stance == "accuse" and tied(c))]


_TIED = re.compile(r"^\w[\w -]* (?:tied|linked|connected) to (?:the )?(.+)$", re.IGNORECASE)


def _described(claim: Claim) -> bool:
    """A target described in common words ("hostile actors who ..."), not a named party."""
    return (
        claim.target_type not in ("government", "person")
        and not claim.target_galaxy
        and claim.target[:1].islower()
    )


def _target_key(claim: Claim) -> str:
    return claim.target_galaxy or party_key(claim.target)
