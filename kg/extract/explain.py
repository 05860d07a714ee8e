"""Why the extractor kept or dropped each candidate of a text (``kg extract --explain``).

Every candidate the generators propose is listed with what proposed it (cue rule ids, or the speaker's
structural role), the model's probabilities, and the decision the shipped settings make of them; the
claims that come out are the ones ``Extractor.extract`` returns for the same text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from kg.extract.decide import claims_from
from kg.extract.extractor import Extractor
from kg.extract.model import LABELS
from kg.models import Article, Claim


@dataclass(frozen=True, slots=True)
class Explained:
    """One candidate and its fate."""

    sentence: int
    actor: str
    target: str
    role: str  # "subj", "according", "agent", ..., or "rule" (only a rule proposed it)
    predicate: str
    rules: tuple[str, ...]
    claim_probability: float
    stance: str  # the rule's stance when a rule read it, else the model's best stance
    decision: str  # "kept" | "dropped: ..." (merged duplicates are kept here and merged afterwards)
    top_features: tuple[str, ...]

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "claim_probability": round(self.claim_probability, 4)}


def explain(extractor: Extractor, article: Article, features: int = 6) -> tuple[list[Explained], list[Claim]]:
    """Each candidate of ``article`` with the rules, the score and the decision behind it, and the claims
    the decision makes of them (what ``extractor.extract`` returns), from one analysis."""
    if extractor.model is None:
        raise ValueError("explaining needs the claim model (the extractor was made with rules only)")
    model = extractor.model
    analysis = next(iter(extractor.analyse_many([article])))
    out = []
    for candidate, feats in zip(analysis.candidates, analysis.features, strict=True):
        label, claim_p, probs = model.decide(feats)
        best = LABELS[1 + int(probs[1:].argmax())]
        if candidate.rule_claim is not None:
            stance = candidate.rule_stance
            kept = claim_p >= model.settings.rule_veto
            why = "kept" if kept else f"dropped: the model vetoes the rule (< {model.settings.rule_veto})"
        else:
            stance = best
            why = "kept" if label != "none" else f"dropped: claim probability < {model.settings.threshold}"
        out.append(
            Explained(
                sentence=candidate.sentence,
                actor=candidate.actor.name,
                target=candidate.target.name,
                role=candidate.role,
                predicate=candidate.predicate.text if candidate.predicate is not None else "",
                rules=tuple(candidate.rules),
                claim_probability=claim_p,
                stance=stance,
                decision=why,
                top_features=tuple(_weightiest(model, feats, features)),
            )
        )
    return out, claims_from(analysis, model)


def _weightiest(model, features: list[str], count: int) -> list[str]:
    """The features that push hardest towards "a claim" (claim logits minus the ``none`` logit)."""
    from kg.extract.model import hashed

    scored = []
    for feature in dict.fromkeys(features):
        row = model.weights[hashed([feature], model.settings.buckets)[0]]
        scored.append((float(row[1:].max() - row[0]), feature))
    scored.sort(reverse=True)
    return [f"{name} ({weight:+.2f})" for weight, name in scored[:count] if name != "bias"]
