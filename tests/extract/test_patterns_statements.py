"""Table-driven extraction tests, third table: official statements and diplomatic reprisals.

One table per phenomenon: statements that go on without a speech verb, reprisal and pressure cues,
accusations nested in denials, "the Government" standing for a state, and whole agency names and
subheadings. Each row: (id, text, expected claims, forbidden claims), read as in test_patterns.py.
"""

from __future__ import annotations

import pytest
from extract_support import check_claims

pytestmark = pytest.mark.slow

STATEMENTS = [
    (
        "statement-as-follows",
        "The spokesperson of the Norwegian Foreign Ministry stated as follows on the hacking of the"
        " parliament's e-mail system.\nThe attacks came at a sensitive time. Russia has persisted in its"
        " cyberattacks on Norwegian institutions for years.",
        [("Norwegian Foreign Ministry", "accuse", "Russia")],
        [],
    ),
    (
        "statement-first-person",
        "The Estonian Foreign Ministry said on Friday it had evidence of the cyberattack on its"
        " government portals. We call on Russia to stop these hostile cyber operations at once.",
        [("Estonian Foreign Ministry", "warn", "Russia")],
        [],
    ),
    (
        "statement-stops-at-new-speaker",
        "The Dutch Foreign Ministry said in a statement:\nThe hacking of the chemical weapons watchdog was"
        " unacceptable. Analysts said Iran's cyberattacks on the region had grown in 2018.",
        [],
        [("Dutch Foreign Ministry", "accuse", "Iran")],
    ),
    (
        "spokesperson-of-the-body",
        "The Chinese Foreign Ministry said the hacking accusations were groundless. The spokesperson urged"
        " the United States to stop its cyberattacks on Chinese universities.",
        [("Chinese Foreign Ministry spokesperson", "warn", "United States")],
        [],
    ),
]

REPRISALS = [
    (
        "summoned-ambassador",
        "Germany summoned Russia's ambassador over the hacking of the Bundestag.",
        [("Germany", "accuse", "Russia")],
        [],
    ),
    (
        "summoned-demonym-envoy",
        "The Dutch Foreign Office summoned the Iranian ambassador over the cyberattack on its ports.",
        [("Dutch Foreign Office", "accuse", "Iran")],
        [],
    ),
    (
        "expelled-diplomats",
        "Poland expelled two Belarusian diplomats over the hacking campaign against its ministers.",
        [("Poland", "accuse", "Belarus")],
        [],
    ),
    (
        "hold-accountable",
        "The minister said Canada will hold Moscow accountable for the hacking campaign.",
        [("Canada", "warn", "Russia")],
        [],
    ),
    (
        "hold-them-accountable",
        "The police will track down the hackers behind the ransomware attacks and hold them accountable,"
        " the commissioner of the Federal Police said.",
        [("police", "warn", "hackers behind the ransomware attacks")],
        [],
    ),
    (
        "hold-those-behind-accountable",
        '"Europol will find those behind the intrusions and hold them accountable," the director said.',
        [("Europol", "warn", "those behind the intrusions")],
        [],
    ),
    (
        "urged-to-stop",
        "The spokeswoman said Tokyo urged North Korea to stop its cyberattacks on Japanese banks.",
        [("Tokyo", "warn", "North Korea")],
        [],
    ),
    (
        "called-on-to-stop",
        "Kyiv called on Russia to stop the cyberattacks against its power grid.",
        [("Kyiv", "warn", "Russia")],
        [],
    ),
    (
        "urged-users-no-claim",
        "Adobe urged customers to install the patch after the hacking campaign.",
        [],
        [("Adobe", "warn", "customers")],
    ),
    (
        "quoted-sanctions",
        'Australia imposed "swift, targeted sanctions" on a front company and four individuals involved in'
        " the ransomware attacks, the minister said.",
        [("Australia", "accuse", "front company"), ("Australia", "accuse", "four individuals")],
        [],
    ),
    (
        "would-not-tolerate",
        "The spokesman noted that the Swedish government would not tolerate such hostile cyber activity.",
        [("Swedish government", "warn", "hostile cyber activity")],
        [("Swedish government", "deny", "Swedish government")],
    ),
    (
        "act-by-party",
        "The Danish Foreign Ministry condemned the cyberattacks by Russia on its defence ministry.",
        [("Danish Foreign Ministry", "condemn", "Russia")],
        [],
    ),
    (
        "shared-description",
        "The Swiss government issued a condemnation of Russian state-affiliated organisations and"
        " individuals undertaking malicious cyber activity.",
        [("Swiss government", "condemn", "Russian state-affiliated organisations")],
        [("Swiss government", "condemn", "individuals")],
    ),
    (
        "list-after-modifier",
        "Canada imposed sanctions on a shell company and two individuals involved in hacking targeting banks,"
        " utilities, and hospitals.",
        [("Canada", "accuse", "two individuals")],
        [],
    ),
]

OWNED_ACTS = [
    (
        "cited-responsibility",
        "Senator Maria Cantwell cited Iran’s responsibility for the hack of the water utility.",
        [("Maria Cantwell", "accuse", "Iran")],
        [],
    ),
    (
        "accusations-against",
        "Despite Mandiant’s accusations against North Korea, the bank kept silent about the hacking.",
        [("Mandiant", "accuse", "North Korea")],
        [],
    ),
    (
        "allegations-described-as-fabricated",
        "The Kremlin has described allegations of Russian meddling in the vote as “fabricated”.",
        [("Kremlin", "deny", "Russia")],
        [("Kremlin", "accuse", "Russian meddling"), ("Kremlin", "deny", "Russian meddling")],
    ),
]

NESTED_DENIALS = [
    (
        "rejected-accusations-that",
        "Iran rejected accusations that Tehran was behind the cyberattacks on Albanian ministries.",
        [("Iran", "deny", "Iran")],
        [("Iran", "accuse", "Iran")],
    ),
    (
        "attempts-to-blame-unfounded",
        "The North Korean embassy said that attempts by Seoul to blame North Korean hackers for the attacks"
        " are unfounded.",
        [("embassy", "deny", "North Korean hackers")],
        [("embassy", "accuse", "North Korean hackers")],
    ),
    (
        "denial-then-own-accusation",
        "The ministry denied involvement and said Iran was behind the hacking campaign.",
        [("ministry", "accuse", "Iran")],
        [],
    ),
    (
        "negated-own-state-deed",
        '"Belarus does not conduct cyberattacks on its neighbours," the Belarusian embassy said in a'
        " statement about the hacking.",
        [("embassy", "deny", "Belarus")],
        [("embassy", "accuse", "Belarus")],
    ),
]

GOVERNMENTS = [
    (
        "the-government-after-named-office",
        "The Irish Foreign Office said on Tuesday that it was studying the hack. The Government condemned"
        " the cyberattack by Chinese state hackers on the health service.",
        [("Ireland", "condemn", "Chinese state hackers")],
        [("Government", "condemn", "Chinese state hackers")],
    ),
    (
        "the-government-of-x-not-generic",
        "The Government of Albania accused Iran of the cyberattack on its public services.",
        [("Government of Albania", "accuse", "Iran")],
        [],
    ),
]

NAMES = [
    (
        "agency-name-with-for-and",
        "According to the National Office for Cyber and Information Security, a foreign state power was"
        " behind the hacking of the ministry.",
        [("National Office for Cyber and Information Security", "accuse", "foreign state power")],
        [],
    ),
    (
        "ministry-of-state-security",
        "The Ministry of State Security accused the US National Security Agency of hacking the university.",
        [("Ministry of State Security", "accuse", "US National Security Agency")],
        [],
    ),
    (
        "headline-ending-with-initials",
        "Spokesperson of Cuban Foreign Ministry Condemns Cyber Attacks by U.S.\n2024-02-27\n\nThe"
        " spokesperson of the Cuban Foreign Ministry said the hacking was dangerous.",
        [("Cuban Foreign Ministry", "condemn", "United States")],
        [("Condemns Cyber Attacks", "condemn", "United States")],
    ),
    (
        "subheading-common-nouns",
        "The LockBit gang said on its leak site that it had not stolen any data from the hospital in the"
        " ransomware attack.\nRansomware Gang Denies Hospital Allegations\nThe hospital said its"
        " systems were restored.",
        [],
        [("Ransomware Gang", "deny", "Ransomware Gang")],
    ),
]


def _table(rows: list[tuple]):
    return pytest.mark.parametrize(
        ("text", "expected", "forbidden"), [r[1:] for r in rows], ids=[r[0] for r in rows]
    )


@_table(STATEMENTS)
def test_statement(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    check_claims(extract, text, expected, forbidden)


@_table(REPRISALS)
def test_reprisal_and_pressure(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    check_claims(extract, text, expected, forbidden)


@_table(OWNED_ACTS)
def test_owned_act(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    check_claims(extract, text, expected, forbidden)


@_table(NESTED_DENIALS)
def test_nested_denial(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    check_claims(extract, text, expected, forbidden)


@_table(GOVERNMENTS)
def test_government(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    check_claims(extract, text, expected, forbidden)


@_table(NAMES)
def test_names_and_subheadings(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    check_claims(extract, text, expected, forbidden)


def test_list_after_modifier_is_not_split(extract) -> None:
    """ "two individuals involved in hacking targeting banks, utilities, and hospitals": the victims
    listed inside the modifier are no targets of their own."""
    claims = extract(
        "Canada imposed sanctions on a shell company and two individuals involved in hacking targeting banks,"
        " utilities, and hospitals."
    )
    assert claims
    assert not [c for c in claims if c.target.lower().startswith(("utilities", "hospitals"))]
