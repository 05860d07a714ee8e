"""Stage 7: the extraction pipeline — article in, claims out.

Cheap work on everything, expensive work on little: sentences are split with a regular expression, a
cue prefilter picks the few that can hold a claim, and only those go through ``nlp.pipe`` — tagger,
parser and lemmatizer, without NER (names come from the parse and the resolver's lexicons; NER can be
switched on with ``RuleExtractor(nlp, use_ner=True)``). Parties are then named in article order.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache

from spacy.language import Language
from spacy.tokens import Doc, Token

from kg.extract.context import ArticleContext
from kg.extract.cues import candidate, is_speech_like
from kg.extract.dedupe import merge_duplicates
from kg.extract.drafts import SELF, Draft, drafts_for
from kg.extract.lexicon import LEXICON_DIR, context_pattern, load_lexicon
from kg.extract.naming import Party, name_party
from kg.extract.negation import refusal_in_text
from kg.extract.offices import state_owned
from kg.extract.phrases import given_name, np_tokens, with_preps
from kg.extract.sentences import headline_form, split_sentences
from kg.extract.sides import (
    act_phrase,
    alleging,
    claiming_group,
    names_no_party,
    own_side,
    several_governments,
)
from kg.extract.topics import topic_for
from kg.extract.vague import unspecific
from kg.extract.voice import statement_limit, statement_runs
from kg.models import Article, Claim, Sentence

_OPEN = "“‘"
_CLOSE = "”’"
_BARE_ATTACKERS = {
    "hackers",
    "attackers",
    "cyberattackers",
    "criminals",
    "actors",
    "hacker",
    "attacker",
    "group",
    "threat actors",
    "threat actor",
}
_MAX_CLAIM = 300


@dataclass(slots=True)
class _Plan:
    article: Article
    sentences: list[Sentence]
    parse: list[int]  # indices of sentences to parse
    in_quote: list[bool]
    voice: list[int | None]  # the sentence that opened the statement a sentence continues


class RuleExtractor:
    """The cue rules alone: holds the loaded spaCy pipeline; :meth:`extract` is pure (no I/O)."""

    def __init__(self, nlp: Language, use_ner: bool = False) -> None:
        """``use_ner`` runs the NER component on sentences holding a draft claim; names and types come
        from the parse and the resolver's lexicons otherwise (as accurate on the evaluation sets, and
        NER would cost a third of the extraction time)."""
        self.nlp = nlp
        self.parse_off = [name for name in nlp.pipe_names if name == "ner"]
        self._ner = nlp.get_pipe("ner") if use_ner and "ner" in nlp.pipe_names else None

    def extract(self, article: Article) -> list[Claim]:
        return next(iter(self.extract_many([article])))

    def extract_many(self, articles: Iterable[Article], batch_size: int = 64) -> Iterator[list[Claim]]:
        """Claims per article, in order; the candidate sentences of all articles go through one ``nlp.pipe``."""
        for chunk in _chunks(articles, batch_size):
            plans = [_plan(article) for article in chunk]
            verbs = _headline_verbs()
            jobs = [
                (headline_form(plan.sentences[i].text, verbs, plan.article.text), (p, i))
                for p, plan in enumerate(plans)
                for i in plan.parse
            ]
            parsed: dict[tuple[int, int], Doc] = {}
            with self.nlp.select_pipes(disable=self.parse_off):
                for doc, key in self.nlp.pipe(jobs, as_tuples=True, batch_size=256):
                    sentence = plans[key[0]].sentences[key[1]]
                    doc.user_data["offset"] = sentence.start
                    doc.user_data["headline"] = doc.text != sentence.text  # written in Title Case
                    parsed[key] = doc
            for p, plan in enumerate(plans):
                docs = {i: parsed[(p, i)] for i in plan.parse}
                yield self.claims_of(plan, docs)

    def claims_of(self, plan: _Plan, docs: dict[int, Doc]) -> list[Claim]:
        """The rules' claims of one planned article, from the parses of its planned sentences."""
        found = {
            i: drafts_for(doc[:], plan.in_quote[i] or plan.voice[i] is not None) for i, doc in docs.items()
        }
        drafts = {i: pair[0] for i, pair in found.items()}
        frames = {i: pair[1] for i, pair in found.items() if pair[1]}
        _attach_quote_speakers(drafts, frames, plan)
        needing_ner = [i for i in sorted(drafts) if drafts[i]]
        speakers_at = {d.evidence_end for i in needing_ner for d in drafts[i] if d.evidence_end is not None}
        if self._ner is not None and needing_ner:
            for _annotated in self._ner.pipe(docs[i] for i in sorted(set(needing_ner) | speakers_at)):
                pass  # NER annotates the parsed docs in place
        ctx = ArticleContext.scan(plan.article)
        for i in sorted(set(needing_ner) | speakers_at):
            ctx.add_entities(docs[i])
        claims: list[Claim] = []
        for i in sorted(docs):
            sentence = plan.sentences[i]
            for draft in drafts[i]:
                built = _build(draft, sentence, plan, ctx, i)
                claims.extend(built)
                for claim in built:  # "the firm" in a later sentence may mean this actor
                    ctx.remember_actor(sentence.start, _actor_party(claim))
            _remember_speakers(frames.get(i, []), sentence, ctx)
        return merge_duplicates(claims, plan.article.text)


@cache
def _headline_verbs() -> frozenset[str]:
    """Words a Title Case headline writes capitalised that are never names: the stance cues of agentive
    rules, the denial and condemnation adjectives ("Groundless"), speech verbs and function words."""
    lex = load_lexicon()
    agentive = {lemma for rule in lex.cues if rule.kind == "agentive" for lemma in rule.lemmas}
    verdicts = {
        lemma
        for rule in lex.cues
        if rule.stance in ("deny", "condemn") and rule.kind == "predicate"
        for lemma in rule.lemmas
        if lemma.isalpha()
    }
    return frozenset(agentive | verdicts | lex.speech_verbs | _FUNCTION_WORDS | _headline_common())


@cache
def _headline_common() -> frozenset[str]:
    with open(LEXICON_DIR / "parties.toml", "rb") as handle:
        return frozenset(tomllib.load(handle).get("names", {}).get("headline_common", ()))


# "... Attempts To Blame Russia For Hacker Attacks": prepositions and particles are never names' heads
_FUNCTION_WORDS = frozenset(["to", "for", "over", "with", "as", "into", "amid", "after", "from", "about"])


def _actor_party(claim: Claim) -> Party:
    return Party(claim.actor, claim.actor_type, claim.affiliation, claim.actor_galaxy)


def _remember_speakers(frames: list, sentence: Sentence, ctx: ArticleContext) -> None:
    """Who spoke in this sentence, so that a quote continued in the next one is theirs ("he added")."""
    for frame in frames:
        if frame.kind != "verb":
            continue
        for token in frame.speakers:
            party = name_party(token, ctx, "actor")
            if party is not None and party.type != "unknown":
                ctx.remember_speaker(sentence.start, party)


def _attach_quote_speakers(drafts: dict[int, list[Draft]], frames: dict[int, list], plan: _Plan) -> None:
    """A claim in a quote that runs on to "..., X said" a sentence or two later belongs to X."""
    for i, found in drafts.items():
        for draft in found:
            if draft.actors != "previous":
                continue
            j = i + 1
            while j < len(plan.sentences) and j <= i + 3 and plan.in_quote[j]:
                speakers = [s for f in frames.get(j, []) if f.kind == "verb" for s in f.speakers]
                if speakers:
                    draft.actors, draft.act, draft.explicit, draft.evidence_end = speakers, None, True, j
                    break
                j += 1


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _plan(article: Article) -> _Plan:
    sentences = split_sentences(article.text)
    has_context = [bool(context_pattern().search(s.text)) for s in sentences]
    in_quote = _quote_state(sentences)
    voice = statement_runs(sentences, in_quote)
    parse: set[int] = set()
    for i, sentence in enumerate(sentences):
        near = any(has_context[max(0, i - 2) : i + 3]) or _statement_context(voice, has_context, i)
        if near and candidate(sentence.text, voice[i] is not None):
            parse.add(i)
            parse.update(_quote_partners(sentences, in_quote, i))
            if voice[i] is not None:
                parse.add(voice[i])  # the opener names the speaker
    return _Plan(article, sentences, sorted(parse), in_quote, voice)


def _statement_context(voice: list[int | None], has_context: list[bool], i: int) -> bool:
    """A statement is one context: a sentence of it is about cyber matters when the statement is."""
    opener = voice[i]
    if opener is None:
        return False
    run = range(opener, min(len(voice), opener + statement_limit() + 1))  # runs are short: linear overall
    return any(has_context[j] for j in run if j == opener or voice[j] == opener)


def _quote_state(sentences: list[Sentence]) -> list[bool]:
    """True for sentences that open inside a quotation begun in an earlier sentence."""
    out, inside = [], False
    for sentence in sentences:
        out.append(inside or sentence.text[:1] in _OPEN + '"')
        for char in sentence.text:
            if char in _OPEN:
                inside = True
            elif char in _CLOSE:
                inside = False
        if sentence.text.count('"') % 2:
            inside = not inside
    return out


def _quote_partners(sentences: list[Sentence], in_quote: list[bool], i: int) -> list[int]:
    """Neighbours of a quoted sentence that may name its speaker ("..." he said)."""
    partners = []
    if in_quote[i] and i > 0 and is_speech_like(sentences[i - 1].text):
        partners.append(i - 1)
    if i + 1 < len(sentences) and in_quote[i + 1] and is_speech_like(sentences[i + 1].text):
        partners.append(i + 1)
    return partners


def _build(draft: Draft, sentence: Sentence, plan: _Plan, ctx: ArticleContext, index: int) -> list[Claim]:
    if draft.polarity.refused or _refusal_before(sentence, draft):
        return []
    actors = _actors(draft, plan, ctx, index)
    out = []
    for actor, evidence in actors:
        targets = _targets(draft, actor, ctx)
        for target in targets:
            out.append(_own_side_denied(_claim(draft, actor, target, evidence, plan, ctx), draft))
    return out


def _own_side_denied(claim: Claim, draft: Draft) -> Claim:
    """ "Russia does not conduct offensive operations," the Russian embassy said: a negated accusation of
    the speaker's own state (or of the speaker) is a denial."""
    if claim.stance != "accuse" or not draft.polarity.negated or draft.polarity.hypothetical:
        return claim
    own = {claim.actor.lower(), claim.affiliation.lower()} - {""}
    if claim.target.lower() not in own and not draft.polarity.disputed:  # "no proof that X did it"
        return claim
    return replace(claim, stance="deny", negated=False)


def _refusal_before(sentence: Sentence, draft: Draft) -> bool:
    if "requires_negation" in draft.cue.rule.flags:
        return False  # "found no evidence of government involvement" is itself the denial
    offset = draft.cue.token.idx
    return refusal_in_text(sentence.text[:offset])


def _actors(draft: Draft, plan: _Plan, ctx: ArticleContext, index: int) -> list[tuple[Party, Sentence]]:
    sentence = plan.sentences[index]
    if draft.evidence_end is not None:  # the quote runs over to its speaker's sentence
        end = plan.sentences[draft.evidence_end].end
        sentence = Sentence(sentence.start, end, plan.article.text[sentence.start : end])
    if draft.actors == "media":
        publisher = plan.article.publisher
        return [(Party(publisher, "media"), sentence)] if publisher else []
    if draft.actors == "previous":  # a quote continued from a speaker of the sentence or two before
        opener = plan.voice[index]
        if opener is not None:  # a statement goes on: its opener's (first) speaker
            opening = [p for start, p in ctx.speakers if start == plan.sentences[opener].start]
            return [(opening[0], sentence)] if opening else []
        since = plan.sentences[max(0, index - 2)].start
        recent = [p for start, p in ctx.speakers if index > 0 and start >= since]
        return [(recent[-1], sentence)] if recent else []
    lex = load_lexicon()
    out = []
    for token in draft.actors:
        if _alternative(token):
            continue  # "a group of activist hackers, or hacktivists, said": one speaker, glossed
        several = several_governments(token, ctx)
        if several:
            out.extend((party, sentence) for party in several)
            continue
        named = given_name(token)  # "a group of activist hackers called Solntsepyok"
        described = token.lemma_.lower() in lex.descriptors.get("group", ())
        token = named or token
        party = claiming_group(draft, token, ctx) or name_party(token, ctx, "actor")
        if party is None or not party.name:
            continue
        if named is not None and described and party.type in ("person", "organization", "unknown"):
            party = replace(party, type="group", affiliation="")  # "a hacker group named X" is a group
        lemma = token.lemma_.lower()
        if party.type == "unknown" and token.text.islower() and lemma not in lex.parties | lex.attackers:
            party = _signed_document(token, party, lex)  # "the conflict", "an analysis" speak for nobody
        if party is not None:
            out.append((party, sentence))
    return out


def _signed_document(token: Token, party: Party, lex) -> Party | None:
    """ "A U.S. indictment accused ...", "a United Nations report said ...": a document of a named issuer
    speaks for it; an unsigned one ("an analysis") for nobody."""
    named = party.affiliation or any(c.pos_ == "PROPN" for c in token.lefts)
    if token.lemma_.lower() not in lex.speech_nouns or not named:
        return None
    name = re.sub(r"^(a|an|the)\s+", "", party.name, flags=re.IGNORECASE)
    return replace(party, name=name, type="government" if party.affiliation else "organization")


def _alternative(token: Token) -> bool:
    return token.dep_ == "conj" and any(c.dep_ == "cc" and c.lower_ == "or" for c in token.head.children)


def _targets(draft: Draft, actor: Party, ctx: ArticleContext) -> list[Party]:
    if draft.targets == SELF:
        return [own_side(actor)]
    lex = load_lexicon()
    channels = {t.i for c in draft.channels for t in np_tokens(c)}
    out = []
    for token in draft.targets:
        if token.i in channels:
            continue
        if draft.cue.rule.stance == "deny" and names_no_party(token, lex):
            if actor.type != "person" or actor.affiliation:  # "refuted the possibility that ...": own side
                out.append(own_side(actor))
            continue
        party = name_party(token, ctx, "target")
        if party is None or not _acceptable(token, party, draft, actor, lex):
            continue
        if token.lemma_.lower() in lex.acts:  # "claimed responsibility for the attack": an act, not a party
            party = replace(party, is_act=True)
        if draft.cue.rule.stance == "condemn" and party.type == "unknown" and token.pos_ == "NOUN":
            party = replace(party, name=with_preps(token).removeprefix("the "))  # "spreading of lies"
        if draft.cue.rule.stance == "acknowledge" and party.type not in ("government", "group", "person"):
            party = replace(party, name=act_phrase(token), is_act=True)  # "the attack on Colonial Pipeline"
        out.append(party)
    return out


def _acceptable(token: Token, party: Party, draft: Draft, actor: Party, lex) -> bool:
    rule = draft.cue.rule
    name = party.name.lower()
    if not name or _no_party(token) or (name == actor.name.lower() and rule.stance != "deny"):
        return False
    if unspecific(token):
        return False  # "hard to attribute an incident to a specific actor": nobody in particular  # a denial may defend the speaker itself ("Beijing was behind it" denied by China)
    if rule.stance in ("condemn", "deny", "acknowledge", "pledge") and rule.target in (
        "object",
        "of_cyber",
        "on",
        "to",
        "object_of_for",
        "claimed_act",
    ):
        return token.lemma_.lower() not in lex.non_parties or rule.stance != "pledge"
    if rule.stance == "condemn" and token.lemma_.lower() in lex.acts and token.pos_ == "NOUN":
        return True  # "the cyber operation targeting X is unacceptable": the act condemned
    if token.lemma_.lower() in lex.non_parties or name in _BARE_ATTACKERS or _bare_descriptor(token, party):
        return False
    if "state_or_group_target" in rule.flags:
        named_attacker = token.dep_ == "appos" and token.head.lemma_.lower() in lex.attackers
        return party.type in ("government", "group") or state_owned(token) or named_attacker
    if "needs_attacker_doer" in rule.flags or rule.target == "noun_by":
        described = any(c.dep_ == "appos" and c.lemma_.lower() in lex.attackers for c in token.children)
        alleged = party.type == "person" and token.pos_ == "PROPN" and alleging(draft)
        return (
            party.type in ("group", "government")
            or token.lemma_.lower() in lex.attackers
            or described
            or alleged
        )
    if "state_target_only" in rule.flags:
        return party.type == "government"
    if "party_target_only" in rule.flags or rule.target in ("from", "to", "subject", "of", "by"):
        return (
            party.type != "unknown"
            or token.lemma_.lower() in lex.attackers | lex.parties
            or token.pos_ == "PROPN"
        )
    return True


def _no_party(token: Token) -> bool:
    """ "a rebuttal of its own", "what evidence", "which ones": words that name no party."""
    return token.lower_ == "own" or any(c.tag_ in ("WDT", "WP", "WP$") for c in token.children)


def _bare_descriptor(token: Token, party: Party) -> bool:
    """ "the group", "a group", "those actors": a descriptor that no earlier name resolved."""
    if token.pos_ != "NOUN" or (
        party.type in ("group", "government")
        and party.name.lower() != token.doc[token.left_edge.i : token.i + 1].text.lower()
    ):
        return False
    lex = load_lexicon()
    left = [t for t in token.lefts if t.dep_ not in ("punct",)]
    restricted = any(t.dep_ in ("relcl", "acl") for t in token.rights)  # "the states that may be sponsoring"
    return token.lemma_.lower() in lex.attackers and all(t.dep_ == "det" for t in left) and not restricted


def _claim(
    draft: Draft, actor: Party, target: Party, evidence: Sentence, plan: _Plan, ctx: ArticleContext
) -> Claim:
    rule = draft.cue.rule
    pol = draft.polarity
    confidence = 0.85 if draft.explicit else 0.6
    if pol.hedged or "hedged" in rule.flags:  # "believed to be", "bears the hallmarks of"
        confidence *= 0.75
    if draft.actors == "media":
        confidence *= 0.8
    claim_text = _claim_text(draft)
    via = ", ".join(sorted({t.text for t in draft.channels})) or None
    return Claim(
        article=plan.article.id,
        actor=actor.name,
        actor_type=actor.type
        if actor.type in ("person", "government", "organization", "group", "media")
        else "unknown",
        affiliation=actor.affiliation or "",
        stance=rule.stance,
        target=target.name,
        topic=topic_for(claim_text, evidence.text),
        claim=claim_text,
        evidence=evidence.text,
        start=evidence.start,
        end=evidence.end,
        confidence=round(confidence, 2),
        negated=bool(pol.negated or pol.hypothetical),
        reported_via=via,
        target_type="act" if target.is_act else target.type,
        target_affiliation=target.affiliation or "",
        actor_galaxy=actor.galaxy,
        target_galaxy=target.galaxy,
        cue=draft.cue.rule.phrase or draft.cue.token.text,
        extra={"rules": [rule.id]},
    )


def _claim_text(draft: Draft) -> str:
    """The clause carrying the cue (inside the act of saying), in a few words."""
    token = draft.cue.token
    node = token
    act = draft.act
    while (
        node.head.i != node.i
        and (act is None or node.head.i != act.i)
        and node.dep_ not in ("ccomp", "ROOT")
        and not _own_clause(node)
    ):
        node = node.head
    end = node.right_edge.i
    for child in node.rights:  # "denied X, and accused Y of Z": the denial's text stops before "and"
        if _own_clause(child) and not child.left_edge.i <= token.i <= child.right_edge.i:
            end = min(end, child.left_edge.i - 1)
    while end > node.i and token.doc[end].dep_ in ("cc", "punct"):
        end -= 1
    text = " ".join(token.doc[node.left_edge.i : end + 1].text.split()).strip(' ,“”"')
    return text[:_MAX_CLAIM]


def _own_clause(node: Token) -> bool:
    """A verb conjoined to another verb is a clause of its own ("denied X and accused Y")."""
    return node.dep_ == "conj" and node.pos_ in ("VERB", "AUX") and node.head.pos_ in ("VERB", "AUX")
