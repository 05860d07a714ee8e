"""Fuzzy, explainable matching of question phrases against graph names and claim texts.

Names match in three levels, the best level that finds anything wins: the same name (titles and
articles aside), one name inside the other ("Lazarus" / "Lazarus Group"), and the state a phrase
stands for ("Russian intelligence services" -> Russia). Incident terms score a claim by the words it
shares with the question, a word in the claim's proposition or target counting twice its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from kg.ask.lexicon import load_lexicon

# Words that do not distinguish one name from another ("President Obama" is "Obama").
TITLES = frozenset(
    (
        "president",
        "secretary",
        "minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chairman",
        "general",
        "mr",
        "mrs",
        "ms",
        "dr",
        "the",
        "a",
        "an",
        "of",
        "prime",
        "deputy",
        "chief",
        "official",
        "senator",
        "ambassador",
        "former",
    )
)
_US = re.compile(r"\b(?:u\.s\.a\.?|u\.s\.?|usa|united states of america|united states|america)(?=\W|$)", re.I)
_UK = re.compile(r"\b(?:u\.k\.?|united kingdom|britain|great britain)(?=\W|$)", re.I)
_WORD = re.compile(r"[\w']+")


def norm(text: str) -> str:
    """Lower case, one spelling for the US and the UK, punctuation to spaces, whitespace folded."""
    text = _UK.sub(" uk ", _US.sub(" us ", text.replace("\u2019", "'").replace("&", " and ")))
    words = (w.strip("'").removesuffix("'s") for w in _WORD.findall(text.lower()))
    return " ".join(w for w in words if w)


def core(text: str) -> str:
    """A name without titles and articles."""
    words = [w for w in norm(text).split() if w not in TITLES]
    return " ".join(words) or norm(text)


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and f" {needle} " in f" {haystack} "


def _distinctive(name: str) -> bool:
    """A name that may stand for a party on its own inside a longer phrase (not "group", "us ...")."""
    words = name.split()
    stop = load_lexicon().stop_terms
    return bool(words) and len(name) >= 3 and not all(w in stop or w in TITLES for w in words)


def content(text: str) -> str:
    """The words of a name that tell it apart ("the infamous Lazarus hacking group" -> "infamous lazarus")."""
    stop = load_lexicon().stop_terms
    return " ".join(w for w in norm(text).split() if w not in stop and w not in TITLES)


def name_level(phrase: str, names: Iterable[str]) -> int:
    """3 when ``phrase`` is one of ``names``, 2 when one contains the other as whole words (generic words
    such as "group" aside), else 0."""
    p, pc, pw = norm(phrase), core(phrase), content(phrase)
    best = 0
    for name in names:
        n, nc, nw = norm(name), core(name), content(name)
        if not n:
            continue
        if p == n or pc == nc or pc.replace(" ", "") == nc.replace(" ", ""):  # "APT 10" is "APT10"
            return 3
        whole = (_distinctive(nc) and (_contains(p, n) or _contains(pc, nc))) or (
            _distinctive(pc) and (_contains(n, p) or _contains(nc, pc))
        )
        distinctive_words = len(pw) >= 3 and len(nw) >= 3 and (_contains(nw, pw) or _contains(pw, nw))
        if whole or distinctive_words:
            best = 2
    return best


def needles(phrase: str, limit: int = 6) -> list[str]:
    """The lower-case words of ``phrase`` worth looking up in the graph's names, longest first."""
    stop = load_lexicon().stop_terms
    words = {w for w in norm(phrase).split() if w not in stop and w not in TITLES and len(w) >= 2}
    if "us" in words:  # "the U.S. government": labels spell the state out in several ways
        words.discard("us")
        words.update({"united states", "u.s"})
    for word in list(words):  # "apt10" is also written "apt 10" and "apt-10"
        split = re.fullmatch(r"([a-z]+)(\d+)", word)
        if split:
            words.update({f"{split[1]} {split[2]}", f"{split[1]}-{split[2]}"})
    return sorted(words, key=lambda w: (-len(w), w))[:limit]


def canonical_group(phrase: str) -> str | None:
    """The MISP-galaxy name of the threat group ``phrase`` names ("Fancy Bear" -> "APT28"), when the
    resolver's galaxy data is installed."""
    try:
        from kg.resolve.galaxy import lookup_threat_actor
    except ImportError:
        return None
    found = lookup_threat_actor(phrase)
    return found.name if found else None


def state_of(name: str) -> str | None:
    """The state a whole name stands for ("the Russian state" -> Russia), via the resolver's lexicon."""
    try:
        from kg.resolve.places import state_for
    except ImportError:
        return None
    return state_for(name)


def states_in(phrase: str) -> list[str]:
    """The states a phrase names or stands for, through the resolver's state lexicon when installed."""
    try:
        from kg.resolve.places import find_states, state_for
    except ImportError:  # the graph still answers, without the metonym/demonym level
        return []
    whole = state_for(phrase)
    if whole:
        return [whole]
    return list(dict.fromkeys(name for _, _, name, _ in find_states(phrase)))


# --- incident terms ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Term:
    word: str
    weight: float  # topic words ("ransomware") weigh less than names of things ("Atlanta")


def term_words(phrases: Iterable[str]) -> tuple[Term, ...]:
    """The distinctive words of the incident phrases of a question."""
    lexicon = load_lexicon()
    found: dict[str, Term] = {}
    for phrase in phrases:
        for word in norm(phrase).split():
            if word in lexicon.stop_terms or len(word) < 2 or word in found:
                continue
            found[word] = Term(word, 0.5 if word in lexicon.topics else 1.0)
    return tuple(found.values())


# Spellings a text may use for a normalised word ("us" stands for "U.S.", "America" ...).
_SPELLINGS = {
    "us": ("us", "u.s", "america", "united states"),
    "uk": ("uk", "u.k", "britain", "united kingdom"),
}


def stems(phrases: Iterable[str]) -> tuple[str, ...]:
    """Lower-case substrings that every claim text scoring on the incident terms of ``phrases`` holds
    at least one of (``term_score`` matches a word equal to a term or sharing its first 5 letters): the
    store can test them before any claim is fetched."""
    found: dict[str, None] = {}
    for term in term_words(phrases):
        found.update(dict.fromkeys(_SPELLINGS.get(term.word, (term.word[:5],))))
    return tuple(found)


@lru_cache(maxsize=8192)
def _words(text: str) -> frozenset[str]:
    return frozenset(norm(text).split())


_INFLECTIONS = ("ing", "ed", "es", "s", "d")


def _same_word(a: str, b: str) -> bool:
    """Equal, one the other inflected ("pay"/"paying"), or sharing a long common stem
    ("elections"/"election", "sponsoring"/"sponsorship")."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 3 and long_.startswith(short) and long_[len(short) :] in _INFLECTIONS:
        return True
    shortest = min(len(a), len(b))
    if shortest < 5:
        return False
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return common >= max(5, shortest - 3)


def _has(words: frozenset[str], word: str) -> bool:
    return word in words or any(_same_word(word, w) for w in words)


_ASIDE = re.compile(r",\s*(?:which|who|whose|whom|where)\b[^,]*(?:,|$)", re.I)


def main_clause(text: str) -> str:
    """``text`` without its non-restrictive relative clauses (", which ... ,"): background, not the
    claim ("Fancy Bear, which was blamed for the election hacks, was behind the attack")."""
    return _ASIDE.sub(" ", text)


def term_score(terms: tuple[Term, ...], proposition: str, evidence: str, target: str) -> float:
    """How strongly a claim speaks of the incident the terms describe: a word of the proposition's main
    clause or of the target counts 2, of the evidence's main clause 1, of an aside ("which ...") 0.5."""
    strong = _words(main_clause(proposition)) | _words(target)
    medium = _words(main_clause(evidence))
    weak = _words(proposition) | _words(evidence)
    score = 0.0
    for term in terms:
        if _has(strong, term.word):
            score += 2 * term.weight
        elif _has(medium, term.word):
            score += term.weight
        elif _has(weak, term.word):
            score += 0.5 * term.weight
    return score


def has_stem(text: str, stems: Iterable[str]) -> bool:
    """Whether a word of ``text`` starts with one of ``stems`` ("indictment" has "indict")."""
    words = _words(text)
    return any(w.startswith(stem) for stem in stems for w in words)


def act_words(*texts: str) -> frozenset[str]:
    """The act words ("attack", "breach") of texts, singular."""
    heads = load_lexicon().act_heads
    return frozenset(w.removesuffix("s") for t in texts for w in norm(t).split() if w in heads)


def names_another_incident(terms: tuple[Term, ...], *texts: str, by_party: bool = True) -> bool:
    """Whether a text names an incident of its own: an act word ("attack", "breach") with a name next
    to it (a capitalised word, "the Sony hack") or a party after it ("the attack on the ministry"),
    not of the question's terms. "The attack", "the worldwide attack" name none: they refer to the
    incident their article tells of. Without ``by_party``, only a name counts."""
    lexicon = load_lexicon()
    wanted = {t.word for t in terms}
    for text in texts:
        tokens = _WORD.findall(text.replace("\u2019", "'"))
        for i, token in enumerate(tokens):
            following = tokens[i + 1].lower() if i + 1 < len(tokens) else ""
            if token.lower() not in lexicon.act_heads or following in lexicon.act_modifiers:
                continue  # "the Lazarus hacking group" names a group, not an incident
            before = [w for w in tokens[max(0, i - 3) : i] if w[:1].isupper()]
            on = by_party and i + 1 < len(tokens) and tokens[i + 1].lower() in {"on", "against", "of"}
            after = [w for w in tokens[i + 2 : i + 5] if on and w.lower() not in lexicon.stop_terms][:1]
            for near in (*before, *after):
                word = norm(near)
                named = word and word not in lexicon.stop_terms
                if named and not any(_same_word(word, w) for w in wanted):
                    return True
    return False


def names_an_incident(*texts: str) -> bool:
    """Whether a text speaks of some act ("the attack", "a breach"); "attack code" or "a hacking group"
    name things, not incidents."""
    lexicon = load_lexicon()
    for text in texts:
        words = norm(text).split()
        for word, following in zip(words, [*words[1:], ""], strict=True):
            if word in lexicon.act_heads and following not in lexicon.act_modifiers:
                return True
    return False
