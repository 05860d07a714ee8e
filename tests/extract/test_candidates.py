"""The structural generator: which (speaker, party) pairs each construction proposes (invented sentences).

The generator is for recall: it proposes every speaker/party pair a sentence's structure allows, and the
model decides. Each row names a pair that must be among the candidates, with the speaker's role.
"""

from __future__ import annotations

import pytest

from kg.extract import Extractor
from kg.ingest import article_from_text

pytestmark = pytest.mark.slow

ROWS = [
    (
        "subject-of-speech",
        "Analysts at Dragos said the Xenotime group wrote the code.",
        "Dragos",
        "Xenotime",
        "subj",
    ),
    (
        "according-to",
        "According to Symantec, the Turla group built the backdoor.",
        "Symantec",
        "Turla",
        "according",
    ),
    (
        "passive-agent",
        "The intrusion was blamed on Iran by officials in Washington.",
        "officials in Washington",
        "Iran",
        "agent",
    ),
    (
        "pronoun-from-previous-sentence",
        "Ivan Petrov is a researcher at Kaspersky. He said the malware belongs to the Equation Group.",
        "Ivan Petrov",
        "Equation Group",
        "subj",
    ),
    (
        "indictment-names-defendants",
        "The Justice Department charged two Chinese nationals, Zhu Hua and Zhang Shilong, with hacking.",
        "Justice Department",
        "Zhu Hua",
        "subj",
    ),
    ("no-cue-word-needed", "Mandiant tied the campaign to APT10 last week.", "Mandiant", "APT10", "subj"),
]


@pytest.mark.parametrize(("text", "actor", "target", "role"), [r[1:] for r in ROWS], ids=[r[0] for r in ROWS])
def test_the_generator_proposes_the_pair(extractor: Extractor, text: str, actor: str, target: str, role: str):
    analysis = next(iter(extractor.analyse_many([article_from_text(text, "t")])))
    pairs = {(c.actor.name, c.target.name, c.role) for c in analysis.candidates}
    assert (actor, target, role) in pairs, sorted(pairs)
    assert len(analysis.features) == len(analysis.candidates)


def test_every_sentence_is_a_source_not_only_cue_sentences(extractor: Extractor) -> None:
    text = "The breach hit the ministry in May. Investigators at ESET traced it to Sandworm."
    analysis = next(iter(extractor.analyse_many([article_from_text(text, "t")])))
    assert {c.sentence for c in analysis.candidates} == {0, 1}
