"""Claims before naming: for each cue of a parsed sentence, who (tokens) says what about whom (tokens).

This stage decides the actor's position (the cue's own subject, the enclosing speaker, the speaker of a
quote that runs across sentences, or the publication itself) and applies the cue rule's conditions.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Span, Token

from kg.extract import entities
from kg.extract.attribution import Frame, find_frames, frame_for, outer_frame
from kg.extract.cues import Cue, find_cues
from kg.extract.grounds import a_duty, non_cyber_grounds
from kg.extract.lexicon import load_lexicon
from kg.extract.negation import Polarity, is_negated, no_evidence_of, polarity
from kg.extract.phrases import agent_of, as_predicate, conjuncts, is_passive, prep_objects, subject_of
from kg.extract.phrases import reproached as _reproached
from kg.extract.targets import SELF, cue_targets, whole_words
from kg.extract.vague import negative_subject

# Cues the article's own voice may carry ("believed to be linked to Russia"): attributions, not acts.
_MEDIA_TARGETS = {"subject", "to", "from", "of", "by"}
_MEDIA_STANCES = {"accuse"}
_SELF_PRONOUNS = {"it", "we", "they", "i"}
_FIRST_PERSON = {"we", "i", "us"}
# Speech verbs that claim a deed as one's own: "the group claimed to have stolen the data".
_BOASTS = {"claim", "boast", "brag", "admit"}


@dataclass(slots=True)
class Draft:
    cue: Cue
    actors: list[Token] | str  # tokens, or "media" / "previous" (speaker of the quote this continues)
    targets: list[Token] | str  # tokens or SELF
    act: Token | None  # the act of saying (speech verb, agentive cue)
    polarity: Polarity
    explicit: bool  # the actor is the cue's own subject or an explicit speaker
    channels: list[Token]
    evidence_end: int | None = None  # index of the last sentence of a quote that runs on


def drafts_for(sent: Span, in_quote: bool) -> tuple[list[Draft], list[Frame]]:
    """Every claim the sentence can hold (actors and targets as tokens), and its acts of saying."""
    frames = find_frames(sent)
    out: list[Draft] = []
    cues = [cue for cue in find_cues(sent) if _rule_holds(cue, sent)]
    denials = [cue.token for cue in cues if cue.rule.stance == "deny"]
    accused: dict[int, list[Token]] = {}  # denial token -> the parties its rejected allegation accuses
    for cue in cues:
        denial = _inside_denial(cue.token, denials, frames) if cue.rule.stance == "accuse" else None
        if denial is not None:  # "rejected accusations that Beijing was behind it": not the denier's
            found = cue_targets(cue, sent)
            named = [t for t in found if not _refers_to_speaker(t)] if isinstance(found, list) else []
            accused.setdefault(denial.i, []).extend(named)
    accusations = [c.token for c in cues if c.rule.stance == "accuse" and c.rule.kind == "agentive"]
    for cue in cues:
        if cue.rule.stance == "accuse" and _inside_denial(cue.token, denials, frames) is not None:
            continue
        if cue.rule.kind == "predicate" and _inside_accusation(cue.token, accusations, frames):
            continue  # "accused China of being behind the attacks": one claim, the accuser's
        draft = _draft(cue, sent, frames, in_quote)
        if draft is not None and draft.targets == SELF and accused.get(cue.token.i):
            draft.targets = accused[cue.token.i]  # the denier defends the party the allegation accused
        if draft is not None and isinstance(draft.actors, list) and any(map(negative_subject, draft.actors)):
            draft.polarity = replace(draft.polarity, negated=True)  # "neither country has acknowledged"
        if draft is not None:
            out.append(draft)
    return out, frames


def _rule_holds(cue: Cue, sent: Span) -> bool:
    rule, token = cue.rule, cue.token
    flags = rule.flags
    if "requires_negation" in flags and not (
        is_negated(token) or _negated_copula(token) or no_evidence_of(token)
    ):
        return False
    if "copula_only" in flags and not (
        token.dep_ in ("attr", "oprd") or token.head.lemma_ in ("name", "consider") or as_predicate(token)
    ):
        return False
    if rule.needs_object and not any(t.lemma_.lower() in rule.needs_object for t in token.subtree):
        return False
    if rule.stance == "accuse" and (non_cyber_grounds(token) or a_duty(token)):
        return False  # "sanctions on Iran once lifted by the nuclear deal", "responsible for protecting"
    if "needs_future" in flags and not _future(token):
        return False
    if "not_as_threat" in flags and _threat_modal(token):
        return False  # "we will not tolerate such activity" warns the attacker, denies nothing
    if "needs_threat_modal" in flags and not _threat_modal(token):
        return False
    if "needs_infinitive" in flags and not _infinitive(token):
        return False  # "urged the United States to stop", not "urged calm"
    if "needs_allegation" in flags and not any(
        t.lemma_.lower() in load_lexicon().allegations and t.i != token.i for t in sent
    ):
        return False
    if (
        rule.kind == "agentive"
        and token.pos_ not in ("VERB", "NOUN")
        and token.lemma_ not in ("rebuttal", "denial")
        and not (rule.target == "held" and token.head.lemma_.lower() == "hold")
    ):
        return False
    if rule.target == "to" and token.pos_ == "NOUN" and not any(c.lower_ == "to" for c in token.children):
        return False  # "closer ties with Moscow" is no attribution; "links to X" is
    if "needs_attacker_subject" in flags and not _attacker_subject(token):
        return False
    if "needs_attacker_object" in flags and not _attacker_object(token):
        return False
    if "needs_attack_subject" in flags and not _attack_subject(token):
        return False
    if "needs_light_verb" in flags and not (token.dep_ == "dobj" and token.head.lemma_ in ("play", "have")):
        return False  # "played a role in", "had a hand in"
    return not (rule.target == "noun_by" and token.pos_ not in ("NOUN", "PROPN"))


def _refers_to_speaker(token: Token) -> bool:
    """ "claims that its hackers stole ...", "that it was behind": the denier itself, by a pronoun; or no
    party at all ("allegations of Russian interference": the denier's own side is meant)."""
    lex = load_lexicon()
    if token.pos_ != "PROPN" and token.lemma_.lower() not in lex.attackers | lex.parties:
        return True
    return token.pos_ == "PRON" or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)


_ALLEGATION_CUES = {"accusation", "allegation"}
_NOT_NESTED = ("conj", "cc", "parataxis", "advcl")


def _inside_denial(token: Token, denials: list[Token], frames: list[Frame]) -> Token | None:
    """The denial whose rejected allegation holds the cue ("rejected accusations that X was behind"), or
    None. A clause coordinated with the denial or added to it ("denied it and blamed X") is the speaker's
    own; an allegation with its own speaker ("a rebuttal of Clapper's assertion that ...") stays Clapper's."""
    if _reproached(token) is not None:
        return None  # "hit back at X for accusing Y": X's own accusation
    spoken = {f.verb.i for f in frames if f.speakers}
    if denials and token.lemma_.lower() in _ALLEGATION_CUES:
        return denials[0]  # "described allegations of X's interference as fabricated": the rejected thing
    for deny in denials:
        if any(min(deny.i, token.i) < i < max(deny.i, token.i) for i in spoken):
            continue  # "a rebuttal of Clapper's assertion that ...": Clapper's, however it is parsed
        anchors = {deny.i}
        if deny.pos_ == "ADJ" or deny.dep_ in ("acomp", "attr", "oprd"):
            anchors.add(deny.head.i)  # "are unfounded": the subject of the copula is the allegation
        node = token
        while node.head.i != node.i and node.i not in anchors:
            if node.head.i in spoken and node.head.i not in anchors:
                break  # somebody named inside the allegation says it
            if node.head.i in anchors:
                if node.dep_ not in _NOT_NESTED:
                    return deny
                break
            node = node.head
    return None


def _inside_accusation(token: Token, accusations: list[Token], frames: list[Frame]) -> bool:
    """Is the cue the content of an accusation verb's charge ("accused X of being behind the attacks",
    "blamed X for orchestrating"), with no act of saying between them?"""
    spoken = {f.verb.i for f in frames}
    node = token
    while node.head.i != node.i:
        child, node = node, node.head
        if node.i in spoken:
            return False
        if node.pos_ == "VERB" and any(node.i == a.i for a in accusations):
            return child.dep_ == "prep"  # the charge, not the subject ("the people behind it were linked")
    return False


def _attacker_subject(token: Token) -> bool:
    """ "the group was based in China": only attackers' bases are attributions ("a firm based in London" is not)."""
    lex = load_lexicon()
    subject = token.head if token.dep_ in ("acl", "amod") else subject_of(token)
    if subject is None:
        return False
    words = (lex.attackers - lex.parties) | {"group", "gang", "actor", "actors"}
    return (
        subject.lemma_.lower() in words
        or subject.lower_ in words
        or (subject.pos_ == "PROPN" and subject.ent_type_ != "GPE")
    )


def _attack_subject(token: Token) -> bool:
    """ "the development of the malware was supported by X": attackers, an attack or its tools are what X
    supported ("the defence programme was supported by X" is no attribution)."""
    lex = load_lexicon()
    subject = subject_of(token)
    words = lex.attackers | lex.acts | _TOOLS
    heads = [subject] if subject is not None else []
    for head in heads:  # "the development of the malware": the head and its "of" objects
        heads.extend(g for c in head.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj")
    return any(t.lemma_.lower() in words for t in heads)


_TOOLS = {
    "malware",
    "tool",
    "virus",
    "worm",
    "trojan",
    "ransomware",
    "spyware",
    "implant",
    "botnet",
    "exploit",
}


def _attacker_object(token: Token) -> bool:
    """ "the Kremlin sponsored the groups responsible": an active verb whose object is attackers or an
    attack ("Microsoft sponsored the conference" is no attribution)."""
    if token.pos_ != "VERB" or is_passive(token) or token.dep_ in ("amod", "acl", "relcl"):
        return False
    lex = load_lexicon()
    words = lex.attackers | lex.acts
    return any(c.dep_ == "dobj" and c.lemma_.lower() in words for c in token.children)


def _negated_copula(token: Token) -> bool:
    head = token.head
    return (
        token.dep_ in ("attr", "acomp", "pobj", "prep") and any(c.dep_ == "neg" for c in head.children)
    ) or (token.dep_ == "pobj" and any(c.dep_ == "neg" for c in head.head.children))


def _threat_modal(token: Token) -> bool:
    return any(c.lower_ in ("will", "would", "'ll", "shall") for c in token.children)


def _infinitive(token: Token) -> bool:
    """A to-clause or a bare clause hangs on the verb ("urged X to stop", "demanded the U.S. rectify")."""
    to_clause = any(
        c.dep_ == "advcl" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in token.children
    )  # "call on Russia to stop" parsed as an adverbial clause
    return (
        to_clause
        or any(c.dep_ in ("xcomp", "ccomp") for c in token.children)
        or any(
            c.dep_ == "prep" and any(g.dep_ in ("xcomp", "acl") for g in c.subtree) for c in token.children
        )
    )


def _future(token: Token) -> bool:
    for node in (token, token.head):
        if any(c.lower_ in ("will", "'ll", "shall") for c in node.children):
            return True
        if node.lemma_.lower() in ("vow", "pledge", "promise", "continue", "intend"):
            return True
    return False


def _draft(cue: Cue, sent: Span, frames: list[Frame], in_quote: bool) -> Draft | None:
    rule, token = cue.rule, cue.token
    targets = cue_targets(cue, sent)
    if not targets:
        return None
    passive_agent = agent_of(token) if is_passive(token) else None
    agentive = rule.kind == "agentive" and (
        passive_agent is not None
        or not ("passive_is_predicate" in rule.flags and (_reads_passive(token) or token.pos_ == "NOUN"))
    )
    if (
        rule.kind == "agentive"
        and "passive_is_predicate" not in rule.flags
        and passive_agent is None
        and token.dep_ in ("acl", "amod")
        and token.tag_ == "VBN"
    ):
        return None  # "a spy agency blamed for ...", "suspected spies": background, nobody says it here
    headline = _headline_subject(token) if rule.kind == "agentive" else None  # "X Links Y to Z" (noun-parsed)
    headline = _reduced_relative_subject(token) if headline is None and rule.kind == "agentive" else headline
    named = headline if headline is not None else passive_agent
    if agentive or headline is not None:
        own = conjuncts(named) if named is not None else _own_actor(token)
        voiced = (own and all(a.lower_ in _FIRST_PERSON for a in own)) or _quoted_state(own, token)
        enclosing = frame_for(token, frames) if voiced else None
        if enclosing is not None and not any(s.lower_ in _FIRST_PERSON for s in enclosing.speakers):
            own = list(enclosing.speakers)  # "“We reject any involvement,” Peskov said": Peskov
        if own:
            pol = polarity(token, token, sent, _expects_negation(rule))
            if "needs_threat_modal" in rule.flags:  # "would not tolerate" threatens; it is no hypothesis
                pol = replace(pol, hypothetical=False)
            return Draft(cue, own, targets, token, pol, True, [])
    frame = frame_for(token, frames)
    if frame is not None:
        return _framed(cue, targets, frame, frames, sent)
    if in_quote:
        return Draft(
            cue, "previous", targets, None, polarity(token, None, sent, _expects_negation(rule)), False, []
        )
    if (
        rule.target in _MEDIA_TARGETS
        and rule.stance in _MEDIA_STANCES
        and token.pos_ in ("VERB", "ADP", "ADJ")
    ):
        return Draft(
            cue, "media", targets, None, polarity(token, None, sent, _expects_negation(rule)), False, []
        )
    return None


def _framed(
    cue: Cue, targets: list[Token] | str, frame: Frame, frames: list[Frame], sent: Span
) -> Draft | None:
    """The draft of a cue inside an act of saying: the frame's speakers say it."""
    rule, token = cue.rule, cue.token
    actors = [s for s in frame.speakers if s not in (targets if isinstance(targets, list) else [])]
    own_deed = _own_deed(cue, targets, frame)
    if not actors and own_deed is None:
        return None
    pol = polarity(token, frame.verb, sent, _expects_negation(rule))
    if own_deed is not None:  # "the group said it carried out the attack": it owns the act
        acts = _acts_of(token, frame)
        return Draft(own_deed, list(frame.speakers), acts, frame.verb, pol, True, list(frame.channels))
    if "own_deed_only" in rule.flags:
        return None
    outer = outer_frame(frame, frames)
    if outer is not None and all(a.lower_ in _FIRST_PERSON or _unsigned_document(a) for a in actors):
        actors, outer = list(outer.speakers), None  # "“We have concluded that ...,” X said": X
    channels = list(frame.channels) + (list(outer.speakers) if outer is not None else [])
    return Draft(cue, actors, targets, frame.verb, pol, True, channels)


def _quoted_state(own: list[Token], token: Token) -> bool:
    """ "“China condemns the spreading of lies,” she said": a state speaking in its official's quote is
    the official's claim."""
    if not own:
        return False
    before = token.doc[token.sent.start : min(a.i for a in own)].text  # the quote opens before the state
    opened = before.count("“") > before.count("”") or before.count('"') % 2 == 1
    return opened and all(entities.state(a.text) is not None for a in own)


def _unsigned_document(token: Token) -> bool:
    """ "X said that an investigation showed ...": a finding with no author of its own is the speaker's."""
    return (
        token.pos_ == "NOUN"
        and token.lemma_.lower() in load_lexicon().speech_nouns
        and not any(c.dep_ in ("poss", "compound") or c.pos_ == "PROPN" for c in token.children)
    )


def _reads_passive(token: Token) -> bool:
    """ "APT3 hackers linked to Chinese intelligence": a participle with no object is a reduced passive,
    whatever the tagger says (the active "researchers linked the attack to X" has its object)."""
    if is_passive(token):
        return True
    if token.dep_ in ("relcl", "acl") and any(c.dep_ == "nsubj" for c in token.children):
        return False  # "an attack Washington linked to Iran": a relative clause with its own subject
    return token.tag_ in ("VBD", "VBN") and not any(
        c.dep_ in ("dobj", "ccomp", "xcomp") for c in token.children
    )


def _reduced_relative_subject(token: Token) -> Token | None:
    """ "an attack Ukraine linked to Russia": a past-tense verb modifying an act, right after a name the
    parser hung on the act, is a relative clause without "that" whose subject is that name."""
    if token.dep_ != "acl" or token.tag_ != "VBD" or token.i == 0 or _has_subject(token):
        return None
    before = token.doc[token.i - 1]
    acts = load_lexicon().acts
    if before.pos_ != "PROPN" or before.head.i != token.head.i or token.head.lemma_.lower() not in acts:
        return None
    return before


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "agent") for c in token.children)


def _headline_subject(token: Token) -> Token | None:
    """A headline's verb parsed as a plural noun ("Kaspersky Links X to Lazarus", "US Blames Russia"):
    the name before it is its subject. Only a sentence rooted in the cue, with a name to its left."""
    if token.dep_ != "ROOT" or token.pos_ != "NOUN" or token.tag_ != "NNS" or not token.lower_.endswith("s"):
        return None
    names = [
        c
        for c in token.lefts
        if c.dep_ in ("compound", "amod", "nmod", "nsubj") and c.text[:1].isupper() and c.i < token.i
    ]
    if not names or any(c.dep_ == "det" for c in token.lefts):
        return None
    return names[-1]


def _own_deed(cue: Cue, targets: list[Token] | str, frame: Frame) -> Cue | None:
    """An attack verb whose doer is the speaker itself ("X said it/we carried out the attack", "the group
    claimed to have stolen the data", "they claimed they had taken 1TB"), or the speaker placed behind an act
    ("X claimed he was behind the hack", flag claimed_as_own) is an acknowledgement: the cue,
    recast with the acknowledge stance; None otherwise."""
    flags = cue.rule.flags
    if (
        not flags & {"needs_attacker_doer", "claimed_as_own"}
        or frame.kind != "verb"
        or isinstance(targets, str)
    ):
        return None
    if len(targets) != 1 or is_passive(cue.token):
        return None
    pronouns = _SELF_PRONOUNS | ({"he", "she"} if "claimed_as_own" in flags else set())
    speaker = targets[0].lower_ in pronouns or targets[0] in frame.speakers
    if not speaker or not _acts_of(cue.token, frame):
        return None
    rule = replace(cue.rule, stance="acknowledge", target="object", flags=frozenset())
    return Cue(rule, cue.token)


def _acts_of(verb: Token, frame: Frame | None = None) -> list[Token]:
    """The act a deed verb names: its object ("carried out [the cyberattack]"); after a boast ("claimed to
    have stolen [the data]") whatever the deed took."""
    objects = whole_words(c for c in verb.children if c.dep_ in ("dobj", "pobj"))  # "behind [the hack]"
    if verb.pos_ == "ADJ":  # "responsible for [the attack]"
        objects = list(prep_objects(verb, {"for"}))
    if frame is not None and frame.verb.lemma_.lower() in _BOASTS and verb.pos_ == "VERB":
        return objects
    return [c for c in objects if c.lemma_.lower() in load_lexicon().acts]


def _expects_negation(rule) -> bool:
    return "requires_negation" in rule.flags


def _own_actor(token: Token) -> list[Token]:
    """The subject of an agentive cue ("X accused Y", "X's denial", "a rebuttal by X")."""
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ == "poss":
                return conjuncts(child)
        imposer = _imposer(token)
        if imposer is not None:  # "the day EU sanctions on Russia took effect": the EU's
            return conjuncts(imposer)
        sources = list(prep_objects(token, {"from", "by"}))  # "a denial from Moscow"
        if not sources and token.dep_ == "dobj":  # "drew a denial from Moscow"
            sources = list(prep_objects(token.head, {"from"}))
        if sources:
            return conjuncts(sources[0])
        # "in a rebuttal of", "place sanctions on X", "file charges against X": the light verb's subject
        noun = token
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head
        if noun.dep_ in ("dobj", "pobj") or token.lemma_.lower() in ("rebuttal", "denial", "accusation"):
            verb = noun.head if noun.dep_ == "dobj" else noun.head.head
            subject = subject_of(verb) if verb.i != noun.i and verb.pos_ in ("VERB", "AUX") else None
            return conjuncts(subject) if subject is not None else []
        return []
    if is_passive(token):
        agent = agent_of(token)
        return conjuncts(agent) if agent is not None else []
    if token.pos_ == "ADJ" and token.head.pos_ in ("VERB", "AUX"):  # "X will hold Moscow accountable"
        subject = subject_of(token.head)
        return conjuncts(subject) if subject is not None else []
    if (blamed := _reproached(token)) is not None:
        return conjuncts(blamed)
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)
    if token.dep_ == "acl" and token.head.pos_ == "NOUN" and not own_subject:  # "an indictment accusing X"
        return [token.head]  # (not "the fact that X will not tolerate": X's clause)
    subject = subject_of(token)
    return [a for a in conjuncts(subject) if not _their_partners(a)] if subject is not None else []


def _imposer(noun: Token) -> Token | None:
    """ "U.S. sanctions on Iran", "EU sanctions against Russia": a known state or body compounded with sanctions
    that have their own target imposes them ("Russia sanctions" alone may be sanctions against Russia)."""
    if noun.lemma_.lower() != "sanction" or not any(
        c.dep_ == "prep" and c.lower_ in ("on", "against") for c in noun.children
    ):
        return None
    names = [c for c in noun.lefts if c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN"]
    known = (entities.state, entities.agency, entities.organization)
    if not names or not any(find(names[-1].text) for find in known):
        return None
    return names[-1]


def _their_partners(token: Token) -> bool:
    """ "Canada and its allies": the allies, named by the first conjunct alone, speak only through it."""
    owner = [c for c in token.children if c.dep_ == "poss" and c.pos_ == "PRON"]
    return token.dep_ == "conj" and token.pos_ == "NOUN" and bool(owner)


__all__ = ["SELF", "Draft", "drafts_for"]
