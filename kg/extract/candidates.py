"""Stage 4b of extraction: candidate claims by structure — every (speaker, party) pair of a sentence.

Where the cue rules look for the words they know, this stage looks for the shape of an attributed
statement: a party that is the subject (or the "according to" source, or the passive agent) of a
predicate, and another party or act in the same sentence. It proposes every such pair; whether a pair is
a claim, and with which stance, is decided by the learned model (:mod:`kg.extract.model`) over the
pair's features (:mod:`kg.extract.features`). Party mentions come from spaCy's NER, the lexicons of
:mod:`kg.resolve` and a word list of party and act nouns (``lexicons/candidates.toml``); speakers named
in another sentence ("the company", "he") are resolved by :func:`kg.extract.naming.name_party` against
the article's context.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from kg.errors import ConfigError
from kg.extract.context import ArticleContext
from kg.extract.lexicon import LEXICON_DIR
from kg.extract.naming import Party, name_party
from kg.extract.phrases import is_pronoun

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


@dataclass(frozen=True, slots=True)
class CandidateLexicon:
    """The generator's word lists (``lexicons/candidates.toml``), validated once."""

    party_labels: frozenset[str]
    party_heads: frozenset[str]
    act_heads: frozenset[str]
    anaphors: frozenset[str]
    max_pairs_per_sentence: int


@cache
def candidate_lexicon() -> CandidateLexicon:
    path = LEXICON_DIR / "candidates.toml"
    with open(path, "rb") as handle:
        data = tomllib.load(handle)
    known = set(CandidateLexicon.__dataclass_fields__)
    unknown = set(data) - known
    if unknown or known - set(data):
        raise ConfigError(f"{path.name}: unknown keys {sorted(unknown)}, missing {sorted(known - set(data))}")
    limit = data["max_pairs_per_sentence"]
    if not isinstance(limit, int) or limit < 1:
        raise ConfigError(f"{path.name}: max_pairs_per_sentence must be a positive integer")
    return CandidateLexicon(
        party_labels=frozenset(data["party_labels"]),
        party_heads=frozenset(w.lower() for w in data["party_heads"]),
        act_heads=frozenset(w.lower() for w in data["act_heads"]),
        anaphors=frozenset(w.lower() for w in data["anaphors"]),
        max_pairs_per_sentence=limit,
    )


@dataclass(slots=True)
class Mention:
    """A noun phrase that may be a party or an act: its head token and how it was found."""

    head: Token
    start: int  # token span within the doc
    end: int
    source: str  # "ner:ORG", "noun", "act", "pron", "propn"

    @property
    def text(self) -> str:
        return self.head.doc[self.start : self.end].text


@dataclass(slots=True)
class Candidate:
    """A (speaker, party) pair of one sentence, before the model's decision."""

    sentence: int  # index of the sentence in the article
    actor: Party
    target: Party
    actor_mention: Mention | None
    target_mention: Mention | None
    role: str  # how the speaker relates to its predicate: "subj", "according", "agent", "rule"
    predicate: Token | None
    rules: list[str] = field(default_factory=list)  # ids of the cue rules that proposed it
    rule_stance: str = ""
    rule_claim: object | None = None  # the rule layer's Claim, when the rules proposed it


def mentions_in(sent: Span) -> list[Mention]:
    """Party and act mentions of a parsed sentence, NER entities first, one per head token."""
    lex = candidate_lexicon()
    found: dict[int, Mention] = {}
    for ent in sent.ents:
        if ent.label_ in lex.party_labels:
            found.setdefault(ent.root.i, Mention(ent.root, ent.start, ent.end, f"ner:{ent.label_}"))
    for token in sent:
        if token.i in found or any(m.start <= token.i < m.end for m in found.values()):
            continue
        lower = token.lower_
        if token.pos_ == "PROPN" and token.dep_ not in ("compound", "flat"):
            found[token.i] = Mention(token, *_extent(token), "propn")
        elif token.pos_ == "NOUN" and (lower in lex.party_heads or token.lemma_.lower() in lex.party_heads):
            found[token.i] = Mention(token, *_extent(token), "noun")
        elif token.pos_ == "NOUN" and (lower in lex.act_heads or token.lemma_.lower() in lex.act_heads):
            found[token.i] = Mention(token, *_extent(token), "act")
        elif lower in lex.anaphors and is_pronoun(token):
            found[token.i] = Mention(token, token.i, token.i + 1, "pron")
    for chunk in sent.noun_chunks:  # any other noun phrase may be the target ("warned customers")
        root = chunk.root
        if (
            root.pos_ == "NOUN"
            and root.i not in found
            and not any(m.start <= root.i < m.end for m in found.values())
        ):
            found[root.i] = Mention(root, chunk.start, chunk.end, "np")
    return sorted(found.values(), key=lambda m: m.start)


def _extent(head: Token) -> tuple[int, int]:
    """The head with its compounds, modifiers and determiners on the left (the noun chunk's span)."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod", "flat"):
            left = min(left, child.left_edge.i)
    return left, head.i + 1


def speaker_role(mention: Mention) -> tuple[str, Token]:
    """How the mention relates to the predicate it may speak through: its subject, its "according to"
    source, its passive agent, the owner of a speaking noun ("the FBI's report"), a first conjunct's
    role, or else its own dependency on its head (the model weighs them all)."""
    head = mention.head
    if head.dep_ in _SUBJECTS:
        return "subj", head.head
    if head.dep_ == "pobj" and head.head.lower_ == "to" and head.head.head.lower_ == "according":
        return "according", head.head.head.head
    if head.dep_ == "pobj" and head.head.dep_ == "agent":
        return "agent", head.head.head
    if head.dep_ == "poss":
        return "poss", head.head
    if head.dep_ == "conj":  # "A and B said": the first conjunct's role
        first = head
        while first.dep_ == "conj" and first.head is not first:
            first = first.head
        if first is not head:
            return speaker_role(Mention(first, first.i, first.i + 1, mention.source))
    if head.dep_ == "pobj":
        return f"pobj:{head.head.lower_}", head.head.head
    return f"dep:{head.dep_}", head.head


def candidates_in(doc: Doc, index: int, ctx: ArticleContext, nearby: Iterable[Party] = ()) -> list[Candidate]:
    """Every (speaker, other mention) pair of a parsed sentence, resolved to parties, subjects first.
    The ``nearby`` speakers (of the sentences around it) are paired with its mentions too, for statements
    that run over a sentence ("It was not us." The company said ... / "...," she added)."""
    mentions = mentions_in(doc[:])
    limit = candidate_lexicon().max_pairs_per_sentence
    resolved: dict[tuple[int, str], Party | None] = {}

    def party(mention: Mention, role: str) -> Party | None:
        key = (mention.head.i, role)
        if key not in resolved:
            resolved[key] = _resolve(mention, ctx, role)
        return resolved[key]

    speakers = [(m, speaker_role(m)) for m in mentions if m.source not in ("act", "np")]
    speakers.sort(key=lambda pair: (pair[1][0] not in _SPEAKING, pair[0].start))
    targets = [m for m in mentions if m.source != "pron"]
    out: list[Candidate] = []
    for speaker, (role, predicate) in speakers:
        actor = party(speaker, "actor")
        if actor is None or not actor.name:
            continue
        for other in targets:
            if other is speaker or _nested(other, speaker):
                continue
            target = party(other, "target")
            if target is None or not target.name or _same(actor, target):
                continue
            out.append(Candidate(index, actor, target, speaker, other, role, predicate))
            if len(out) >= limit:
                return out
    own = {c.actor.name for c in out}
    for actor in nearby:
        if actor.name in own:
            continue
        for other in targets:
            target = party(other, "target")
            if target is not None and target.name and not _same(actor, target):
                out.append(Candidate(index, actor, target, None, other, "nearby", None))
    return out[: limit + 10]


_SPEAKING = frozenset({"subj", "according", "agent", "poss"})


def _resolve(mention: Mention, ctx: ArticleContext, role: str) -> Party | None:
    try:
        found = name_party(mention.head, ctx, role)
    except (IndexError, ValueError):  # a degenerate parse of scraped text names nobody
        return None
    if found is None and mention.source.startswith("ner:") and role == "target":
        return Party(mention.text, "unknown")
    if found is not None and mention.source == "act" and role == "target":
        return Party(found.name, found.type, found.affiliation, found.galaxy, is_act=True)
    return found


def _nested(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


def _same(a: Party, b: Party) -> bool:
    return a.name.lower() == b.name.lower()
