"""Table-driven extraction tests, second table: nominal cues, technical terms, generic parties and
threats phrased as refusals to tolerate.

Each row: (id, text, expected claims, forbidden claims), read as in test_patterns.py.
"""

from __future__ import annotations

import pytest
from extract_support import check_claims

pytestmark = pytest.mark.slow

ROWS = [
    # nominal cues: the noun's verb carries the actor, its "against"/"of" object is the target
    (
        "indictment-against",
        "Federal prosecutors in Ohio unsealed an indictment against three Vietnamese hackers over the ransomware"
        " attacks on hospitals.",
        [("prosecutors", "accuse", "Vietnamese hackers")],
        [],
    ),
    (
        "indictment-of-offences",
        "The Justice Department accused the two men in an indictment of hacking, wire fraud and money laundering.",
        [("Justice Department", "accuse", "two men")],
        [("Justice Department", "accuse", "hacking"), ("Justice Department", "accuse", "wire fraud")],
    ),
    (
        "condemnation-of",
        "The Dutch government issued a strong condemnation of Russian military hackers after the attack on the"
        " chemical weapons watchdog.",
        [("Dutch government", "condemn", "Russian military hackers")],
        [],
    ),
    # technical terms hold cue words that state nothing
    (
        "denial-of-service-term",
        "Officials said the gang launched distributed denial of service attacks against the port authority.",
        [],
        [("gang", "deny", "gang"), ("Officials", "deny", "Officials")],
    ),
    (
        "denial-of-service-hyphen",
        "Researchers said the botnet flooded the bank with denial-of-service traffic in a hacking campaign.",
        [],
        [("botnet", "deny", "botnet"), ("Researchers", "deny", "Researchers")],
    ),
    (
        "charge-d-affaires",
        "Canada summoned the Iranian charge d'affaires after the hacking campaign against its ministries.",
        [],
        [("Canada", "accuse", "charge d'affaires")],
    ),
    # "behind" without a determiner still needs parsing; "a foreign power" is a party
    (
        "behind-bare-plural",
        "The agency said in its yearly review that Chinese state hackers were behind cyber-attacks on its"
        " energy grid.",
        [("agency", "accuse", "Chinese state hackers")],
        [],
    ),
    (
        "foreign-power-behind",
        "According to the national cyber agency ANSSI, a foreign power was behind the intrusion into the"
        " ministry's network.",
        [("ANSSI", "accuse", "foreign power")],
        [],
    ),
    # a generic plural ("threat actors") names no party
    (
        "generic-threat-actors",
        "Analysts at Tenable have warned that threat actors increasingly target VPN appliances in hacking"
        " campaigns.",
        [],
        [("Tenable", "accuse", "threat actors"), ("Analysts", "accuse", "threat actors")],
    ),
    # refusing to tolerate, as a threat, is not a denial; as a policy, it is
    (
        "will-not-tolerate-is-no-denial",
        "The minister said the government will not tolerate such hacking by foreign intelligence services.",
        [],
        [("minister", "deny", "government")],
    ),
    (
        "does-not-tolerate-still-denies",
        "A spokesman said Iran does not tolerate or support hacking of any kind.",
        [("spokesman", "deny", "Iran")],
        [],
    ),
    # "attempts to blame X are unfounded": an accusation word makes the allegation that is denied
    (
        "attempts-to-blame-unfounded",
        "The Russian embassy said attempts by American media to blame Russia for the cyberattacks are"
        " unfounded.",
        [("Russian embassy", "deny", "Russia")],
        [],
    ),
    # "the spokesperson" after a named spokesperson is that person
    (
        "spokesperson-anaphora",
        "Russian Foreign Ministry spokeswoman Maria Zakharova spoke on Monday. The"
        " spokeswoman said the claims about the cyberattack were groundless.",
        [("Maria Zakharova", "deny", "Russia")],
        [("spokeswoman", "deny", "spokeswoman")],
    ),
]


@pytest.mark.parametrize(("text", "expected", "forbidden"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_pattern(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    check_claims(extract, text, expected, forbidden)
