"""Table-driven extraction tests, precision table: general statements that accuse nobody in particular,
subjects that negate their act, blame about non-cyber matters or an office's duty, names of state organs
and of titled officials, hyphenated acts, conference datelines, Title Case headlines, and relative clauses
whose own subject says the attribution.

Each row of ROWS: (id, text, expected claims, forbidden claims), read as in test_patterns.py; an expected
claim may carry a fourth item, its ``negated`` value.
"""

from __future__ import annotations

import pytest
from extract_support import check_claims

ROWS = [
    # an indefinite party with nothing that picks one out is no target: a general statement
    (
        "specific-actor",
        'An analyst told the BBC: "It is very hard to attribute a cyberattack on a bank to a specific actor."',
        [],
        [("analyst", "accuse", "specific actor"), ("BBC", "accuse", "specific actor")],
    ),
    (
        "an-attacker",
        "Experts say it is often impossible to blame an attacker for a ransomware breach with certainty.",
        [],
        [("Experts", "accuse", "attacker")],
    ),
    (
        "particular-nation",
        "The ministry said the hacking of the port could not yet be pinned on any particular nation.",
        [],
        [("ministry", "accuse", "nation")],
    ),
    # ... while a described or named party still is
    (
        "described-attacker-kept",
        "The ministry blamed a Chinese hacking group for the attack on the port.",
        [("ministry", "accuse", "Chinese hacking group")],
        [],
    ),
    # a negated quantifier as subject negates the act
    (
        "neither-country",
        "The worm is widely thought to be a Chinese and Russian creation, though neither country has admitted"
        " being behind the attack.",
        [("neither country", "acknowledge", "attack", True)],
        [("neither country", "acknowledge", "attack")],
    ),
    (
        "none-of-the-groups",
        "None of the ransomware groups has claimed responsibility for the breach at the hospital.",
        [],
        [("None of the ransomware groups", "acknowledge", "breach")],
    ),
    # sanctions for non-cyber matters accuse nobody of an attack
    (
        "sanctions-nuclear",
        "Officials said the hacking came as Washington reimposed sanctions on Iran once lifted by the nuclear"
        " deal.",
        [],
        [("Washington", "accuse", "Iran"), ("Officials", "accuse", "Iran")],
    ),
    (
        "sanctions-annexation",
        "The cyber protest comes as the EU imposes new sanctions on Russia over the annexation of Crimea.",
        [],
        [("EU", "accuse", "Russia")],
    ),
    (
        "sanctions-over-hack-kept",
        "The Treasury imposed sanctions on North Korea over the hack of the film studio.",
        [("Treasury", "accuse", "North Korea")],
        [],
    ),
    # a known body compounded with sanctions imposes them, whoever tweets in the sentence
    (
        "sanctions-imposer",
        "The minister and his deputy both tweeted about the attack on Sunday, the same day EU sanctions on"
        " Russia took effect.",
        [("EU", "accuse", "Russia")],
        [("minister", "accuse", "Russia")],
    ),
    # an office's duty is no responsibility for an attack
    (
        "responsible-for-duty",
        "Iran is being blamed for the breach of the mail server, according to Danish intelligence. A spokesman"
        " for the Federal Cyber Office, the government body responsible for helping to counter attacks,"
        ' said: "It would be wrong to speculate while inquiries continue."',
        [("Danish intelligence", "accuse", "Iran")],
        [("Danish intelligence", "accuse", "government body"), ("Federal Cyber Office", "accuse", "body")],
    ),
    # a state's organ keeps the state's word; the official after a title is the person
    (
        "defence-forces",
        "Finland Defence Forces said they had repelled a cyber attack launched by Russia.",
        [("Finland Defence Forces", "accuse", "Russia")],
        [],
    ),
    (
        "revolutionary-guard",
        "The Iranian Revolutionary Guard accused the United States of hacking its networks.",
        [("Iranian Revolutionary Guard", "accuse", "United States")],
        [],
    ),
    (
        "security-council",
        "The Russian Security Council blamed Ukraine for the cyberattack on the bank.",
        [("Russian Security Council", "accuse", "Ukraine")],
        [],
    ),
    (
        "office-before-title",
        "Iranian Telecommunication Minister Mohammad Javad Azeri Jahromi accused the United States of the"
        " cyberattack.",
        [("Mohammad Javad Azeri Jahromi", "accuse", "United States")],
        [("Telecommunication Mohammad", "accuse", "United States")],
    ),
    # a hyphenated act is one act
    (
        "counter-hack",
        "The NotPetya group claimed to have launched a counter-hack.",
        [("NotPetya group", "acknowledge", "counter-hack")],
        [("NotPetya group", "acknowledge", "counter")],
    ),
    (
        "counter-attack-against",
        "A group of hackers claims to have carried out a counter-attack against the spies.",
        [("group of hackers", "acknowledge", "counter-attack")],
        [("group of hackers", "acknowledge", "a counter")],
    ),
    # a conference dateline says nothing
    (
        "conference-dateline",
        "CYBER DEFENSE SUMMIT 2019 – Berlin – Researchers from ESET today revealed that a hacking group behind"
        " the attacks on Ukrainian banks posed as a Chinese group to fool investigators.",
        [("ESET", "accuse", "hacking group")],
        [("SUMMIT", "accuse", "hacking group"), ("Berlin", "accuse", "hacking group")],
    ),
    # a Title Case headline is parsed in sentence case: the accused is the name, not the charge
    (
        "headline-sentence-case",
        "Japan Accuses China of Launching Cyberattack on Its Defense Networks\n2019-01-01\n\n"
        "Japan said on Monday that China hacked its networks.",
        [("Japan", "accuse", "China")],
        [("Japan", "accuse", "China of Launching Cyberattack")],
    ),
    (
        "headline-gerund-charge",
        "US Accuses North Korea of Stealing Millions From Banks\n2019-01-01\n\nThe US said so on Monday.",
        [("US", "accuse", "North Korea")],
        [("US", "accuse", "North Korea of Stealing Millions")],
    ),
    # ... and a reduced passive headline still has no actor once in sentence case
    (
        "headline-reduced-passive",
        "Turla Hackers Linked to Russian Intelligence\n2019-01-01\n\nThe report said so on Monday.",
        [],
        [("Turla hackers", "accuse", ("Russia", "Russian intelligence"))],
    ),
    # the subject of a relative clause says the attribution, not the outer speaker who did not say
    (
        "relative-clause-subject",
        "While Mandiant didn't say who was behind the wiper, it did say the code shared traits with Shamoon,"
        " which erased thousands of computers at Saudi Aramco in 2012, an attack Washington linked to Iran at"
        " the time.",
        [(("Washington", "United States"), "accuse", "Iran")],
        [("Mandiant", "accuse", "Iran")],
    ),
    (
        "reduced-relative-subject",
        "While Dragos didn't say who was behind Trisis, it did say the malware shared code with Industroyer,"
        " which shut down a large part of Kyiv's grid in 2016, an attack Ukraine linked to Russia at the time.",
        [("Ukraine", "accuse", "Russia")],
        [("Dragos", "accuse", "Russia")],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), [row[1:] for row in ROWS], ids=[row[0] for row in ROWS]
)
def test_general(extract, text: str, expected: list, forbidden: list) -> None:
    check_claims(extract, text, expected, forbidden)
