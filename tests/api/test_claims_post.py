"""POST /claims over real HTTP: random valid claims in, the same claims out of GET /claims."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from api_support import AUTH, LiveApi, api_settings, running
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.slow
JSON_LINES = {"Content-Type": "application/x-ndjson"}
# Invented parties the resolver knows nothing about (no lexicon entry, no shared word, no near
# spelling), so that what comes out is what went in; each has one type and one affiliation, as a
# party has within one article graph.
CAST = [
    ("Orla Brennick", "person", ""),
    ("Tavish Qorm", "person", "Ruritania"),
    ("Ruritania", "government", ""),
    ("Vexmoor Analytics", "organization", ""),
    ("Quillfen Collective", "group", ""),
    ("The Daily Sprocket", "media", ""),
]
STANCES = ["accuse", "deny", "condemn", "acknowledge", "warn", "pledge", "assert"]
TOPICS = ["state-sponsorship", "cyber-espionage", "cyber-attack", "hacking", "data-breach", "ransomware"]
SENTENCES = [f"Sentence {n} tells who said what about the intrusion." for n in range(6)]
TEXT = " ".join(SENTENCES)


@pytest.fixture(scope="module")
def empty_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApi]:
    settings_ = api_settings(str(tmp_path_factory.mktemp("import-store") / "store"))
    with running(settings_) as url:
        yield LiveApi(url, "embedded", settings_)


@st.composite
def claims(draw: st.DrawFn) -> dict:
    actor, actor_type, affiliation = draw(st.sampled_from(CAST))
    target, target_type, _ = draw(st.sampled_from(CAST))
    sentence = draw(st.integers(0, len(SENTENCES) - 1))
    start = TEXT.index(SENTENCES[sentence])
    return {
        "article": "prop", "actor": actor, "actor_type": actor_type, "affiliation": affiliation,
        "stance": draw(st.sampled_from(STANCES)), "target": target, "target_type": target_type,
        "topic": draw(st.sampled_from(TOPICS)), "claim": draw(st.sampled_from(["it was them", "not us"])),
        "evidence": SENTENCES[sentence], "start": start, "end": start + len(SENTENCES[sentence]),
        "confidence": draw(st.integers(0, 10_000)) / 10_000, "negated": draw(st.booleans()),
        "reported_via": draw(st.sampled_from([None, "Xinhua", "a daily briefing"])),
    }  # fmt: skip


def _key(claim: dict) -> tuple:
    return (claim["start"], claim["end"], claim["actor"], claim["stance"], claim["target"])


def _seen(claim: dict) -> tuple:
    """What GET /claims says of a claim, in the contract's terms."""
    actor, target = claim["actor"], claim["target"]
    return (
        claim["article"], actor["name"], actor["type"], actor["affiliation"], claim["stance"], target["name"],
        target["type"], claim["topic"], claim["claim"], claim["evidence"], claim["start"], claim["end"],
        claim["confidence"], claim["negated"], claim["reported_via"],
    )  # fmt: skip


def _given(claim: dict) -> tuple:
    return (
        claim["article"], claim["actor"], claim["actor_type"], claim["affiliation"], claim["stance"],
        claim["target"], claim["target_type"], claim["topic"], claim["claim"], claim["evidence"],
        claim["start"], claim["end"], claim["confidence"], claim["negated"], claim["reported_via"],
    )  # fmt: skip


def _post(api: LiveApi, lines: list[dict]) -> dict:
    body = "".join(json.dumps(line) + "\n" for line in lines)
    with api.client(headers=AUTH | JSON_LINES) as client:
        response = client.post("/claims", content=body)
    assert response.status_code == 200, response.text
    return response.json()


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(claims(), min_size=1, max_size=8, unique_by=_key))
def test_random_valid_claims_come_back_out_of_get_claims(
    empty_api: LiveApi, given_claims: list[dict]
) -> None:
    report = _post(empty_api, [{"id": "prop", "text": TEXT, "date": "2020-02-02"}, *given_claims])
    assert report["claims"] == len(given_claims)
    with empty_api.client() as client:
        out = client.get("/claims", params={"article": "prop", "limit": "1000"}).json()["claims"]
    assert sorted(map(_seen, out)) == sorted(map(_given, given_claims))


def test_reimport_changes_nothing(empty_api: LiveApi) -> None:
    lines = [{"id": "again", "text": TEXT}, *(dict(c, article="again") for c in _two_claims())]
    first, second = _post(empty_api, lines), _post(empty_api, lines)
    assert (first["new"], first["claims"]) == (1, 2)
    assert (second["new"], second["changed"], second["unchanged"], second["claims"]) == (0, 0, 1, 2)


def _two_claims() -> list[dict]:
    start = TEXT.index(SENTENCES[1])
    base = {
        "article": "x", "actor": "Orla Brennick", "actor_type": "person", "affiliation": "",
        "stance": "accuse", "target": "Ruritania", "topic": "hacking", "claim": "", "evidence": SENTENCES[0],
        "start": 0, "end": len(SENTENCES[0]), "confidence": 0.5,
    }  # fmt: skip
    return [base, base | {"stance": "deny", "evidence": SENTENCES[1], "start": start,
                          "end": start + len(SENTENCES[1])}]  # fmt: skip


def test_bad_lines_are_one_problem_listing_each_line(empty_api: LiveApi) -> None:
    good, other = _two_claims()
    body = "\n".join([json.dumps({"id": "bad", "text": TEXT}), "{", json.dumps(good | {"article": "bad"}),
                      json.dumps(other | {"article": "bad", "start": 2})])  # fmt: skip
    with empty_api.client(headers=AUTH | JSON_LINES) as client:
        response = client.post("/claims", content=body)
        listed = client.get("/claims", params={"article": "bad"}).json()["claims"]
    assert response.status_code == 400
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"] == "/problems/claim-lines-error" and problem["title"] == "Bad claims file"
    assert "2 bad lines, nothing imported" in problem["detail"]
    assert "line 2: not JSON" in problem["detail"] and "line 4: the evidence is not" in problem["detail"]
    assert listed == []


@pytest.mark.parametrize(
    ("headers", "status"),
    [({}, 401), (AUTH | {"Content-Type": "application/json"}, 415)],
)
def test_writes_need_a_key_and_json_lines(empty_api: LiveApi, headers: dict, status: int) -> None:
    with empty_api.client(headers=headers) as client:
        response = client.post("/claims", content=b'{"id": "k", "text": "t"}\n')
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
