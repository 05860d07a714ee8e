"""Question -> structured query, as tables: each row is a question and the fields it must parse to."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.ask import parse
from kg.ask.parser import normalize, split_at_preposition
from kg.errors import QueryError

# question -> the fields of the structured query it must have (fields not listed are not checked)
PARSES = [
    (
        "who denied sponsorship of attacks?",
        {"wanted": "actors", "stances": ("deny",), "target": None, "terms": ("sponsorship", "attacks")},
    ),
    ("Who accused China?", {"wanted": "actors", "stances": ("accuse",), "target": "China", "actor": None}),
    ("who blamed North Korea", {"stances": ("accuse",), "target": "North Korea"}),
    (
        "who attributed the Sony hack to North Korea?",
        {"stances": ("accuse",), "target": "North Korea", "terms": ("Sony hack",)},
    ),
    (
        "who linked the cryptocurrency CFO phishing campaign to Lazarus",
        {"stances": ("accuse",), "target": "Lazarus", "terms": ("cryptocurrency CFO phishing campaign",)},
    ),
    ("who pinned the attack on Iran", {"stances": ("accuse",), "target": "Iran"}),
    ("who tied the intrusion to APT29", {"stances": ("accuse",), "target": "APT29"}),
    (
        "who did James Clapper accuse?",
        {"wanted": "targets", "stances": ("accuse",), "actor": "James Clapper", "target": None},
    ),
    (
        "whom did the FBI blame for the breach",
        {"wanted": "targets", "stances": ("accuse",), "actor": "FBI", "terms": ("breach",)},
    ),
    ("who has the U.S. government blamed?", {"wanted": "targets", "actor": "U.S. government"}),
    (
        "who did WikiLeaks accuse of false-flag hacking",
        {"wanted": "targets", "actor": "WikiLeaks", "terms": ("false-flag hacking",)},
    ),
    (
        "who was charged over the Atlanta ransomware attack?",
        {
            "wanted": "targets",
            "stances": ("accuse",),
            "terms": ("Atlanta ransomware attack",),
            "evidence_stems": ("charg", "indict", "prosecut"),
        },
    ),
    (
        "who were indicted for the SamSam attacks?",
        {"wanted": "targets", "evidence_stems": ("indict", "charg", "prosecut")},
    ),
    (
        "who has been accused of hacking the DNC by the FBI?",
        {"wanted": "targets", "stances": ("accuse",), "actor": "FBI", "terms": ("hacking the DNC",)},
    ),
    ("who was blamed for the cyberattack", {"wanted": "targets", "stances": ("accuse",)}),
    ("who was behind the Sony hack?", {"wanted": "targets", "stances": ("accuse",), "terms": ("Sony hack",)}),
    (
        "who denied involvement in the Yahoo breach?",
        {"wanted": "actors", "stances": ("deny",), "target": None, "terms": ("Yahoo breach",)},
    ),
    (
        "who denied involvement in the attacks on Macron's campaign",
        {"stances": ("deny",), "target": None, "terms": ("attacks on Macron's campaign",)},
    ),
    (
        "who denied responsibility for the corporate database leak",
        {"stances": ("deny",), "terms": ("corporate database leak",)},
    ),
    (
        "who denied Russian interference in the US election",
        {"stances": ("deny",), "target": None, "terms": ("Russian interference", "the US election")},
    ),
    ("who rejected the accusations?", {"stances": ("deny",), "target": None}),
    ("who dismissed the claims that China was behind the hack", {"stances": ("deny",), "target": None}),
    ("who called the allegations groundless?", {"shape": "who called X groundless", "stances": ("deny",)}),
    (
        "who warned states sponsoring cyber attacks",
        {"stances": ("warn",), "target": None, "terms": ("states sponsoring cyber attacks",)},
    ),
    (
        "who has been threatening the U.S. government",
        {"wanted": "actors", "stances": ("warn",), "target": "U.S. government", "actor": None},
    ),
    ("who threatened Sony?", {"stances": ("warn",), "target": "Sony"}),
    ("who condemned the attack on the OSCE?", {"stances": ("condemn",), "target": None}),
    ("who claimed responsibility for the attack?", {"stances": ("acknowledge",), "terms": ("attack",)}),
    ("who admitted the breach", {"stances": ("acknowledge",)}),
    ("who pledged to crack down on hackers", {"stances": ("pledge",)}),
    ("who sanctioned the GRU?", {"stances": ("accuse",), "target": "GRU", "evidence_stems": ("sanction",)}),
    (
        "who imposed sanctions on Russia",
        {"stances": ("accuse",), "target": "Russia", "evidence_stems": ("sanction",)},
    ),
    (
        "who suspected APT28 of the OSCE cyber attack",
        {"stances": ("accuse",), "target": "APT28", "terms": ("OSCE cyber attack",)},
    ),
    (
        "who named the group behind the Foreign Office phishing attack",
        {
            "stances": ("accuse",),
            "target": None,
            "target_type": "group",
            "terms": ("Foreign Office phishing attack",),
        },
    ),
    (
        "who accused Russia of attacks on En Marche",
        {"stances": ("accuse",), "target": "Russia", "terms": ("attacks on En Marche",)},
    ),
    (
        "who accused the Department of Justice of lying",
        {"target": "Department of Justice", "terms": ("lying",)},
    ),
    (
        "who concluded that APT10 was based in China?",
        {"wanted": "actors", "stances": ("accuse",), "target": "China", "also_targets": ("APT10",)},
    ),
    (
        "who said Russia was behind the DNC hack",
        {"stances": ("accuse",), "target": "Russia", "terms": ("DNC hack",)},
    ),
    ("who believes the group is backed by Iran", {"stances": ("accuse",), "target": "Iran"}),
    (
        "which states were accused of espionage, and by whom?",
        {"wanted": "targets", "stances": ("accuse",), "target_type": "state", "terms": ("espionage",)},
    ),
    ("which groups were blamed for the attacks", {"wanted": "targets", "target_type": "group"}),
    (
        "which companies blamed North Korea?",
        {"wanted": "actors", "actor_type": "organization", "target": "North Korea"},
    ),
    ("who rebutted whom?", {"wanted": "rebuttals", "stances": ("deny",), "rebuts": True, "target": None}),
    ("who rebutted James Clapper", {"wanted": "actors", "rebuts": True, "target": "James Clapper"}),
    ("who refuted Clapper's assertion?", {"rebuts": True, "target": "Clapper"}),
    (
        "what did Hong Lei say about hackers?",
        {"wanted": "claims", "stances": (), "actor": "Hong Lei", "target": "hackers"},
    ),
    (
        "what has the Kremlin said about the election hacks",
        {"wanted": "claims", "actor": "Kremlin", "target": None, "terms": ("election hacks",)},
    ),
    ("what did Obama say", {"wanted": "claims", "actor": "Obama", "target": None}),
    ("  so, who   accused  China ?? ", {"stances": ("accuse",), "target": "China"}),
    (
        "who is believed to be behind the Sony hack?",
        {"wanted": "targets", "stances": ("accuse",), "terms": ("Sony hack",)},
    ),
    ("who carried out the attack on the ministry", {"wanted": "targets", "stances": ("accuse",)}),
    ("who hacked the DNC?", {"wanted": "targets", "stances": ("accuse",), "terms": ("DNC",)}),
    ("which countries did the US accuse?", {"wanted": "targets", "actor": "US", "target_type": "state"}),
    ("who was accused by the FBI?", {"wanted": "targets", "actor": "FBI", "terms": ()}),
    ("who was identified as the attacker", {"wanted": "targets", "terms": ("attacker",)}),
    (
        "who blamed the attack on North Korea",
        {"stances": ("accuse",), "target": "North Korea", "terms": ("attack",)},
    ),
    ("who pinned the hack of the DNC on Russia", {"target": "Russia", "terms": ("hack of the DNC",)}),
    ("who said China was responsible", {"stances": ("accuse",), "target": "China"}),
    ("who thinks Russia did it", {"stances": ("accuse",), "target": "Russia"}),
    ("who said the attack came from China", {"target": "China", "also_targets": (), "terms": ("attack",)}),
    ("who said the hackers were Russian", {"stances": ("accuse",), "target": "Russian"}),
    ("who condemned the attack on the OSCE", {"stances": ("condemn",), "target": None}),
    ("who accused China\u2019s hackers", {"target": "China's hackers"}),
    # constructions: a kind singular or plural, with modifiers; a stranded preposition
    (
        "which group did Mandiant blame for the grid attack",
        {"wanted": "targets", "actor": "Mandiant", "target_type": "group", "terms": ("grid attack",)},
    ),
    (
        "which Iranian intelligence agency was Charming Kitten linked to",
        {
            "shape": "which kind was X VERBed to",
            "wanted": "targets",
            "target_type": "government",
            "stances": ("accuse",),
            "terms": ("Charming Kitten",),
        },
    ),
    (
        "which threat actor did ESET attribute the wiper to",
        {"wanted": "targets", "actor": "ESET", "target_type": "group", "target": None, "terms": ("wiper",)},
    ),
    # reported speech: whoever said it, any stance, the clause ranks the claims
    (
        "who did ESET say was running the botnet",
        {"shape": "who did A say", "wanted": "targets", "actor": "ESET", "stances": ()},
    ),
    (
        "which company said its servers were never breached",
        {
            "shape": "who said X",
            "wanted": "actors",
            "actor_type": "organization",
            "stances": (),
            "terms": ("its servers were never breached",),
        },
    ),
    ("who described the intrusion as an act of war", {"shape": "who said X", "wanted": "actors"}),
    (
        "who claimed to have leaked the emails",
        {"shape": "who claimed to", "stances": ("acknowledge", "assert")},
    ),
    (
        "who did United States officials accuse",
        {"shape": "who did A VERB", "actor": "United States officials"},
    ),
    (
        "who was believed to have breached the ministry's mail servers",
        {"shape": "who was behind", "wanted": "targets", "stances": ("accuse",)},
    ),
    (
        "where was the wiper attack traced to",
        {"shape": "where was X traced to", "target_type": "state", "terms": ("wiper attack",)},
    ),
    ("which police force warned shoppers", {"stances": ("warn",), "actor_type": "government"}),
    # verbs of arresting, doubting, alerting
    (
        "who arrested the botnet operators",
        {"stances": ("accuse",), "evidence_stems": ("arrest", "detain", "charg")},
    ),
    ("who ruled out sabotage", {"stances": ("deny",)}),
    (
        "which agency issued an alert about the phishing wave",
        {"stances": ("warn",), "actor_type": "government"},
    ),
]


@pytest.mark.parametrize(("question", "expected"), PARSES, ids=[q for q, _ in PARSES])
def test_question_parses_to(question: str, expected: dict) -> None:
    query = parse(question)
    for field, value in expected.items():
        assert getattr(query, field) == value, f"{field}: {getattr(query, field)!r} != {value!r}"


TOPICS = [
    ("who denied sponsorship of attacks", {"state-sponsorship", "cyber-attack", "hacking"}),
    ("which states were accused of espionage", {"cyber-espionage"}),
    ("who was charged over the Atlanta ransomware attack", {"ransomware", "cyber-attack"}),
    ("who denied the data breach", {"data-breach"}),
    ("who accused China", set()),
]


@pytest.mark.parametrize(("question", "expected"), TOPICS)
def test_topic_words_open_their_topics_loosely(question: str, expected: set[str]) -> None:
    topics = set(parse(question).topics)
    assert expected <= topics
    if not expected:
        assert topics == set()


NOT_UNDERSTOOD = ["", "   ", "hello", "what is the weather in Paris?", "China", "list everything", "why?"]


@pytest.mark.parametrize("question", NOT_UNDERSTOOD)
def test_unknown_question_gets_examples(question: str) -> None:
    with pytest.raises(QueryError) as caught:
        parse(question)
    message = caught.value.message
    assert "who accused China?" in message and "cannot understand" in message
    assert caught.value.status == 400


@pytest.mark.parametrize(
    ("phrase", "head", "rest"),
    [
        ("Russia of attacks on En Marche", "Russia", "attacks on En Marche"),
        ("Department of Justice of lying", "Department of Justice", "lying"),
        ("Fancy Bear for the hack", "Fancy Bear", "the hack"),
        ("China", "China", ""),
    ],
)
def test_split_at_preposition_keeps_names_whole(phrase: str, head: str, rest: str) -> None:
    assert split_at_preposition(phrase) == (head, rest)


def test_structured_query_is_frozen_and_serialisable() -> None:
    query = parse("who did James Clapper accuse?")
    with pytest.raises(AttributeError):
        query.actor = "someone"  # type: ignore[misc]
    data = query.to_dict()
    assert data["actor"] == "James Clapper" and data["stances"] == ["accuse"] and data["wanted"] == "targets"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_any_text_parses_or_gets_a_query_error(text: str) -> None:
    try:
        query = parse(text)
    except QueryError as exc:
        assert exc.message
    else:
        assert query.wanted in ("actors", "targets", "claims", "rebuttals")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_normalize_is_idempotent(text: str) -> None:
    assert normalize(normalize(text)) == normalize(text)
