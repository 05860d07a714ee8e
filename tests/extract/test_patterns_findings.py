"""Table-driven extraction tests, findings table: conclusions spoken in the first person plural, persons
named as doers in a charge, groups named only by name, targets cut before the charge, deeds claimed as
one's own, several governments speaking at once, and denials of a named state's involvement.

Each row of ROWS: (id, text, expected claims, forbidden claims), read as in test_patterns.py. Each row
of AFFILIATIONS: (id, text, actor, the affiliation it must have).
"""

from __future__ import annotations

import pytest
from extract_support import check_claims, names_match

ROWS = [
    # findings in the first person plural belong to whoever says them
    (
        "we-concluded-quote",
        "“We have concluded that the Russian intelligence agencies were behind the hacking of the party's"
        " emails,” the FBI said in a statement.",
        [("FBI", "accuse", "Russian intelligence agencies")],
        [("We", "accuse", "Russian intelligence agencies")],
    ),
    (
        "we-concluded-after",
        "We have concluded that Chinese state hackers were behind the breach, the Dutch government said.",
        [("Dutch government", "accuse", "Chinese state hackers")],
        [],
    ),
    (
        "investigators-concluded",
        "Investigators concluded that North Korean hackers carried out the attack on the bank.",
        [("Investigators", "accuse", "North Korean hackers")],
        [],
    ),
    (
        "assessed-high-confidence",
        "US intelligence agencies assessed with high confidence that Russia was behind the hacking.",
        [("US intelligence agencies", "accuse", "Russia")],
        [],
    ),
    (
        "worked-for",
        "Investigators have concluded that the hackers worked for Iran's Revolutionary Guard.",
        [("Investigators", "accuse", "Revolutionary Guard")],
        [],
    ),
    (
        "worked-for-not-company",
        "Analysts said the attackers worked for Microsoft before the breach.",
        [],
        [("Analysts", "accuse", "Microsoft")],
    ),
    (
        "worked-for-weeks",
        "The company said its engineers worked for weeks to restore the hacked systems.",
        [],
        [("company", "accuse", "weeks")],
    ),
    # a person named as the doer in a charge
    (
        "prosecutors-allege-person",
        "The Justice Department charged Park Jin Hyok. Prosecutors allege Park conspired to conduct"
        " attacks on hospitals and banks.",
        [(("Prosecutors", "Justice Department"), "accuse", "Park Jin Hyok")],
        [],
    ),
    (
        "prosecutors-said-person",
        "Prosecutors said John Smith deployed ransomware against the city's network.",
        [("Prosecutors", "accuse", "John Smith")],
        [],
    ),
    (
        "researcher-person-not-doer",
        "Researchers said John Smith found the vulnerability and exploited it in a demo of the attack.",
        [],
        [("Researchers", "accuse", "John Smith")],
    ),
    # a group named only by name as the subject of an attack verb
    (
        "group-name-stole",
        "Security researchers said the attack was part of a wider campaign. Lazarus stole $81 million from"
        " the central bank, the researchers found.",
        [("researchers", "accuse", "Lazarus")],
        [],
    ),
    (
        "group-name-targeted",
        "Microsoft said Fancy Bear targeted the campaign of Emmanuel Macron.",
        [("Microsoft", "accuse", "Fancy Bear")],
        [],
    ),
    (
        "company-name-deployed",
        "The company said Microsoft deployed a patch for the flaw after the attack.",
        [],
        [("company", "accuse", "Microsoft")],
    ),
    # the charge is no part of the accused's name
    (
        "target-cut-of-gerund",
        "The Justice Department accused Chinese hackers of stealing data from hospitals in Texas.",
        [("Justice Department", "accuse", "Chinese hackers")],
        [("Justice Department", "accuse", "Chinese hackers of stealing data from hospitals in Texas")],
    ),
    (
        "target-cut-nested",
        "Officials accused a group of Russian hackers of the attack.",
        [("Officials", "accuse", "group of Russian hackers")],
        [("Officials", "accuse", "a group of Russian hackers of the attack")],
    ),
    (
        "target-quantity",
        "The Justice Department charged a pair of Chinese hackers with stealing data in a hacking campaign.",
        [("Justice Department", "accuse", "Chinese hackers")],
        [("Justice Department", "accuse", "a pair")],
    ),
    # a deed claimed as one's own
    (
        "claimed-they-had-taken",
        "The RansomHouse gang posted files on its leak site. In this leak, they claimed they had taken 1TB"
        " of data from the company's servers.",
        [("RansomHouse", "acknowledge", "1TB of data")],
        [],
    ),
    (
        "claimed-to-have-stolen",
        "The hackers claimed to have stolen the personal data of 5 million customers in the breach.",
        [("hackers", "acknowledge", "personal data")],
        [],
    ),
    (
        "took-not-acknowledged",
        "Researchers said the hackers took 1TB of data from the company in the ransomware attack.",
        [],
        [("Researchers", "acknowledge", "1TB of data")],
    ),
    # several governments speak at once
    (
        "governments-of-list",
        "The hacking campaign hit service providers. The governments of Canada, Australia and New Zealand"
        " have attributed the group's activities to China's Ministry of State Security.",
        [
            ("Canada", "accuse", "Ministry of State Security"),
            ("Australia", "accuse", "Ministry of State Security"),
            ("New Zealand", "accuse", "Ministry of State Security"),
        ],
        [],
    ),
    (
        "governments-adjectives",
        "The British and Dutch governments blamed Russia's GRU for the hacking attempt.",
        [("United Kingdom", "accuse", "GRU"), ("Netherlands", "accuse", "GRU")],
        [],
    ),
    # support given to attackers, sources after a passive, dates after a name, reduced passives
    (
        "sponsored-active",
        "Three U.S. security firms have claimed that the Kremlin sponsored the groups responsible for the"
        " hacks.",
        [("security firms", "accuse", ("Russia", "Kremlin"))],
        [],
    ),
    (
        "sponsored-not-event",
        "Microsoft sponsored the conference on cyber security, the organizers said.",
        [],
        [("organizers", "accuse", "Microsoft")],
    ),
    (
        "according-to-report-by",
        "APT3 has been linked to the Chinese Ministry of State Security, according to a report by Recorded"
        " Future.",
        [("Recorded Future", "accuse", "Ministry of State Security")],
        [("report", "accuse", "Ministry of State Security")],
    ),
    (
        "dated-month-after-name",
        "An indictment from the U.S. Department of Justice Dec. 20 accuses two members of a Chinese hacking"
        " group of stealing data.",
        [("Department of Justice", "accuse", "members of a Chinese hacking group")],
        [("Justice Dec", "accuse", "members of a Chinese hacking group")],
    ),
    (
        "headline-reduced-passive",
        "APT3 hackers linked to Chinese intelligence",
        [],
        [("APT3 hackers", "accuse", "Chinese intelligence")],
    ),
    (
        "linked-object-to",
        "Researchers linked the attack to North Korea's Lazarus group.",
        [("Researchers", "accuse", "Lazarus")],
        [],
    ),
    (
        "traced-back-to",
        "Security firm FireEye traced the campaign back to Iran.",
        [("FireEye", "accuse", "Iran")],
        [],
    ),
    (
        "report-published-by",
        "One of the reports, published last year by the Washington Free Beacon, said Chinese hackers were"
        " behind the attack.",
        [("Washington Free Beacon", "accuse", "Chinese hackers")],
        [("One of the reports", "accuse", "Chinese hackers")],
    ),
    (
        "report-drawn-up-by-description",
        "A detailed report drawn up by the three organisations reveals that Chinese hackers were behind the"
        " attacks.",
        [],
        [("three organisations", "accuse", "Chinese hackers")],
    ),
    (
        "according-relayed-by-outlet",
        "According to the Kremlin spokesman Dmitry Peskov, the hacking allegations are absurd, RBC reported.",
        [("Dmitry Peskov", "deny", "Russia")],
        [("RBC", "deny", "RBC")],
    ),
    (
        "state-based-hackers",
        "The FBI said a China-based hacking group stole the data.",
        [("FBI", "accuse", "China")],
        [],
    ),
    (
        "city-based-company",
        "Kaspersky, a Moscow-based company, said the hackers stole data from banks.",
        [],
        [("Kaspersky", "accuse", "Russia")],
    ),
    (
        "named-report-states",
        "“We believe APT10 is the most significant Chinese state-sponsored cyber threat to global"
        " corporations,” the Recorded Future report states.",
        [("Recorded Future", "accuse", "APT10")],
        [],
    ),
    (
        "named-report-says",
        "The Mandiant report says Chinese hackers were behind the attack.",
        [("Mandiant", "accuse", "Chinese hackers")],
        [],
    ),
    (
        "done-by-state",
        "Officials said the cyberattack was committed by North Korea.",
        [("Officials", "accuse", "North Korea")],
        [],
    ),
    (
        "done-by-researchers",
        "The analysis of the hack was done by researchers at Kaspersky, the company said.",
        [],
        [("company", "accuse", "Kaspersky")],
    ),
    # doubt is no accusation
    (
        "by-no-means-proof",
        "A hacker group posted a video of the hospital attack. This statement is by no means proof the"
        " individuals who posted this carried out the attack, experts said.",
        [],
        [("experts", "accuse", "individuals")],
    ),
    # a denial names whose involvement it denies
    (
        "denies-state-involvement",
        "Lavrov denies Russian involvement in DNC hack",
        [("Lavrov", "deny", "Russia")],
        [("Lavrov", "deny", "Lavrov")],
    ),
    (
        "we-reject-involvement-of",
        "“We categorically reject any involvement of Moscow in the attack,” Kremlin spokesman Dmitry Peskov"
        " said.",
        [("Dmitry Peskov", "deny", ("Russia", "Moscow"))],
        [],
    ),
    (
        "refute-possibility",
        "“We strongly refute the possibility that this could be the work of our services,” the Kremlin"
        " spokesman Dmitry Peskov said after the cyber attack.",
        [("Dmitry Peskov", "deny", "Russia")],
        [("Dmitry Peskov", "deny", "possibility")],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected", "forbidden"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_pattern(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    check_claims(extract, text, expected, forbidden)


AFFILIATIONS = [
    # a state named after the verb is what is said, not whom the speaker serves
    ("after-verb", "Hillary Clinton cited Russia's responsibility for the hack of the DNC.", "Clinton", ""),
    (
        "appositive",
        "Sergei Lavrov, Russia's foreign minister, dismissed the hacking allegations as groundless.",
        "Lavrov",
        "Russia",
    ),
    (
        "of-state",
        "Christopher Wray of the United States told reporters that Chinese hackers stole the data.",
        "Wray",
        "United States",
    ),
    (
        "title-before",
        "Russian President Vladimir Putin denied that Moscow was behind the attack.",
        "Putin",
        "Russia",
    ),
    # introduced earlier with an official title, the person keeps that state
    (
        "introduced-earlier",
        "The Chinese Foreign Ministry spokesperson, Mao Ning, spoke at a briefing. Responding to the hacking"
        " allegations, Mao Ning reiterated China's position and rejected the accusations as groundless.",
        "Mao Ning",
        "China",
    ),
    # a nationality alone is no affiliation
    (
        "nationality-only",
        "Chinese billionaire Guo Wengui spoke to reporters. Guo Wengui said Chinese state hackers were behind the"
        " attack on his lawyers' servers.",
        "Guo Wengui",
        "",
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "actor", "affiliation"), [r[1:] for r in AFFILIATIONS], ids=[r[0] for r in AFFILIATIONS]
)
def test_affiliation(extract, text: str, actor: str, affiliation: str) -> None:
    claims = [c for c in extract(text) if names_match(c.actor, actor)]
    assert claims, f"no claim by {actor}"
    assert {c.affiliation for c in claims} == {affiliation}
