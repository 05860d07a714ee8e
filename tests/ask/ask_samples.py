"""Two small hand-made articles and their claims: every question shape has something to find here."""

from __future__ import annotations

from kg.models import Article, Claim

_A1 = (
    "US intelligence chief James Clapper said China and Russia are the biggest threats online. "
    "Chinese Foreign Ministry spokesman Hong Lei said the Chinese government firmly opposes all hacking. "
    "President Obama warned states sponsoring cyber-attacks that the US would respond. "
    "Obama said the hacks emanating from China are not acceptable."
)
_A2 = (
    "A federal grand jury in Atlanta returned an indictment accusing Faramarz Shahi Savandi of the Atlanta "
    "ransomware attack. "
    "The Atlanta indictment accuses two Iranian men of launching a ransomware attack against Atlanta. "
    "Russia denied involvement in the attacks on Macron's campaign. "
    "Trend Micro linked the Macron phishing attacks to Pawn Storm. "
    "Kaspersky said it did not blame North Korea. "
    "Obama imposed sanctions on the GRU over the election hacking. "
    "The Shadow Brokers have been threatening the U.S. government. "
    "Ciphr denied that the leak was a data breach. "
    "Anonymous claimed responsibility for the attack on the ministry website. "
    "Secureworks said APT10 was based in China. "
    "The Guardian said the Russian state was behind the attack on the foreign ministry."
)

ARTICLES = {
    "a1": Article(id="a1", text=_A1, date="2015-09-25", title="Clapper names China and Russia"),
    "a2": Article(id="a2", text=_A2, date="2018-12-05", title="Mixed cyber news"),
}

# (article, sentence start, actor, actor type, affiliation, stance, target, target type, topic, negated)
# fmt: off
_ROWS = [
    ("a1", "US intelligence chief", "James Clapper", "person", "United States", "accuse", "China", "government",
     "hacking", False),
    ("a1", "US intelligence chief", "James Clapper", "person", "United States", "accuse", "Russia",
     "government", "hacking", False),
    ("a1", "Chinese Foreign Ministry", "Hong Lei", "person", "China", "deny", "China", "government",
     "state-sponsorship", False),
    ("a1", "President Obama warned", "Barack Obama", "person", "United States", "warn",
     "states sponsoring cyber-attacks", "act", "state-sponsorship", False),
    ("a1", "Obama said the hacks", "Barack Obama", "person", "United States", "accuse", "China", "government",
     "hacking", False),
    ("a2", "A federal grand jury", "U.S. Department of Justice", "government", "United States", "accuse",
     "Faramarz Shahi Savandi", "person", "other", False),  # the extractor's "don't know" topic
    ("a2", "The Atlanta indictment", "U.S. Department of Justice", "government", "United States", "accuse",
     "two Iranian men", "person", "ransomware", False),
    ("a2", "Russia denied", "Russia", "government", "", "deny", "Russia", "government", "hacking", False),
    ("a2", "Trend Micro linked", "Trend Micro", "organization", "", "accuse", "Pawn Storm", "group",
     "cyber-espionage", False),
    ("a2", "Kaspersky said", "Kaspersky Lab", "organization", "", "accuse", "North Korea", "government",
     "hacking", True),
    ("a2", "Obama imposed", "Barack Obama", "person", "United States", "accuse", "GRU", "government",
     "state-sponsorship", False),
    ("a2", "The Shadow Brokers", "The Shadow Brokers", "group", "", "warn", "U.S. government", "government",
     "hacking", False),
    ("a2", "Ciphr denied", "Ciphr", "organization", "", "deny", "Ciphr", "organization", "data-breach", False),
    ("a2", "Anonymous claimed", "Anonymous", "group", "", "acknowledge", "attack on the ministry website", "act",
     "hacking", False),
    ("a2", "Secureworks said", "Secureworks", "organization", "", "accuse", "China", "government",
     "cyber-espionage", False),
    ("a2", "Secureworks said", "Secureworks", "organization", "", "accuse", "APT 10", "group", "cyber-espionage",
     False),
    ("a2", "The Guardian said", "The Guardian", "media", "", "accuse", "Russian state", "government",
     "cyber-espionage", False),
]
# fmt: on


def _sentence(text: str, opening: str) -> tuple[int, int]:
    start = text.index(opening)
    return start, text.index(". ", start) + 1 if ". " in text[start:] else len(text)


def claims_for(article_id: str) -> list[Claim]:
    """The claims of one sample article, with evidence offsets into its text."""
    text = ARTICLES[article_id].text
    out = []
    for art, opening, actor, actor_type, affiliation, stance, target, target_type, topic, negated in _ROWS:
        if art != article_id:
            continue
        start, end = _sentence(text, opening)
        out.append(
            Claim(
                article=art,
                actor=actor,
                actor_type=actor_type,
                affiliation=affiliation,
                stance=stance,
                target=target,
                topic=topic,
                claim=text[start:end],
                evidence=text[start:end],
                start=start,
                end=end,
                confidence=0.9,
                negated=negated,
                target_type=target_type,
                target_affiliation="Russia" if target == "GRU" else "",
            )
        )
    return out


def load(store: object) -> None:
    """Put both sample articles into ``store`` and derive the rebuttal links, as ingest does."""
    from kg.graph.rebuttals import refresh_rebuttals

    for article_id, article in ARTICLES.items():
        store.replace_article(article, claims_for(article_id))  # type: ignore[attr-defined]
    refresh_rebuttals(store)  # type: ignore[arg-type]
