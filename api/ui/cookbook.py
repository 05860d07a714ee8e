"""The example queries of the SPARQL page: the cookbook ``docs/sparql.md``, one query per ``##`` heading,
each with the cookbook's prefixes in front (the test suite runs the same queries)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

COOKBOOK = Path(__file__).resolve().parents[2] / "docs" / "sparql.md"
_SECTION = re.compile(r"^## (.+)$", re.M)
_BLOCK = re.compile(r"```(\w*)\n(.*?)```", re.S)


@dataclass(frozen=True, slots=True)
class Example:
    title: str
    query: str


@cache
def examples(path: Path = COOKBOOK) -> tuple[Example, ...]:
    """The cookbook's queries in order; none when the cookbook is not beside the package (a wheel
    install without the docs), so the page still works with its default query."""
    if not path.is_file():
        return ()
    text = path.read_text(encoding="utf-8")
    blocks = _BLOCK.findall(text)
    prefixes = next((body for lang, body in blocks if not lang and "PREFIX" in body), "")
    found = []
    parts = _SECTION.split(text)
    for title, body in zip(parts[1::2], parts[2::2], strict=False):
        for lang, query in _BLOCK.findall(body):
            if lang == "sparql":
                found.append(Example(title.strip(), prefixes + query))
    return tuple(found)
