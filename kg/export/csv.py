"""CSV for spreadsheets: one row per claim, every ClaimRecord field flattened (RFC 4180).

Party fields get an ``actor_`` / ``target_`` prefix; lists are joined (aliases with ``; ``, rebutted
claim IRIs with a space); ``extra`` is a JSON object; missing values are empty cells. Rows end in CRLF
and fields are quoted when needed, as RFC 4180 has it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import Any, BinaryIO, TextIO

from kg.export.network import ALIAS_SEPARATOR
from kg.export.streams import text_output
from kg.graph.records import ClaimRecord, PartyRecord

PARTY_FIELDS = (
    "iri",
    "name",
    "type",
    "affiliation",
    "affiliation_iri",
    "galaxy_uuid",
    "mitre_id",
    "wikidata",
    "aliases",
)
COLUMNS: tuple[str, ...] = (
    "claim_iri",
    "article",
    "date",
    "title",
    "url",
    *(f"actor_{name}" for name in PARTY_FIELDS),
    "stance",
    "negated",
    *(f"target_{name}" for name in PARTY_FIELDS),
    "topic",
    "claim",
    "evidence",
    "start",
    "end",
    "confidence",
    "reported_via",
    "rebuts",
    "extra",
)


def write_csv(records: Iterable[ClaimRecord], out: BinaryIO | TextIO) -> None:
    """Write one CSV row per record (with a header row) to ``out``."""
    with text_output(out) as stream:
        writer = csv.writer(stream, dialect="excel", lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for record in records:
            writer.writerow(claim_row(record))


def claim_row(record: ClaimRecord) -> list[str]:
    """The cells of one claim, in :data:`COLUMNS` order."""
    row: list[Any] = [record.iri, record.article, record.date, record.title, record.url]
    row += _party_cells(record.actor)
    row += [record.stance, "true" if record.negated else "false"]
    row += _party_cells(record.target)
    row += [record.topic, record.claim, record.evidence, record.start, record.end]
    row += [f"{record.confidence:.4g}", record.reported_via, " ".join(record.rebuts)]
    row.append(
        json.dumps(record.extra, ensure_ascii=False, sort_keys=True, default=str) if record.extra else ""
    )
    return ["" if cell is None else str(cell) for cell in row]


def _party_cells(party: PartyRecord) -> list[Any]:
    cells: list[Any] = [getattr(party, name) for name in PARTY_FIELDS[:-1]]
    cells.append(ALIAS_SEPARATOR.join(party.aliases))
    return cells
