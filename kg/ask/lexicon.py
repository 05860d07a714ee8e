"""The question vocabulary (``kg/lexicons/ask.toml``), loaded once into lookup tables and regex
alternations for the parser."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# up to three words before a kind ("which Russian intelligence service"), never an auxiliary
MODIFIERS = r"(?:(?!(?:did|does|do|was|were|is|are|has|have|had)\s)[\w.'-]+\s+){0,3}?"
LEXICON_PATH = Path(__file__).resolve().parent.parent / "lexicons" / "ask.toml"


def alternation(phrases: list[str] | tuple[str, ...] | set[str]) -> str:
    """A regex alternation of ``phrases``, longest first so that multiword entries win over prefixes;
    spaces match any run of whitespace."""
    ordered = sorted({p.strip().lower() for p in phrases if p.strip()}, key=lambda p: (-len(p), p))
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered) + ")"


def key(phrase: str) -> str:
    """Lookup key of a matched phrase: lower case, single spaces."""
    return " ".join(phrase.lower().split())


@dataclass(frozen=True)
class Lexicon:
    active_stance: dict[str, str]  # verb form -> stance
    passive_stance: dict[str, str]  # past participle -> stance
    link_verbs: frozenset[str]
    legal_stems: dict[str, tuple[str, ...]]
    deny_verbs: tuple[str, ...]
    deny_adjectives: tuple[str, ...]
    say_verbs: tuple[str, ...]
    perpetrator_relations: tuple[str, ...]
    affiliation_relations: tuple[str, ...]
    hedges: tuple[str, ...]
    perpetration_verbs: tuple[str, ...]
    reported_perpetration: tuple[str, ...]
    rebut_verbs: tuple[str, ...]
    rebut_whom: tuple[str, ...]
    said_verbs: tuple[str, ...]
    statements: tuple[str, ...]  # nouns for what a party says ("whose report did A deny")
    clause_stance: dict[str, tuple[str, ...]]  # stance -> phrases of a clause that takes it
    no_evidence: tuple[str, ...]  # "there was no evidence that ...": a doubt, answered by denials
    said_about: tuple[str, ...]
    act_frames: tuple[str, ...]
    own_part: tuple[str, ...]  # frames asking about the claimant's own part ("involvement in")
    act_heads: frozenset[str]
    act_modifiers: frozenset[str]
    behind_nouns: dict[str, str]
    kinds: dict[str, str]
    topics: dict[str, tuple[str, ...]]
    stop_terms: frozenset[str]
    examples: tuple[str, ...]
    time_relations: dict[str, str]  # "since" -> "since", "prior to" -> "before"
    months: dict[str, int]  # "march" -> 3
    negation_words: tuple[str, ...]
    negation_auxiliaries: dict[str, str]  # "did" -> "" ("did not deny" asks "deny")
    suggest: dict[str, tuple[str, ...]]  # stance (or "any") -> reading templates with {x}
    incident_nouns: tuple[str, ...]
    year: re.Pattern[str]  # "in 2017": the year an incidents question asks about
    questions: tuple[tuple[str, str], ...]  # (shape name, pattern with {list} placeholders), in order


def _stance_tables(data: dict) -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    active: dict[str, str] = {}
    passive: dict[str, str] = {}
    link: set[str] = set()
    for stance, forms in data["stance"].items():
        for verb in forms.get("active", ()):
            active.setdefault(key(verb), stance)
        for verb in forms.get("passive", ()):
            passive.setdefault(key(verb), stance)
        link.update(key(v) for v in forms.get("link", ()))
    return active, passive, frozenset(link)


@cache
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    """The question vocabulary, read once per process."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    active, passive, link = _stance_tables(data)
    attribution = data["reported_attribution"]
    return Lexicon(
        active_stance=active,
        passive_stance=passive,
        link_verbs=link,
        legal_stems={key(k): tuple(v) for k, v in data["legal"].items()},
        deny_verbs=tuple(data["deny_by_adjective"]["verbs"]),
        deny_adjectives=tuple(data["deny_by_adjective"]["adjectives"]),
        say_verbs=tuple(attribution["say_verbs"]),
        perpetrator_relations=tuple(attribution["perpetrator_relations"]),
        affiliation_relations=tuple(attribution["affiliation_relations"]),
        hedges=tuple(attribution["hedges"]),
        perpetration_verbs=tuple(data["perpetration"]["verbs"]),
        reported_perpetration=tuple(data["perpetration"]["reported"]),
        rebut_verbs=tuple(data["rebut"]["verbs"]),
        rebut_whom=tuple(data["rebut"]["whom"]),
        said_verbs=tuple(data["said"]["verbs"]),
        statements=tuple(data["statements"]["nouns"]),
        no_evidence=tuple(data["no_evidence"]["phrases"]),
        clause_stance={k: tuple(v) for k, v in data["clause_stance"].items()},
        said_about=tuple(data["said"]["about"]),
        act_frames=tuple(data["object_frames"]["acts"]),
        own_part=tuple(data["object_frames"]["own_part"]),
        act_heads=frozenset(key(h) for h in data["object_frames"]["act_heads"]),
        act_modifiers=frozenset(key(h) for h in data["object_frames"]["act_modifiers"]),
        behind_nouns={key(k): v for k, v in data["behind_nouns"].items()},
        kinds={key(k): v for k, v in data["kinds"].items()},
        topics={key(k): tuple(v) for k, v in data["topics"].items()},
        stop_terms=frozenset(key(t) for t in data["terms"]["stop"]),
        examples=tuple(data["help"]["examples"]),
        time_relations={key(k): v for k, v in data["time"]["relations"].items()},
        months={key(k): int(v) for k, v in data["time"]["months"].items()},
        negation_words=tuple(data["negation"]["words"]),
        negation_auxiliaries={key(k): v for k, v in data["negation"]["auxiliaries"].items()},
        suggest={k: tuple(v) for k, v in data["suggest"].items()},
        incident_nouns=tuple(data["incidents"]["nouns"]),
        year=re.compile(data["incidents"]["year"], re.I),
        questions=tuple((q["name"], q["pattern"]) for q in data["question"]),
    )
