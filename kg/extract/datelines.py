"""News-agency datelines ("MOSCOW (AP) —", "LONDON, May 3 (Reuters) -") at the start of a paragraph.

A dateline is filing metadata: the city is where the story was filed, the agency who filed it. Taken as
part of the first sentence it makes the agency the speaker ("AP accuse ...") or a state's capital the
actor. The sentence splitter skips the span; the text and every offset stay as they are. The agencies
and the place pattern are data (``kg/lexicons/datelines.toml``).
"""

from __future__ import annotations

import re
import tomllib
from functools import cache

from kg.extract.lexicon import LEXICON_DIR


@cache
def _pattern() -> re.Pattern[str]:
    data = tomllib.loads((LEXICON_DIR / "datelines.toml").read_text(encoding="utf-8"))
    agencies = "|".join(re.escape(a) for a in sorted(data["agencies"], key=len, reverse=True))
    dashes = "|".join(re.escape(d) for d in sorted(data["dashes"], key=len, reverse=True))
    bare_dashes = "|".join(re.escape(d) for d in data.get("bare_dashes", ()))
    bare = rf"|(?:{data['bare_place']})\s*(?:{bare_dashes})\s+" if bare_dashes else ""
    if bare_dashes and data.get("event_place"):
        bare += rf"|(?:{data['event_place']})\s*(?:{bare_dashes})\s+"
    return re.compile(
        rf"(?:{data['place']})?\s*\((?i:{agencies})\)\s*(?:{dashes})\s+{bare}",
        re.VERBOSE,
    )


def dateline_end(text: str, start: int, end: int) -> int:
    """Where the paragraph ``text[start:end]`` really begins: after its dateline, or ``start``."""
    match = _pattern().match(text, start, end)
    return match.end() if match else start
