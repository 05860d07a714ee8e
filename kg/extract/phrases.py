"""Dependency-tree helpers shared by the extraction stages: noun phrases, subjects, coordination."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from functools import cache

from spacy.tokens import Span, Token

from kg.extract.lexicon import LEXICON_DIR, load_lexicon
from kg.extract.temporal import is_dated_month

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
RELATIVE = {"which", "that", "who", "whom", "whose"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "us", "this", "these", "those"}
_NP_LEFT = {"det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "case", "punct"}
_NAMING = {"call", "dub", "know", "name", "nickname", "label", "refer"}
_CLIMB = {
    "xcomp",
    "ccomp",
    "conj",
    "advcl",
    "pcomp",
    "prep",
    "relcl",
    "acl",
    "aux",
    "auxpass",
    "acomp",
    "attr",
}


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("PwC and BAE" -> [PwC, BAE])."""
    out = [token]
    for child in token.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and any(c.dep_ == "conj" for c in child.children):
            out.extend(conjuncts(child))  # "The UK, the US and the EU" parsed as UK <appos US <conj EU
        elif child.dep_ == "conj" and child.pos_ in {"PROPN", "NOUN", "PRON", "NUM", "ADJ"}:
            if any(c.text == "&" for c in token.doc[token.i + 1 : child.i]):
                continue  # "Dun & Bradstreet" is one name
            if any(c.dep_ in ("acl", "relcl") and token.i < c.i < child.i for c in token.children):
                continue  # "individuals involved in activity targeting officials, government entities":
                # a list after a modifier clause belongs to the clause, not to the head
            out.extend(conjuncts(child))
    return out


def as_predicate(token: Token) -> bool:
    """ "identified X as a front for Y", "eyeing X as the origin": a predicate of the verb's object."""
    verb = token.head.head
    return (
        token.dep_ == "pobj"
        and token.head.lower_ == "as"
        and verb.pos_ == "VERB"
        and any(c.dep_ == "dobj" for c in verb.children)
    )


def as_predicate_object(token: Token) -> Token | None:
    """The object an "as" predicate is said of ("identified [Solntsepyok] as a front")."""
    if not as_predicate(token):
        return None
    return next(c for c in token.head.head.children if c.dep_ == "dobj")


def subject_of(verb: Token) -> Token | None:
    """The subject of ``verb``'s clause, climbing through control and coordination when it has none."""
    seen = 0
    node, came_from = verb, ""
    while node is not None and seen < 8:
        seen += 1
        if came_from in ("xcomp", "ccomp") and _relative_object(node):
            return node.head  # "the agency, which officials said played a role": the agency played it
        for child in node.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return antecedent(child)
        for aux in (c for c in node.children if c.dep_ in ("aux", "auxpass")):  # subject hung on "are"
            for child in aux.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return antecedent(child)
        if node.dep_ == "relcl":
            return node.head
        if node.dep_ in ("acl",) and node.head.pos_ in {"NOUN", "PROPN"}:
            return node.head
        if node.dep_ == "prep" and came_from == "pcomp" and _charges_object(node):
            objects = [c for c in node.head.children if c.dep_ == "dobj"]
            if objects:  # "accused China of being behind": the one accused is the subject
                return antecedent(objects[0])
        if node.dep_ == "dobj" and came_from == "prep":  # "took criticism for trying to pin X on Y"
            node, came_from = node.head, node.dep_
            continue
        if node.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "prep", "acomp", "attr", "pobj", "ccomp"):
            return None
        if node.dep_ == "ccomp" and node.head.dep_ == "relcl":  # "a group [it believes _ is based in X]"
            return node.head.head
        came_from = node.dep_
        node = node.head if node.head.i != node.i else None
    return None


def _relative_object(verb: Token) -> bool:
    """A relative clause whose pronoun is the object of its verb of saying ("which officials said ...")."""
    return verb.dep_ == "relcl" and any(c.dep_ == "dobj" and c.lower_ in RELATIVE for c in verb.children)


def _charges_object(prep: Token) -> bool:
    """ "accused China of being", "blamed X for trying", "charged X with hacking": the charge is the
    object's deed ("took criticism for trying" is the subject's)."""
    verbs = {
        lemma
        for rule in load_lexicon().cues
        if rule.kind == "agentive" and rule.stance in ("accuse", "condemn")
        for lemma in rule.lemmas
    }
    return prep.lower_ in ("of", "for", "with") and prep.head.lemma_.lower() in verbs


def antecedent(token: Token) -> Token:
    """A relative pronoun stands for the noun its clause modifies ("the group which was behind")."""
    if token.lower_ in RELATIVE and token.head.dep_ == "relcl":
        return token.head.head
    if token.lower_ in RELATIVE and token.head.dep_ in ("auxpass", "aux") and token.head.head.dep_ == "relcl":
        return token.head.head.head
    return token


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("nsubjpass", "auxpass") for child in verb.children) or (
        verb.tag_ == "VBN"
        and verb.dep_ in ("acl", "amod", "relcl")
        and not any(c.dep_ == "nsubj" for c in verb.children)
    )


def agent_of(verb: Token) -> Token | None:
    """The object of "by" in a passive: "linked by western governments" -> governments."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    return None


def prep_objects(token: Token, preps: set[str], depth: int = 2) -> Iterator[Token]:
    """Objects of the given prepositions under ``token`` ("linked back to X", "emanating from X")."""
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in preps:
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    yield grandchild
                elif grandchild.dep_ == "prep" and (grandchild.lower_ in preps or child.lower_ == "out"):
                    yield from (g for g in grandchild.children if g.dep_ == "pobj")  # "out of", "back to"
        elif depth > 1 and child.dep_ in ("advmod", "prt") and child.lower_ in {"back", "out", "down", "up"}:
            yield from prep_objects(child, preps, depth - 1)


def np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without relative clauses and long modifiers: left modifiers + head."""
    left = [t for t in head.lefts if t.dep_ in _NP_LEFT]
    start = min([head.i, *(t.left_edge.i for t in left)])
    tokens = [t for t in head.doc[start : head.i + 1]]
    while tokens and (tokens[0].is_punct or tokens[0].dep_ == "case"):
        tokens.pop(0)
    return tokens or [head]


def name_span(head: Token) -> tuple[int, int]:
    """Token range of the proper name around ``head``: the entity span when NER ran, else the run of
    adjacent proper nouns, joined across "&", hyphens and "of" ("Dun & Bradstreet", "F-Secure",
    "Department of Justice")."""
    doc = head.doc
    if head.ent_type_ in _NAME_LABELS:
        for ent in doc.ents:
            if ent.start <= head.i < ent.end:
                return _joined_run(doc, head.i, ent.start, ent.end)
    start, end = head.i, head.i + 1
    while start > head.sent.start and _joins(doc, start - 1, left=True):
        start -= 1
    while end < head.sent.end and _joins(doc, end, left=False):
        end += 1
    end = _through_connector(doc, start, end, head.sent.end)
    while end - 1 > max(start, head.i) and is_dated_month(doc[end - 1]):
        end -= 1  # "the Department of Justice Dec. 20": the date is no part of the name
    while start < end and (doc[start].text in "&-" or doc[start].lower_ in ("of", "for")):
        start += 1
    while end > start and (doc[end - 1].text in "&-" or doc[end - 1].lower_ in ("of", "for")):
        end -= 1
    return start, _numbered(doc, start, end, head.sent.end)


def proper_head(head: Token) -> bool:
    """A proper noun head, or the lower-case tail of a hyphenated given name after a family name ("Kim
    Min-jun": "jun", tagged a noun or a lower-case name)."""
    if head.pos_ == "PROPN" and not head.is_lower:
        return True
    doc, i = head.doc, head.i
    return (
        head.pos_ in ("PROPN", "NOUN")
        and i >= 3
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and all(t.pos_ == "PROPN" and t.is_title for t in (doc[i - 3], doc[i - 2]))
    )


def _numbered(doc, start: int, end: int, limit: int) -> int:
    """ "APT 41", "TA 505": an acronym written with its number apart keeps the number (not a year)."""
    last = doc[end - 1]
    if end >= limit or end - start != 1 or not (last.is_upper and last.is_alpha and len(last) <= 5):
        return end
    number = doc[end]
    if number.is_digit and last.whitespace_ and not (len(number) == 4 and number.text[:2] in ("19", "20")):
        return end + 1
    return end


def _through_connector(doc, start: int, end: int, limit: int) -> int:
    """ "National Office for Cyber and Information Security": a name joined by "of"/"for" runs to that
    preposition's object, over an inner "and" between capitalised words ("Ministry of Defence and
    Russia" stops at Defence: Russia is coordinated with the object, not inside it)."""
    for k in range(start, end):
        if doc[k].lower_ not in ("of", "for"):
            continue
        objects = [c for c in doc[k].children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
        if not objects or not end <= objects[0].i < limit:
            continue
        inner = doc[end : objects[0].i + 1]
        if all(t.pos_ == "PROPN" or (t.lower_ in ("and", "&") and t.head.pos_ == "PROPN") for t in inner):
            return objects[0].i + 1
    return end


_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "WORK_OF_ART"}


def _joins(doc, k: int, left: bool) -> bool:
    """Does token ``k`` continue the name next to it (on its right when ``left``, else on its left)?"""
    token = doc[k]
    if not left and doc[k - 1].text == "-" and token.is_lower:
        return False  # "China-sponsored", "Iran-backed": a name, then a participle
    if left and not token.whitespace_ and (token.is_alpha or token.text in "-&"):
        return True  # written together: "F-Secure"
    if not left and not doc[k - 1].whitespace_ and (token.is_alpha or token.text in "-&"):
        return True
    if token.pos_ == "PROPN" and token.dep_ != "poss" and token.text not in "()":
        return not any(c.dep_ == "case" for c in token.children) or not left
    neighbour = k - 1 if left else k + 1
    if not 0 <= neighbour < len(doc) or doc[neighbour].pos_ != "PROPN":
        return False
    if token.lower_ == "for" and (k == 0 or doc[k - 1].lower_ not in _for_heads()):
        return False  # "Office for Cyber Security" is one name, "Russia for SolarWinds" is not
    return token.text == "&" or (token.lower_ in ("of", "for") and doc[neighbour].text[:1].isupper())


def hyphen_tail(token: Token) -> Token:
    """ "a counter-hack" parsed as two objects "counter" and "hack": the last word of a hyphenated compound
    stands for the whole."""
    doc = token.doc
    while (
        token.i + 2 < len(doc)
        and doc[token.i + 1].text == "-"
        and not token.whitespace_
        and not doc[token.i + 1].whitespace_
        and doc[token.i + 2].is_alpha
        and doc[token.i + 2].pos_ == "NOUN"
        and token.is_lower  # "Russia-sponsored", "North Korean-backed": a name, then a participle
    ):
        token = doc[token.i + 2]
    return token


def hyphen_start(token: Token) -> int:
    """Index of the first word of the hyphenated compound that ends with ``token`` ("counter-hack")."""
    doc, i = token.doc, token.i
    while i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_:
        i -= 2
    return i


def counted(head: Token) -> Token:
    """ "a pair of Chinese hackers" -> hackers: a quantity noun stands for what it counts."""
    if head.lemma_.lower() not in _names_list("quantities"):
        return head
    counted_ = [g for c in head.children if c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
    return counted_[0] if counted_ else head


@cache
def _names_list(key: str) -> frozenset[str]:
    with open(LEXICON_DIR / "parties.toml", "rb") as handle:
        return frozenset(tomllib.load(handle).get("names", {}).get(key, ()))


@cache
def _for_heads() -> frozenset[str]:
    with open(LEXICON_DIR / "parties.toml", "rb") as handle:
        return frozenset(tomllib.load(handle).get("names", {}).get("joined_by_for", ()))


def _joined_run(doc, i: int, lo: int, hi: int) -> tuple[int, int]:
    """The run of name tokens around ``i`` inside [lo, hi): no commas, no possessive "'s"."""

    def inside(t: Token) -> bool:
        return t.dep_ != "case" and (not t.is_punct or t.text in "&-.!")

    start, end = i, i + 1
    while start > lo and inside(doc[start - 1]):
        start -= 1
    while end < hi and inside(doc[end]):
        end += 1
    # a word written together with the name belongs to it ("F-Secure" tokenised F, -, Secure)
    while (
        start > 0
        and not doc[start - 1].whitespace_
        and (doc[start - 1].is_alpha or doc[start - 1].text in "-&")
    ):
        start -= 1
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].is_alpha or doc[end].text in "-&"):
        end += 1
    return start, end


def np_text(head: Token) -> str:
    tokens = np_tokens(head)
    return head.doc[tokens[0].i : tokens[-1].i + 1].text if tokens else head.text


def with_preps(head: Token, max_tokens: int = 10) -> str:
    """The phrase with its prepositional modifiers ("two people with knowledge of the attack")."""
    tokens = np_tokens(head)
    end = head.i
    for child in head.rights:
        if child.dep_ != "prep" or _starts_charge(child):
            break
        # an apposition after a comma is not part of the description: ", known as Hidden Cobra"; nor is a
        # charge inside it ("a group of Russian hackers [of the attack]")
        comma = next(
            (
                t.i
                for t in head.doc[child.i + 1 : child.right_edge.i + 1]
                if t.text == "," or (t.dep_ == "prep" and _starts_charge(t) and _is_party_word(t.head))
            ),
            None,
        )
        right = comma - 1 if comma is not None else child.right_edge.i
        if right - tokens[0].i >= max_tokens:
            break
        end = right
        if comma is not None:
            break
    return head.doc[tokens[0].i : end + 1].text


def _starts_charge(prep: Token) -> bool:
    """ "hackers of stealing data", "nationals with hacking into", "hackers for the attack on": the
    preposition opens the charge or the act, which is no part of the party's description."""
    if prep.lower_ not in _CHARGE_PREPS:
        return False
    acts = load_lexicon().acts
    return any(
        (c.dep_ == "pcomp" and c.pos_ in ("VERB", "AUX")) or (c.dep_ == "pobj" and c.lemma_.lower() in acts)
        for c in prep.children
    )


_CHARGE_PREPS = {"of", "for", "over", "with", "in"}


def clause_end(clause: Token) -> int:
    """The last token of a restrictive clause, before any charge inside it ("hackers [linked to Iran] of
    targeting banks")."""
    cuts = [t.i - 1 for t in clause.subtree if t.dep_ == "prep" and t.i > clause.i and _starts_charge(t)]
    return min([clause.right_edge.i, *cuts])


def _is_party_word(token: Token) -> bool:
    lex = load_lexicon()
    return token.pos_ == "PROPN" or token.lemma_.lower() in lex.attackers | lex.parties


def given_name(head: Token) -> Token | None:
    """A name given to the phrase: "hackers that it calls the Callisto Group", "a group known as X"."""
    for child in head.children:
        listed = any(c.dep_ == "conj" for c in child.children)  # "China, the X Institute, and Y": a list
        if child.dep_ == "appos" and child.pos_ == "PROPN" and not is_dated_month(child) and not listed:
            return child  # (a date set off after the phrase, "Dec. 20", names nothing)
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in _NAMING:
            found = _naming_object(child)
            if found is not None:
                return found
    return None


def _naming_object(verb: Token) -> Token | None:
    for child in verb.children:
        named = child.pos_ in {"PROPN", "NOUN"} and any(t.pos_ == "PROPN" for t in child.subtree)
        if child.dep_ in ("oprd", "dobj", "attr") and named and child.lower_ not in RELATIVE:
            return child
        if child.dep_ == "prep" and child.lower_ in {"as", "by"}:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and any(t.pos_ == "PROPN" for t in pobj.subtree):
                    return pobj
    return None


def ancestors_within(token: Token, sent: Span) -> Iterator[Token]:
    node = token
    while node.head.i != node.i and sent.start <= node.head.i < sent.end:
        node = node.head
        yield node


def is_pronoun(token: Token) -> bool:
    """ "he", "They", "it" — but not "US" (the United States)."""
    return token.pos_ == "PRON" or (token.lower_ in PRONOUNS and not token.text.isupper())


def char_offset(token: Token) -> int:
    """The token's offset in the article (sentence docs carry their start in ``user_data``)."""
    return token.idx + int(token.doc.user_data.get("offset", 0))


def reproached(gerund: Token) -> Token | None:
    """ "criticised Washington for blaming China", "hit back at Tallinn for accusing Riga": the party
    reproached for the act (the verb's object, or the object of its "at") does it."""
    if gerund.dep_ != "pcomp" or gerund.head.lower_ != "for" or gerund.head.head.pos_ != "VERB":
        return None
    verb = gerund.head.head
    objects = [c for c in verb.children if c.dep_ == "dobj"] or list(prep_objects(verb, {"at"}))
    return objects[0] if objects else None
