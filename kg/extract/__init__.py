"""Stage 2 of the pipeline: article -> attributed claims (CLAIMS.md).

``get_extractor()`` loads the spaCy pipeline named by ``Settings.model`` once per process and returns an
:class:`Extractor` whose ``extract(article)`` is pure. Stages, one module each: sentences -> cues ->
attribution -> targets -> negation -> topics, assembled in ``pipeline``.

Parties are resolved by :mod:`kg.resolve`, the one place that knows who a mention is: ``naming`` asks it
for threat actors, states, agencies and organisations (through ``entities``), and ``context`` takes the
article's names from :mod:`kg.resolve.mentions` and matches short forms, misspellings and pronouns with
:class:`kg.resolve.NameResolver`. Claims leave with resolved names, types, affiliations and galaxy UUIDs.
"""

from __future__ import annotations

from functools import cache

from kg.errors import ConfigError
from kg.extract.extractor import Extractor
from kg.extract.model import MODEL_DIR, ClaimModel
from kg.extract.pipeline import RuleExtractor

# Components the extractor never uses are not loaded. NER stays loaded (``Extractor(use_ner=True)`` and the
# benchmark's bare pipeline use it) but is disabled while parsing candidate sentences.
_UNUSED: tuple[str, ...] = ("senter", "textcat", "entity_linker", "entity_ruler", "trainable_lemmatizer")


@cache
def get_extractor(model: str | None = None, rules_only: bool = False) -> Extractor:
    """The process-wide extractor (spaCy and the shipped claim model loaded once).

    ``rules_only`` leaves the decision to the cue rules (what the rule tables test)."""
    import spacy

    from kg.settings import get_settings

    name = model or get_settings().model
    try:
        nlp = spacy.load(name, exclude=list(_UNUSED))
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed (set KG_MODEL to an installed pipeline)"
        ) from exc
    return Extractor(nlp, None if rules_only else ClaimModel.load(MODEL_DIR))


__all__ = ["ClaimModel", "Extractor", "RuleExtractor", "get_extractor"]
