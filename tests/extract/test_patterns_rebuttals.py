"""Table-driven extraction tests, rebuttal table: denials and condemnations carried by verbs other than
"deny" (rebuff, brush aside, "nor has it ever supported"), verdicts on an allegation that names its party
("accusations against X are groundless"), spokespeople of a named body, subjects hung on an auxiliary,
datelines without an agency, and acts of countering that rebut nothing.

Each row of ROWS: (id, text, expected claims, forbidden claims), read as in test_patterns.py.
"""

from __future__ import annotations

import pytest
from extract_support import check_claims

ROWS = [
    # verbs of rejection beyond "deny": the subject rejects for its own side
    (
        "rebuff-headline",
        "Vietnam Rebuffs U.S. Hacking Charges\n2017-05-02\n\nThe foreign ministry in Hanoi said the"
        " charges of hacking were politically motivated.",
        [("Vietnam", "deny", "Vietnam")],
        [],
    ),
    (
        "rebuffed-object",
        "The Vietnamese foreign ministry rebuffed the charges that its hackers breached the carmakers'"
        " networks.",
        [("Vietnamese foreign ministry", "deny", ("Vietnam", "Vietnamese"))],
        [],
    ),
    (
        "brushed-aside",
        "Minsk brushed aside espionage charges filed against four of its nationals by Polish prosecutors,"
        " calling them a provocation.",
        [("Minsk", "deny", "Belarus")],
        [],
    ),
    (
        "shrugged-off",
        "The Kremlin shrugged off the accusations that its spies had stolen the vaccine research.",
        [("Kremlin", "deny", "Russia")],
        [],
    ),
    # a negation carried by "nor" reaches the second clause; its pronoun is the speaker's side
    (
        "nor-supported",
        "Iranian foreign ministry spokesman Bahram Qasemi said Tehran has never planned any hostile moves in"
        " cyberspace nor has it ever supported such hacking.",
        [("Bahram Qasemi", "deny", "Iran")],
        [],
    ),
    # the subject hangs on the auxiliary: "X are opposed to and have not been engaged in"
    (
        "subject-on-aux",
        'Foreign Ministry spokeswoman Hua Chunying of China spoke on Monday. "The Chinese state and its'
        ' army are opposed to and have not been engaged in any cyber theft," Hua said.',
        [("Hua Chunying", "deny", ("China", "Chinese state"))],
        [("Hua Chunying", "deny", "Hua Chunying")],
    ),
    # a verdict on an allegation that names its party defends that party
    (
        "groundless-against",
        "Spokesman Lu Kang told reporters in Beijing that the accusations against Chinese hackers were"
        " groundless.",
        [("Lu Kang", "deny", "Chinese hackers")],
        [("Lu Kang", "deny", "Lu Kang")],
    ),
    (
        "absurd-of-against",
        "The Kremlin said the allegations of hacking against the Russian government were absurd.",
        [("Kremlin", "deny", ("Russia", "Russian government"))],
        [],
    ),
    (
        "smear-own-side",
        "Chinese foreign ministry spokesman Geng Wei said the speculation about China over the hacking was"
        " reckless and an attempt to smear the country.",
        [("Geng Wei", "deny", "China")],
        [("Geng Wei", "condemn", "China")],
    ),
    # "speculation" as a verdict needs an allegation other than itself
    (
        "speculation-alone",
        "There is speculation that Russian hackers were behind the breach, the researchers said.",
        [("researchers", "accuse", "Russian hackers")],
        [("researchers", "deny", "researchers")],
    ),
    # a spokesperson of a named body speaks for the whole body's name, not its last word
    (
        "body-spokesperson",
        "A Chinese Foreign Ministry spokesperson on Monday denied that Chinese troops hacked the defence"
        " contractor.",
        [("Chinese Foreign Ministry", "deny", "China")],
        [("Ministry", "deny", "Ministry")],
    ),
    # an agency-less dateline is no actor
    (
        "dateline-bare",
        "TOKYO, Japan — Pyongyang has denied involvement in a cyberattack against Japanese exchanges,"
        " calling the allegations a smear.",
        [("Pyongyang", "deny", ("North Korea", "Pyongyang"))],
        [("Japan", "deny", "Japan"), ("TOKYO", "deny", "Japan")],
    ),
    # countering activity is no rebuttal; countering an accusation is
    (
        "countering-activity",
        '"The government is confronting and countering malicious Iranian cyber activity against our banks,"'
        " Secretary Jane Doe said in a statement.",
        [],
        [("government", "deny", "government"), ("Jane Doe", "deny", "Jane Doe")],
    ),
    (
        "countered-accusations",
        "The Russian embassy countered the accusations of hacking in a statement on Monday.",
        [("Russian embassy", "deny", "Russia")],
        [],
    ),
    # a condemned act is a target of "unacceptable", also with the speech verb inverted after the quote
    (
        "unacceptable-inverted",
        '"The cyber operation targeting the tribunal is unacceptable," said foreign minister Jan Peeters.',
        [("Jan Peeters", "condemn", "cyber operation")],
        [],
    ),
    # a quoted statement whose subject is the speaker's state is the speaker's claim; "all forms of X" is X
    (
        "quoted-state-subject",
        'Spokeswoman Hua Chunying spoke on Monday. "Beijing condemns all forms of hacker attacks," she said.',
        [("Hua Chunying", "condemn", "hacker attacks")],
        [("Beijing", "condemn", "all forms")],
    ),
    (
        "condemned-practice-whole",
        '"China condemns the spreading of false information about the hacking case," spokeswoman Hua'
        " Chunying said.",
        [("Hua Chunying", "condemn", "spreading of false information")],
        [],
    ),
    # a Title Case headline is parsed in sentence case: the participle is no main verb
    (
        "claimed-by-headline",
        "Cyber Attack Claimed By Taliban Supporters Hits Broadcaster",
        [("Taliban supporters", "acknowledge", "Cyber Attack")],
        [],
    ),
]

# documents and nested findings as speakers, and clauses whose speakers must not mix
SOURCES = [
    (
        "document-with-issuer",
        "A U.S. indictment unsealed Monday accused hackers linked to Iran of attacking a dozen hospitals.",
        [("U.S. indictment", "accuse", "hackers linked to Iran")],
        [("U.S. indictment", "accuse", "hackers linked to Iran of attacking a dozen hospitals")],
    ),
    (
        "document-unsigned",
        "An analysis said Russian hackers were behind the attack on the grid.",
        [],
        [("analysis", "accuse", "Russian hackers")],
    ),
    (
        "finding-of-speaker",
        "Japan's Ministry of Defense said Monday that an inquiry showed that Chinese operatives had"
        " apparently hacked into its logistics network.",
        [("Ministry of Defense", "accuse", "Chinese operatives")],
        [("inquiry", "accuse", "Chinese operatives")],
    ),
    (
        "body-name-with-of",
        "The Ministry of National Security said North Korean hackers were behind the attack.",
        [("Ministry of National Security", "accuse", "North Korean hackers")],
        [],
    ),
    (
        "lowercase-body",
        "On Monday, the Belgian foreign ministry announced that Chinese hackers were behind the attack.",
        [("Belgian foreign ministry", "accuse", "Chinese hackers")],
        [],
    ),
    # the charge of an accusation is the accuser's; the main clause's speaker does not take it over
    (
        "charge-not-main-speaker",
        "On Monday, shortly after Canada and Japan accused China of being behind a series of cyber-attacks,"
        " the Belgian foreign ministry announced that two Chinese diplomats had been expelled.",
        [("Canada", "accuse", "China"), ("Japan", "accuse", "China")],
        [("ministry", "accuse", "Canada"), ("ministry", "accuse", "Japan"), ("ministry", "accuse", "China")],
    ),
    (
        "charge-and-saying",
        "The U.S. blamed North Korea for the attacks, saying Lazarus hackers were behind them.",
        [("U.S.", "accuse", "North Korea"), ("U.S.", "accuse", "Lazarus hackers")],
        [],
    ),
    # attacks wielded as tools, a part played in an operation, a speaker inside a relative clause
    (
        "used-attacks",
        "A European Union report said Iran had used phishing attacks to steal from shipping firms.",
        [("European Union", "accuse", "Iran")],
        [],
    ),
    (
        "used-by-victim",
        "The shipping firm said it used malware scanners to detect the breach by Russian hackers.",
        [],
        [("shipping firm", "accuse", "shipping firm")],
    ),
    (
        "played-role",
        "Canadian officials have said the Bluefin Collective played a key role in the campaign to leak the"
        " ministers' emails.",
        [("Canadian officials", "accuse", "Bluefin Collective")],
        [],
    ),
    (
        "relative-speaker",
        "Among those charged is the Bluefin Collective, which German officials have said carried out the"
        " attack on the parliament.",
        [("German officials", "accuse", "Bluefin Collective")],
        [("German officials", "accuse", "German officials")],
    ),
    (
        "no-role-negated",
        "Officials said Moscow had no role in the hacking of the election servers.",
        [],
        [("Officials", "accuse", "Russia")],
    ),
    # verdicts of fiction, attacks being planned, and "he" after a person introduced by a role
    (
        "fiction-verdict",
        "Russian lawmaker Igor Volkov told reporters that the hacking charges were fiction.",
        [("Igor Volkov", "deny", "Russia")],
        [],
    ),
    (
        "planning-attack",
        "Officials cited an allegation from Estonia that Russia was planning a cyber-attack on its grid.",
        [("Estonia", "accuse", "Russia")],
        [],
    ),
    (
        "planning-no-attack",
        "Officials said Russia was planning a summit on cyber security next spring.",
        [],
        [("Officials", "accuse", "Russia")],
    ),
    (
        "he-after-introduced-person",
        'A spokesperson for the Foreign Ministry of Iran said: "We have nothing to do with the hacking." On'
        ' Monday, Canada blamed Iran for the breach in a briefing by security adviser Mark Dunn. "This was'
        ' a reckless attack," he said.',
        [("Mark Dunn", "condemn", "attack")],
        [("spokesperson", "condemn", "attack")],
    ),
    # claims of responsibility: "an attack claimed by X", "X claimed it had gained access"
    (
        "attack-claimed-by",
        "The broadcaster is working to restore its channels after a powerful cyber attack claimed by"
        " supporters of the Taliban, its director said.",
        [("supporters of the Taliban", "acknowledge", "cyber attack")],
        [("director", "acknowledge", "cyber attack")],
    ),
    (
        "claimed-access",
        "Earlier on Monday, a hacker group named Shadow Kittens claimed it had got access to the database"
        " of the world football body.",
        [("Shadow Kittens", "acknowledge", "database")],
        [],
    ),
    (
        "claimed-not-deed",
        "The ransomware gang claimed that the hospital had got access to a backup of its files.",
        [],
        [("ransomware gang", "acknowledge", "backup")],
    ),
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), [r[1:] for r in SOURCES], ids=[r[0] for r in SOURCES]
)
def test_source(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    check_claims(extract, text, expected, forbidden)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected", "forbidden"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_pattern(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    check_claims(extract, text, expected, forbidden)


# Known misses: each row fails today (strict xfail), so a fix shows up as an unexpected pass.
KNOWN_MISSES = [
    # with no speaker yet, "he" falls back to the last capitalised run, a place here
    (
        "he-not-any-capitalised-run",
        'Activist Li Wen spoke from his home in New York. "The hacking charges against me are absurd," he'
        " said.",
        [],
        [("New York", "deny", "New York")],
    ),
]


@pytest.mark.slow
@pytest.mark.xfail(strict=True)
@pytest.mark.parametrize(
    ("text", "expected", "forbidden"), [r[1:] for r in KNOWN_MISSES], ids=[r[0] for r in KNOWN_MISSES]
)
def test_known_miss(extract, text: str, expected: list[tuple], forbidden: list[tuple]) -> None:
    check_claims(extract, text, expected, forbidden)
