"""Which operation each claim of one article is about: :func:`link_claims`.

A claim is about the operation its evidence names or describes; failing that, the one the sentences
just before it (up to a blank line) refer to ("WannaCry hit the NHS. Microsoft blamed North Korea.");
failing that, the article's own subject: the operation its headline names, or the one it mentions most
when that one holds at least half of its mentions (twice at least). Within one article a described
mention ("the attack on the NHS") and a name that took the same victim ("the WannaCry attack on the
NHS") are one operation.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kg.incidents.mentions import Mention, find_mentions
from kg.models import Article, Claim
from kg.resolve.matcher import phrase_key

CONTEXT_CHARS = 400  # how far back in the paragraph a claim's operation may have been named
_PARAGRAPH = re.compile(r"\n[^\S\n]*\n")  # a blank line; single line breaks often end every sentence


@dataclass(frozen=True, slots=True)
class ClaimLink:
    """The operation a claim is about, and why it was linked."""

    mention: Mention
    key: str  # the mention's key after the article's own folding (a victim's operation name)
    linked_by: str  # "evidence" | "context" | "article"


def _title_end(article: Article) -> int:
    """Where the headline ends: the first line when the article has a title (or its first line)."""
    line = article.text.find("\n")
    return line if line > 0 else 0


def _article_keys(mentions: Sequence[Mention]) -> dict[str, str]:
    """Victim keys folded into the named operation that took the same victim in this article."""
    return {f"victim:{phrase_key(m.victim)}": m.key for m in mentions if m.named and m.victim}


def _main_mention(article: Article, mentions: Sequence[Mention], keys: dict[str, str]) -> Mention | None:
    if not mentions:
        return None
    title = _title_end(article)
    headline = [m for m in mentions if m.end <= title]
    if headline:
        return headline[0]
    counts = Counter(keys.get(m.key, m.key) for m in mentions)
    key, count = counts.most_common(1)[0]
    if count >= 2 and count * 2 >= len(mentions):
        return next(m for m in mentions if keys.get(m.key, m.key) == key)
    return None


def _paragraph_start(text: str, at: int) -> int:
    starts = [m.end() for m in _PARAGRAPH.finditer(text, 0, at)]
    return starts[-1] if starts else 0


def _pick(inside: Sequence[Mention]) -> Mention:
    return next((m for m in inside if m.named), inside[0])


def link_claims(article: Article, claims: Sequence[Claim]) -> list[ClaimLink | None]:
    """For each claim (in order), the operation it is about, or None."""
    text = article.text
    mentions = find_mentions(text) if text else []
    keys = _article_keys(mentions)
    main = _main_mention(article, mentions, keys)
    out: list[ClaimLink | None] = []
    for claim in claims:
        inside = [m for m in mentions if claim.start <= m.start and m.end <= claim.end + 1]
        if not inside and not text:  # no article text (an import by id): the evidence alone
            inside = [m for m in find_mentions(claim.evidence)]
        if inside:
            chosen = _pick(inside)
            out.append(ClaimLink(chosen, keys.get(chosen.key, chosen.key), "evidence"))
            continue
        floor = max(_paragraph_start(text, claim.start), claim.start - CONTEXT_CHARS)
        before = [m for m in mentions if floor <= m.start and m.end <= claim.start]
        if before:
            chosen = before[-1]
            out.append(ClaimLink(chosen, keys.get(chosen.key, chosen.key), "context"))
        elif main is not None:
            out.append(ClaimLink(main, keys.get(main.key, main.key), "article"))
        else:
            out.append(None)
    return out
