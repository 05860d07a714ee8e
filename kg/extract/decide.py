"""Stage 6 of extraction: the model's decision over an article's candidates, as claims.

A structural candidate becomes a claim when the model's claim probability reaches the threshold, with the
model's stance, and the probability is its ``confidence``. A candidate a cue rule also read keeps the
rule's reading (names, stance, topic, text) unless the model vetoes it (probability under ``rule_veto``):
the rules are precise on the constructions they were written for, the model decides everything else.
Its confidence is the model's probability times the rule's own (which carries hedges). Duplicates (the same
actor, stance and target said twice) are merged, the best-scored one surviving.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.candidates import Candidate
from kg.extract.dedupe import merge_duplicates
from kg.extract.model import ClaimModel
from kg.extract.topics import topic_for
from kg.models import Claim

if TYPE_CHECKING:
    from kg.extract.extractor import Analysis

_ACTOR_TYPES = frozenset({"person", "government", "organization", "group", "media"})
_MAX_CLAIM = 300


def claims_from(analysis: Analysis, model: ClaimModel) -> list[Claim]:
    """The claims the model keeps among the analysis's candidates, duplicates merged."""
    kept: list[Claim] = list(analysis.passthrough)
    for candidate, features in zip(analysis.candidates, analysis.features, strict=True):
        stance, score, _probs = model.decide(features)
        if candidate.rule_claim is not None:
            # A cue rule read this construction; the model may veto it but not re-read its stance.
            if score >= model.settings.rule_veto:
                kept.append(claim_of(candidate, candidate.rule_claim.stance, score, analysis))
            continue
        if stance != "none":
            kept.append(claim_of(candidate, stance, score, analysis))
    return merge_duplicates(kept, analysis.article.text)


def claim_of(candidate: Candidate, stance: str, score: float, analysis: Analysis) -> Claim:
    """The claim a kept candidate stands for."""
    explain = {"rules": candidate.rules or [f"structure.{candidate.role}"], "model_score": round(score, 4)}
    rule_claim = candidate.rule_claim
    if isinstance(rule_claim, Claim):
        # The rule's own confidence carries its reading of hedges ("believed to be linked"); the model's
        # probability scales it, so a hedged claim stays below its plain twin.
        confidence = round(score * rule_claim.confidence, 3)
        return replace(
            rule_claim,
            stance=stance,
            confidence=confidence,
            extra={**explain, "rule_confidence": rule_claim.confidence},
        )
    sentence = analysis.sentences[candidate.sentence]
    evidence = analysis.article.text[sentence.start : sentence.end]
    actor, target = candidate.actor, candidate.target
    text = _claim_text(candidate) or evidence
    return Claim(
        article=analysis.article.id,
        actor=actor.name,
        actor_type=actor.type if actor.type in _ACTOR_TYPES else "unknown",
        affiliation=actor.affiliation or "",
        stance=stance,
        target=target.name,
        topic=topic_for(text, evidence),
        claim=text[:_MAX_CLAIM],
        evidence=evidence,
        start=sentence.start,
        end=sentence.end,
        confidence=round(score, 3),
        target_type="act" if target.is_act else target.type,
        target_affiliation=target.affiliation or "",
        actor_galaxy=actor.galaxy,
        target_galaxy=target.galaxy,
        cue=candidate.predicate.text if candidate.predicate is not None else "",
        extra=explain,
    )


def _claim_text(candidate: Candidate) -> str:
    """What the speaker's predicate governs, without the speaker ("said the hackers worked for Iran")."""
    predicate = candidate.predicate
    if predicate is None:
        return ""
    tokens = [t for t in predicate.subtree]
    if candidate.actor_mention is not None:
        speaker = set(
            range(candidate.actor_mention.head.left_edge.i, candidate.actor_mention.head.right_edge.i + 1)
        )
        tokens = [t for t in tokens if t.i not in speaker]
    return " ".join(" ".join(t.text for t in tokens).split()).strip(' ,“”"')
