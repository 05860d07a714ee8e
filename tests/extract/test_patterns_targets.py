"""Table-driven extraction tests, target table: where the accused party sits inside idioms and nominal
objects ("pointed the finger of blame at X", "suspected the involvement of X"), and what is never the
accused (the victims an attack took data from).

Each row of ROWS: (id, text, expected claims, forbidden claims), read as in test_patterns.py.
"""

from __future__ import annotations

import pytest
from extract_support import check_claims

ROWS = [
    # "the finger of blame": blame is the allegation, the party is the object of "at" on the verb
    (
        "finger-of-blame",
        "Senator John Kerr pointed the finger of blame at Iran for the cyberattack on the port.",
        [("John Kerr", "accuse", "Iran")],
        [("John Kerr", "accuse", "blame")],
    ),
    (
        "finger-at",
        "The Dutch defence minister on Monday pointed the finger at Moscow over the hacking of the agency.",
        [("Dutch defence minister", "accuse", ("Russia", "Moscow"))],
        [],
    ),
    (
        "blame-on",
        "Interior Minister Ana Ortiz laid the blame on Venezuelan hackers for the breach of the tax office.",
        [("Ana Ortiz", "accuse", "Venezuelan hackers")],
        [("Ana Ortiz", "accuse", "blame")],
    ),
    # the party whose involvement, role or hand is suspected
    (
        "suspected-involvement-of",
        "Germany had earlier said it suspected the possible involvement of Russia in the hacking, and had"
        " sought help from France.",
        [("Germany", "accuse", "Russia")],
        [("Germany", "accuse", "involvement")],
    ),
    (
        "suspect-possessed-role",
        "Investigators in Oslo suspect Beijing's role in the intrusion at the parliament.",
        [("Investigators", "accuse", ("China", "Beijing"))],
        [("Investigators", "accuse", "role")],
    ),
    # "X is a front for ...": X is accused when its master has no name; a named master is the accused
    (
        "front-unnamed-master",
        "According to British officials, Ghost Bear is a front for Kremlin-backed spies.",
        [
            ("British officials", "accuse", "Ghost Bear"),
            ("British officials", "accuse", ("Russia", "Kremlin")),
        ],
        [],
    ),
    (
        "front-named-master",
        'Earlier this year, the agency identified Zarya as a front for a Russian hacking group dubbed "Sandworm"'
        " which has been linked to the GRU.",
        [("agency", "accuse", "Sandworm")],
        [("agency", "accuse", "Zarya")],
    ),
    # claims of responsibility: a gerund act, and the speaker placed behind the act
    (
        "responsibility-for-gerund",
        "The hacker collective Red Owl claimed responsibility on Telegram for hacking into the"
        " ministry’s public website on Friday to protest the new tax.",
        [("Red Owl", "acknowledge", "ministry’s public website")],
        [],
    ),
    (
        "claimed-it-was-behind",
        "The group NullSec claimed they were behind the attack on the airline.",
        [("NullSec", "acknowledge", "attack on the airline")],
        [("NullSec", "accuse", "NullSec")],
    ),
    (
        "said-he-was-behind",
        "The hacker, who calls himself Phantom, said he was behind the breach of the ministry's servers.",
        [("Phantom", "acknowledge", "breach")],
        [],
    ),
    (
        "said-it-was-responsible",
        "The hacker group NullSec said it was responsible for the attack on the airline.",
        [("NullSec", "acknowledge", "attack on the airline")],
        [],
    ),
    # ... while another party placed behind an act is still accused
    (
        "other-behind",
        "Officials said North Korea was behind the attack on the airline.",
        [("Officials", "accuse", "North Korea")],
        [("Officials", "acknowledge", "attack on the airline")],
    ),
    # "the government in Tehran", "the regime in Pyongyang": the state of the seat ("in" may hang on the verb)
    (
        "government-in-capital",
        "The hacking was done on behalf of the government in Tehran, prosecutors said.",
        [("prosecutors", "accuse", "Iran")],
        [],
    ),
    (
        "regime-in-capital",
        "The hacks were carried out at the behest of the regime in Pyongyang, the researchers said.",
        [("researchers", "accuse", "North Korea")],
        [],
    ),
    # a pledge to prosecute a described class: the class is its object, not one more accused party
    (
        "will-prosecute-class",
        'Officials "will relentlessly pursue and prosecute criminal hackers who try to steal our research,"'
        " Attorney General Mark Hale said at a briefing on the cyber intrusions.",
        [("Mark Hale", "pledge", "criminal hackers")],
        [("Mark Hale", "accuse", "criminal hackers")],
    ),
    # "arrested the men behind the attack" parsed with "behind" on the verb: the men, not the police
    (
        "behind-on-verb",
        "Police in Spain arrested the men behind the attack on the bank, the ministry said.",
        [],
        [("ministry", "accuse", "Police")],
    ),
    # "The statement added: ..." speaks for the last speaker; "the fact that X will not tolerate" is X's
    # clause, and "its partners" speak only through the state they are coordinated with
    (
        "statement-added",
        "Minister Jane Roe said Moscow was responsible for the cyberattack on the port.\nThe statement added:"
        ' "The decision to publicly attribute this incident underlines the fact that Canada and its partners'
        ' will not tolerate malicious cyber activity."',
        [("Jane Roe", "accuse", "Russia"), ("Jane Roe", "warn", "malicious cyber activity")],
        [("its partners", "warn", "malicious cyber activity"), ("fact", "warn", "malicious cyber activity")],
    ),
    # what attacks take data from is their victim, not their origin
    (
        "took-from-victims",
        "The cyber attacks, which began in 2014, took 10 terabytes of research from 30 U.S. universities,"
        " the Justice Department said.",
        [],
        [("Justice Department", "accuse", "United States")],
    ),
    # ... while attacks coming from a place are still traced there
    (
        "facing-attacks-from",
        "The party said it was facing thousands of attacks on its servers from locations inside Russia.",
        [("party", "accuse", "Russia")],
        [],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), [row[1:] for row in ROWS], ids=[row[0] for row in ROWS]
)
def test_targets(extract, text: str, expected: list, forbidden: list) -> None:
    check_claims(extract, text, expected, forbidden)


# Known misses (strict: a fix turns them into failures to move into ROWS).
KNOWN_MISSES = [
    # no cue: distrust as an accusation
    (
        "cannot-be-trusted",
        'Senator Ann Cole said that Avast "cannot be trusted to protect critical infrastructure" after the'
        " hacking reports.",
        [("Ann Cole", "accuse", "Avast")],
        [],
    ),
    # a finding of an investigation by X, the accused set off after a colon
    (
        "investigation-by-found",
        "But a months-long investigation by the security firm Mandiant found that Ortiz was among several"
        " activists likely targeted by a far more capable actor: Russia.",
        [("Mandiant", "accuse", "Russia")],
        [],
    ),
]


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="known miss")
@pytest.mark.parametrize(
    ("text", "expected", "forbidden"),
    [row[1:] for row in KNOWN_MISSES],
    ids=[row[0] for row in KNOWN_MISSES],
)
def test_known_misses(extract, text: str, expected: list, forbidden: list) -> None:
    check_claims(extract, text, expected, forbidden)
