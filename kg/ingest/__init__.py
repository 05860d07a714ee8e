"""Stage 1: inputs (text, Markdown, HTML, JSON Lines) -> :class:`~kg.models.Article`."""

from kg.ingest.header import Header, parse_date, parse_header
from kg.ingest.readers import article_from_record, article_from_text, read_paths

__all__ = ["Header", "article_from_record", "article_from_text", "parse_date", "parse_header", "read_paths"]
