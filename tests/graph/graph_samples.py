"""Hand-made claims for the graph tests: the seed article's gold claims, located in its text."""

from __future__ import annotations

import re
from pathlib import Path

from kg.models import Article, Claim

DATA = Path(__file__).resolve().parent.parent / "data"
SEED_ID = "register-2015-usa-china-cyber"

# (actor, actor_type, affiliation, stance, target, target_type, topic, reported_via, evidence contains)
SEED_TABLE = [
    (
        "Meng Jianzhu",
        "person",
        "China",
        "deny",
        "China",
        "government",
        "cyber-espionage",
        "Xinhua",
        "Meng made it clear that China does not tolerate",
    ),
    (
        "Meng Jianzhu",
        "person",
        "China",
        "pledge",
        "hackers",
        "act",
        "cyber-espionage",
        None,
        "will apply the law of the land",
    ),
    (
        "Hong Lei",
        "person",
        "China",
        "deny",
        "China",
        "government",
        "state-sponsorship",
        None,
        "firmly opposes and cracks down on all types of hackers",
    ),
    (
        "Hong Lei",
        "person",
        "China",
        "deny",
        "James Clapper",
        "person",
        "state-sponsorship",
        None,
        "in a rebuttal of US director of national intelligence",
    ),
    (
        "James Clapper",
        "person",
        "United States",
        "accuse",
        "China",
        "government",
        "hacking",
        None,
        "James Clapper's Thursday assertion that China and Russia",
    ),
    (
        "James Clapper",
        "person",
        "United States",
        "accuse",
        "Russia",
        "government",
        "hacking",
        None,
        "James Clapper's Thursday assertion that China and Russia",
    ),
    (
        "Barack Obama",
        "person",
        "United States",
        "accuse",
        "China",
        "government",
        "hacking",
        None,
        "emanating from China and are not acceptable",
    ),
    (
        "Barack Obama",
        "person",
        "United States",
        "warn",
        "China",
        "government",
        "norms",
        None,
        "which I guarantee you we'll win",
    ),
    (
        "Barack Obama",
        "person",
        "United States",
        "warn",
        "states that may be sponsoring cyber-attacks",
        "act",
        "state-sponsorship",
        None,
        "sponsoring cyber-attacks to understand",
    ),
    (
        "United States government",
        "government",
        "United States",
        "pledge",
        "China",
        "government",
        "norms",
        None,
        "consensus on cyber security",
    ),
    (
        "The Register",
        "media",
        "",
        "assert",
        "China",
        "government",
        "state-sponsorship",
        None,
        "hackers work in China, not for China",
    ),
]


def seed_article() -> Article:
    text = (DATA / f"{SEED_ID}.txt").read_text(encoding="utf-8")
    return Article(
        id=SEED_ID,
        text=text,
        source=f"{SEED_ID}.txt",
        date="2015-09-14",
        title="USA, China find common cyber-enemy within",
        publisher="The Register",
    )


def sentence_around(text: str, needle: str) -> tuple[int, int]:
    """Offsets of the sentence (or line) of ``text`` that holds ``needle``."""
    at = text.index(needle)
    starts = [m.end() for m in re.finditer(r"(?<=[.!?”\"])\s+|\n", text[:at])]
    start = starts[-1] if starts else 0
    end_match = re.search(r"[.!?](?=[”\"]?\s)|\n", text[at + len(needle) :])
    end = at + len(needle) + (end_match.end() if end_match else len(text) - at - len(needle))
    return start, end


def seed_claims(article: Article | None = None) -> list[Claim]:
    article = article or seed_article()
    claims = []
    for actor, kind, aff, stance, target, target_kind, topic, via, needle in SEED_TABLE:
        start, end = sentence_around(article.text, needle)
        claims.append(
            Claim(
                article=article.id,
                actor=actor,
                actor_type=kind,
                affiliation=aff,
                stance=stance,
                target=target,
                topic=topic,
                claim=needle,
                evidence=article.text[start:end],
                start=start,
                end=end,
                confidence=0.8,
                reported_via=via,
                target_type=target_kind,
            )
        )
    return claims


def claim(article: str = "a1", **fields) -> Claim:
    """A claim with sensible defaults, overridden by ``fields``."""
    values = dict(
        article=article,
        actor="James Clapper",
        actor_type="person",
        affiliation="United States",
        stance="accuse",
        target="China",
        topic="hacking",
        claim="China hacks",
        evidence="e",
        start=0,
        end=1,
        confidence=0.5,
        target_type="government",
    )
    values.update(fields)
    return Claim(**values)


def stored_links(store) -> set[tuple[str, str]]:
    """The (deny, accusation) rebuttal links of one of our stores, as IRIs."""
    from kg.graph.vocab import AKG, DERIVED_REBUTTALS_GRAPH

    rows = store.select(
        f"PREFIX akg: <{AKG}> SELECT ?deny ?accuse WHERE "
        f"{{ GRAPH <{DERIVED_REBUTTALS_GRAPH}> {{ ?deny akg:rebuts ?accuse }} }}"
    )
    return {(str(row["deny"]), str(row["accuse"])) for row in rows}
