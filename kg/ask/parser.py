"""Question -> :class:`StructuredQuery`, by a fixed list of patterns over the vocabulary in
``kg/lexicons/ask.toml``. Deterministic and graph-free: names are kept as written and matched against
the graph only when the query runs."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cache

from kg.ask.lexicon import MODIFIERS as _MODIFIERS
from kg.ask.lexicon import Lexicon, alternation, key, load_lexicon
from kg.ask.negation import split_negation
from kg.ask.query import StructuredQuery
from kg.ask.spelling import correct_words
from kg.ask.suggest import closest_readings
from kg.ask.timing import TimeSpec, split_time
from kg.errors import QuestionNotUnderstood

_LEAD_IN = re.compile(
    r"^(?:(?:and|so|ok|okay|please|now|then|tell\s+me|can\s+you\s+tell\s+me|do\s+you\s+know|"
    r"i\s+want\s+to\s+know|show\s+me)\s*,?\s+)+",
    re.I,
)
_PASSIVE_AUX = r"(?:was|were|is|are|has\s+been|have\s+been|had\s+been|is\s+being|was\s+being|got|gets|been)"
_PERFECT = r"(?:(?:has|have|had)\s+(?:also\s+|since\s+)?)?(?:been\s+)?(?:also\s+)?"
_PREPOSITIONS = (
    "of",
    "for",
    "over",
    "in",
    "about",
    "on",
    "with",
    "to",
    "regarding",
    "concerning",
    "from",
    "as",
)
_SPLIT_PREPOSITIONS = ("of", "for", "over", "in", "about", "regarding", "concerning", "with", "on")
_COPULAS = frozenset({"was", "were", "is", "are"})
_DETERMINER = re.compile(r"^(?:the|a|an)\s+", re.I)


@dataclass(frozen=True)
class _Pattern:
    name: str
    regex: re.Pattern[str]
    build: Callable[[str, re.Match[str], Lexicon], StructuredQuery]


def normalize(question: str) -> str:
    """Typographic quotes to ASCII, whitespace folded, closing punctuation and lead-ins dropped."""
    text = question.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    text = " ".join(text.split()).strip().rstrip("?.! ").strip()
    return _LEAD_IN.sub("", text)


def parse(question: str) -> StructuredQuery:
    """The structured query of ``question``: a negation after the question word and a time at its
    edge are read off first, then the patterns tried in order; when none fits, again with misspelt
    grammar words corrected. QuestionNotUnderstood (with the closest readings) when nothing fits."""
    text = normalize(question)
    query = parse_plain(text)
    if query is None:
        corrected, fixes = correct_words(text)
        query = parse_plain(corrected) if fixes else None
        if query is None:
            readings = closest_readings(text, lambda reading: parse_plain(reading) is not None)
            raise QuestionNotUnderstood(not_understood(question, readings), suggestions=readings)
        query = replace(query, corrected=tuple(fixes.items()))
    return replace(query, question=text)


_UNKNOWN_KIND = re.compile(
    r"(?:which|what)\s+(?:[\w.'-]+\s+){1,3}?(?=(?:did|does|do|was|were|is|are|has|have|had)\s)", re.I
)


def parse_plain(text: str) -> StructuredQuery | None:
    """The structured query of a normalised question as written, or None; a "which K" of a kind the
    grammar does not know ("which espionage campaign did A link X to") is read as "who"."""
    query = _parse_as_written(text)
    if query is None and _UNKNOWN_KIND.match(text):
        query = _parse_as_written(_UNKNOWN_KIND.sub("who ", text, count=1))
    return query


def _parse_as_written(text: str) -> StructuredQuery | None:
    lexicon = load_lexicon()
    negated, plain = split_negation(text, lexicon)
    for words, negation in ((plain, negated), (text, False)) if negated else ((text, False),):
        rest, when = split_time(words, lexicon)
        for candidate, time in ((rest, when), (words, None)) if when else ((words, None),):
            query = _match(candidate, lexicon)
            if query is not None:
                return _with_time(replace(query, negated=negation), time)
    return None


def _with_time(query: StructuredQuery, time: TimeSpec | None) -> StructuredQuery:
    """``query`` with the question's time; an incidents question filters by its calendar year ("which
    incidents were attributed to Russia in 2017"), the others rank by it."""
    if query.wanted == "incidents" and time is not None and time.relation == "in" and time.year:
        return replace(query, time=time, year=query.year or time.year)
    return replace(query, time=time)


def _match(text: str, lexicon: Lexicon) -> StructuredQuery | None:
    for pattern in _patterns():
        match = pattern.regex.fullmatch(text)
        if match:
            query = pattern.build(text, match, lexicon)
            obj = match.groupdict().get("obj") or ""
            return replace(query, own_part=_starts_with(obj.strip(), lexicon.own_part))
    return None


def not_understood(question: str, readings: tuple[str, ...] = ()) -> str:
    shown = " ".join(question.split())[:120] or "(empty)"
    examples = "; ".join(f'"{e}"' for e in load_lexicon().examples[:6])
    offered = "; ".join(f'"{r}?"' for r in readings)
    meant = f"; did you mean: {offered}" if readings else ""
    return f"cannot understand the question {shown!r}{meant}; try questions like {examples}"


# --- patterns ---------------------------------------------------------------------------------------


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")  # letters only: a regex quantifier such as {2} stays


@cache
def _patterns() -> tuple[_Pattern, ...]:
    """The question shapes of ``ask.toml``, with their placeholders filled in, in order."""
    lx = load_lexicon()
    pieces = _pieces(lx)
    builders = _builders()
    return tuple(
        _Pattern(name, re.compile(_PLACEHOLDER.sub(lambda m: pieces[m[1]], pattern), re.I), builders[name])
        for name, pattern in lx.questions
    )


def _pieces(lx: Lexicon) -> dict[str, str]:
    """What each placeholder of a question pattern stands for."""
    return {
        "active": alternation(lx.active_stance),
        "passive": alternation(lx.passive_stance),
        "rebut": alternation(lx.rebut_verbs),
        "rebut_whom": alternation(lx.rebut_whom),
        "kinds": alternation(lx.kinds),
        "modifiers": _MODIFIERS,
        "hedge": f"(?:{alternation(lx.hedges)}\\s+)?",
        "relation": alternation((*lx.perpetrator_relations, *lx.affiliation_relations)),
        "reported": alternation(lx.reported_perpetration),
        "said_verbs": alternation(lx.said_verbs),
        "statements": alternation(lx.statements),
        "no_evidence": alternation(lx.no_evidence),
        "said_about": alternation(lx.said_about),
        "perpetration": alternation(lx.perpetration_verbs),
        "deny_verbs": alternation(lx.deny_verbs),
        "deny_adjectives": alternation(lx.deny_adjectives),
        "say_verbs": alternation(lx.say_verbs),
        "perfect": _PERFECT,
        "passive_aux": _PASSIVE_AUX,
        "who": r"(?:who|whom)",
        "incident_nouns": alternation(lx.incident_nouns),
    }


def _builders() -> dict[str, Callable[[str, re.Match[str], Lexicon], StructuredQuery]]:
    """The builder of each question shape named in ``ask.toml``."""
    return {
        "attribution status of": _status_of,
        "which incidents were VERBed": _incidents_verbed,
        "rebuttal pairs": _rebuttal_pairs,
        "rebuttals of": _rebuttals_of,
        "what did A say": _said_about,
        "which kind was VERBed": _kind_passive,
        "which kind VERBed": _kind_active,
        "who was behind": _who_was_behind,
        "who carried out": _who_was_behind,
        "who was said to have": _who_was_behind,
        "where was X traced to": _traced_to,
        "which kind did A VERB": _kind_who_did,
        "who was VERBed": _passive,
        "who did A VERB": _who_did,
        "whose X did A VERB": _who_did,
        "who called X groundless": _called_groundless,
        "who said there was no evidence": _doubted,
        "who called the accusations X": _called_groundless,
        "who said X was behind Y": _reported_attribution,
        "who VERBed": _active,
        "which kind was X VERBed to": _kind_passive_to,
        "who did A say": _reported_by,
        "who claimed to": _claimed_to,
        "who called X Y": _said_clause,
        "who said X": _said_clause,
    }


# --- builders ---------------------------------------------------------------------------------------


def _query(text: str, shape: str, wanted: str, lx: Lexicon, **fields: object) -> StructuredQuery:
    fields.setdefault("topics", topics_of(text, lx))
    fields["terms"] = tuple(t for t in fields.get("terms", ()) if t)  # type: ignore[union-attr]
    return StructuredQuery(question=text, shape=shape, wanted=wanted, **fields)  # type: ignore[arg-type]


def _status_of(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    return _query(text, "attribution status of", "status", lx, terms=(_strip(m["obj"]),))


def _incidents_verbed(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    """ "which incidents were attributed to Russia in 2017": the party and the year."""
    obj = _strip(m["obj"])
    year = lx.year.search(obj)
    if year:
        obj = _strip(obj[: year.start()] + obj[year.end() :])
    party = _strip(re.sub(r"^(?:to|with|on|by)\s+", "", obj, flags=re.I)) or None
    stance = lx.passive_stance.get(key(m["verb"]), "accuse")
    return _query(text, "which incidents were VERBed", "incidents", lx, stances=(stance,), target=party,
                  year=int(year["year"]) if year else None)  # fmt: skip


def _rebuttal_pairs(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    return _query(text, "rebuttal pairs", "rebuttals", lx, stances=("deny",), rebuts=True)


def _rebuttals_of(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    target = re.sub(r"'s?\s+\w+$", "", m["obj"]).strip()  # "Clapper's assertion" -> "Clapper"
    return _query(text, "rebuttals of", "actors", lx, stances=("deny",), target=target, rebuts=True)


def _said_about(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    obj = _strip(m["obj"])
    target = None if not obj or _is_act(obj, lx) else obj
    return _query(text, "what did A say", "claims", lx, actor=_strip(m["actor"]), target=target, terms=(obj,))


def _kind_passive(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    query = _passive(text, m, lx)
    return replace(query, shape="which kind was VERBed", target_type=lx.kinds[key(m["kind"])])


def _kind_active(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    verb = key(m["verb"])
    target, terms, target_type = analyse_object(m["obj"] or "", verb, lx)
    return _query(
        text,
        "which kind VERBed",
        "actors",
        lx,
        stances=(lx.active_stance[verb],),
        target=target,
        terms=terms,
        actor_type=lx.kinds[key(m["kind"])],
        target_type=target_type,
        evidence_stems=lx.legal_stems.get(verb, ()),
    )


def _who_was_behind(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    return _query(text, "who was behind", "targets", lx, stances=("accuse",), terms=(_strip(m["obj"]),))


def _traced_to(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    """ "where was the ransom demand traced to": the state an act is pinned on."""
    return _query(
        text, "where was X traced to", "targets", lx, stances=("accuse",), terms=(_strip(m["obj"]),),
        target_type="state",
    )  # fmt: skip


def _kind_who_did(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    query = _who_did(text, m, lx)
    return replace(query, shape="which kind did A VERB", target_type=lx.kinds[key(m["kind"])])


def _passive(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    verb = key(m["verb"])
    obj, agent = _split_agent(m["obj"] or "")
    return _query(
        text,
        "who was VERBed",
        "targets",
        lx,
        stances=(lx.passive_stance[verb],),
        actor=agent,
        terms=(_strip_preposition(obj),),
        evidence_stems=lx.legal_stems.get(verb, ()),
    )


def _who_did(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    verb = key(m["verb"])
    target, terms, target_type = analyse_object(m["obj"] or "", verb, lx)
    # "who did A accuse of X": the object is what A accused them of, never a second party
    terms = (*terms, target) if target else terms
    said = m.groupdict().get("said")
    terms = (*terms, said) if said else terms  # "whose report did A deny": the report is spoken of
    return _query(
        text,
        "who did A VERB",
        "targets",
        lx,
        stances=(lx.active_stance[verb],),
        actor=_strip(m["actor"]),
        terms=terms,
        target_type=target_type,
        evidence_stems=lx.legal_stems.get(verb, ()),
    )


def _doubted(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    """ "who said there was no evidence that X": a doubt, stated as a denial or a plain assertion."""
    return _query(
        text, "who said there was no evidence", "actors", lx, stances=("deny", "assert"),
        terms=(_strip(m["obj"]),),
    )  # fmt: skip


def _called_groundless(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    return _query(text, "who called X groundless", "actors", lx, stances=("deny",), terms=(_strip(m["obj"]),))


def _reported_attribution(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    subject, obj, relation = _strip(m["subj"]), _strip(m["obj"] or ""), key(m["rel"])
    raw = (m["obj"] or "").strip()
    if relation in _COPULAS and (re.match(r"(?:a|an)\s", raw, re.I) or _is_act(obj, lx)):
        # "X was a false flag operation": a description of X, not the party behind it
        terms = (obj,) if key(subject) == "there" else (subject, obj)  # "there was a relationship ..."
        return _query(text, "who said X", "actors", lx, terms=terms)
    if relation in {key(r) for r in lx.affiliation_relations} and obj:
        # "X was based in Y": Y is the party held responsible, and X (named in the same breath) is the
        # one whose act is attributed: a claim about either answers
        return _query(
            text,
            "who said X was based in Y",
            "actors",
            lx,
            stances=("accuse",),
            target=obj,
            also_targets=() if _is_act(subject, lx) else (subject,),
            terms=(subject,),
        )
    target, terms = (None, (subject, obj)) if _is_act(subject, lx) else (subject, (obj,))
    return _query(
        text, "who said X was behind Y", "actors", lx, stances=("accuse",), target=target, terms=terms
    )


def _active(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    verb = key(m["verb"])
    target, terms, target_type = analyse_object(m["obj"] or "", verb, lx)
    return _query(
        text,
        "who VERBed",
        "actors",
        lx,
        stances=(lx.active_stance[verb],),
        target=target,
        terms=terms,
        target_type=target_type,
        evidence_stems=lx.legal_stems.get(verb, ()),
    )


def _kind_of(m: re.Match[str], lx: Lexicon) -> str | None:
    kind = m.groupdict().get("kind")
    return (lx.kinds[key(kind)] or None) if kind else None


def _kind_passive_to(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    """ "which government was the Winnti Group attributed to": the party the act or group is pinned on."""
    verb = key(m["verb"])
    return _query(
        text,
        "which kind was X VERBed to",
        "targets",
        lx,
        stances=(lx.passive_stance[verb],),
        terms=(_strip(m["subj"]),),
        target_type=_kind_of(m, lx),
        evidence_stems=lx.legal_stems.get(verb, ()),
    )


def _reported_by(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    """ "who did Intel 471 say is running the blog": whom A's claims are about, any stance; the clause
    ranks them."""
    return _query(
        text,
        "who did A say",
        "targets",
        lx,
        actor=_strip(m["actor"]),
        terms=(_strip(m["obj"]),),
        target_type=_kind_of(m, lx),
    )


def _claimed_to(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    """ "who claimed to have stolen the tools": a claim of one's own act is an acknowledgement."""
    return _query(
        text,
        "who claimed to",
        "actors",
        lx,
        stances=("acknowledge", "assert"),
        terms=(_strip(m["obj"]),),
        actor_type=_kind_of(m, lx),
    )


def _said_clause(text: str, m: re.Match[str], lx: Lexicon) -> StructuredQuery:
    """ "who said the malware had not reached government systems", "who called the attack a hostage
    situation": whoever made a claim, any stance, ranked by the clause's words (and, for a clause
    that denies, "had nothing to do with", denials first)."""
    clause = m["obj"] or ""
    preferred = tuple(
        stance for stance, cues in lx.clause_stance.items() if re.search(alternation(cues), clause, re.I)
    )
    return _query(
        text,
        "who said X",
        "actors",
        lx,
        terms=(_strip(clause),),
        actor_type=_kind_of(m, lx),
        preferred_stances=preferred,
    )


# --- objects ----------------------------------------------------------------------------------------


def analyse_object(obj: str, verb: str, lx: Lexicon) -> tuple[str | None, tuple[str, ...], str | None]:
    """(target phrase, incident terms, target type) of the words after a stance verb."""
    obj = obj.strip(" ,")
    if not obj:
        return None, (), None
    stranded = re.fullmatch(r"(?P<what>.+?)\s+(?:to|on|with)", obj, re.I)
    if stranded:  # "which group did A link the campaign to": the party asked for is the one it is pinned on
        return None, (_strip(stranded["what"]),), None
    if _starts_with(obj, _PREPOSITIONS) or _starts_with(obj, lx.act_frames):
        return None, (_strip_preposition(_strip_frame(obj, lx)),), None
    behind = re.fullmatch(
        rf"(?:the\s+|a\s+)?(?P<noun>{alternation(lx.behind_nouns)})\s+(?:behind|responsible\s+for)\s+(?P<rest>.+)",
        obj,
        re.I,
    )
    if behind:
        return None, (_strip(behind["rest"]),), lx.behind_nouns[key(behind["noun"])] or None
    if verb in lx.link_verbs:
        linked = re.fullmatch(r"(?P<what>.+)\s+(?:to|on|with)\s+(?P<whom>.+?)", obj, re.I)
        if linked:
            return _as_target(linked["whom"], (linked["what"],), lx)
    pinned = re.fullmatch(r"(?P<what>.+?)\s+(?:on|to)\s+(?P<whom>.+)", obj, re.I)
    if (
        pinned
        and lx.active_stance.get(verb) == "accuse"
        and _is_act(pinned["what"], lx)
        and not split_at_preposition(pinned["what"] + " x")[1]  # "on" is the first preposition
    ):
        # "blamed the attack on North Korea": the act is pinned on the party after "on"
        return _as_target(pinned["whom"], (pinned["what"],), lx)
    head, rest = split_at_preposition(obj)
    return _as_target(head, (rest,) if rest else (), lx)


def _as_target(phrase: str, terms: tuple[str, ...], lx: Lexicon) -> tuple[str | None, tuple[str, ...], None]:
    phrase = _strip(phrase)
    if _is_act(phrase, lx):
        return None, (phrase, *terms), None
    return phrase, tuple(_strip(t) for t in terms), None


def split_at_preposition(phrase: str) -> tuple[str, str]:
    """ "Russia of attacks on En Marche" -> ("Russia", "attacks on En Marche"). A preposition between two
    capitalised words belongs to a name ("Department of Justice") and does not split."""
    words = phrase.split()
    for i in range(1, len(words) - 1):
        if words[i].lower() in _SPLIT_PREPOSITIONS and not (
            words[i - 1][:1].isupper() and words[i + 1][:1].isupper()
        ):
            return " ".join(words[:i]), " ".join(words[i + 1 :])
    return phrase, ""


def _split_agent(obj: str) -> tuple[str, str | None]:
    """ "over the attack by the FBI" -> ("over the attack", "the FBI")."""
    found = re.fullmatch(r"(?:(?P<obj>.*?)\s+)?by\s+(?P<agent>.+)", obj.strip(), re.I)
    if not found or key(found["agent"]).startswith("whom"):
        return obj, None
    agent, rest = split_at_preposition(found["agent"])
    return " ".join(p for p in (found["obj"] or "", rest) if p), _strip(agent)


def _is_act(phrase: str, lx: Lexicon) -> bool:
    words = key(phrase).split()
    return bool(words) and words[-1].strip("'\"") in lx.act_heads


def _starts_with(text: str, phrases: tuple[str, ...]) -> bool:
    return re.match(rf"{alternation(phrases)}\s", text + " ", re.I) is not None


def _strip_frame(text: str, lx: Lexicon) -> str:
    return re.sub(rf"^{alternation(lx.act_frames)}\s+", "", text, flags=re.I)


def _strip_preposition(text: str) -> str:
    return _strip(re.sub(rf"^{alternation(_PREPOSITIONS)}\s+", "", text.strip(), flags=re.I))


def _strip(text: str | None) -> str:
    """A phrase without surrounding punctuation or a leading article."""
    return _DETERMINER.sub("", (text or "").strip(" ,;:\"'"))


def topics_of(text: str, lx: Lexicon) -> tuple[str, ...]:
    """Every topic a word of ``text`` opens, in the lexicon's order, without repeats."""
    found: dict[str, None] = {}
    for match in re.finditer(rf"(?<![\w-]){alternation(lx.topics)}(?![\w-])", text, re.I):
        found.update(dict.fromkeys(lx.topics[key(match.group(0))]))
    return tuple(found)
