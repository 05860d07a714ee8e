"""Stage 5 of extraction: the target of a cue — the accused, the denied, the warned.

Each cue rule says where its target sits (``target`` in ``lexicons/cues.toml``): the direct object
("accused Russia"), the object of to/on ("attributed the attack to X"), the subject ("X was behind it"),
the object of from ("emanating from China"), the agent of an attack ("reused by Lazarus") ... Victims,
places, outlets and products are never targets: only the role the rule names is read.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kg.extract import entities
from kg.extract.cues import Cue
from kg.extract.lexicon import load_lexicon
from kg.extract.phrases import (
    agent_of,
    antecedent,
    as_predicate_object,
    conjuncts,
    counted,
    given_name,
    hyphen_tail,
    is_passive,
    prep_objects,
    subject_of,
)
from kg.extract.temporal import is_temporal_token

SELF = "self"


def cue_targets(cue: Cue, sent: Span) -> list[Token] | str:
    """Head tokens of the targets of ``cue`` (coordination expanded), or :data:`SELF`."""
    rule, token = cue.rule, cue.token
    where = rule.target
    if where == "self":
        return _denied_involvement(token)
    if where == "subject_self":
        return SELF
    if where == "involved":
        return _involved(token)
    finder = _FINDERS.get(where)
    heads = finder(token, rule.preps) if finder else []
    out: list[Token] = []
    for head in heads:
        first = counted(antecedent(head))
        for item in conjuncts(first):
            if item.i != first.i and _shares_modifiers(item, first):
                continue  # "Chinese state-affiliated organisations and individuals": one described party
            named = given_name(item)
            out.append(named if named is not None else item)
    return whole_words(t for t in out if sent.start <= t.i < sent.end and not is_temporal_token(t))


def whole_words(tokens) -> list[Token]:
    """Targets with each hyphenated compound once, by its last word ("a counter-hack", not "counter")."""
    out: list[Token] = []
    for token in map(hyphen_tail, tokens):
        if not token.is_punct and all(t.i != token.i for t in out):
            out.append(token)
    return out


def _shares_modifiers(item: Token, first: Token) -> bool:
    """A bare common noun coordinated with a described one shares its description ("Russian hackers and
    criminals", "Chinese state-affiliated organisations and individuals")."""
    if item.pos_ != "NOUN" or item.dep_ != "conj" or any(True for _ in item.lefts):
        return False
    return first.pos_ == "NOUN" and any(c.dep_ in ("amod", "compound", "nmod") for c in first.lefts)


def _object(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    if token.pos_ == "NOUN":  # "a rebuttal of X's assertion", "accusations against X"
        return [_possessor(o) for o in _noun_objects(token)]
    objects = [_doer_of_act(c) for c in token.children if c.dep_ in ("dobj", "dative")]
    if not objects and is_passive(token):  # "Russia was accused of ..."
        subject = subject_of(token)
        objects = [subject] if subject is not None else []
    if not objects:  # "blamed it on X"
        objects = list(prep_objects(token, {"on"}))
    if not objects:  # "warned that North Korea's behaviour is growing more egregious"
        clauses = [c for c in token.children if c.dep_ == "ccomp" and subject_of(c) is not None]
        objects = [party for party in map(_named_party_of, clauses) if party is not None]
    return objects


def _doer_of_act(obj: Token) -> Token:
    """ "condemned the attacks by Russia", "Condemns Network Attacks by U.S.": the doer of the act;
    "suspected the involvement of X", "suspected X's involvement": the party involved."""
    lex = load_lexicon()
    if obj.lemma_.lower() in lex.involvement:
        parties = [*prep_objects(obj, {"of"}, 1), *(c for c in obj.children if c.dep_ == "poss")]
        return parties[0] if parties else obj
    acts = lex.acts
    if obj.lemma_.lower() not in acts and obj.lower_.removesuffix("s") not in acts:
        return obj
    doers = [o for o in prep_objects(obj, {"by"}, 1) if o.pos_ in ("PROPN", "NOUN")]
    after = obj.i + 1
    if not doers and after < obj.sent.end and obj.doc[after].lower_ == "by":  # "by" hung on the verb
        doers = [o for o in obj.doc[after].children if o.dep_ == "pobj" and o.pos_ in ("PROPN", "NOUN")]
    return doers[0] if doers else obj


def _possessed_act(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    """ "the U.S. has long persisted in its attacks": whose attacks — a pronoun standing for the subject
    of its clause."""
    owners = [c for c in token.children if c.dep_ == "poss"]
    if not owners:
        return []
    owner = owners[0]
    if owner.pos_ != "PRON":
        return [owner]
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    subject = subject_of(node) if node.pos_ in ("VERB", "AUX") else None
    return [subject] if subject is not None and subject.pos_ in ("PROPN", "NOUN") else []


def _noun_objects(token: Token) -> list[Token]:
    """ "sanctions on X", "accusations against X": the object of the preposition after the noun, also when
    a quoted phrase broke the parse ("imposed \"tough, targeted sanctions\" on X", "on" on the verb)."""
    objects = [o for o in prep_objects(token, {"of", "against", "on", "at"}) if not _bare_allegation(o)]
    if objects:
        return objects + _misplaced_conjuncts(token, objects[-1])
    if token.dep_ == "dobj":  # "pointed the finger (of blame) at X", "laid the blame on X": "at" on the verb
        objects = list(prep_objects(token.head, {"at", "on"}, 1))
        if objects:
            return objects
    nxt = token.i + 1
    while nxt < token.sent.end and token.doc[nxt].is_punct and token.doc[nxt].text in _QUOTE_MARKS:
        nxt += 1  # a token window: the words right after the noun, closing quotes skipped
    following = token.doc[nxt] if nxt < len(token.doc) else None
    if following is not None and following.lower_ in ("on", "against", "at"):
        found = [c for c in following.children if c.dep_ == "pobj"]  # misattached "sanctions on X"
        return found + (_misplaced_conjuncts(token, found[-1]) if found else [])
    return []


def _bare_allegation(token: Token) -> bool:
    """ "the finger of blame at X": blame is no party ("a rebuttal of X's assertion" is aimed at X)."""
    owned = any(c.dep_ == "poss" for c in token.children)
    return token.lemma_.lower() in load_lexicon().allegations and not owned


def _misplaced_conjuncts(token: Token, last: Token) -> list[Token]:
    """ "sanctions on a company and two individuals" parsed with the individuals coordinated with the
    sanctions: a counted or named conjunct of the cue noun after its object is one more object."""
    return [
        c
        for c in token.children
        if c.dep_ == "conj"
        and c.i > last.i
        and (c.pos_ == "PROPN" or any(g.dep_ == "nummod" for g in c.children))
    ]


_QUOTE_MARKS = set("\"”’'")


def _envoy(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    """ "summoned Russia's ambassador", "expelled two Russian diplomats": the state the envoy speaks for
    when the phrase names it, else the envoy ("the Chinese charge d'affaires")."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "dative")]
    if not objects and is_passive(token):
        subject = subject_of(token)
        objects = [subject] if subject is not None else []
    out = []
    for obj in objects:
        owners = [c for c in obj.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
        owners += [c for c in obj.children if c.dep_ in ("amod", "compound") and entities.state(c.text)]
        out.append(owners[0] if owners else obj)
    return out


def _held(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    """ "hold Moscow accountable" (object of "hold", or subject of the small clause), "hold accountable
    those responsible" (the object after the adjective)."""
    head = token.head
    held = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if not held and head.lemma_.lower() == "hold":
        held = [c for c in head.children if c.dep_ in ("dobj", "dative") and c.i != token.i]
    if held and held[0].pos_ == "PRON" and head.dep_ == "conj":  # "will find X and hold them accountable"
        return [c for c in head.head.children if c.dep_ == "dobj"] or held
    return held


def _named_party_of(clause: Token) -> Token | None:
    """The named subject of a clause, or the name owning it ("North Korea's behaviour" -> North Korea);
    an unnamed subject ("hackers are using old tricks") is what the warning is about, not whom."""
    subject = subject_of(clause)
    owners = [c for c in subject.children if c.dep_ == "poss" and c.pos_ == "PROPN"]
    named = owners[0] if owners and subject.pos_ == "NOUN" else subject
    return named if named.pos_ == "PROPN" else None


def _possessor(token: Token) -> Token:
    """ "a rebuttal of Clapper's assertion" is aimed at Clapper."""
    nouns = load_lexicon().speech_nouns
    for node in token.subtree:
        if node.lemma_.lower() in nouns:
            for child in node.children:
                if child.dep_ == "poss":
                    return child
    return token


def _to(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    found = [t for t in prep_objects(token, {"to", "on", "with"}) if not is_temporal_token(t)]  # "On Tuesday"
    for obj in [c for c in token.children if c.dep_ == "dobj"] if not found else []:
        found = list(prep_objects(obj, {"to", "on"}))  # "attributed [the attack to X]"
    if not found and token.pos_ == "NOUN":  # "found links to X"
        found = list(prep_objects(token, {"to", "with", "between"}))
    acts = load_lexicon().acts
    if found and all(t.lemma_.lower() in acts for t in found):  # "a Chinese national linked to the breach"
        tied = [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() not in acts]
        if tied and token.pos_ == "VERB":
            return tied  # "the report connects APT99 to other attacks"
        linked = subject_of(token) if token.pos_ in ("VERB", "AUX") else None
        return [linked] if linked is not None and linked.lemma_.lower() not in acts else []
    return found


def _subject(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    said_of = as_predicate_object(token)  # "eyeing North Korea as the origin of the attack"
    if said_of is not None:
        return [said_of]
    if token.dep_ == "amod" or (token.pos_ == "ADP" and token.head.pos_ in ("NOUN", "PROPN")):
        return [token.head]  # "the people behind the attack", "the group responsible for"
    if token.pos_ == "ADP" and token.head.pos_ == "VERB":  # "arrested the men behind the attack" (misparsed)
        described = [c for c in token.head.children if c.dep_ == "dobj" and c.right_edge.i == token.i - 1]
        if described:
            return described
    head = token.head if token.pos_ in ("ADP", "ADJ") or token.dep_ in ("attr", "acomp") else token
    if token.pos_ == "NOUN" and token.dep_ in ("attr", "dobj", "oprd"):
        head = token.head
    if head.dep_ == "amod":
        return [head.head]
    subject = subject_of(head)
    return [subject] if subject is not None else []


def _front(token: Token, preps: tuple[str, ...]) -> list[Token]:
    """ "X is a front for Kremlin-backed spies": X, when whom it serves has no name of its own (with a named
    master, "Solntsepyok is a front for Sandworm" is one accusation, of the master)."""
    masters = list(prep_objects(token, {"for"}))
    named = any(t.pos_ == "PROPN" or given_name(t) is not None for t in masters)
    return [] if named else _subject(token, preps)


def _from(token: Token, preps: tuple[str, ...]) -> list[Token]:
    found = list(prep_objects(token, set(preps) or {"from"}))
    if not found and token.pos_ == "NOUN":  # "attacks on its networks ... from locations inside Russia"
        found = [o for node in _noun_phrase_nodes(token) for o in prep_objects(node, {"from"}, 1)]
    if not found and token.pos_ == "NOUN" and "from" in (preps or ("from",)) and not _is_subject(token):
        found = list(prep_objects(_clause_verb(token), {"from"}, 1))  # "facing attacks [...] from X"
    out = []
    for obj in found:  # "from locations inside Russia": the place named inside the phrase
        inner = [t for t in obj.subtree if t.pos_ == "PROPN" and t is not obj and not _victim(t, obj)]
        inner = inner or _place_after(obj)
        out.append(obj if obj.pos_ == "PROPN" or not inner else inner[-1])
    return out


def _victim(token: Token, top: Token) -> bool:
    """ "hackers on the United States": a place under "on"/"against" inside the phrase is the one hit."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ in ("on", "against"):
            return True
        node = node.head
    return False


def _is_subject(noun: Token) -> bool:
    """ "the attacks took data from U.S. universities": what attacks take from is their victim."""
    return noun.dep_ in ("nsubj", "nsubjpass") or (noun.dep_ == "compound" and noun.head.dep_ == "nsubj")


def _noun_phrase_nodes(noun: Token) -> list[Token]:
    """Words inside the phrase of ``noun`` outside any clause of its own: in "attacks that stole $81m from
    a bank in Bangladesh" the bank is where money was taken from, not where the attacks came from."""
    inside = {t.i for verb in noun.subtree if verb.pos_ in ("VERB", "AUX") for t in verb.subtree}
    return [t for t in noun.subtree if t.i != noun.i and t.i not in inside]


def _clause_verb(noun: Token) -> Token:
    """The verb whose object (or object's complement) ``noun`` is ("facing thousands of attacks")."""
    node = noun
    for _ in range(4):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    return node


def _place_after(obj: Token) -> list[Token]:
    """ "from addresses in Iran" parsed with "in Iran" on the verb: the place right after the phrase."""
    nxt = obj.right_edge.i + 1
    if nxt >= len(obj.doc) or obj.doc[nxt].lower_ not in ("in", "inside", "within"):
        return []
    return [c for c in obj.doc[nxt].children if c.dep_ == "pobj" and c.pos_ == "PROPN"]


def _of(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    return list(prep_objects(token, {"of"}))


def _by(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    agent = agent_of(token)
    return [agent] if agent is not None else []


def _doer(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    if token.pos_ not in ("VERB", "AUX"):
        return []
    if is_passive(token):
        agent = agent_of(token)
        return [agent] if agent is not None else []
    subject = None
    for child in token.children:
        if child.dep_ == "nsubj":
            subject = antecedent(child)
    if subject is None and token.dep_ in ("conj", "xcomp"):
        subject = subject_of(token)
    return [subject] if subject is not None else []


def _noun_by(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    if token.pos_ not in ("NOUN", "PROPN"):
        return []
    return list(prep_objects(token, {"by"}))


def _of_cyber(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    return list(prep_objects(token, {"of"}))


def _on(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    return list(prep_objects(token, {"on", "to", "against"}))


def _object_of_for(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    """ "claimed responsibility for the attack": the act, whether "for" hangs on the verb or the noun."""
    found = list(prep_objects(token, {"for"}))
    for child in token.children:
        if not found and child.dep_ in ("dobj", "attr"):
            found = list(prep_objects(child, {"for"}))
    if not found:  # "claimed responsibility for hacking into the website": the deed of the gerund
        found = [g for p in _fors(token) for g in p.children if g.dep_ == "pcomp" and g.pos_ == "VERB"]
    return found


def _fors(token: Token) -> list[Token]:
    nodes = [token, *(c for c in token.children if c.dep_ in ("dobj", "attr"))]
    return [p for node in nodes for p in node.children if p.dep_ == "prep" and p.lower_ == "for"]


def _claimed_act(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    """ "an attack claimed by supporters of X": the act the participle describes (a claim of anything
    else, "claimed that ...", names no act)."""
    acts = load_lexicon().acts
    head = token.head
    if token.dep_ in ("acl", "relcl", "amod") and head.lemma_.lower() in acts:
        return [head]
    return []


def _for(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    """ "a front for a Russian hacking group", "an arm of the GRU": whom the party works for."""
    return list(prep_objects(token, {"for", "of"}))


def _hyphen_prefix(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    """ "a North Korean-sponsored hacking organization", "Iran-backed hackers": the party written before
    the hyphen (a proper noun or a demonym)."""
    if token.i == 0 or token.doc[token.i - 1].text not in ("-", "–"):
        return []
    before = [
        c
        for c in token.children
        if c.i < token.i - 1 and c.dep_ in _PREFIX_DEPS and (c.pos_ == "PROPN" or c.text[:1].isupper())
    ]
    return before[-1:]


_PREFIX_DEPS = ("npadvmod", "compound", "amod", "nmod", "advmod")


def _denied_involvement(token: Token) -> list[Token] | str:
    """ "denies Russian involvement", "reject any involvement of Moscow": the party whose involvement is
    denied, when the denial's object names it; else the actor's own side (:data:`SELF`)."""
    alleged = _allegation_parties(token)
    if alleged:  # "accusations against Chinese soldiers are groundless": the soldiers are defended
        return alleged
    for obj in (c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() in _INVOLVEMENT):
        named = _involved(obj)
        if named == SELF:
            named = [g for c in obj.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        if named and entities.state(named[0].text) is not None:
            return named
    return SELF


def _allegation_parties(token: Token) -> list[Token]:
    """The parties named by the allegation a verdict is predicated of ("accusations against X are
    groundless", "speculation about Beijing was irresponsible"); none for other subjects."""
    if token.pos_ not in ("ADJ", "NOUN") or token.dep_ not in ("acomp", "attr", "conj", "ROOT"):
        return []
    subject = subject_of(token)
    if subject is None or subject.lemma_.lower() not in load_lexicon().allegations:
        return []
    lex = load_lexicon()
    named = list(prep_objects(subject, {"of", "on"}))
    named += [  # "accusations [of hacking] against X": "against"/"about" anywhere in the phrase
        o
        for p in subject.subtree
        if p.dep_ == "prep" and p.lower_ in ("against", "about")
        for o in p.children
        if o.dep_ == "pobj"
    ]
    return [
        o
        for o in named
        if o.pos_ == "PROPN" or o.lemma_.lower() in lex.attackers or entities.state(o.text) is not None
    ]


_INVOLVEMENT = {"involvement", "role", "participation", "complicity", "responsibility", "hand"}


def _involved(token: Token) -> list[Token] | str:
    """Whose involvement is denied: "Russian involvement" -> Russian, "government involvement" or
    none named -> the actor's own side (:data:`SELF`)."""
    for child in token.children:
        if child.dep_ == "poss" and child.pos_ in ("PROPN", "NOUN"):
            return [child]
        if child.dep_ in ("amod", "compound") and (child.pos_ == "PROPN" or child.text[:1].isupper()):
            return [child]
    return SELF


def _near(token: Token, _preps: tuple[str, ...]) -> list[Token]:
    """The party nearest the cue ("get the states that may be sponsoring attacks to understand ... we will
    treat it as such"): a noun phrase head naming a party, never a pronoun or the cue's own subject."""
    lex = load_lexicon()
    words = lex.attackers | lex.parties
    own = subject_of(token)
    best: Token | None = None
    for other in token.sent:
        if other.pos_ not in ("NOUN", "PROPN") or other.dep_ in ("compound", "poss") or other.i == token.i:
            continue
        if own is not None and other.i == own.i:
            continue
        party = other.lemma_.lower() in words or other.ent_type_ in ("GPE", "NORP", "ORG")
        if party and (best is None or abs(other.i - token.i) < abs(best.i - token.i)):
            best = other
    return [best] if best is not None else []


_FINDERS = {
    "object": _object,
    "to": _to,
    "subject": _subject,
    "front": _front,
    "from": _from,
    "of": _of,
    "by": _by,
    "doer": _doer,
    "noun_by": _noun_by,
    "of_cyber": _of_cyber,
    "on": _on,
    "to_object": _to,
    "near": _near,
    "object_of_for": _object_of_for,
    "for": _for,
    "claimed_act": _claimed_act,
    "envoy": _envoy,
    "held": _held,
    "possessor": _possessed_act,
    "hyphen_prefix": _hyphen_prefix,
}
