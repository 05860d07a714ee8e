"""Stage 4 of extraction: polarity of a cue — negated, hypothetical, refused, doubted or hedged.

"did not blame Russia" and "may accuse" are negated acts (emitted with ``negated=True``); "declined to say
who was behind" and "could not confirm" are refusals (no claim); "believed to be linked to" is a hedged
claim (kept, with lower confidence).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract.lexicon import load_lexicon
from kg.extract.phrases import ancestors_within

_DOUBT_ADJECTIVES = {"unclear", "unknown", "impossible", "early", "difficult", "hard", "premature"}


@dataclass(frozen=True, slots=True)
class Polarity:
    negated: bool = False
    hypothetical: bool = False
    refused: bool = False
    hedged: bool = False
    # "there is no proof that X is responsible": the speaker disputes the act (a denial, not a negated claim)
    disputed: bool = False


def is_negated(token: Token) -> bool:
    """A negator on the token or on its auxiliaries ("did not blame", "never supported")."""
    lex = load_lexicon()
    for child in token.children:
        if child.dep_ == "neg" or (child.lower_ in lex.negators and child.dep_ in ("advmod", "det", "neg")):
            return True
    if token.dep_ == "conj" and any(  # "never had ... nor has it ever supported": "nor" before the conjunct
        c.lower_ == "nor" and c.i < token.i for c in token.head.children
    ):
        return True
    # "was not behind": the negator hangs on the copula the cue depends on
    return token.dep_ in ("prep", "acomp", "attr") and any(c.dep_ == "neg" for c in token.head.children)


def _modal(token: Token) -> str | None:
    lex = load_lexicon()
    for child in token.children:
        if child.dep_ == "aux" and child.lower_ in lex.hypothetical:
            return child.lower_
    return None


def polarity(cue: Token, act: Token | None, sent: Span, negation_expected: bool = False) -> Polarity:
    """Polarity of a cue (``cue``) inside an act of saying (``act``: the speech verb, or the cue itself).

    ``negation_expected`` is for cues that carry their negation ("does not tolerate", "not acceptable").
    """
    lex = load_lexicon()
    refused = _refused(cue, sent) or (act is not None and act.i != cue.i and _refused(act, sent))
    negated = not negation_expected and is_negated(cue)
    hypothetical = False
    if act is not None:
        if act.i != cue.i:
            negated = negated or is_negated(act) or _negated_between(cue, act, sent, negation_expected)
        hypothetical = _modal(act) in {"may", "might", "could", "would"}
    if (_doubted(cue, sent) and not negation_expected) or _deceptive(cue, sent):
        negated = True
    elif negation_expected and no_evidence_of(cue):
        negated = False  # "has not been given any evidence of its involvement": the negation is the denial
    hedged = _hedged(cue, sent, lex.hedges) or (act is not None and act.i == cue.i and hypothetical)
    return Polarity(negated, hypothetical, refused, hedged, negated and _disproved(cue, sent))


def _negated_between(cue: Token, act: Token, sent: Span, expected: bool) -> bool:
    """A negated link between the act and the cue: "they are not believed to be connected to X"
    (the copula of a cue that carries its own negation, "was not the result of", excepted)."""
    for node in ancestors_within(cue, sent):
        if node.i == act.i:
            return False
        if expected and node.i == cue.head.i:
            continue
        if node.pos_ in ("VERB", "AUX") and is_negated(node):
            return True
    return False


def _deceptive(token: Token, sent: Span) -> bool:
    """An attribution described as a deception: "to mislead investigators into attributing them to X"."""
    words = load_lexicon().deception
    return any(node.lemma_.lower() in words for node in ancestors_within(token, sent))


def _refused(token: Token, sent: Span) -> bool:
    lex = load_lexicon()
    for node in [token, *ancestors_within(token, sent)]:
        lemma = node.lemma_.lower()
        if lemma in lex.refusal and node.i != token.i:
            return True
        if (
            lemma in {"say", "confirm", "tell", "comment", "know"}
            and is_negated(node)
            and _modal(node) in {"could", "would", "can", "will"}
        ):
            return True
    return False


def _doubted(token: Token, sent: Span) -> bool:
    """The cue sits under "no evidence", "no suggestion", "it is unclear", "too early to tell" ..."""
    lex = load_lexicon()
    for node in [token, *ancestors_within(token, sent)]:
        lemma = node.lemma_.lower()
        if lemma in lex.doubt and node.i != token.i:
            if any(c.lower_ in {"no", "not", "never", "n't"} for c in node.children) or _by_no_means(node):
                return True
            if lemma in _DOUBT_ADJECTIVES:
                return True
        if node.dep_ in ("ccomp", "advcl") and any(
            c.lower_ in {"whether", "if", "unless"} and c.dep_ == "mark" for c in node.children
        ):
            return True
    return False


def _disproved(token: Token, sent: Span) -> bool:
    """The cue hangs under "no proof", "no evidence", "not any evidence" (words of `disproof`)."""
    words = load_lexicon().disproof
    return any(
        node.lemma_.lower() in words and any(c.lower_ in {"no", "not", "n't", "never"} for c in node.children)
        for node in ancestors_within(token, sent)
    )


def _by_no_means(node: Token) -> bool:
    """ "this is by no means proof (that) ...": the doubt word negated through its copula."""
    for by in (c for c in [*node.children, *node.head.children] if c.lower_ == "by"):
        if any(m.lower_ == "means" and any(n.lower_ == "no" for n in m.children) for m in by.children):
            return True
    return False


def _hedged(token: Token, sent: Span, hedges: frozenset[str]) -> bool:
    nodes = [token, *ancestors_within(token, sent)][:5]
    for node in nodes:
        if node.lemma_.lower() in hedges or node.lower_ in hedges:
            return True
        if any(
            c.dep_ in ("aux", "advmod") and (c.lower_ in hedges or c.lemma_.lower() in hedges)
            for c in node.children
        ):
            return True
    return False


def refusal_in_text(text: str) -> bool:
    """Refusal phrases in the raw sentence ("declined to say who was behind the attack")."""
    lowered = text.lower()
    return any(phrase in lowered for phrase in load_lexicon().refusal_phrases)


def no_evidence_of(token: Token) -> bool:
    """ "no evidence of government involvement", "no sign of any involvement", "has not been given any
    evidence substantiating the company's involvement": the noun is denied."""
    of_noun = token.dep_ == "pobj" and token.head.lower_ == "of"
    holder = token.head.head if of_noun or (token.dep_ == "dobj" and token.head.dep_ == "acl") else None
    if holder is None or holder.lemma_.lower() not in load_lexicon().doubt:
        return False
    if any(c.lower_ in ("no", "not", "never") for c in holder.children):
        return True
    return any(c.lower_ == "any" for c in holder.children) and is_negated(holder.head)
