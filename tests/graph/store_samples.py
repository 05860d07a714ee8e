"""Hand-made articles and claims for the store tests (no extractor needed)."""

from __future__ import annotations

from kg.models import Article, Claim

ACCUSATION = "Washington accused Beijing of stealing secrets. Officials named APT1."
DENIAL = "The Chinese foreign ministry spokesman Hong Lei denied the accusation as groundless."


def claim(article: str, text: str, actor: str, stance: str, target: str, **fields: object) -> Claim:
    values: dict[str, object] = {
        "article": article,
        "actor": actor,
        "actor_type": "government",
        "affiliation": "",
        "stance": stance,
        "target": target,
        "topic": "cyber-espionage",
        "claim": f"{actor} {stance} {target}",
        "evidence": text,
        "start": 0,
        "end": len(text),
        "confidence": 0.9,
    }
    values.update(fields)
    return Claim(**values)  # type: ignore[arg-type]


def accusation_article(article_id: str = "acc-1", text: str = ACCUSATION) -> tuple[Article, list[Claim]]:
    article = Article(id=article_id, text=text, date="2015-05-01", title="US accuses China", publisher="Reg")
    first = text.split(". ")[0] + "."
    return article, [
        claim(article_id, first, "United States", "accuse", "China", end=len(first)),
        claim(
            article_id,
            text,
            "United States",
            "accuse",
            "APT1",
            target_type="group",
            target_affiliation="China",
            topic="hacking",
            confidence=0.7,
        ),
    ]


def denial_article(article_id: str = "den-1", text: str = DENIAL) -> tuple[Article, list[Claim]]:
    article = Article(id=article_id, text=text, date="2015-05-03", title="China denies")
    return article, [
        claim(
            article_id,
            text,
            "Hong Lei",
            "deny",
            "China",
            actor_type="person",
            affiliation="China",
            reported_via="Reuters",
            confidence=0.8,
        )
    ]


def synthetic_article(
    number: int, claims_per_article: int = 3, variant: str = ""
) -> tuple[Article, list[Claim]]:
    """A deterministic article with ``claims_per_article`` claims (used for bulk and crash tests);
    another ``variant`` gives the same article id with another text."""
    article_id = f"syn-{number:05d}"
    sentences = [
        f"Official {number}-{k}{variant} accused group {k % 7} of espionage."
        for k in range(claims_per_article)
    ]
    text = " ".join(sentences)
    claims, offset = [], 0
    for k, sentence in enumerate(sentences):
        claims.append(
            claim(
                article_id,
                sentence,
                f"Official {number % 50}",
                ("accuse", "deny", "condemn")[k % 3],
                f"Group {k % 7}",
                actor_type="person",
                target_type="group",
                start=offset,
                end=offset + len(sentence),
            )
        )
        offset += len(sentence) + 1
    return Article(id=article_id, text=text, date=f"2020-01-{1 + number % 28:02d}"), claims
