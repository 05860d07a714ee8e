"""Topic table: the topic of a claim from its claim text first, then its sentence, else the generic topic
("hacking": every claim comes from an article about cyber operations).

TOPIC_ROWS: (id, claim text, sentence, expected topic) for ``topic_for`` alone.
CLAIM_ROWS: (id, text, (actor, stance, target), expected topic, words the claim text must not hold) for
whole extractions: a claim's text is its own clause, so a word of a conjoined clause does not set its topic.
"""

from __future__ import annotations

import pytest
from extract_support import find

from kg.extract.topics import topic_for
from kg.models import TOPICS

TOPIC_ROWS = [
    # no word naming a kind of operation: every claim comes from a cyber article -> the generic topic
    ("bare-rejection", "The cabinet dismissed the allegations.", "", "hacking"),
    ("bare-verdict", "these charges are absurd", "Ms Novak said these charges are absurd.", "hacking"),
    # "threat" names no kind of operation: the sentence decides
    (
        "threat-names-no-operation",
        "this is a serious threat to our security",
        "He said governments that sponsor intrusions should know this is a serious threat to our security.",
        "state-sponsorship",
    ),
    # the claim text outranks its sentence
    (
        "claim-first",
        "the ministry's mail servers were hit by spear-phishing",
        "Officials, who spoke of a ransom note, said the ministry's mail servers were hit by spear-phishing.",
        "cyber-attack",
    ),
    # disinformation words
    ("rumours", "blamed Seoul for spreading rumours", "", "disinformation"),
    ("discord", "ran a campaign to sow social discord before the vote", "", "disinformation"),
    ("troll-farm", "a troll factory in St Petersburg paid the posters", "", "disinformation"),
    # a database or "records" alone is no breach; a count of records is
    ("database-not-breach", "attacks on its servers and databases", "", "cyber-attack"),
    ("court-records", "court records show the men were charged", "", "hacking"),
    ("counted-records", "the thieves took 4 million customer records", "", "data-breach"),
]


@pytest.mark.parametrize(
    ("claim_text", "sentence", "expected"),
    [row[1:] for row in TOPIC_ROWS],
    ids=[row[0] for row in TOPIC_ROWS],
)
def test_topic_for(claim_text: str, sentence: str, expected: str) -> None:
    assert topic_for(claim_text, sentence) == expected


def test_topics_are_in_the_vocabulary() -> None:
    for _, claim_text, sentence, _ in TOPIC_ROWS:
        assert topic_for(claim_text, sentence) in TOPICS


CLAIM_ROWS = [
    # a denial conjoined with a counter-accusation: each clause keeps its own words
    (
        "deny-and-accuse-deny",
        "Pyongyang on Monday denied allegations that it had stolen millions from banks by hacking, and accused"
        " Seoul of spreading rumours.",
        ("Pyongyang", "deny", ("North Korea", "Pyongyang")),
        "hacking",
        "rumours",
    ),
    (
        "deny-and-accuse-accuse",
        "Pyongyang on Monday denied allegations that it had stolen millions from banks by hacking, and accused"
        " Seoul of spreading rumours.",
        ("Pyongyang", "accuse", ("Seoul", "South Korea")),
        "disinformation",
        "denied",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "claim", "topic", "absent"),
    [row[1:] for row in CLAIM_ROWS],
    ids=[row[0] for row in CLAIM_ROWS],
)
def test_claim_topic(extract, text: str, claim: tuple, topic: str, absent: str) -> None:
    claims = extract(text)
    found = find(claims, *claim)
    assert found, f"missing {claim} in {[(c.actor, c.stance, c.target) for c in claims]}"
    assert found[0].topic == topic, (found[0].topic, found[0].claim)
    assert absent not in found[0].claim
