"""The learned decision: the shipped model loads and scores, and training runs end to end on a tiny corpus."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from kg.errors import ConfigError
from kg.extract import Extractor
from kg.extract.model import LABELS, MANIFEST_FILE, MODEL_DIR, WEIGHTS_FILE, ClaimModel, Example, train
from kg.ingest import article_from_text

KNOWN = (
    "China's Foreign Ministry spokesman Hong Lei denied the accusation on Tuesday, saying the "
    "Chinese government firmly opposes and cracks down on all types of hackers."
)


def test_the_shipped_model_loads_with_its_manifest() -> None:
    model = ClaimModel.load(MODEL_DIR)
    manifest = model.manifest
    assert len(manifest["corpus_sha256"]) == 64
    assert manifest["cross_validation"]["overall"]["f1"] > 0
    assert len(manifest["cross_validation"]["folds"]) == 5
    assert manifest["settings"]["threshold"] == model.settings.threshold
    assert (MODEL_DIR / WEIGHTS_FILE).stat().st_size < 50 * 1024 * 1024


@pytest.mark.slow
def test_the_shipped_model_scores_a_known_sentence(extractor: Extractor) -> None:
    assert extractor.model is not None
    claims = extractor.extract(article_from_text(KNOWN, "known"))
    denial = next(c for c in claims if c.stance == "deny")
    assert denial.actor == "Hong Lei" and denial.target == "China"
    assert denial.extra["rules"] and 0.0 < denial.extra["model_score"] <= 1.0
    expected = denial.extra["model_score"] * denial.extra["rule_confidence"]
    assert denial.confidence == pytest.approx(expected, abs=2e-3)


def test_a_model_learns_and_decides_from_features() -> None:
    examples = [Example(("bias", "cue=deny", f"n={i}"), LABELS.index("deny")) for i in range(20)]
    examples += [Example(("bias", "cue=visit", f"n={i}"), 0) for i in range(20)]
    model = train(examples)
    assert model.decide(("bias", "cue=deny"))[0] == "deny"
    assert model.decide(("bias", "cue=visit"))[0] == "none"
    assert np.isclose(model.probabilities(("bias",)).sum(), 1.0)


def test_a_missing_or_mismatched_model_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="kg train"):
        ClaimModel.load(tmp_path)
    model = train([Example(("a",), 0), Example(("b",), 1)])
    model.save(tmp_path, {})
    manifest = json.loads((tmp_path / MANIFEST_FILE).read_text())
    (tmp_path / MANIFEST_FILE).write_text(json.dumps({**manifest, "labels": ["none", "yes"]}))
    with pytest.raises(ConfigError, match="labels"):
        ClaimModel.load(tmp_path)


TINY = {
    "tiny-a": (
        "Security firm Mandiant said the Lazarus Group was behind the attack on the bank.\n\n"
        "The bank said its systems were restored on Monday.\n\n"
        "North Korea denied any involvement in the hacking, its embassy said.",
        [
            ("Mandiant", "accuse", "Lazarus Group", "Mandiant said the Lazarus Group"),
            ("North Korea", "deny", "North Korea", "North Korea denied any involvement"),
        ],
    ),
    "tiny-b": (
        "Officials in Washington blamed Russia for the breach of the State Department's email.\n\n"
        "Moscow rejected the accusation as baseless.\n\n"
        "The department said it had hired a contractor to review its network.",
        [
            ("Washington", "accuse", "Russia", "blamed Russia for the breach"),
            ("Moscow", "deny", "Russia", "Moscow rejected the accusation"),
        ],
    ),
}


def _tiny_corpus(folder: Path) -> Path:
    (folder / "texts").mkdir(parents=True)
    articles = []
    for name, (text, claims) in TINY.items():
        (folder / "texts" / f"{name}.txt").write_text(text, encoding="utf-8")
        articles.append(
            {
                "article": name,
                "claims": [
                    {
                        "actor": [a],
                        "stance": s,
                        "target": [t],
                        "topic": "cyber-attack",
                        "evidence_contains": e,
                    }
                    for a, s, t, e in claims
                ],
            }
        )
    (folder / "corpus.gold.json").write_text(json.dumps({"articles": articles}), encoding="utf-8")
    (folder / "folds.json").write_text(json.dumps({"tiny-a": 0, "tiny-b": 1}), encoding="utf-8")
    return folder


@pytest.mark.slow
def test_training_on_a_tiny_corpus_runs_end_to_end(tmp_path: Path) -> None:
    corpus, out = _tiny_corpus(tmp_path / "corpus"), tmp_path / "model"
    result = subprocess.run(
        [sys.executable, "-c", "from kg.cli import main; main()", "train", str(corpus), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "cv: P=" in result.stderr and "folds=2" in result.stderr
    model = ClaimModel.load(out)
    assert model.manifest["articles"] == 2 and model.manifest["positives"] > 0
    assert [f["fold"] for f in model.manifest["cross_validation"]["folds"]] == [0, 1]
    assert model.probabilities(("bias",)).shape == (len(LABELS),)
