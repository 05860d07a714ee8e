"""Reading a JSON Lines file of claims (the contract of ``docs/claims.md``) for ``kg ingest --claims``.

A line is either a **claim** (an object with the contract's fields, ``article`` naming its article by
id) or an **article** (a feed record ``{"id", "text" | "html", "date"?, "url"?, "title"?}``, as
``kg ingest`` reads them, or the ``{"type": "article", "article", "text"}`` line of
``kg extract --with-text``) that gives the text the claims of that id point into. When an article's text
is in the file, every claim's evidence is checked against it (``text[start:end] == evidence``).

Every line is checked before anything is returned, and every bad line gets one error naming its line
number; the file is refused as a whole (:class:`ClaimLinesError`) when any line is bad, so an import
never writes half a file.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kg.errors import InputError
from kg.ingest.readers import article_from_record
from kg.models import ACTOR_TYPES, STANCES, TOPICS, Article, Claim

REQUIRED_TEXT = ("article", "actor", "actor_type", "affiliation", "stance", "target", "topic", "claim")
REQUIRED = (*REQUIRED_TEXT, "evidence", "start", "end", "confidence")
TARGET_TYPES = (*ACTOR_TYPES, "act")
_OPTIONAL_TEXT = ("target_affiliation", "actor_galaxy", "target_galaxy", "cue")
_SHOWN = 60  # characters of a mismatching span quoted in an error


class ClaimLinesError(InputError):
    """Some lines of a claims file are unusable; :attr:`errors` holds one message per bad line."""

    title = "Bad claims file"

    def __init__(self, source: str, errors: list[str]) -> None:
        count = f"{len(errors)} bad line{'s' if len(errors) != 1 else ''}"
        super().__init__(f"{source}: {count}, nothing imported", detail="; ".join(errors))
        self.errors = errors


@dataclass
class ClaimsFile:
    """The checked content of a claims file: its claims by article, and the articles it gives."""

    source: str
    articles: dict[str, Article] = field(default_factory=dict)  # given with their text, by id
    claims: dict[str, list[tuple[int, Claim]]] = field(default_factory=dict)  # (line number, claim)

    def lines_of(self, article_id: str) -> list[int]:
        return [number for number, _ in self.claims.get(article_id, [])]


def parse_claims(text: str, source: str) -> ClaimsFile:
    """The claims and articles of a JSON Lines claims file, or ClaimLinesError listing every bad line."""
    parsed = ClaimsFile(source)
    errors: list[str] = []
    given_on: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            _read_line(line, number, parsed, given_on)
        except InputError as exc:
            errors.append(exc.message)
    errors.extend(_evidence_errors(parsed))
    if not errors and not parsed.claims and not parsed.articles:
        errors.append(f"{source}: no claims in the file")
    if errors:
        raise ClaimLinesError(source, errors)
    return parsed


def _read_line(line: str, number: int, parsed: ClaimsFile, given_on: dict[str, int]) -> None:
    where = f"line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(record, dict):
        raise InputError(f"{where}: a line must be a JSON object (a claim or an article)")
    if "actor" not in record and ("text" in record or "html" in record):
        if "id" not in record and "article" in record:  # the article lines of `kg extract --with-text`
            record = {**record, "id": record["article"]}
        _add_article(article_from_record(record, where), number, parsed, given_on)
        return
    claim = claim_from_record(record, where)
    parsed.claims.setdefault(claim.article, []).append((number, claim))


def _add_article(article: Article, number: int, parsed: ClaimsFile, given_on: dict[str, int]) -> None:
    earlier = parsed.articles.get(article.id)
    if earlier is not None and earlier.text != article.text:
        raise InputError(
            f"line {number}: article {article.id!r} is given again with another text "
            f"(first on line {given_on[article.id]})"
        )
    parsed.articles.setdefault(article.id, article)
    given_on.setdefault(article.id, number)


def _evidence_errors(parsed: ClaimsFile) -> list[str]:
    """One error per claim whose evidence is not its article's text at its offsets (text given only)."""
    errors = []
    for article_id, claims in parsed.claims.items():
        article = parsed.articles.get(article_id)
        if article is None:
            continue  # checked against the stored article by the importer
        for number, claim in claims:
            found = article.text[claim.start : claim.end]
            if claim.end > len(article.text):
                errors.append(
                    f"line {number}: offsets {claim.start}-{claim.end} are past the end of article "
                    f"{article_id!r} ({len(article.text)} characters)"
                )
            elif found != claim.evidence:
                errors.append(
                    f"line {number}: the evidence is not the text of article {article_id!r} at "
                    f"{claim.start}-{claim.end}, which reads {found[:_SHOWN]!r}"
                )
    return sorted(errors, key=_line_number)


def _line_number(message: str) -> int:
    return int(message.split(":", 1)[0].removeprefix("line "))


def claim_from_record(record: dict[str, Any], where: str) -> Claim:
    """One claim of the contract, its fields checked; InputError naming ``where`` and the first fault."""
    missing = [name for name in REQUIRED if name not in record]
    if missing:
        raise InputError(f"{where}: missing field{'s' if len(missing) > 1 else ''} {', '.join(missing)}")
    get = _Getter(record, where)
    values = {name: get.text(name, empty=name in ("affiliation", "claim")) for name in REQUIRED_TEXT}
    get.choice("stance", STANCES)
    get.choice("actor_type", ACTOR_TYPES)
    get.choice("topic", TOPICS)
    start, end = get.offset("start"), get.offset("end")
    if end <= start:
        raise InputError(f"{where}: 'end' ({end}) must be greater than 'start' ({start})")
    confidence = get.number("confidence")
    optional = {name: get.text(name, empty=True) for name in _OPTIONAL_TEXT if record.get(name) is not None}
    if record.get("target_type") is not None:
        optional["target_type"] = get.choice("target_type", TARGET_TYPES)
    return Claim(
        **values,  # type: ignore[arg-type]
        evidence=get.text("evidence"),
        start=start,
        end=end,
        confidence=confidence,
        negated=get.flag("negated"),
        reported_via=get.text("reported_via") if record.get("reported_via") else None,
        **optional,
    )


@dataclass(frozen=True)
class _Getter:
    """Typed reads of one record's fields, each failing with a message that names line and field."""

    record: dict[str, Any]
    where: str

    def _fail(self, name: str, wanted: str) -> InputError:
        return InputError(f"{self.where}: {name!r} must be {wanted}, not {self.record.get(name)!r}")

    def text(self, name: str, empty: bool = False) -> str:
        value = self.record.get(name)
        if not isinstance(value, str) or (not empty and not value.strip()):
            raise self._fail(name, "a string" if empty else "a non-empty string")
        return value

    def choice(self, name: str, allowed: tuple[str, ...]) -> str:
        value = self.record.get(name)
        if value not in allowed:
            raise self._fail(name, f"one of {', '.join(allowed)}")
        return str(value)

    def offset(self, name: str) -> int:
        return self._checked(name, "a character offset (an integer >= 0)", lambda v: _integer(v) and v >= 0)

    def number(self, name: str) -> float:
        in_range = self._checked(
            name, "a number from 0 to 1", lambda v: (_integer(v) or isinstance(v, float)) and 0 <= v <= 1
        )
        return float(in_range)

    def flag(self, name: str) -> bool:
        if self.record.get(name) is None:
            return False
        return bool(self._checked(name, "true or false", lambda v: isinstance(v, bool)))

    def _checked(self, name: str, wanted: str, test: Callable[[Any], bool]) -> Any:
        value = self.record.get(name)
        if not test(value):
            raise self._fail(name, wanted)
        return value


def _integer(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)  # JSON true is no offset
