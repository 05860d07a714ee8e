"""Table-driven extraction tests: disputes without a deny verb ("there is no proof that X is responsible",
"described her allegations as groundless"), the party reproached for an accusation ("criticised X for
blaming Y"), a report that "connects" a group to attacks, "media reports say", what researchers
"discovered", an official named after the last title word, a place under "on" as the victim, and a party
a negated verb of naming leaves unnamed.

Each row of ROWS: (id, text, expected claims, forbidden claims), read as in test_patterns.py.
"""

from __future__ import annotations

import pytest
from extract_support import check_claims

ROWS = [
    (
        "no-proof-is-denial",
        '"There is no proof at all that Belarusian state bodies are responsible for the alleged hacking,"'
        " wrote spokesman Ivan Petrov.",
        [("Ivan Petrov", "deny", "Belarusian state bodies")],
        [("Ivan Petrov", "accuse", "Belarusian state bodies")],
    ),
    (
        "no-evidence-proving-involvement",
        "Acme Lab said it has not been shown any evidence proving its involvement in the hack.",
        [("Acme Lab", "deny", "Acme Lab")],
        [],
    ),
    (
        "describes-anothers-allegations",
        "Estonian officials hit back at the Finnish president for accusing Tallinn of cyber espionage."
        " Estonian officials said the president had embarrassed herself and described her allegations as"
        " groundless.",
        [("Finnish president", "accuse", "Estonia"), ("Estonian officials", "deny", "Estonia")],
        [("Estonian officials", "accuse", "Estonia"), ("president", "deny", "president")],
    ),
    (
        "retort-to-accusation",
        "Latvian officials hit back at Danish Prime Minister Lars Holm for accusing Riga of cyber espionage.",
        [("Latvian officials", "deny", "Latvia"), ("Lars Holm", "accuse", "Latvia")],
        [("Latvian officials", "accuse", "Latvia")],
    ),
    (
        "hit-back-with-attack",
        "The hackers hit back at the bank with a second cyberattack on Monday, the firm said.",
        [],
        [("hackers", "deny", "hackers"), ("firm", "deny", "bank")],
    ),
    (
        "reproached-for-blaming",
        "Beijing criticised Washington for blaming China for the hack.",
        [("Washington", "accuse", "China")],
        [("Beijing", "accuse", "China")],
    ),
    (
        "name-after-last-title",
        "Weeks before the vote, Slovak Foreign Minister Jan Novak has told reporters that his ministry's"
        " email system was hacked. Later, Novak said Hungarian hackers were behind the attack.",
        [("Jan Novak", "accuse", "Hungarian hackers")],
        [("Slovak Foreign Jan Novak", "accuse", "Hungarian hackers")],
    ),
    (
        "negated-naming-leaves-unnamed",
        "While Novak didn't specify the country he thought might be behind the attack, U.S. officials have"
        " accused Russia of involvement in the theft of emails last year.",
        [("U.S. officials", "accuse", "Russia")],
        [("Novak", "accuse", "United States"), ("Novak", "accuse", "country")],
    ),
    (
        "report-connects-group",
        "The Mandiant report connects APT99 to other attacks dating back to 2015.",
        [("Mandiant", "accuse", "APT99")],
        [],
    ),
    (
        "links-doers-to-act",
        "Researchers tied APT99 to the 2016 attacks on the power grid.",
        [("Researchers", "accuse", "APT99")],
        [("Researchers", "accuse", "power grid"), ("Researchers", "accuse", "attacks")],
    ),
    (
        "media-reports-say",
        "Media reports say hackers backed by the Chinese government stole secret files from the navy.",
        [("Media reports", "accuse", "China")],
        [],
    ),
    (
        "discovered-campaign-origin",
        "Security researchers at Mandiant have discovered a sophisticated hacking campaign originating from"
        " Vietnam that was able to penetrate banks in Asia.",
        [("Mandiant", "accuse", "Vietnam")],
        [],
    ),
    (
        "discovered-own-breach",
        "The company discovered the breach in May and informed customers.",
        [],
        [("company", "accuse", "breach")],
    ),
    (
        "victim-under-on",
        'Hackers hit Spain. In a message, the group told Vice: "We were tired of attacks from'
        ' government-backed hackers on Spain and other countries."',
        [],
        [("group", "accuse", "Spain")],
    ),
]

# Known miss: a firm's naming of the group ("is calling the group responsible X").
KNOWN_MISSES = [
    (
        "calling-the-group",
        "Mandiant is calling the group responsible for the intrusion, Ocean Lotus.",
        [("Mandiant", "accuse", "Ocean Lotus")],
        [],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected", "forbidden"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_dispute_patterns(extract, text, expected, forbidden):
    check_claims(extract, text, expected, forbidden)


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="known miss")
@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), [r[1:] for r in KNOWN_MISSES], ids=[r[0] for r in KNOWN_MISSES]
)
def test_known_misses(extract, text, expected, forbidden):
    check_claims(extract, text, expected, forbidden)
