"""Stage 5 of extraction: the learned decision — is a candidate a claim, and with which stance?

A multinomial logistic regression over hashed features (:mod:`kg.extract.features`): one weight row per
feature bucket, one column per label (``none`` and the seven stances). It is small (a compressed NumPy
array), needs nothing at inference but NumPy, and is trained in under a minute on the CPU by
:func:`train` (``kg train``; scikit-learn fits it, inference needs only NumPy). The shipped artefact lives in ``kg/extract/model/`` beside a manifest that
records the corpus hash, the settings and the cross-validated scores it was trained with.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kg.errors import ConfigError
from kg.models import STANCES

LABELS: tuple[str, ...] = ("none", *STANCES)
MODEL_DIR = Path(__file__).resolve().parent / "model"
WEIGHTS_FILE = "claims.npz"
MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True, slots=True)
class TrainSettings:
    """Everything training depends on besides the corpus (recorded in the manifest)."""

    buckets: int = 1 << 18
    c: float = 0.1  # inverse L2 strength
    max_iter: int = 300
    optional_weight: float = 0.5  # the weight of a candidate labelled by an optional gold claim
    threshold: float = 0.5  # a structural candidate is a claim when P(not none) reaches this
    rule_veto: float = 0.0  # a cue rule's claim is dropped when P(not none) falls below this (0: never)

    def __post_init__(self) -> None:
        if self.buckets < 16 or self.buckets & (self.buckets - 1):
            raise ConfigError("buckets must be a power of two, at least 16")
        if not 0.0 < self.threshold < 1.0:
            raise ConfigError("threshold must lie strictly between 0 and 1")
        if not 0.0 <= self.rule_veto < 1.0:
            raise ConfigError("rule_veto must lie in [0, 1)")


def hashed(features: Sequence[str], buckets: int) -> np.ndarray:
    """The distinct bucket indices of ``features`` (CRC-32, stable across processes and platforms)."""
    mask = buckets - 1
    return np.unique(np.fromiter((zlib.crc32(f.encode()) & mask for f in features), np.int64))


class ClaimModel:
    """Weights and settings; :meth:`probabilities` scores one candidate's features."""

    def __init__(self, weights: np.ndarray, settings: TrainSettings, manifest: dict[str, Any] | None = None):
        if weights.shape != (settings.buckets, len(LABELS)):
            raise ConfigError(
                f"model weights have shape {weights.shape}, expected {(settings.buckets, len(LABELS))}"
            )
        self.weights = weights
        self.settings = settings
        self.manifest = manifest or {}

    def probabilities(self, features: Sequence[str]) -> np.ndarray:
        logits = self.weights[hashed(features, self.settings.buckets)].sum(axis=0, dtype=np.float64)
        return _softmax(logits[None, :])[0]

    def decide(self, features: Sequence[str]) -> tuple[str, float, np.ndarray]:
        """(label, claim probability, all probabilities): ``none`` below the threshold, else the stance."""
        probs = self.probabilities(features)
        claim_p = float(1.0 - probs[0])
        if claim_p < self.settings.threshold:
            return "none", claim_p, probs
        return LABELS[1 + int(np.argmax(probs[1:]))], claim_p, probs

    def save(self, folder: Path, manifest: dict[str, Any]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(folder / WEIGHTS_FILE, weights=self.weights.astype(np.float16))
        record = {**manifest, "settings": asdict(self.settings), "labels": list(LABELS)}
        (folder / MANIFEST_FILE).write_text(
            json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8"
        )

    @classmethod
    def load(cls, folder: Path = MODEL_DIR) -> ClaimModel:
        try:
            manifest = json.loads((folder / MANIFEST_FILE).read_text(encoding="utf-8"))
            with np.load(folder / WEIGHTS_FILE) as data:
                weights = data["weights"].astype(np.float32)
        except (OSError, ValueError, KeyError) as exc:
            raise ConfigError(
                f"no usable claim model in {folder} ({exc}); train one with `kg train`"
            ) from exc
        if manifest.get("labels") != list(LABELS):
            raise ConfigError(
                f"the claim model in {folder} has labels {manifest.get('labels')}, expected {list(LABELS)}"
            )
        try:
            settings = TrainSettings(**manifest["settings"])
        except (KeyError, TypeError) as exc:
            raise ConfigError(f"the claim model in {folder} has unreadable settings ({exc})") from exc
        return cls(weights, settings, manifest)


@dataclass(frozen=True, slots=True)
class Example:
    """One training candidate: its features, its label index in ``LABELS`` and its weight."""

    features: tuple[str, ...]
    label: int
    weight: float = 1.0


def train(examples: Sequence[Example], settings: TrainSettings | None = None) -> ClaimModel:
    """L2-regularised multinomial logistic regression (scikit-learn's L-BFGS, a training-only extra).

    The fitted coefficients become the weight table; the intercepts sit on the ``bias`` feature's row, so
    inference is a sum of rows and a softmax, with NumPy alone."""
    settings = settings or TrainSettings()
    if not examples:
        raise ConfigError("no training examples: the corpus produced no candidates")
    try:
        from scipy import sparse
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise ConfigError("training needs scikit-learn: pip install 'attribution-kg[train]'") from exc
    rows = [hashed(e.features, settings.buckets) for e in examples]
    indptr = np.cumsum([0, *(len(r) for r in rows)])
    matrix = sparse.csr_matrix(
        (np.ones(int(indptr[-1])), np.concatenate(rows), indptr), shape=(len(rows), settings.buckets)
    )
    labels = np.array([e.label for e in examples])
    learner = LogisticRegression(C=settings.c, max_iter=settings.max_iter, tol=1e-4)
    learner.fit(matrix, labels, sample_weight=np.array([e.weight for e in examples]))
    weights = np.zeros((settings.buckets, len(LABELS)), dtype=np.float32)
    bias = int(hashed(["bias"], settings.buckets)[0])
    classes = [int(c) for c in learner.classes_]
    if len(classes) == 2:  # a binary fit has one coefficient row: the second class against the first
        weights[:, classes[1]] = learner.coef_[0]
        weights[bias, classes[1]] += learner.intercept_[0]
    else:
        for k, label in enumerate(classes):
            weights[:, label] = learner.coef_[k]
            weights[bias, label] += learner.intercept_[k]
    for label in set(range(len(LABELS))) - set(classes):
        weights[bias, label] = -30.0  # a label the corpus never shows is never predicted
    return ClaimModel(weights, settings)


def _softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=1, keepdims=True)
