"""Which operation each claim of one article is about: :func:`link_claims`.

An article with a subject of its own is about it, and so are its claims, unless a claim's evidence
names another operation outright. The subject is the operation its headline names; else the one its
text names or describes throughout (every mention, or at least two and half of them); else, when its
claims are on an operation topic (an attack, a breach ...) and no operation dominates, the operation its
headline reports, named by the headline. In an article without a subject, a claim is about the
operation its evidence names or describes, failing that the one the sentences just before it (up to a
blank line) refer to ("WannaCry hit the NHS. Microsoft blamed North Korea."). Within one article a
description and the name that took its victim ("the WannaCry attack on the NHS"), or the one name its
sentence gives, are one operation.
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


_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\"'’])[.!?](?=\s)|\n")


def _sentence_of(text: str, at: int) -> tuple[int, int]:
    starts = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
    following = _SENTENCE_END.search(text, at)
    return (starts[-1] if starts else 0), (following.start() if following else len(text))


def _article_keys(text: str, mentions: Sequence[Mention]) -> dict[str, str]:
    """Keys folded into one operation within this article: a victim into the named operation that took
    it ("the WannaCry attack on the NHS"), and a description into the one name its sentence gives
    ("CozyCar was found on the DNC's servers after the breach at the DNC")."""
    folded = {f"victim:{phrase_key(m.victim)}": m.key for m in mentions if m.named and m.victim}
    for m in mentions:
        if m.named or m.key in folded:
            continue
        start, end = _sentence_of(text, m.start)
        names = {n.key for n in mentions if n.named and start <= n.start < end}
        if len(names) == 1:
            folded[m.key] = names.pop()
    return folded


def _main_mention(article: Article, mentions: Sequence[Mention], keys: dict[str, str]) -> Mention | None:
    if not mentions:
        return None
    title = _title_end(article)
    headline = [m for m in mentions if m.end <= title]
    if headline:
        return headline[0]
    headline = article.text[:title].casefold()
    for m in mentions:  # a headline in title case hides its descriptions, not the names it shares
        name = (m.victim or m.name).casefold()
        if title and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", headline):
            return m
    counts = Counter(keys.get(m.key, m.key) for m in mentions)
    key, count = counts.most_common(1)[0]
    if count == len(mentions) or (count >= 2 and count * 2 >= len(mentions)):
        return next(m for m in mentions if keys.get(m.key, m.key) == key)
    return None


def _article_subject(article: Article, claims: Sequence[Claim]) -> Mention | None:
    """The article's own subject as an operation, when its claims are about one (an operation topic)
    though its text names none in particular: the headline names it."""
    from kg.incidents.lexicon import incident_lexicon

    topics = incident_lexicon().operation_topics
    if not any(c.topic in topics for c in claims):
        return None
    end = _title_end(article)
    title = article.title or article.text[:end].strip() or article.id
    key = f"article:{phrase_key(article.id)}"
    names = headline_names(article.text[:end] or title, article.text[end:])
    return Mention(0, end, article.text[:end], key, " ".join(title.split()), headline_names=names)


def headline_names(headline: str, body: str) -> tuple[str, ...]:
    """The headline's words that the body writes as names: capitalised inside a sentence ("Docs" in
    "a fake Google Docs app"), so a headline in title case gives only its real names."""
    from kg.incidents.lexicon import incident_lexicon
    from kg.resolve.places import canonical_state

    lexicon = incident_lexicon()
    found = []
    for word in dict.fromkeys(re.findall(r"[A-Za-z][\w-]{2,}", headline)):
        inside = re.search(rf"(?<=[\w,;:] ){re.escape(word)}\b", body)
        if inside and word[0].isupper() and word not in lexicon.not_victims and not canonical_state(word):
            found.append(word)
    return tuple(found)


def _paragraph_start(text: str, at: int) -> int:
    starts = [m.end() for m in _PARAGRAPH.finditer(text, 0, at)]
    return starts[-1] if starts else 0


def _pick(inside: Sequence[Mention]) -> Mention:
    return next((m for m in inside if m.named), inside[0])


def link_claims(article: Article, claims: Sequence[Claim]) -> list[ClaimLink | None]:
    """For each claim (in order), the operation it is about, or None."""
    text = article.text
    mentions = find_mentions(text) if text else []
    keys = _article_keys(text, mentions)
    main = _main_mention(article, mentions, keys) or _article_subject(article, claims)
    out: list[ClaimLink | None] = []
    main_key = keys.get(main.key, main.key) if main else None
    for claim in claims:
        inside = [m for m in mentions if claim.start <= m.start and m.end <= claim.end + 1]
        if not inside and not text:  # no article text (an import by id): the evidence alone
            inside = list(find_mentions(claim.evidence))
        if main is not None:  # only another operation named outright takes a claim off the article's
            inside = [m for m in inside if m.named and keys.get(m.key, m.key) != main_key]
        if inside:
            chosen = _pick(inside)
            out.append(ClaimLink(chosen, keys.get(chosen.key, chosen.key), "evidence"))
            continue
        floor = max(_paragraph_start(text, claim.start), claim.start - CONTEXT_CHARS)
        before = [m for m in mentions if floor <= m.start and m.end <= claim.start] if main is None else []
        if before:
            chosen = before[-1]
            out.append(ClaimLink(chosen, keys.get(chosen.key, chosen.key), "context"))
        elif main is not None:
            out.append(ClaimLink(main, main_key or main.key, "article"))
        else:
            out.append(None)
    return out
