"""The extractor's data: cue, party and negation lexicons (TOML under ``kg/lexicons/``), loaded once."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import ConfigError

LEXICON_DIR = Path(__file__).resolve().parent.parent / "lexicons"


@dataclass(frozen=True, slots=True)
class CueRule:
    """One stance cue: which lemmas, which stance, how to find actor and target."""

    lemmas: frozenset[str]
    stance: str
    kind: str  # "agentive" | "predicate" | "phrase"
    target: str
    flags: frozenset[str]
    preps: tuple[str, ...] = ()
    needs_object: tuple[str, ...] = ()
    phrase: str = ""
    id: str = ""  # "accuse.blame": what a claim records as the rule behind it (``kg extract --explain``)


@dataclass(frozen=True, slots=True)
class Lexicon:
    speech_verbs: frozenset[str]
    needs_complement: frozenset[str]
    speech_nouns: frozenset[str]
    naming_nouns: frozenset[str]
    channel_verbs: frozenset[str]
    causative: frozenset[str]
    allegations: frozenset[str]
    cues: tuple[CueRule, ...]
    phrases: tuple[CueRule, ...]
    context_stems: tuple[str, ...]
    attackers: frozenset[str]
    parties: frozenset[str]
    non_parties: frozenset[str]
    acts: frozenset[str]
    descriptors: dict[str, frozenset[str]]
    not_anaphoric: frozenset[str]
    antecedents: dict[str, tuple[frozenset[str], frozenset[str]]]  # kind -> (mention kinds, party types)
    institutions: dict[str, tuple[str, ...]]
    common_types: dict[str, frozenset[str]]
    media: frozenset[str]
    negators: frozenset[str]
    hypothetical: frozenset[str]
    refusal: frozenset[str]
    doubt: frozenset[str]
    disproof: frozenset[str]
    refusal_phrases: tuple[str, ...]
    hedges: frozenset[str]
    deception: frozenset[str]
    prefilter: dict[str, tuple[str, ...]]
    terms: tuple[str, ...] = ()  # technical terms whose words are never cues
    generic_governments: frozenset[str] = frozenset()  # "the Government", "the authorities"
    government_references: tuple[str, ...] = ()  # "UK Foreign Office": a state named as a government
    involvement: frozenset[str] = frozenset()  # "the involvement of X": the party is X

    def cue_rules_for(self, lemma: str) -> list[CueRule]:
        return [rule for rule in self.cues if lemma in rule.lemmas]


def _read(name: str) -> dict[str, Any]:
    with open(LEXICON_DIR / name, "rb") as handle:
        return tomllib.load(handle)


_FLAG_KEYS = (
    "passive_is_predicate",
    "requires_negation",
    "party_target_only",
    "needs_cyber_object",
    "needs_attacker_subject",
    "state_target_only",
    "needs_cyber_subject",
    "needs_attack_subject",
    "copula_only",
    "needs_attacker_doer",
    "needs_allegation",
    "needs_future",
    "state_or_group_target",
    "hedged",
    "not_as_threat",
    "needs_infinitive",
    "needs_threat_modal",
    "own_deed_only",
    "needs_attacker_object",
    "needs_light_verb",
    "claimed_as_own",
)


_KINDS = frozenset({"agentive", "predicate", "phrase"})
_TARGETS = frozenset(
    {
        "by",
        "claimed_act",
        "doer",
        "envoy",
        "for",
        "from",
        "front",
        "held",
        "hyphen_prefix",
        "involved",
        "near",
    }
    | {"noun_by", "object", "object_of_for", "of", "of_cyber", "on", "possessor", "self", "subject"}
    | {"subject_self", "to"}
)
_ENTRY_KEYS = frozenset(
    {"lemmas", "stance", "kind", "target", "preps", "needs_object", "text", "texts", "id"}
)
_STANCES = frozenset({"accuse", "deny", "condemn", "acknowledge", "warn", "pledge", "assert"})


def _validated(entry: dict[str, Any], kind: str) -> None:
    """An unknown key, flag, stance, kind or target strategy is a load-time error, never a silent no-op."""
    where = (
        f"cues.toml [[{kind if kind == 'phrase' else 'cue'}]] {entry.get('lemmas') or entry.get('text')!r}"
    )
    unknown = set(entry) - _ENTRY_KEYS - set(_FLAG_KEYS)
    if unknown:
        raise ConfigError(f"{where}: unknown keys {sorted(unknown)}")
    checks = (
        ("stance", entry.get("stance"), _STANCES),
        ("kind", entry.get("kind", kind), _KINDS),
        ("target", entry.get("target", "near"), _TARGETS),
    )
    for key, value, allowed in checks:
        if value not in allowed:
            raise ConfigError(f"{where}: {key} {value!r} is not one of {sorted(allowed)}")


def _rule_id(entry: dict[str, Any], kind: str, seen: dict[str, int]) -> str:
    """The entry's ``id``, or one made of its stance and first lemma (numbered when repeated)."""
    if entry.get("id"):
        return str(entry["id"])
    word = entry.get("text") or min(entry.get("lemmas", ()), default=kind)
    base = f"{entry['stance']}.{'_'.join(str(word).split())}"
    seen[base] = seen.get(base, 0) + 1
    return base if seen[base] == 1 else f"{base}.{seen[base]}"


def _rule(entry: dict[str, Any], kind: str, seen: dict[str, int] | None = None) -> CueRule:
    _validated(entry, kind)
    flags = frozenset(key for key in _FLAG_KEYS if entry.get(key))
    return CueRule(
        id=_rule_id(entry, kind, {} if seen is None else seen),
        lemmas=frozenset(entry.get("lemmas", ())),
        stance=entry["stance"],
        kind=entry.get("kind", kind),
        target=entry.get("target", "near"),
        flags=flags,
        preps=tuple(entry.get("preps", ())),
        needs_object=tuple(entry.get("needs_object", ())),
        phrase=entry.get("text", "").lower(),
    )


@cache
def load_lexicon() -> Lexicon:
    """The lexicons, parsed once per process."""
    cues, parties, negation = _read("cues.toml"), _read("parties.toml"), _read("negation.toml")
    seen: dict[str, int] = {}
    speech = cues["speech"]
    return Lexicon(
        speech_verbs=frozenset(speech["verbs"]),
        needs_complement=frozenset(speech["needs_complement"]),
        speech_nouns=frozenset(speech["nouns"]),
        naming_nouns=frozenset(speech.get("naming_nouns", ())),
        channel_verbs=frozenset(speech["channel_verbs"]),
        causative=frozenset(speech["causative"]),
        allegations=frozenset(speech.get("allegations", ())),
        cues=tuple(_rule(entry, "predicate", seen) for entry in cues["cue"]),
        phrases=tuple(
            _rule({**{k: v for k, v in entry.items() if k != "texts"}, "text": text}, "phrase", seen)
            for entry in cues.get("phrase", ())
            for text in entry.get("texts", [entry.get("text", "")])
        ),
        context_stems=tuple(cues["context"]["stems"]),
        attackers=frozenset(parties["attackers"]),
        parties=frozenset(parties["parties"]),
        non_parties=frozenset(parties["non_parties"]),
        acts=frozenset(parties["acts"]),
        descriptors={kind: frozenset(words) for kind, words in parties["descriptors"].items()},
        not_anaphoric=frozenset(parties["descriptor_modifiers"]["not_anaphoric"]),
        antecedents={
            kind: (frozenset(entry["mentions"]), frozenset(entry["types"]))
            for kind, entry in parties["descriptor_antecedents"].items()
        },
        institutions={name: tuple(words) for name, words in parties["institutions"].items()},
        common_types={kind: frozenset(words) for kind, words in parties["common_types"].items()},
        media=frozenset(name.lower() for name in parties["media"]["names"]),
        negators=frozenset(negation["negators"]),
        hypothetical=frozenset(negation["hypothetical"]),
        refusal=frozenset(negation["refusal"]),
        doubt=frozenset(negation["doubt"]),
        disproof=frozenset(negation["disproof"]),
        refusal_phrases=tuple(negation["refusal_phrases"]),
        hedges=frozenset(negation["hedges"]),
        deception=frozenset(negation.get("deception", ())),
        prefilter={  # [prefilter_more]: patterns added with a cue section appended at the end of the file
            name: tuple(items) + tuple(cues.get("prefilter_more", {}).get(name, ()))
            for name, items in cues["prefilter"].items()
        },
        terms=tuple(text.lower() for text in cues.get("terms", {}).get("texts", ())),
        generic_governments=frozenset(parties.get("government", {}).get("generic", ())),
        government_references=tuple(parties.get("government", {}).get("references", ())),
        involvement=frozenset(parties.get("involvement", ())),
    )


@cache
def context_pattern() -> re.Pattern[str]:
    """Matches any cyber-context stem (case-insensitive)."""
    stems = sorted(load_lexicon().context_stems, key=len, reverse=True)
    return re.compile("|".join(re.escape(s) for s in stems), re.IGNORECASE)
