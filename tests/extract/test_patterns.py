"""Table-driven extraction tests: one short text per pattern of speaker, target and polarity.

Each row: (id, text, expected claims, forbidden claims). A claim is (actor, stance, target[, negated]);
names match case-insensitively and may be contained in the prediction ("Hong Lei" ~ "spokesman Hong Lei").
A forbidden claim must not come out as a plain (non-negated) claim.
"""

from __future__ import annotations

import pytest
from extract_support import check_claims

pytestmark = pytest.mark.slow

CTX = " The attack was part of a wider hacking campaign."  # a cyber context for neutral sentences

ROWS = [
    # speech verbs in all positions
    (
        "x-said",
        "FireEye said the Lazarus Group was behind the attack on the bank.",
        [("FireEye", "accuse", "Lazarus")],
        [],
    ),
    (
        "said-after",
        "The Lazarus Group was behind the attack on the bank, FireEye said.",
        [("FireEye", "accuse", "Lazarus")],
        [],
    ),
    (
        "said-x",
        "The Lazarus Group was behind the attack on the bank, said John Smith, a researcher at FireEye.",
        [("John Smith", "accuse", "Lazarus")],
        [],
    ),
    (
        "quote-across-sentences",
        "“We studied the malware for months. The Lazarus Group was behind the attack on the bank. There is no doubt,”"
        " Jane Doe said.",
        [("Jane Doe", "accuse", "Lazarus")],
        [],
    ),
    (
        "quote-continues-previous-speaker",
        "James Clapper testified on Thursday about the hacking campaign."
        " “Russia was behind the hack of the DNC,” he said. “And North Korea was behind the attack on Sony.”",
        [("James Clapper", "accuse", "Russia"), ("James Clapper", "accuse", "North Korea")],
        [],
    ),
    (
        "according-to",
        "According to Kaspersky Lab, the Lazarus Group was behind the attack on the bank.",
        [("Kaspersky", "accuse", "Lazarus")],
        [],
    ),
    (
        "assertion-that",
        "The ministry rejected James Clapper's assertion that China and Russia are the biggest cyber threats.",
        [("James Clapper", "accuse", "China"), ("James Clapper", "accuse", "Russia")],
        [],
    ),
    (
        "rebuttal-of",
        "Foreign Ministry spokesman Hong Lei offered similar sentiments in a rebuttal of James Clapper's assertion"
        " that China is behind the hacking of American firms.",
        [("Hong Lei", "deny", "James Clapper"), ("James Clapper", "accuse", "China")],
        [],
    ),
    (
        "nominal-denial",
        "The hacking accusations drew a swift denial from Moscow.",
        [("Moscow", "deny", "Russia")],
        [],
    ),
    (
        "pronoun-he",
        "James Clapper, the US director of national intelligence, spoke to Congress on Thursday."
        " He said Russia was behind the hack of the Democratic National Committee.",
        [("James Clapper", "accuse", "Russia")],
        [],
    ),
    (
        "short-name",
        "Chinese cabinet member Meng Jianzhu met John Kerry. Meng said China does not tolerate cyber attacks.",
        [("Meng Jianzhu", "deny", "China")],
        [],
    ),
    (
        "misspelled-name",
        "Foreign Ministry spokesman Hong Lei spoke on Friday about the hacking claims."
        " “The Chinese government firmly opposes all types of hackers,” said Hong Le.",
        [("Hong Lei", "deny", "China")],
        [],
    ),
    (
        "metonym-beijing",
        "Beijing denied any involvement in the cyber attacks on the agency.",
        [("Beijing", "deny", "China")],
        [],
    ),
    (
        "metonym-kremlin",
        "The Kremlin has described allegations of Russian interference in the election as fabricated." + CTX,
        [("Kremlin", "deny", "Russia")],
        [],
    ),
    (
        "coordinated-speakers",
        "PwC and BAE Systems said APT10 conducted the espionage campaign.",
        [("PwC", "accuse", "APT10"), ("BAE Systems", "accuse", "APT10")],
        [],
    ),
    (
        "multi-target",
        "James Clapper said China and Russia are the biggest cyber threats to the US.",
        [("James Clapper", "accuse", "China"), ("James Clapper", "accuse", "Russia")],
        [],
    ),
    (
        "led-to-conclude",
        "Forensic analysis of the malware led PwC to conclude that the hacking group was based in China.",
        [("PwC", "accuse", "China")],
        [],
    ),
    (
        "by-x-relative",
        "The IAAF said the group known as Fancy Bear, which has been linked by western governments to a Russian"
        " spy agency, was behind the attack.",
        [
            ("western governments", "accuse", ("Russian spy agency", "Russia")),
            ("IAAF", "accuse", "Fancy Bear"),
        ],
        [],
    ),
    (
        "attributed-to",
        "In a statement, the IAAF attributed the attack to the Fancy Bear group.",
        [("IAAF", "accuse", "Fancy Bear")],
        [],
    ),
    (
        "emanating-from",
        "Obama said there are certain practices emanating from China that are part of the hacking.",
        [("Obama", "accuse", "China")],
        [],
    ),
    (
        "accused-of",
        "United States intelligence agencies accused Russia of interfering in the election." + CTX,
        [("United States intelligence agencies", "accuse", "Russia")],
        [],
    ),
    (
        "blamed-for",
        "Ciphr blames a rival company for the data breach.",
        [("Ciphr", "accuse", "rival company")],
        [],
    ),
    (
        "denied-responsibility",
        "Dun & Bradstreet has denied responsibility for the leak.",
        [("Dun & Bradstreet", "deny", "Dun & Bradstreet")],
        [],
    ),
    (
        "threatening",
        "The Shadow Brokers have been threatening the U.S. government with new leaks of hacking tools.",
        [("Shadow Brokers", "warn", "United States")],
        [],
    ),
    (
        "linked-to",
        "Michael Gorelik said the employees were hacked by attackers linked to Iran.",
        [("Michael Gorelik", "accuse", "Iran")],
        [],
    ),
    (
        "the-company",
        "Cybersecurity firm F-Secure published research on Thursday about the hacking campaign."
        " The company says the domains were created by hackers that it calls the Callisto Group.",
        [("F-Secure", "accuse", "Callisto Group")],
        [],
    ),
    (
        "indictment-two-men",
        "Two Iranian men face charges over the ransomware attack, the Justice Department said."
        " The indictment accuses the two men of creating the SamSam ransomware.",
        [("Justice Department", "accuse", "Two Iranian men")],
        [],
    ),
    (
        "whose-researchers",
        "The attacks were confirmed by security firm Trend Micro, whose researchers found links to a cyber"
        " espionage group it has dubbed Pawn Storm.",
        [("Trend Micro", "accuse", "Pawn Storm")],
        [],
    ),
    (
        "rumours-from",
        "There are rumors, emanating from a Western intelligence agency, that the Russian hacking group APT28"
        " is behind the attack.",
        [("Western intelligence agency", "accuse", "APT28")],
        [],
    ),
    # non-accusing senses
    (
        "linked-to-ip",
        "Two of the phishing domains were linked to the same IP address, F-Secure said." + CTX,
        [],
        [("F-Secure", "accuse", "IP address")],
    ),
    (
        "told-reuters",
        "The company told Reuters that Russian hackers were behind the attack on its servers.",
        [],
        [("company", "accuse", "Reuters")],
    ),
    (
        "firm-based-in",
        "The fake job advert was for Luno, an exchange based in London, according to the researchers." + CTX,
        [],
        [("researchers", "accuse", "London")],
    ),
    # hedged accusation: still an accusation
    (
        "hedged",
        "Sources said the hackers were probably linked to Russia although that could not be proved.",
        [("Sources", "accuse", "Russia")],
        [],
    ),
    # refusals and doubts: no accusation
    (
        "declined-to-say",
        "The National Cyber Security Centre declined to say who was behind the attack.",
        [],
        [("National Cyber Security Centre", "accuse", ("attack", "who"))],
    ),
    (
        "could-not-confirm",
        "The source could not confirm that Russia was behind the attack on the ministry.",
        [],
        [("source", "accuse", "Russia")],
    ),
    (
        "no-evidence",
        "The police chief said there was no evidence they had acted on behalf of foreign states." + CTX,
        [],
        [("police chief", "accuse", "foreign states")],
    ),
    (
        "too-early",
        "Experts said it is too early to tell whether North Korea was behind the attack.",
        [],
        [("Experts", "accuse", "North Korea")],
    ),
    # acknowledgement: claimed responsibility in any tense, and the speaker's own deed
    (
        "claims-responsibility",
        "A group calling itself Iron Wolves claims responsibility for the ransomware attack on the port.",
        [("Iron Wolves", "acknowledge", "ransomware attack")],
        [],
    ),
    (
        "took-credit",
        "The Lizard Gang took credit for the outage at the telecom operator." + CTX,
        [("Lizard Gang", "acknowledge", "outage")],
        [],
    ),
    (
        "said-it-carried-out",
        "A hacktivist collective called Red Rooks said on Telegram that it carried out the cyberattack.",
        [("Red Rooks", "acknowledge", "cyberattack")],
        [("Red Rooks", "accuse", "Red Rooks")],
    ),
    (
        "group-name-by-last-word",
        "The Crimson Hackers claimed responsibility for the hack. The group has threatened more attacks.",
        [("Crimson Hackers", "acknowledge", "hack")],
        [],
    ),
    # speakers named indirectly
    (
        "report-by-x-reveals",
        "A report by the National Cyber Security Centre reveals that the Sandworm group hacked the power company.",
        [("National Cyber Security Centre", "accuse", "Sandworm")],
        [],
    ),
    (
        "participle-saying",
        "The FBI issued an alert on Monday, saying the intrusions were carried out by the Lazarus Group.",
        [("FBI", "accuse", "Lazarus")],
        [],
    ),
    (
        "agency-then-person",
        "Interior Ministry Anna Kowalski said Russia was behind the attack on the railways.",
        [("Anna Kowalski", "accuse", "Russia")],
        [],
    ),
    (
        "embassy-speaks",
        "The Russian embassy in Berlin issued a statement, accusing Germany of staging the hacking scandal.",
        [("Russian embassy", "accuse", "Germany")],
        [],
    ),
    # targets
    (
        "point-the-finger",
        "The ministry pointed the finger at Iran for the cyberattack on its water plants.",
        [("ministry", "accuse", "Iran")],
        [],
    ),
    (
        "affiliated-with",
        "Officials said the hackers were affiliated with the Russian military intelligence agency GRU.",
        [("Officials", "accuse", "GRU")],
        [],
    ),
    (
        "front-for",
        "The agency identified Cyber Army Z as a front for the Sandworm hacking group.",
        [("agency", "accuse", "Sandworm")],
        [],
    ),
    (
        "x-as-the-origin",
        "Investigators say they are treating North Korea as the origin of the intrusion.",
        [("Investigators", "accuse", "North Korea")],
        [],
    ),
    (
        "linked-to-the-act",
        "Police said they had arrested a Latvian man linked to the breach at the retailer.",
        [("Police", "accuse", "Latvian man")],
        [],
    ),
    (
        "members-of",
        "Prosecutors charged three members of the Fin7 group over the hacking campaign.",
        [("Prosecutors", "accuse", "three members of the Fin7 group")],
        [],
    ),
    (
        "actors-within",
        "The agency said the attacks were conducted by actors within the Iranian government.",
        [("agency", "accuse", "actors within the Iranian government")],
        [],
    ),
    (
        "warned-that-x",
        "The minister warned that Russia would pay a price for the hacking.",
        [("minister", "warn", "Russia")],
        [],
    ),
    (
        "no-evidence-of-involvement",
        "The ministry said it had found no evidence of government involvement in the hacking.",
        [("ministry", "deny", "ministry")],
        [("ministry", "accuse", "ministry")],
    ),
    (
        "no-named-involvement",
        "The Kremlin said there was no Russian involvement in the cyber attacks.",
        [("Kremlin", "deny", "Russia")],
        [("Kremlin", "accuse", "Russia")],
    ),
    # negation and hypothesis: negated or nothing, never a plain accusation
    (
        "did-not-blame",
        "The United States did not blame Russia for the hacking attack.",
        [],
        [("United States", "accuse", "Russia")],
    ),
    (
        "may-accuse",
        "Washington may accuse Beijing of the hacking attack on its agencies.",
        [],
        [("Washington", "accuse", "China")],
    ),
    (
        "not-believed-connected",
        "The Department of Justice said the hackers are not believed to be connected to the Iranian government.",
        [],
        [("Department of Justice", "accuse", ("Iran", "Iranian government"))],
    ),
    # definite descriptions standing for the organisation named before
    (
        "description-security-firm",
        "Dragos said on Monday that it had studied the malware used in the intrusion."
        " The security firm said the Sandworm group was behind the attack.",
        [("Dragos", "accuse", "Sandworm")],
        [("security firm", "accuse", "Sandworm")],
    ),
    (
        "description-located-company",
        "Kaspersky Lab published its findings on the espionage campaign on Tuesday."
        " The Moscow-based company said the Equation Group was behind the operation.",
        [("Kaspersky Lab", "accuse", "Equation Group")],
        [],
    ),
    (
        "description-platform-after-claim",
        "Wickr blamed a rival company for the leak of its customer data."
        " The privacy platform says the dump was not the result of a data breach.",
        [("Wickr", "deny", "data breach")],
        [("privacy platform", "deny", "data breach")],
    ),
    (
        "description-agency",
        "The Cybersecurity and Infrastructure Security Agency issued an alert about the hacking campaign."
        " The agency blamed Iran for the intrusions.",
        [("Cybersecurity and Infrastructure Security Agency", "accuse", "Iran")],
        [],
    ),
    (
        "description-with-own-name",
        "Dragos said it had studied the malware used in the intrusion."
        " The security firm CrowdStrike said Russia was behind the attack.",
        [("CrowdStrike", "accuse", "Russia")],
        [("Dragos", "accuse", "Russia")],
    ),
    (
        "description-other-points-elsewhere",
        "Microsoft said it had found the intrusion in its network. The other company blamed Russia for the attack.",
        [],
        [("Microsoft", "accuse", "Russia")],
    ),
    (
        "description-incompatible-kind",
        "Microsoft said it had found the intrusion in its network. The ministry blamed Russia for the attack.",
        [],
        [("Microsoft", "accuse", "Russia")],
    ),
    (
        "description-plural-not-one",
        "Mandiant said it had found the intrusion. The authorities blamed Russia for the attack.",
        [],
        [("Mandiant", "accuse", "Russia")],
    ),
    # acronyms introduced in parentheses, or by the initials of a name written before
    (
        "acronym-in-parentheses",
        "The Digital Threat Analysis Center (DTAC) studied the intrusions in detail."
        " DTAC said the hacking campaign was linked to Iran.",
        [("Digital Threat Analysis Center", "accuse", "Iran")],
        [],
    ),
    (
        "acronym-by-initials",
        "Experts at the Acme Threat Research Unit examined the phishing campaign."
        " TRU says the code has links to the Lazarus Group.",
        [("Acme Threat Research Unit", "accuse", "Lazarus")],
        [],
    ),
    (
        "proper-name-ending-in-unit",
        "The phishing campaign was tied to North Korea, analysts at Acme Threat Research Unit warn.",
        [("Acme Threat Research Unit", "accuse", "North Korea")],
        [],
    ),
    # accusation idioms
    (
        "pin-on-gerund-of-subject",
        "Even the Canadian government, for all its technical resources, took criticism for trying to pin"
        " the 2019 cyberattack on Iran.",
        [("Canadian government", "accuse", "Iran")],
        [],
    ),
    (
        "traced-back-to",
        "Investigators said the intrusion was traced back to North Korea.",
        [("Investigators", "accuse", "North Korea")],
        [],
    ),
    (
        "bears-the-hallmarks",
        "Analysts at ESET said the attack bears the hallmarks of the Sandworm group.",
        [("ESET", "accuse", "Sandworm")],
        [],
    ),
    (
        "consistent-with",
        "FireEye said the tools were consistent with those used by APT33.",
        [("FireEye", "accuse", "APT33")],
        [],
    ),
    (
        "hallmarks-of-no-party",
        "FireEye said the attack bears the hallmarks of a well-funded operation.",
        [],
        [("FireEye", "accuse", "operation")],
    ),
    (
        "name-given-by",
        "Grizzly Steppe is the name given by the US government to efforts by Russian civilian and military"
        " intelligence services to compromise networks associated with the US election.",
        [("US government", "accuse", ("Russia", "Russian civilian and military intelligence services"))],
        [],
    ),
    # an organisation reporting attacks on itself from a place
    (
        "attacks-on-self-from-place",
        "Pfizer said it had been targeted by attacks from locations inside Russia.",
        [("Pfizer", "accuse", "Russia")],
        [],
    ),
    (
        "attacks-from-place-on-verb",
        "In March, a Pfizer official told reporters the firm was facing thousands of attacks on its servers"
        " from addresses in Iran.",
        [("Pfizer", "accuse", "Iran")],
        [],
    ),
    # headlines: a clear attribution is a claim, a report of an act is not
    (
        "headline-attribution",
        "Kaspersky Links North Korean IP Address to Lazarus\n2018-01-01\n\nThe bank was hit by phishing.",
        [("Kaspersky", "accuse", "Lazarus")],
        [],
    ),
    (
        "headline-title-case-verb",
        "US Blames North Korea For WannaCry Attack\n2018-01-01\n\nThe bank was hit by phishing.",
        [("US", "accuse", "North Korea")],
        [],
    ),
    (
        "headline-report-only",
        "Hackers Exploited Word Flaw\n2018-01-01\n\nThe bank was hit by a phishing campaign, the company said.",
        [],
        [("Hackers", "accuse", "Word"), ("company", "accuse", "Hackers")],
    ),
]


@pytest.mark.parametrize(("text", "expected", "forbidden"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_pattern(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    check_claims(extract, text, expected, forbidden)
