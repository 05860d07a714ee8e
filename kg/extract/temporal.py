"""Date and time words: never an actor or a target, and cut from the end of names.

"On Tuesday, the United States attributed the attack to North Korea" accuses North Korea, not Tuesday;
"The Kremlin Thursday denied ..." is the Kremlin speaking. The words are data
(``kg/lexicons/temporal.toml``). A month alone is no time phrase ("Theresa May"): it needs a day, a year
or a modifier ("in May", "May 3", "May 2017").
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from kg.extract.lexicon import LEXICON_DIR

_YEAR = re.compile(r"^(1[89]|20)\d\d$")


@dataclass(frozen=True, slots=True)
class _Time:
    words: frozenset[str]  # a time on their own: weekdays, period nouns, "today"
    months: frozenset[str]
    phrase: str  # regex of one time phrase


def _alternatives(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _time() -> _Time:
    data = tomllib.loads((LEXICON_DIR / "temporal.toml").read_text(encoding="utf-8"))
    day, month = _alternatives(data["weekdays"]), _alternatives(data["months"])
    period, deictic = _alternatives(data["periods"]), _alternatives(data["deictic"])
    opener = _alternatives(data["openers"])
    date = rf"(?:{month})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|(?:{month})\.?,?\s+\d{{4}}"
    phrase = (
        rf"(?:(?:{opener})\s+)?(?:{day})(?:,?\s+(?:{date}))?"  # (on) Tuesday(, December 19)
        rf"|(?:(?:{opener})\s+)?(?:{date})"  # (in) May 2017, Dec. 12
        rf"|(?:{opener})\s+(?:{month}|\d{{4}})"  # in May, since 2014
        rf"|(?:{deictic})"
        rf"|(?:(?:earlier|later)\s+)?(?:{opener})\s+(?:{period})"  # last week, earlier this year
        rf"|\w+\s+(?:{period})\s+ago"
    )
    words = {*data["weekdays"], *data["periods"], *data["deictic"]}
    return _Time(frozenset(words), frozenset(data["months"]), phrase)


@cache
def _trailing() -> re.Pattern[str]:
    return re.compile(rf"(?:[\s,]+(?:{_time().phrase}))+\s*$", re.IGNORECASE)


@cache
def _whole() -> re.Pattern[str]:
    words = _alternatives(sorted(_time().words))
    return re.compile(rf"\s*(?:the\s+)?(?:{_time().phrase}|{words}|\d{{4}})\s*", re.IGNORECASE)


def is_temporal_token(token: Token) -> bool:
    """A token heading a time phrase ("Tuesday", "week" in "last week", "2017", "December 19")."""
    if token.ent_type_ in ("DATE", "TIME"):
        return True
    low = token.lower_
    if low in _time().words:
        return token.pos_ in ("NOUN", "PROPN", "ADV") and not (token.pos_ == "PROPN" and low in ("fall",))
    if _YEAR.match(low):
        return token.pos_ == "NUM" or token.dep_ in ("pobj", "npadvmod")
    if low.rstrip(".") in _time().months and token.pos_ == "PROPN":
        return any(c.like_num for c in token.children)  # "December 19", "May 2017"
    return False


def is_dated_month(token: Token) -> bool:
    """ "Dec." in "the U.S. Department of Justice Dec. 20": a month before its day, whatever the parse."""
    if token.lower_.rstrip(".") not in _time().months or not token.text[:1].isupper():
        return False
    doc, k = token.doc, token.i + 1
    if k < len(doc) and doc[k].text == ".":
        k += 1
    return k < len(doc) and doc[k].like_num


def is_temporal_name(name: str) -> bool:
    """True when ``name`` is a time phrase ("Tuesday", "last week", "on Monday", "in May 2017")."""
    return bool(_whole().fullmatch(name))


def trim_temporal(name: str) -> str:
    """``name`` without trailing time words ("Kremlin Thursday" -> "Kremlin", "officials last week" ->
    "officials"); a name that is all time words is returned as it is."""
    match = _trailing().search(name)
    if match is None or match.start() == 0 or is_temporal_name(name):
        return name
    return name[: match.start()].rstrip(" ,")
