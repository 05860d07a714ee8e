"""Stage 3 of extraction: speaker finding.

A :class:`Frame` is an act of saying found in a parsed sentence: who speaks (one or more coordinated
speakers) and which token carries the act. Covered: "X said ...", "..., X said", "said X", "according to
X", "X's assertion that ...", "rumours emanating from X", "led X to conclude", passive "confirmed by X",
"made it clear". Speakers are tokens here; naming them is the resolution stage's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract.lexicon import Lexicon, load_lexicon
from kg.extract.phrases import agent_of, antecedent, conjuncts, is_passive, prep_objects

_COMPLEMENT_DEPS = {"ccomp", "xcomp", "parataxis"}
_QUOTES = set("\"“”'‘’")
# "researchers found links to X": finding these is reporting an attribution
_FINDINGS = {"link", "evidence", "connection", "tie", "similarity", "trace", "indication", "sign", "overlap"}


@dataclass(slots=True)
class Frame:
    """Somebody says something: ``speakers`` say it, ``verb`` is the act (a verb, a noun, "according")."""

    verb: Token
    speakers: list[Token]
    kind: str  # "verb" | "noun" | "according" | "causative"
    channels: list[Token] = field(default_factory=list)  # "told Reuters" -> Reuters


def find_frames(sent: Span) -> list[Frame]:
    """Every act of saying in ``sent`` whose speaker the sentence names (possibly by a pronoun)."""
    lex = load_lexicon()
    frames: list[Frame] = []
    for token in sent:
        frame = (
            _verb_frame(token, lex)
            or _noun_frame(token, lex)
            or _according_frame(token)
            or _compound_frame(token, lex)
        )
        if frame is not None and frame.speakers:
            frames.append(frame)
    return frames


def _compound_frame(token: Token, lex: Lexicon) -> Frame | None:
    """ "Prosecutors allege Park conspired ...": a present-tense speech verb before a name, misparsed as a
    compound of that name; the plural noun before the verb speaks."""
    if (
        token.dep_ != "compound"
        or token.head.pos_ != "PROPN"
        or token.head.dep_ not in ("nsubj", "nsubjpass")
    ):
        return None
    if token.lemma_.lower() not in lex.speech_verbs or token.lemma_.lower() in lex.needs_complement:
        return None
    speakers = [c for c in token.lefts if c.dep_ == "compound" and c.tag_ in ("NNS", "NNPS")]
    return Frame(token, conjuncts(speakers[-1]), "verb") if speakers else None


def _is_speech_verb(token: Token, lex: Lexicon) -> bool:
    lemma = token.lemma_.lower()
    verb_like = token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.tag_.startswith("VB"))
    if not verb_like and not _misparsed_verb(token):
        return False
    if lemma == "make":  # "made it clear that ...", "made very clear to the Chinese that ..."
        return any(c.lower_ == "clear" for c in token.subtree if c.head == token or c.head.head == token)
    if lemma not in lex.speech_verbs:
        return False
    if lemma in lex.needs_complement:
        findings = any(c.dep_ == "dobj" and c.lemma_.lower() in _FINDINGS for c in token.children)
        clause = any(c.dep_ in ("ccomp", "parataxis") for c in token.children)
        predicate = any(c.dep_ == "prep" and c.lower_ == "as" for c in token.children)  # "named X as Y"
        return findings or clause or predicate or _has_quote(token)
    return True


def _misparsed_verb(token: Token) -> bool:
    """ "“...,” the Recorded Future report states.": a sentence's root tagged as a plural noun, with a
    subject of its own, is the verb of saying."""
    return (
        token.dep_ == "ROOT"
        and token.pos_ == "NOUN"
        and token.tag_ == "NNS"
        and any(c.dep_ == "nsubj" for c in token.children)
        and _has_quote(token)
    )


def _has_quote(token: Token) -> bool:
    return any(t.text in _QUOTES for t in token.sent)


def _verb_frame(token: Token, lex: Lexicon) -> Frame | None:
    if not _is_speech_verb(token, lex):
        return None
    speakers = _verb_speakers(token, lex)
    channels = []
    if token.lemma_.lower() in lex.channel_verbs:
        channels = [c for c in token.children if c.dep_ in ("dobj", "dative", "iobj")]
        channels += list(prep_objects(token, {"to"}))
    kind = "causative" if token.dep_ == "xcomp" and token.head.lemma_.lower() in lex.causative else "verb"
    return Frame(token, speakers, kind, channels)


def _verb_speakers(verb: Token, lex: Lexicon) -> list[Token]:
    if is_passive(verb):
        agent = agent_of(verb)
        return conjuncts(agent) if agent is not None else []
    subjects = [child for child in verb.children if child.dep_ == "nsubj"]
    if subjects:  # two subjects is a misparse of an inserted "says X,": the nearest one speaks
        subject = antecedent(min(subjects, key=lambda s: abs(verb.i - s.i)))
        return _authors(subject, lex) or conjuncts(subject)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG":  # "X issued a warning, saying ...": X's words
        return _verb_speakers(verb.head, lex) if verb.head.pos_ in ("VERB", "AUX") else []
    for other in reversed(
        verb.doc[max(verb.sent.start, verb.i - 8) : verb.i]
    ):  # misparsed "led X to conclude"
        if other.lemma_.lower() in lex.causative and any(c.lower_ == "to" for c in verb.lefts):
            objects = [c for c in other.children if c.dep_ == "dobj"]
            if objects:
                return conjuncts(objects[0])
    node = verb
    for _ in range(4):  # "went on to say", "led X to conclude", "and said" (shared subject)
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in lex.causative:
            objects = [c for c in node.head.children if c.dep_ == "dobj"]
            return conjuncts(objects[0]) if objects else []
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return []
        node = node.head
        if node.dep_ == "ccomp" and _describes_anothers_words(verb, lex):
            return _verb_speakers(node.head, lex) if node.head.pos_ in ("VERB", "AUX") else []
        for child in node.children:
            if child.dep_ == "nsubj":
                return conjuncts(antecedent(child))
    return []


def _describes_anothers_words(verb: Token, lex: Lexicon) -> bool:
    """ "They said the minister had erred and described her claims as baseless": the words described are
    the reported party's own, so the describer is the outer speaker, not that party."""
    return any(
        obj.dep_ == "dobj"
        and obj.lemma_.lower() in lex.allegations
        and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in obj.children)
        for obj in verb.children
    )


def _authors(subject: Token, lex: Lexicon) -> list[Token]:
    """ "A report by the NCSC and the NSA reveals ...", "the agency's statement says ...", "one of the
    reports, published by X, said ...": the authors."""
    holders = [subject]
    if subject.lower_ == "one":
        counted = [g for c in subject.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        subject = counted[0] if counted else subject
        holders.append(subject)
    if subject.lemma_.lower() not in lex.speech_nouns:
        return []
    owners = [c for c in subject.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN")]
    owners = owners or list(prep_objects(subject, {"by", "from"}))
    owners = owners or [c for c in subject.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"][-1:]
    clauses = [c for holder in holders for c in holder.children if c.dep_ == "acl"]
    for clause in clauses if not owners else []:  # "a report published by X"
        agent = agent_of(clause)  # a named author only: "drawn up by the three organisations" names nobody
        owners = [agent] if agent is not None and agent.pos_ == "PROPN" else owners
    return conjuncts(owners[0]) if owners else []


def _noun_frame(token: Token, lex: Lexicon) -> Frame | None:
    if token.pos_ == "NOUN" and token.lemma_.lower() in lex.naming_nouns:
        return _naming_frame(token)
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lex.speech_nouns:
        return None
    for child in token.children:
        if child.dep_ == "poss":
            return Frame(token, conjuncts(child), "noun")
    sources = list(prep_objects(token, {"from", "by"}))
    nearby = token.doc[token.i + 1 : min(token.sent.end, token.i + 4)]
    for other in [*token.children, *nearby]:  # "rumours, emanating from a Western intelligence agency, that"
        if other.pos_ == "VERB" and other.lemma_.lower() in {"emanate", "come", "originate"}:
            sources += list(prep_objects(other, {"from"}))
    return Frame(token, conjuncts(sources[0]), "noun") if sources else None


def _naming_frame(token: Token) -> Frame | None:
    """ "X is the name given by the US government to efforts by Y": who gave the name speaks."""
    for child in token.children:
        if child.dep_ == "acl" and child.tag_ == "VBN":
            agent = agent_of(child)
            if agent is not None:
                return Frame(token, conjuncts(agent), "noun")
    return None


def _according_frame(token: Token) -> Frame | None:
    if token.lower_ != "according":
        return None
    objects = list(prep_objects(token, {"to"}))
    if not objects:
        return None
    authors = _authors(objects[0], load_lexicon())  # "according to a report by Recorded Future"
    return Frame(token, authors or conjuncts(objects[0]), "according")


def frame_for(token: Token, frames: list[Frame]) -> Frame | None:
    """The act of saying that encloses ``token``: the nearest governing one, else one for the sentence."""
    frames = [f for f in frames if not _speaks_about_itself(f, token)]
    if any(f.kind == "according" for f in frames):  # "According to X, ..., RBC reported": the outlet relays X
        frames = [f for f in frames if f.verb.lemma_.lower() != "report" or f.kind != "verb"]
    if not frames:
        return None
    by_verb = {frame.verb.i: frame for frame in frames}
    node = token
    while node.head.i != node.i:
        node = node.head
        if node.i in by_verb and by_verb[node.i].kind != "according":
            return by_verb[node.i]
    below = {t.i for t in token.subtree}
    for frame in frames:  # "“...,” Hong said" parsed as parataxis or coordination, "said X" after the quote
        if frame.kind in ("verb", "causative") and (frame.verb.i not in below or _trailing(frame, token)):
            return frame
    for frame in frames:
        if frame.kind == "according":
            return frame
    nouns = [f for f in frames if f.kind == "noun" and f.verb.i < token.i]  # "X's assertion that ..."
    return nouns[-1] if nouns else None


def _trailing(frame: Frame, token: Token) -> bool:
    """ "X hacked Y, US officials said in a warning": a closing speech verb with no content of its own,
    misparsed as a conjunct of the cue or a relative clause of its object, still frames the cue."""
    verb = frame.verb
    if frame.kind != "verb" or verb.i <= token.i or verb.dep_ not in ("conj", "relcl", "advcl"):
        return False
    if any(c.dep_ in ("ccomp", "xcomp", "dobj", "dative") for c in verb.children):
        return False
    return any(t.text == "," for t in verb.doc[token.i : min(s.left_edge.i for s in frame.speakers)])


def _speaks_about_itself(frame: Frame, token: Token) -> bool:
    """A cue inside the speaker's own phrase ("a group linked to China said ...") is not what it says."""
    return any(token.i in {t.i for t in speaker.subtree} for speaker in frame.speakers)


def outer_frame(frame: Frame, frames: list[Frame]) -> Frame | None:
    """A frame that reports ``frame`` ("says Xinhua, Meng made it clear"): its speaker is the channel."""
    for other in frames:
        if other is frame or other.kind not in ("verb", "according") or other.verb.i == frame.verb.i:
            continue
        if (
            other.kind == "according"
            or frame.verb in list(other.verb.subtree)
            or other.verb.dep_ == "parataxis"
        ):
            return other
    return None
