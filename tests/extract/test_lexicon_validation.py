"""The lexicons are validated when read: an unknown flag, stance, kind or strategy is an error, not a no-op."""

from __future__ import annotations

import pytest

from kg.errors import ConfigError
from kg.extract import candidates
from kg.extract.lexicon import _rule, load_lexicon

BAD_ENTRIES = [
    ({"lemmas": ["blame"], "stance": "accuse", "needs_cyber_objekt": True}, "unknown keys"),
    ({"lemmas": ["blame"], "stance": "accuse", "target": "sideways"}, "target 'sideways'"),
    ({"lemmas": ["blame"], "stance": "suspect"}, "stance 'suspect'"),
    ({"lemmas": ["blame"], "stance": "accuse", "kind": "adverbial"}, "kind 'adverbial'"),
    ({"lemmas": ["blame"]}, "stance None"),
]


@pytest.mark.parametrize(("entry", "message"), BAD_ENTRIES, ids=[m for _, m in BAD_ENTRIES])
def test_a_bad_cue_entry_is_refused_at_load(entry: dict, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        _rule(entry, "predicate")


def test_a_good_entry_reads_into_a_rule_with_an_id() -> None:
    rule = _rule(
        {"lemmas": ["blame"], "stance": "accuse", "target": "for", "needs_cyber_object": True}, "predicate"
    )
    assert (rule.id, rule.stance, rule.target, rule.flags) == (
        "accuse.blame",
        "accuse",
        "for",
        frozenset({"needs_cyber_object"}),
    )


def test_every_shipped_rule_has_a_unique_id() -> None:
    lexicon = load_lexicon()
    ids = [rule.id for rule in (*lexicon.cues, *lexicon.phrases)]
    assert all(ids) and len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('party_labels = ["ORG"]', "missing"),
        (
            "party_labels = []\nparty_heads = []\nact_heads = []\nanaphors = []\nmax_pairs_per_sentence = 0",
            "positive integer",
        ),
        (
            "party_labels = []\nparty_heads = []\nact_heads = []\nanaphors = []\nmax_pairs_per_sentence = 5\n"
            "speakers = []",
            "unknown keys",
        ),
    ],
)
def test_a_bad_candidate_lexicon_is_refused(tmp_path, monkeypatch, text: str, message: str) -> None:
    (tmp_path / "candidates.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(candidates, "LEXICON_DIR", tmp_path)
    candidates.candidate_lexicon.cache_clear()
    try:
        with pytest.raises(ConfigError, match=message):
            candidates.candidate_lexicon()
    finally:
        candidates.candidate_lexicon.cache_clear()
