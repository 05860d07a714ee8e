"""Training the claim model from an annotated corpus, and cross-validating it by article.

Every candidate of an article is labelled with the gold claim it stands for: its actor and target match
the gold names (the evaluation's rule, :mod:`kg.extract.gold`) and its sentence holds the gold
evidence. A candidate whose names match a gold claim evidenced elsewhere is left out (it is neither a
claim here nor a mistake); every other candidate is labelled ``none``. Optional gold claims are labelled
too, with a lower weight: finding them is never wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from kg.extract.decide import claims_from
from kg.extract.extractor import Analysis, Extractor
from kg.extract.gold import Counts, GoldArticle, evidence_spans, pair_matches, score
from kg.extract.model import LABELS, ClaimModel, Example, TrainSettings, train
from kg.models import Claim


@dataclass(slots=True)
class Labelled:
    """One article's analysis, its gold claims, its fold, and a training example per usable candidate."""

    gold: GoldArticle
    analysis: Analysis
    examples: list[Example]
    covered: int  # required gold claims some candidate stands for (the generators' recall ceiling)
    required: int


def label(gold: GoldArticle, analysis: Analysis, optional_weight: float = 0.5) -> Labelled:
    spans = [evidence_spans(gold.article.text, claim) for claim in gold.claims]
    examples: list[Example] = []
    covered: set[int] = set()
    for candidate, features in zip(analysis.candidates, analysis.features, strict=True):
        sentence = analysis.sentences[candidate.sentence]
        match = _gold_for(candidate.actor.name, candidate.target.name, gold.claims)
        if match is None:
            examples.append(Example(tuple(features), 0))
            continue
        index, claim = match
        if weight_of(claim, optional_weight) == 0 or not any(
            s < sentence.end and sentence.start < e for s, e in spans[index]
        ):
            continue  # said again elsewhere: not a claim of this sentence, and not a mistake either
        if not claim.get("optional"):
            covered.add(index)
        examples.append(
            Example(tuple(features), LABELS.index(claim["stance"]), weight_of(claim, optional_weight))
        )
    required = sum(not c.get("optional") for c in gold.claims)
    return Labelled(gold, analysis, examples, len(covered), required)


def weight_of(claim: dict, optional_weight: float) -> float:
    return optional_weight if claim.get("optional") else 1.0


def _gold_for(actor: str, target: str, claims: Sequence[dict]) -> tuple[int, dict] | None:
    """The gold claim the names stand for, required ones first."""
    order = sorted(range(len(claims)), key=lambda i: bool(claims[i].get("optional")))
    for i in order:
        if pair_matches(actor, None, target, claims[i]):
            return i, claims[i]
    return None


def labelled_corpus(
    extractor: Extractor,
    corpus: Sequence[GoldArticle],
    settings: TrainSettings | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[Labelled]:
    """Every article analysed (one parse) and labelled."""
    weight = (settings or TrainSettings()).optional_weight
    out = []
    for gold, analysis in zip(corpus, extractor.analyse_many(g.article for g in corpus), strict=True):
        out.append(label(gold, analysis, weight))
        if progress is not None:
            progress(1)
    return out


def fit(items: Iterable[Labelled], settings: TrainSettings | None = None) -> ClaimModel:
    return train([e for item in items for e in item.examples], settings)


@dataclass(slots=True)
class FoldResult:
    fold: int
    articles: int
    counts: Counts
    claims: list[Claim]  # the claims of the held-out articles, from the model trained without them


def cross_validate(items: Sequence[Labelled], settings: TrainSettings | None = None) -> list[FoldResult]:
    """For each fold: train on the others, score on it (micro-averaged counts per fold)."""
    results = []
    for fold in sorted({item.gold.fold for item in items}):
        held = [item for item in items if item.gold.fold == fold]
        model = fit([item for item in items if item.gold.fold != fold], settings)
        counts, claims = Counts(), []
        for item in held:
            found = claims_from(item.analysis, model)
            counts.add(score(found, item.gold.claims))
            claims.extend(found)
        results.append(FoldResult(fold, len(held), counts, claims))
    return results


def total(results: Iterable[FoldResult]) -> Counts:
    """The micro-averaged counts over folds."""
    out = Counts()
    for result in results:
        out.add(result.counts)
    return out
