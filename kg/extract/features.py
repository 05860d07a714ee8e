"""Stage 4c of extraction: the features of a candidate claim, as strings for the learned model.

The features describe the structure that carries an attributed statement, not the words of any one
sentence: the speaker's predicate, the dependency path from it to the other party, the word that governs
that party ("attributed ... *to* X", "the group *behind* it"), negation and modality on the way, the
kinds of both parties, the sentence's content words, and what the cue rules made of the pair. Which
combinations make a claim is learned from the annotated corpus.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Doc, Token

from kg.extract.candidates import Candidate
from kg.extract.lexicon import load_lexicon

_CONTENT = frozenset({"VERB", "NOUN", "ADJ", "ADV", "AUX"})
_NEGATORS = frozenset({"not", "no", "never", "n't", "nothing", "none", "without", "deny", "denied"})
_MODALS = frozenset({"may", "might", "could", "would", "should", "can"})
_MAX_PATH = 5


def features_of(candidate: Candidate) -> list[str]:
    """The candidate's features; the bias feature comes first."""
    out = ["bias", f"role={candidate.role}"]
    out += _lexicon_features(candidate)
    out += _party_features(candidate)
    out += _rule_features(candidate)
    predicate, target = candidate.predicate, candidate.target_mention
    if predicate is not None:
        out += _predicate_features(predicate)
    if predicate is not None and target is not None:
        out += _path_features(predicate, target.head, candidate.role)
    if candidate.actor_mention is not None and target is not None:
        out += _between_features(candidate.actor_mention.head, target.head)
    if target is not None:
        out += _sentence_features(target.head)
    return out


@cache
def _cue_stances() -> dict[str, frozenset[str]]:
    """Lemma -> the stances the cue lexicon gives it: the rules' words as evidence for the model."""
    found: dict[str, set[str]] = {}
    lex = load_lexicon()
    for rule in (*lex.cues, *lex.phrases):
        for lemma in rule.lemmas or {rule.phrase.split()[0] if rule.phrase else ""}:
            if lemma:
                found.setdefault(lemma, set()).add(rule.stance)
    for lemma in lex.speech_verbs:
        found.setdefault(lemma, set()).add("say")
    return {k: frozenset(v) for k, v in found.items()}


def _lexicon_features(c: Candidate) -> list[str]:
    """Which stances the cue lexicon reads in the predicate, on the path to the target, and in the sentence."""
    stances = _cue_stances()
    out: list[str] = []
    if c.predicate is not None:
        out += [f"lex_p={s}" for s in stances.get(c.predicate.lemma_.lower(), ())]
    target = c.target_mention.head if c.target_mention is not None else None
    if target is not None:
        node, steps = target.head, 0
        while steps < 8:
            out += [f"lex_path={s}" for s in stances.get(node.lemma_.lower(), ())]
            if node.head is node or node is c.predicate:
                break
            node, steps = node.head, steps + 1
        sentence = _sentence_stances(target.doc)
        out += [f"lex_sent={s}" for s in sentence]
        out += [f"lex_sent|tt={s}|{c.target.type}" for s in sorted(sentence)]
        out += [f"lex_sent|role={s}|{c.role}" for s in sorted(sentence)]
    return out


def _party_features(c: Candidate) -> list[str]:
    a_src = c.actor_mention.source if c.actor_mention is not None else "rule"
    t_src = c.target_mention.source if c.target_mention is not None else "rule"
    t_type = "act" if c.target.is_act else c.target.type
    return [
        f"at={c.actor.type}",
        f"tt={t_type}",
        f"at|tt={c.actor.type}|{t_type}",
        f"as={a_src}",
        f"ts={t_src}",
        f"as|ts={a_src}|{t_src}",
        f"t_aff={bool(c.target.affiliation)}",
        f"own_side={bool(c.actor.affiliation) and c.actor.affiliation == c.target.name}",
        f"t_words={min(len(c.target.name.split()), 4)}",
    ]


def _rule_features(c: Candidate) -> list[str]:
    if not c.rules:
        return ["rule=none"]
    out = ["rule=any", f"rule_stance={c.rule_stance}"]
    out += [f"rule_cue={r}" for r in c.rules[:3]]
    out += [f"rule_stance|tt={c.rule_stance}|{c.target.type}"]
    return out


def _predicate_features(predicate: Token) -> list[str]:
    lemma = predicate.lemma_.lower()
    out = [f"p={lemma}", f"p_pos={predicate.pos_}", f"p_dep={predicate.dep_}"]
    for child in predicate.children:
        if child.dep_ == "neg" or child.lower_ in _NEGATORS:
            out.append("p_neg")
        if child.dep_ == "aux" and child.lower_ in _MODALS:
            out.append("p_modal")
        if child.dep_ in ("ccomp", "xcomp", "dobj", "prep", "attr", "acomp", "advcl"):
            out.append(f"p_child={child.dep_}")
            out.append(f"p|child={lemma}|{child.dep_}|{child.lemma_.lower()}")
    if predicate.head is not predicate:
        out.append(f"p_head={predicate.head.lemma_.lower()}")
    return out


def _path_features(predicate: Token, target: Token, role: str) -> list[str]:
    """The dependency path from the speaker's predicate down to the target (or up to their common node)."""
    up: list[Token] = []
    node = target
    while node is not predicate and node.head is not node and len(up) < 12:
        up.append(node)
        node = node.head
    lemma = predicate.lemma_.lower()
    governor = target.head
    gov = governor.lemma_.lower()
    out = [f"tdep={target.dep_}", f"tgov={gov}|{target.dep_}", f"p|tgov={lemma}|{gov}"]
    if governor.dep_ == "prep" or governor.pos_ == "ADP":
        out.append(f"tgov2={governor.head.lemma_.lower()}|{gov}")
        out.append(f"p|tgov2={lemma}|{governor.head.lemma_.lower()}|{gov}")
    if node is predicate:
        deps = [t.dep_ for t in reversed(up)][:_MAX_PATH]
        out.append("under_p")
        out.append("path=" + ">".join(deps))
        out.append(f"p|path={lemma}|{'>'.join(deps[:2])}")
        for t in up[1:]:
            if t.pos_ in _CONTENT or t.pos_ == "ADP":
                out.append(f"path_w={t.lemma_.lower()}")
            if t.dep_ == "neg" or any(c.dep_ == "neg" for c in t.children):
                out.append("path_neg")
        if any(c.dep_ == "neg" for t in up for c in t.children):
            out.append("path_neg")
    else:
        out.append("not_under_p")
        out.append(f"t_root_rel={'ancestor' if predicate in target.ancestors else 'apart'}")
        if target in predicate.ancestors:
            out.append("t_above_p")
    out.append(f"role|under={role}|{node is predicate}")
    return out


def _between_features(actor: Token, target: Token) -> list[str]:
    lo, hi = sorted((actor.i, target.i))
    order = "a<t" if actor.i < target.i else "t<a"
    gap = hi - lo
    bucket = "1" if gap <= 2 else "2" if gap <= 5 else "3" if gap <= 10 else "4" if gap <= 20 else "5"
    out = [f"order={order}", f"gap={bucket}"]
    words = [t for t in actor.doc[lo + 1 : hi] if t.pos_ in _CONTENT or t.lower_ in _NEGATORS]
    out += [f"bw={t.lemma_.lower()}" for t in words[:10]]
    return out


def _sentence_stances(doc: Doc) -> list[str]:
    """The stances the cue lexicon reads anywhere in the sentence (computed once per parsed sentence)."""
    cached = doc.user_data.get("lex_sent")
    if cached is None:
        stances = _cue_stances()
        cached = sorted({s for t in doc for s in stances.get(t.lemma_.lower(), ())})
        doc.user_data["lex_sent"] = cached
    return cached


def _sentence_features(token: Token) -> list[str]:
    """The sentence's content words and whether it quotes (computed once per parsed sentence)."""
    cached = token.doc.user_data.get("sentence_features")
    if cached is None:
        cached = _sentence_words(token.doc)
        token.doc.user_data["sentence_features"] = cached
    return cached


def _sentence_words(doc: Doc) -> list[str]:
    seen: set[str] = set()
    for t in doc:
        if (t.pos_ in _CONTENT and not t.is_stop) or t.lower_ in _NEGATORS:
            seen.add(t.lemma_.lower())
    quoted = any(t.text in ('"', "“", "”") for t in doc)
    out = [f"sw={w}" for w in sorted(seen)]
    out.append(f"quoted={quoted}")
    return out
