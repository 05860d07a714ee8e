"""A negation of the question's own verb ("who did not deny ..."), read off before the question shapes
are tried; such a question is answered by the claims stated as negated."""

from __future__ import annotations

import re

from kg.ask.lexicon import MODIFIERS, Lexicon, alternation, key


def split_negation(text: str, lx: Lexicon) -> tuple[bool, str]:
    """ "who did not deny X" -> (True, "who deny X"); "who has never accused X" -> (True, "who has
    accused X"); "who did Obama not accuse" -> (True, "who did Obama accuse"). Only a negation of the
    question's own verb counts: "who said the malware had not spread" asks who said so."""
    negation = alternation(lx.negation_words)
    auxiliaries = alternation([a for a in lx.negation_auxiliaries if a])
    head = rf"(?P<who>who|whom|(?:which|what)\s+{MODIFIERS}{alternation(lx.kinds)})"
    found = re.match(rf"{head}\s+(?:(?P<aux>{auxiliaries})\s*(?:{negation})|never)\s+", text, re.I)
    if found:
        kept = lx.negation_auxiliaries.get(key(found["aux"] or ""), "")
        return True, " ".join(p for p in (found["who"], kept, text[found.end() :]) if p)
    verb = alternation(lx.active_stance)
    after = re.match(
        rf"{head}\s+(?P<aux>{auxiliaries})\s+(?P<actor>.+?)\s+(?:not|never)\s+(?={verb}\b)", text, re.I
    )
    if after:
        return True, f"{after['who']} {after['aux']} {after['actor']} {text[after.end() :]}"
    return False, text
