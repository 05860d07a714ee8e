"""Table-driven extraction tests: several parties in one article — a ministry keeps the state written before
it, "US and German security chiefs" are one speaker per state, a closing "X said" misparsed as a conjunct
still speaks, what a state "opposes" must be a cyber matter, lists of linked parties, and attacks
"supported by" a state or a state-owned body; acronyms written apart from their number ("APT 41"); speakers
with a hyphenated given name ("Park Dae-soo").

Each row of ROWS: (id, text, expected claims, forbidden claims), read as in test_patterns.py.
"""

from __future__ import annotations

import pytest
from extract_support import check_claims

ROWS = [
    (
        "possessive-ministry",
        "Japan's Ministry of Foreign Affairs said Chinese hackers were behind the attack on the port.",
        [("Japan's Ministry of Foreign Affairs", "accuse", "Chinese hackers")],
        [],
    ),
    (
        "spokesperson-with-ministry",
        "A spokesperson with Poland's Ministry of Digital Affairs said there was an attempted cyber attack last"
        " month on their systems originating from Belarus.",
        [("Poland's Ministry of Digital Affairs", "accuse", "Belarus")],
        [],
    ),
    (
        "several-state-chiefs",
        "Russia has hacked into thousands of servers across Germany and may be preparing a wider attack, US and"
        " German security chiefs said in a warning on Monday.",
        [("US security chiefs", "accuse", "Russia"), ("German security chiefs", "accuse", "Russia")],
        [],
    ),
    (
        "trailing-said-conjunct",
        "Iran has breached hundreds of networks in Canada, Canadian officials said in a joint warning on"
        " Friday.",
        [("Canadian officials", "accuse", "Iran")],
        [],
    ),
    (
        "opposes-non-cyber",
        "A security firm in Germany believes Russian hackers were trying to infiltrate a company with links to"
        " a pipeline project that Moscow firmly opposes.",
        [("security firm", "accuse", "Russian hackers")],
        [("security firm", "deny", "Moscow"), ("security firm", "deny", "Russia")],
    ),
    (
        "opposes-cyber-attack",
        "The Vietnamese foreign ministry said on Tuesday the government opposes any form of cyber attack.",
        [("Vietnamese foreign ministry", "deny", "Vietnam")],
        [],
    ),
    (
        "linked-list",
        "Several clues have led to Mandiant assessing with high confidence that the Nightjar malware is linked"
        " to China, the Beijing Institute of Electronics, and a programmer located in Shanghai.",
        [("Mandiant", "accuse", "China"), ("Mandiant", "accuse", "Beijing Institute of Electronics")],
        [],
    ),
    (
        "supported-by-state-owned",
        "The creation of the malware known as Nightjar was supported by a laboratory owned by the Chinese"
        " government, Mandiant reported on Monday.",
        [("Mandiant", "accuse", "laboratory owned by the Chinese government")],
        [],
    ),
    (
        "helped-named-group",
        "Prosecutors said Smith had worked for the Russian military to hack websites. They also alleged that he"
        " helped a Russian hacking group, Cold Wolf Team, to deface websites.",
        [("Prosecutors", "accuse", "Russian military"), ("Prosecutors", "accuse", "Cold Wolf Team")],
        [],
    ),
    (
        "helped-non-attacker",
        "The firm said Microsoft helped the FBI to take down the botnet used in the attacks.",
        [],
        [("firm", "accuse", "FBI")],
    ),
    (
        "tied-description-merged",
        'A hacking group tied to Iran has "launched a phishing campaign against oil firms," researchers at'
        " Mandiant said.",
        [("Mandiant", "accuse", "Iran")],
        [("Mandiant", "accuse", "hacking group tied to Iran")],
    ),
    (
        "supported-by-benign",
        "The investigation into the hack was supported by the Dutch police, the company said.",
        [],
        [("company", "accuse", "Dutch police")],
    ),
    (
        "supported-programme",
        "The new cyber defence programme is supported by the German government, officials said.",
        [],
        [("officials", "accuse", "Germany")],
    ),
    (
        "acronym-with-number",
        "APT 41 was also tied by investigators to the breach at the port.",
        [("investigators", "accuse", "APT 41")],
        [],
    ),
    (
        "acronym-number-in-by-phrase",
        "Investigators blamed FIN 7 for the breach at the port in 2019.",
        [("Investigators", "accuse", "FIN 7")],
        [],
    ),
    (
        "quote-hyphenated-speaker",
        "\u201cWe are nearly sure that Chinese hackers were behind the breach,\u201d Park Dae-soo of the"
        " opposition Green Party said by phone.",
        [("Park Dae-soo", "accuse", "Chinese hackers")],
        [],
    ),
    (
        "hyphenated-speaker-appositive",
        "Lee Min-ho, a lawmaker, said Chinese hackers were behind the breach.",
        [("Lee Min-ho", "accuse", "Chinese hackers")],
        [],
    ),
]

ROWS += [
    (
        "no-self-indictment",
        '"Jane Roe was charged with building and selling the Zeta banking malware," said a spokeswoman for'
        " the U.S. Department of Justice on Monday.",
        [],
        [("U.S. Department of Justice", "accuse", "Department of Justice")],
    ),
    (
        "no-negated-self-denial",
        "Acme Bank blamed the theft on an online attack but said customer records were not exposed as a"
        " result of the breach.",
        [],
        [("Acme Bank", "deny", "Acme Bank")],
    ),
]

# Known misses: a pledge against a threat's source, a warning sent as a "message" inside a quote.
KNOWN_MISSES = [
    (
        "combat-threat-from",
        "The minister said his country was taking steps to combat the cyber threat from Belarus.",
        [("minister", "pledge", "Belarus")],
        [],
    ),
    (
        "message-to",
        'A government spokesman said: "The attribution of this hacking sends a clear message to Belarus."',
        [("spokesman", "warn", "Belarus")],
        [],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected", "forbidden"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_party_patterns(extract, text, expected, forbidden):
    check_claims(extract, text, expected, forbidden)


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="known miss")
@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), [r[1:] for r in KNOWN_MISSES], ids=[r[0] for r in KNOWN_MISSES]
)
def test_known_misses(extract, text, expected, forbidden):
    check_claims(extract, text, expected, forbidden)


SELF_BLAME = [
    ("accuse", False, "U.S. Department of Justice", "Department of Justice", True),
    ("accuse", False, "Acme Bank", "Acme Bank", True),
    ("deny", True, "Acme Bank", "Acme Bank", True),
    ("deny", False, "Beijing", "Beijing", False),  # "Beijing denied it was behind": a real claim
    ("accuse", False, "U.S. Department of Justice", "Jane Roe", False),
    ("accuse", False, "Ministry of Justice", "Justice Dept hackers", False),
]


@pytest.mark.parametrize(("stance", "negated", "actor", "target", "dropped"), SELF_BLAME)
def test_a_party_never_accuses_itself(stance, negated, actor, target, dropped):
    from kg.extract.dedupe import _self_blame

    assert _self_blame(stance, negated, actor, target) is dropped
