"""Annotated corpora (``corpus.gold.json`` + ``texts/``, ``folds.json``) and the matching rule of CLAIMS.md.

A predicted claim matches a gold claim when its actor and target match one of the gold names
(case-insensitive, punctuation and titles ignored, a name containing an alias as whole words counts)
and its stance is the gold stance or one of its alternatives. Training labels candidates with this rule,
and :func:`score` micro-averages precision, recall and F1 with it, as the evaluation does.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError
from kg.ingest import article_from_text
from kg.models import Article, Claim

_TITLES = frozenset(
    [
        "president",
        "secretary",
        "minister",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chairman",
        "general",
        "mr",
        "mrs",
        "ms",
        "dr",
        "the",
        "us",
        "u.s.",
        "of",
        "state",
        "foreign",
        "ministry",
        "prime",
        "deputy",
        "chief",
        "official",
        "senator",
        "ambassador",
        "former",
    ]
)


def _norm(name: str) -> str:
    name = (name or "").lower().replace("\u2019", "'")
    return " ".join(re.sub(r"[^\w\s'-]", " ", name).split())


def _core(name: str) -> str:
    words = [w for w in _norm(name).split() if w not in _TITLES]
    return " ".join(words) or _norm(name)


def _contains(haystack: str, needle: str) -> bool:
    return bool(needle) and re.search(r"(^| )" + re.escape(needle) + r"($| )", haystack) is not None


def name_matches(predicted: str, aliases: Iterable[str]) -> bool:
    p, pc = _norm(predicted), _core(predicted)
    for alias in aliases:
        a, ac = _norm(alias), _core(alias)
        if a and (p == a or pc == ac or _contains(p, a) or _contains(pc, ac)):
            return True
    return False


@dataclass(frozen=True, slots=True)
class GoldArticle:
    article: Article
    claims: tuple[dict[str, Any], ...]
    fold: int = 0


def load_corpus(folder: Path) -> list[GoldArticle]:
    """The annotated articles of a corpus folder (``corpus.gold.json``, ``texts/``, optional ``folds.json``)."""
    if not (folder / "corpus.gold.json").is_file():
        raise InputError(f"{folder}: no corpus.gold.json (a corpus folder holds it beside texts/)")
    return load_gold(folder / "corpus.gold.json", folder / "texts", folder / "folds.json")


def load_gold(gold_path: Path, texts: Path, folds_path: Path | None = None) -> list[GoldArticle]:
    """The articles a gold file annotates, read from ``texts`` (``<article>.txt``), with their folds."""
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{gold_path}: not a readable gold file ({exc})") from exc
    folds = {}
    if folds_path is not None and folds_path.is_file():
        folds = json.loads(folds_path.read_text(encoding="utf-8"))
    out = []
    for entry in gold["articles"]:
        path = texts / f"{entry['article']}.txt"
        if not path.is_file():
            raise InputError(f"{path}: named in {gold_path.name} but missing")
        article = article_from_text(path.read_text(encoding="utf-8"), entry["article"], str(path))
        out.append(GoldArticle(article, tuple(entry["claims"]), int(folds.get(entry["article"], 0))))
    return out


def corpus_hash(folder: Path) -> str:
    """SHA-256 over the gold file, the folds and every text, in name order."""
    digest = hashlib.sha256()
    for path in sorted(
        [folder / "corpus.gold.json", folder / "folds.json", *(folder / "texts").glob("*.txt")]
    ):
        if path.is_file():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def evidence_spans(text: str, claim: dict[str, Any]) -> list[tuple[int, int]]:
    """Where a gold claim's ``evidence_contains`` occurs in the text."""
    needle = claim.get("evidence_contains") or ""
    if not needle:
        return []
    return [(m.start(), m.start() + len(needle)) for m in re.finditer(re.escape(needle), text)]


def pair_matches(actor: str, stance: str | None, target: str, gold: dict[str, Any]) -> bool:
    """Names match; and the stance too, unless ``stance`` is None."""
    stances = {gold["stance"], *gold.get("alt_stances", [])}
    return (
        (stance is None or stance in stances)
        and name_matches(actor, gold["actor"])
        and name_matches(target, gold["target"])
    )


@dataclass(slots=True)
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    topic_ok: int = 0

    def add(self, other: Counts) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        self.topic_ok += other.topic_ok

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def topic(self) -> float:
        return self.topic_ok / self.tp if self.tp else 0.0

    def line(self) -> str:
        """``P=0.xx R=0.xx F1=0.xx topic=0.xx``, as the benchmarks print it."""
        return f"P={self.precision:.2f} R={self.recall:.2f} F1={self.f1:.2f} topic={self.topic:.2f}"


def score(claims: list[Claim], golds: Iterable[dict[str, Any]]) -> Counts:
    """One article: greedy one-to-one matching, required gold claims first (as the evaluation does)."""
    golds = sorted(golds, key=lambda g: bool(g.get("optional")))
    preds = [c for c in claims if not c.negated]
    used: set[int] = set()
    counts = Counts()
    for gold in golds:
        hit = next(
            (
                i
                for i, c in enumerate(preds)
                if i not in used and pair_matches(c.actor, c.stance, c.target, gold)
            ),
            None,
        )
        if hit is None:
            counts.fn += not gold.get("optional")
            continue
        used.add(hit)
        if not gold.get("optional"):
            counts.tp += 1
            counts.topic_ok += preds[hit].topic in {gold.get("topic"), *gold.get("alt_topics", [])}
    counts.fp = len(preds) - len(used)
    return counts
