"""Table-driven extraction tests, precision table: one claim per act (headline and body, two names of one
party), news-agency datelines, date words and victims' places as targets, authorship and sponsorship cues.

Each row of ROWS: (id, text, expected claims, forbidden claims), read as in test_patterns.py. Each row of
ONCE: (id, text, (actor, stance, target), evidence substring): exactly one such claim, evidenced there.
"""

from __future__ import annotations

import pytest
from extract_support import check_claims, find
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.datelines import dateline_end
from kg.extract.dedupe import merge_duplicates, party_key
from kg.extract.sentences import split_sentences
from kg.extract.temporal import is_temporal_name, trim_temporal
from kg.models import Claim

ROWS = [
    # datelines are metadata: neither the agency nor the city speaks
    (
        "dateline-ap",
        "TEHRAN (AP) — Iran accused Israeli intelligence on Sunday of hacking the fuel distribution network.",
        [("Iran", "accuse", ("Israeli intelligence", "Israel"))],
        [("AP", "accuse", "Israeli intelligence"), ("TEHRAN", "accuse", "Israeli intelligence")],
    ),
    (
        "dateline-reuters-date",
        "OTTAWA, March 14 (Reuters) - Canada blamed Chinese state hackers for the breach of its research"
        " council.",
        [("Canada", "accuse", "Chinese state hackers")],
        [("Reuters", "accuse", "Chinese state hackers")],
    ),
    (
        "dateline-region",
        "SEOUL, South Korea (AP) — Pyongyang denied any involvement in the theft of crypto-currency from"
        " exchanges by hackers.",
        [("Pyongyang", "deny", ("North Korea", "Pyongyang"))],
        [("AP", "deny", "AP"), ("SEOUL", "deny", "SEOUL")],
    ),
    # date words are never targets; the object of "attributed ... to" is
    (
        "date-not-target-on",
        "On Friday, November 3, Canada formally attributed the ransomware attack to Russian military"
        " intelligence.",
        [("Canada", "accuse", "Russian military intelligence")],
        [("Canada", "accuse", "Friday"), ("Canada", "accuse", "November")],
    ),
    (
        "date-not-target-last-week",
        "Last week the Dutch government blamed Iran for the cyber-attack on its water authority.",
        [("Dutch government", "accuse", "Iran")],
        [("Dutch government", "accuse", "Last week")],
    ),
    # a victim's place is not the accused
    (
        "victim-place-not-target",
        "Investigators allege the suspect ran a campaign of intrusions that took $12 million from a credit"
        " union in Peru.",
        [],
        [("Investigators", "accuse", "Peru")],
    ),
    # trailing time words leave actor names
    (
        "weekday-after-actor",
        "The Elysee Palace Monday denied that France had hacked the phones of foreign diplomats.",
        [("Elysee Palace", "deny", ("France", "Elysee Palace"))],
        [("Elysee Palace Monday", "deny", "France")],
    ),
    # authorship and sponsorship cues
    (
        "work-of-copula",
        "Kaspersky concluded that the wiper campaign was the work of Iranian hackers.",
        [("Kaspersky", "accuse", "Iranian hackers")],
        [],
    ),
    (
        "work-of-object",
        "The agency said the intrusions into its mail servers were the handiwork of Chinese state hackers.",
        [("agency", "accuse", "Chinese state hackers")],
        [],
    ),
    (
        "work-of-no-party",
        "The company said the outage after the cyber-attack was the work of a careless contractor.",
        [],
        [("company", "accuse", "contractor")],
    ),
    (
        "sponsored-prefix",
        "Prosecutors say the suspect was working for an Iranian-sponsored hacking crew during the attacks.",
        [("Prosecutors", "accuse", "Iran")],
        [],
    ),
    (
        "sponsored-prefix-name",
        "Analysts said the ransomware attacks came from a China-backed crew of contractors.",
        [("Analysts", "accuse", "China")],
        [("Analysts", "accuse", "China-backed")],
    ),
]

ONCE = [
    # headline and lead tell one act: one claim, evidenced by the lead
    (
        "headline-and-lead-acronym",
        "FBI blames Iranian hackers for water utility breach\n2024-02-02\n\n"
        "The Federal Bureau of Investigation on Friday blamed Iranian hackers for the breach of a water"
        " utility in Texas.",
        (("FBI", "Federal Bureau of Investigation"), "accuse", "Iranian hackers"),
        "on Friday blamed",
    ),
    (
        "headline-and-lead-state-organ",
        "Germany blames Russia for cyber-attack on party headquarters\n2024-05-03\n\n"
        "German intelligence on Friday blamed Russia for the cyber-attack on the party's headquarters.",
        (("Germany", "German intelligence"), "accuse", "Russia"),
        "German intelligence on Friday",
    ),
    (
        "weekday-glued-and-headline",
        "Kremlin rejects Czech hacking claims\n2024-05-03\n\n"
        "The Kremlin Tuesday rejected claims from Prague that Russia was behind hacking of the Czech foreign"
        " ministry.",
        ("Kremlin", "deny", ("Russia", "Kremlin")),
        "The Kremlin Tuesday rejected",
    ),
    (
        "target-with-postmodifier",
        "Justice Department charges three Iranians in hacking campaign on US utilities\n2024-04-23\n\n"
        "The Justice Department charged three Iranians with hacking the computer networks of US utilities.",
        (("Justice Department", "DOJ"), "accuse", "Iranians"),
        "The Justice Department charged",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected", "forbidden"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_pattern(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    check_claims(extract, text, expected, forbidden)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "key", "evidence"), [r[1:] for r in ONCE], ids=[r[0] for r in ONCE])
def test_one_claim_per_act(extract, text: str, key: tuple, evidence: str) -> None:
    claims = extract(text)
    shown = [(c.actor, c.stance, c.target, c.evidence[:40]) for c in claims]
    found = find(claims, *key)
    assert len(found) == 1, f"expected one {key} in {shown}"
    assert evidence in found[0].evidence
    assert text[found[0].start : found[0].end] == found[0].evidence


@pytest.mark.parametrize(
    ("line", "rest"),
    [
        ("MOSCOW (AP) — Ukraine accused Russia.", "Ukraine accused Russia."),
        ("WASHINGTON (Reuters) - The Treasury imposed sanctions.", "The Treasury imposed sanctions."),
        ("LONDON, May 3 (Reuters) - A cyberattack hit.", "A cyberattack hit."),
        ("SAN FRANCISCO, Dec. 12 (AFP) -- Researchers said.", "Researchers said."),
        ("BEIJING, China (Xinhua) – Officials said.", "Officials said."),
        ("Moscow (AP) said nothing.", "Moscow (AP) said nothing."),  # no dash: not a dateline
        ("Russia denied it (AP) - again.", "Russia denied it (AP) - again."),  # not at the start
    ],
)
def test_dateline_skipped(line: str, rest: str) -> None:
    assert line[dateline_end(line, 0, len(line)) :] == rest


def test_dateline_keeps_offsets() -> None:
    text = "Title of the story\n2024-01-01\n\nKYIV (AP) — Ukraine blamed Russia.\nMOSCOW (AP) — Russia denied it."
    sentences = split_sentences(text)
    assert [s.text for s in sentences][-2:] == ["Ukraine blamed Russia.", "Russia denied it."]
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("name", "trimmed", "temporal"),
    [
        ("Kremlin Thursday", "Kremlin", False),
        ("officials Tuesday", "officials", False),
        ("U.S. officials last week", "U.S. officials", False),
        ("Justice Department on Thursday, December 20", "Justice Department", False),
        ("FBI two weeks ago", "FBI", False),
        ("Theresa May", "Theresa May", False),  # a month alone is no date
        ("APT 28", "APT 28", False),
        ("Tuesday", "Tuesday", True),
        ("last week", "last week", True),
        ("on Monday", "on Monday", True),
        ("in May 2017", "in May 2017", True),
        ("Dec. 12, 2017", "Dec. 12, 2017", True),
        ("North Korea", "North Korea", False),
    ],
)
def test_time_words(name: str, trimmed: str, temporal: bool) -> None:
    assert trim_temporal(name) == trimmed
    assert is_temporal_name(name) is temporal


def _claim(actor: str, target: str, start: int, stance: str = "accuse", **extra) -> Claim:
    return Claim(
        article="a",
        actor=actor,
        actor_type="government",
        affiliation="",
        stance=stance,
        target=target,
        topic="hacking",
        claim="",
        evidence="x",
        start=start,
        end=start + 1,
        confidence=0.85,
        **extra,
    )


HEADLINE = "DOJ charges two hackers\n2024-01-01\n\n"


@pytest.mark.parametrize(
    ("claims", "survivors"),
    [
        # an acronym and the full name in headline and lead: the lead's claim, the fuller name
        ([_claim("DOJ", "two hackers", 0), _claim("Justice Department", "two hackers", 40)], [40]),
        # a post-modifier on the target is still the same target
        (
            [
                _claim("DOJ", "two hackers in a fraud case", 0),
                _claim("Justice Department", "two hackers", 40),
            ],
            [40],
        ),
        # a state and its organ in one headline/lead pair
        (
            [
                _claim("U.S.", "Russian hackers", 0),
                _claim("U.S. intelligence", "Russian military hackers", 40),
            ],
            [40],
        ),
        # different targets stay apart ("China" is not "hackers based in China")
        ([_claim("Researchers", "China", 40), _claim("Researchers", "hackers based in China", 60)], [40, 60]),
        # a possessive is another party ("China" / "China's Ministry of State Security")
        ([_claim("FBI", "China", 40), _claim("FBI", "China's Ministry of State Security", 60)], [40, 60]),
        # different stances and polarity stay apart
        ([_claim("FBI", "China", 40), _claim("FBI", "China", 60, stance="warn")], [40, 60]),
        ([_claim("FBI", "China", 40), _claim("FBI", "China", 60, negated=True)], [40, 60]),
        # a date is never a target; a weekday glued to a name is cut
        ([_claim("Canada", "Tuesday", 40)], []),
        ([_claim("Kremlin Thursday", "Ukraine", 40), _claim("Kremlin", "Ukraine", 0)], [40]),
    ],
)
def test_merge_duplicates(claims: list[Claim], survivors: list[int]) -> None:
    text = HEADLINE + "x" * 100
    merged = merge_duplicates(claims, text)
    assert [c.start for c in merged] == survivors
    if survivors == [40] and len(claims) == 2:
        assert merged[0].actor == max((trim_temporal(c.actor) for c in claims), key=len)


def test_party_key_aliases() -> None:
    assert party_key("DOJ") == party_key("the Justice Department")
    assert party_key("Fancy Bear") == party_key("APT28")
    assert party_key("U.S.") == party_key("U.S. intelligence")
    assert party_key("China") != party_key("Russia")


@given(st.text(max_size=80))
def test_time_trim_is_a_prefix(name: str) -> None:
    trimmed = trim_temporal(name)
    assert name.startswith(trimmed)
    assert trimmed.strip() or not name.strip() or trimmed == name


@given(st.text(max_size=60), st.text(max_size=60))
def test_dateline_end_in_range(prefix: str, line: str) -> None:
    text = prefix + "\n" + line
    start = len(prefix) + 1
    assert start <= dateline_end(text, start, len(text)) <= len(text)
