"""Time in a question ("in 2017", "since March 2016", "before the sanctions"): read off the question's
edge, then met by a claim whose article date or evidence falls in it.

A claim has the date of its article; its evidence may name another time ("the 2014 theft"). A calendar
time is met by either: the article's date in the span, or the evidence naming a year (and month) in it.
A time given by an event ("before the sanctions") is placed at the earliest article date among the
question's claims that speak of the event; a claim is then before or after it by its article date.
Time only ranks answers (kg.ask.rank), never removes one: dates are often missing or approximate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.ask.lexicon import Lexicon, alternation, key

_YEAR = r"(?:19|20)\d{2}"


@dataclass(frozen=True, slots=True)
class TimeSpec:
    """``relation`` is "in", "since", "before" or "after"; a calendar time is ``year`` (and ``month``,
    1-12); an event time is the ``event`` phrase ("the sanctions")."""

    relation: str
    phrase: str  # as written ("since March 2016")
    year: int | None = None
    month: int | None = None
    event: str | None = None

    def describe(self) -> str:
        return self.phrase.lower()

    def to_dict(self) -> dict[str, object]:
        data = {"relation": self.relation, "phrase": self.phrase, "year": self.year, "month": self.month}
        return {k: v for k, v in {**data, "event": self.event}.items() if v is not None}


def split_time(text: str, lx: Lexicon) -> tuple[str, TimeSpec | None]:
    """``text`` without a time phrase at its end or its start, and that time."""
    relations = alternation(lx.time_relations)
    months = alternation(lx.months)
    calendar = (
        rf"(?:(?:early|late|mid)\s+)?(?:(?P<month>{months})(?:\s+(?P<myear>{_YEAR}))?|(?P<year>{_YEAR}))"
    )
    event = r"(?P<event>(?:the|its|their)\s+[\w' -]+?)"
    edge = rf"(?P<rest>.+?)\s*,?\s+(?P<rel>{relations})\s+"
    patterns = (  # a calendar time first: "in the hack in early 2016" ends with one
        re.compile(rf"{edge}{calendar}", re.I),
        re.compile(rf"(?P<rel>{relations})\s+{calendar}\s*,?\s+(?P<rest>.+)", re.I),
        re.compile(rf"{edge}{event}", re.I),
    )
    for pattern in patterns:
        found = pattern.fullmatch(text)
        if not found:
            continue
        spec = _spec(found, lx)
        if spec is not None:
            return found["rest"], spec
    return text, None


def _spec(found: re.Match[str], lx: Lexicon) -> TimeSpec | None:
    relation = lx.time_relations[key(found["rel"])]
    groups = found.groupdict()
    text = found.string
    end = found.start("rest") if found.start("rest") > found.start("rel") else found.end()
    phrase = text[found.start("rel") : end].strip(" ,")
    if groups.get("event"):
        if relation == "in":  # "in the Yahoo breach" is the incident, not a time
            return None
        return TimeSpec(relation, phrase, event=found["event"])
    month = lx.months[key(found["month"])] if groups.get("month") else None
    year = int(found["year"] or found["myear"]) if (groups.get("year") or groups.get("myear")) else None
    return TimeSpec(relation, phrase, year=year, month=month)


def calendar_met(date: str | None, evidence: str, spec: TimeSpec, months: dict[str, int]) -> bool:
    """Whether an article ``date`` (ISO) or, for "in", the years ``evidence`` names meet a calendar
    ``spec``; a month without a year is read within the article's year."""
    article = _point(date)
    points = [article] if article else []
    if spec.year is None and article is None:  # "in March" of an undated text: any year it names
        return any(month == spec.month for _, month in _named_times(evidence, months))
    if spec.relation == "in":
        points.extend(_named_times(evidence, months))
    year = spec.year if spec.year is not None else (article[0] if article else None)
    return year is not None and any(_meets(point, spec, year) for point in points)


def event_met(date: str | None, event_date: str, relation: str) -> bool:
    """Whether an article ``date`` is before / after / since the date an event was first spoken of."""
    if not date:
        return False
    day, at = date[:10], event_date[:10]
    return day < at if relation == "before" else day > at if relation == "after" else day >= at


def _point(date: str | None) -> tuple[int, int | None] | None:
    if date and re.match(r"\d{4}-\d{2}", date):
        return int(date[:4]), int(date[5:7])
    return None


def _named_times(text: str, months: dict[str, int]) -> list[tuple[int, int | None]]:
    found = []
    pattern = rf"(?:\b(?P<month>{alternation(tuple(months))})\s+)?(?:\d{{1,2}},?\s+)?\b(?P<year>{_YEAR})\b"
    for match in re.finditer(pattern, text, re.I):
        month = months.get(key(match["month"])) if match["month"] else None
        found.append((int(match["year"]), month))
    return found


def _meets(point: tuple[int, int | None], spec: TimeSpec, year: int) -> bool:
    """``point`` (year, month or None) against the span of ``spec`` in ``year``."""
    at_year, at_month = point
    if spec.relation == "in":
        return at_year == year and (spec.month is None or at_month is None or at_month == spec.month)
    first, last = (year, spec.month or 1), (year, spec.month or 12)
    at = (at_year, at_month or (1 if spec.relation == "before" else 12))
    if spec.relation == "before":
        return at < first
    return at > last if spec.relation == "after" else at >= first
