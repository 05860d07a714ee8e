"""Reading inputs into :class:`~kg.models.Article`: plain text, Markdown, HTML and JSON Lines feeds.

Each reader either yields articles or raises :class:`~kg.errors.InputError` naming what is wrong; one bad
file or record never stops the others (see :func:`read_paths`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.ingest.header import parse_date, parse_header
from kg.models import Article

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
# Notes that live beside articles in a folder; read only when named explicitly.
NOTE_STEMS = {"readme", "sources", "license", "licence", "notice", "changelog"}
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body)", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(raw: bytes, name: str) -> str:
    """UTF-8 (with or without BOM) text, or an InputError saying why not."""
    if not raw.strip():
        raise InputError(f"{name}: empty input")
    if b"\x00" in raw[:8192]:
        raise InputError(f"{name}: binary data, not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: not UTF-8 text (byte {exc.start}: {raw[exc.start : exc.start + 1]!r})"
        ) from None
    sample = text[:8192]
    if len(_CONTROL.findall(sample)) > max(8, len(sample) // 100):
        raise InputError(f"{name}: binary data, not text")
    return text


def check_size(text: str, name: str) -> str:
    """``text`` unchanged, or an InputError when it is longer than ``KG_MAX_ARTICLE_CHARS``."""
    from kg.settings import get_settings

    limit = get_settings().max_article_chars
    if len(text) > limit:
        raise InputError(
            f"{name}: article too large ({len(text):,} characters; KG_MAX_ARTICLE_CHARS={limit:,})"
        )
    return text


def article_from_text(text: str, article_id: str, source: str = "", **meta: str | None) -> Article:
    """An article from plain text; metadata lines at its top fill what ``meta`` leaves empty."""
    check_size(text, source or article_id)
    header = parse_header(text)
    return Article(
        id=article_id,
        text=text,
        source=source,
        date=meta.get("date") or header.date,
        url=meta.get("url") or header.url,
        title=meta.get("title") or header.title,
        publisher=meta.get("publisher") or header.publisher,
    )


def article_from_html(html: str, article_id: str, source: str = "", **meta: str | None) -> Article:
    """The main text of an HTML page, boilerplate removed (trafilatura); offsets refer to that text."""
    import trafilatura

    check_size(html, source or article_id)
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise InputError(f"{source or article_id}: HTML page without article text")
    doc = trafilatura.extract_metadata(html)
    found = {
        "title": getattr(doc, "title", None),
        "date": parse_date(getattr(doc, "date", None) or "") if doc else None,
        "url": getattr(doc, "url", None),
        "publisher": getattr(doc, "sitename", None),
    }
    merged = {k: meta.get(k) or found.get(k) for k in ("title", "date", "url", "publisher")}
    return Article(id=article_id, text=text, source=source, **merged)


def looks_like_html(raw: bytes) -> bool:
    return bool(_HTML_START.match(raw[:2048]))


def read_jsonl(text: str, source: str) -> Iterator[Article | InputError]:
    """Articles from a JSON Lines feed of ``{"id", "text"|"html", "date"?, "url"?, "title"?}`` records."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(f"{where}: not JSON ({exc.msg})")
            continue
        try:
            yield article_from_record(record, where)
        except InputError as exc:
            yield exc


def article_from_record(record: object, where: str) -> Article:
    """One feed record (also the body of ``POST /articles``) as an article."""
    if not isinstance(record, dict):
        raise InputError(f"{where}: a record must be a JSON object")
    article_id = str(record.get("id") or "").strip()
    if not article_id:
        raise InputError(f"{where}: record without an 'id'")
    meta = {k: _str_or_none(record.get(k)) for k in ("date", "url", "title", "publisher")}
    if meta["date"]:
        meta["date"] = parse_date(meta["date"]) or meta["date"][:10]
    if isinstance(record.get("html"), str) and record["html"].strip():
        return article_from_html(record["html"], article_id, where, **meta)
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: record '{article_id}' has no 'text'")
    return article_from_text(text, article_id, where, **meta)


def _str_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def read_file(path: Path) -> Iterator[Article | InputError]:
    """Articles from one file, or the error that makes it unusable."""
    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(f"{name}: cannot read ({exc.strerror or exc})")
        return
    try:
        text = decode(raw, name)
    except InputError as exc:
        yield exc
        return
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from read_jsonl(text, name)
        return
    try:
        if suffix in HTML_SUFFIXES or looks_like_html(raw):
            yield article_from_html(text, path.stem, name)
        else:
            yield article_from_text(text, path.stem, name)
    except InputError as exc:
        yield exc


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files named, and the supported files under each folder named (recursively, in sorted order)."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and not child.name.startswith(".")
                    and child.stem.lower() not in NOTE_STEMS
                    and child.suffix.lower() in SUPPORTED_SUFFIXES
                ):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield InputError(f"{given}: no such file or directory")


def read_paths(paths: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Every article under ``paths``; errors are yielded in place, never raised."""
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item)
