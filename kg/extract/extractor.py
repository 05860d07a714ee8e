"""The extractor: article -> masked text -> sentences -> parses -> candidates -> learned decision -> claims.

Two generators propose candidate claims over one parse of the article's sentences: the cue rules
(:mod:`kg.extract.pipeline`, each rule with an id) and the structural generator
(:mod:`kg.extract.candidates`: every speaker/party pair). The learned model (:mod:`kg.extract.model`)
decides which candidates are claims and with which stance; its probability is the claim's
``confidence``, and each claim records the rules and the score behind it (``rules``, ``model_score``).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.language import Language
from spacy.tokens import Doc

from kg.extract.candidates import Candidate, candidates_in, mentions_in
from kg.extract.context import ArticleContext
from kg.extract.decide import claims_from
from kg.extract.features import features_of
from kg.extract.lexicon import load_lexicon
from kg.extract.model import ClaimModel
from kg.extract.normalize import mask_markup
from kg.extract.pipeline import RuleExtractor, _chunks, _headline_verbs, _plan
from kg.extract.sentences import headline_form
from kg.models import Article, Claim

_MIN_WORDS, _MAX_WORDS = 4, 150  # shorter lines are labels; longer "sentences" are tables or lists


@dataclass(slots=True)
class Analysis:
    """One article's candidates with their features, before the decision (what training learns from)."""

    article: Article  # as given: evidence is taken from its text
    sentences: list  # kg.models.Sentence, on the masked text (same offsets)
    candidates: list[Candidate] = field(default_factory=list)
    features: list[list[str]] = field(default_factory=list)
    passthrough: list[Claim] = field(default_factory=list)  # negated rule claims, kept as they are


class Extractor:
    """Holds the spaCy pipeline and the claim model; :meth:`extract` is pure (no I/O)."""

    def __init__(self, nlp: Language, model: ClaimModel | None = None) -> None:
        """With no ``model`` the cue rules alone decide (their claims come out as they are)."""
        self.nlp = nlp
        self.model = model
        self.rules = RuleExtractor(nlp)
        self._ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None

    def extract(self, article: Article) -> list[Claim]:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[list[Claim]]:
        """Claims per article, in order."""
        if self.model is None:
            yield from self.rules.extract_many((_masked(a) for a in articles), batch_size)
            return
        for analysis in self.analyse_many(articles, batch_size):
            yield claims_from(analysis, self.model)

    def analyse_many(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[Analysis]:
        """The candidates of each article; the sentences of a batch go through one ``nlp.pipe``."""
        verbs = _headline_verbs()
        for chunk in _chunks(articles, batch_size):
            masked = [_masked(a) for a in chunk]
            plans = [_plan(a) for a in masked]
            wide = [sorted(set(plan.parse) | set(_worth_parsing(plan.sentences))) for plan in plans]
            jobs = [
                (headline_form(plan.sentences[i].text, verbs, plan.article.text), (p, i))
                for p, plan in enumerate(plans)
                for i in wide[p]
            ]
            parsed: dict[tuple[int, int], Doc] = {}
            with self.nlp.select_pipes(disable=self.rules.parse_off):
                for doc, key in self.nlp.pipe(jobs, as_tuples=True, batch_size=256):
                    sentence = plans[key[0]].sentences[key[1]]
                    doc.user_data["offset"] = sentence.start
                    doc.user_data["headline"] = doc.text != sentence.text
                    parsed[key] = doc
            for p, plan in enumerate(plans):
                rule_docs = {i: parsed[(p, i)] for i in plan.parse}
                rule_claims = self.rules.claims_of(plan, rule_docs)  # before NER: the rules parse without it
                docs = {i: parsed[(p, i)] for i in wide[p]}
                if self._ner is not None:
                    for _doc in self._ner.pipe(docs[i] for i in sorted(docs)):
                        pass  # annotates the docs in place
                yield self._analysis(chunk[p], plan, docs, rule_claims)

    def _analysis(self, article: Article, plan, docs: dict[int, Doc], rule_claims: list[Claim]) -> Analysis:
        ctx = ArticleContext.scan(plan.article)
        for i in sorted(docs):
            ctx.add_entities(docs[i])
        analysis = Analysis(article, plan.sentences)
        by_sentence: dict[int, list[Candidate]] = {}
        speakers = {i: _speakers(docs[i]) for i in docs}  # subjects of speech verbs, by sentence
        for i in sorted(docs):
            nearby = [p for j in (i - 1, i + 1) for p in _resolved(speakers.get(j, ()), ctx)]
            by_sentence[i] = candidates_in(docs[i], i, ctx, nearby)
        starts = [s.start for s in plan.sentences]
        for claim in rule_claims:
            claim = _with_original_text(claim, article.text)
            if claim.negated:
                analysis.passthrough.append(claim)
                continue
            index = max(0, bisect_right(starts, claim.start) - 1)
            _attach(claim, index, by_sentence, docs.get(index), ctx)
        for i in sorted(by_sentence):
            analysis.candidates.extend(by_sentence[i])
        analysis.features = [features_of(c) for c in analysis.candidates]
        return analysis


def _attach(claim: Claim, index: int, by_sentence: dict[int, list[Candidate]], doc: Doc | None, ctx) -> None:
    """A rule's claim joins the structural candidate of the same pair, or becomes a candidate of its own."""
    rules = list(claim.extra.get("rules", [])) or ["rule"]
    found = by_sentence.setdefault(index, [])
    # The same names first; a looser match ("China" in "China-based group") only for a pair no other rule
    # claim took, so two rule claims of one sentence never overwrite each other.
    same = [c for c in found if _exact(c.actor.name, claim.actor) and _exact(c.target.name, claim.target)]
    if not same:
        same = [
            c
            for c in found
            if c.rule_claim is None
            and _same_name(c.actor.name, claim.actor)
            and _same_name(c.target.name, claim.target)
        ]
    if same:
        for candidate in same:
            candidate.rules, candidate.rule_stance, candidate.rule_claim = rules, claim.stance, claim
        return
    from kg.extract.naming import Party

    target_mention = None
    if doc is not None:
        target_mention = next((m for m in mentions_in(doc[:]) if _same_name(m.text, claim.target)), None)
    actor = Party(claim.actor, claim.actor_type, claim.affiliation, claim.actor_galaxy)
    target = Party(
        claim.target,
        claim.target_type,
        claim.target_affiliation,
        claim.target_galaxy,
        claim.target_type == "act",
    )
    found.append(
        Candidate(index, actor, target, None, target_mention, "rule", None, rules, claim.stance, claim)
    )


def _speakers(doc: Doc) -> list:
    """Subjects of the sentence's speech verbs ("X said", "according to X")."""
    verbs = load_lexicon().speech_verbs
    out = []
    for token in doc:
        if (token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in verbs) or (
            token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according"
        ):
            out.append(token)
    return out


def _resolved(tokens, ctx) -> list:
    from kg.extract.naming import name_party

    out = []
    for token in tokens:
        party = name_party(token, ctx, "actor")
        if party is not None and party.name and all(party.name != p.name for p in out):
            out.append(party)
    return out


def _exact(a: str, b: str) -> bool:
    return a.lower().removeprefix("the ") == b.lower().removeprefix("the ")


def _same_name(a: str, b: str) -> bool:
    x, y = a.lower().removeprefix("the "), b.lower().removeprefix("the ")
    return x == y or (len(x) > 3 and len(y) > 3 and (x in y or y in x))


def _with_original_text(claim: Claim, text: str) -> Claim:
    return replace(claim, evidence=text[claim.start : claim.end])


def _masked(article: Article) -> Article:
    masked = mask_markup(article.text)
    return article if masked == article.text else replace(article, text=masked)


def _worth_parsing(sentences) -> Iterator[int]:
    for i, sentence in enumerate(sentences):
        words = sentence.text.count(" ") + 1
        if _MIN_WORDS <= words <= _MAX_WORDS:
            yield i
