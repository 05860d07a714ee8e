"""Official statements in the speaker's voice: which sentences continue a statement begun earlier.

"The spokesperson of the Foreign Ministry stated as follows: ... The U.S. has long persisted in its
attacks ... We urge the U.S. to stop ..." — the sentences after the opener carry no speech verb, yet they
are the spokesperson's. A run ends at a new act of saying (a new speaker or a narrative "X said"). Text
only (no parsing): the runs decide which sentences are parsed and whose they are. Patterns are data
(``[statement]`` in ``lexicons/cues.toml``).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from kg.extract.lexicon import LEXICON_DIR
from kg.models import Sentence


@cache
def _patterns() -> tuple[dict[str, re.Pattern[str]], int]:
    with open(LEXICON_DIR / "cues.toml", "rb") as handle:
        data = tomllib.load(handle).get("statement", {})
    keys = ("openers", "stops", "speech", "first_person")
    compiled = {key: re.compile("|".join(f"(?:{p})" for p in data.get(key, ["(?!)"])), re.I) for key in keys}
    return compiled, int(data.get("max_sentences", 12))


def statement_limit() -> int:
    """The longest statement run, in sentences after its opener."""
    return _patterns()[1]


def statement_runs(sentences: list[Sentence], in_quote: list[bool]) -> list[int | None]:
    """For each sentence, the index of the sentence that opened the statement it continues, or None."""
    found, limit = _patterns()
    out: list[int | None] = [None] * len(sentences)
    opener: int | None = None
    for i, sentence in enumerate(sentences):
        text = sentence.text
        if opener is not None and i - opener <= limit and not _stops(_outside_quotes(text)):
            out[i] = opener
            continue
        spoken = found["speech"].search(text) or found["stops"].search(text)
        opener = i if spoken and found["openers"].search(text) else None
    return _with_first_person(sentences, in_quote, out)


def _with_first_person(
    sentences: list[Sentence], in_quote: list[bool], out: list[int | None]
) -> list[int | None]:
    """After an act of saying, sentences in the first person plural ("We urge the U.S. to stop") outside any
    quote remain the speaker's, until a sentence that is not."""
    found, _limit = _patterns()
    speaker: int | None = None
    for i, sentence in enumerate(sentences):
        text = _outside_quotes(sentence.text)
        if out[i] is not None:
            speaker = out[i]
            continue
        if (
            speaker is not None
            and not in_quote[i]
            and found["first_person"].search(text)
            and not _stops(text)
        ):
            out[i] = speaker
            continue
        speaker = i if found["speech"].search(text) else None
    return out


def _stops(text: str) -> bool:
    """A new act of saying, not the speaker's own ("We can say that ..." goes on in the same voice)."""
    stops = _patterns()[0]["stops"]
    return any(not _FIRST_PERSON_BEFORE.search(text[: m.start()]) for m in stops.finditer(text))


_FIRST_PERSON_BEFORE = re.compile(r"\b(we|i)\b[\w\s]{0,15}$", re.I)


def _outside_quotes(text: str) -> str:
    return re.sub(r"[“\"][^”\"]*[”\"]", " ", text)
