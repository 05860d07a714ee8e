"""Exports of the attribution graph: GEXF (Gephi), GraphML, STIX 2.1, MISP, Turtle, N-Quads, JSON-LD, CSV.

:func:`export` is what ``kg export`` and ``GET /export/{format}`` call. Network and claim formats stream
the store's claims through a writer (``write_<format>(records, out)``) that keeps only what the format
needs; RDF formats dump the store.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import astuple
from typing import Any, BinaryIO, TextIO

from kg.errors import InputError
from kg.export.csv import write_csv
from kg.export.gexf import write_gexf
from kg.export.graphml import write_graphml
from kg.export.misp import write_misp
from kg.export.rdf_dumps import write_jsonld, write_nquads, write_turtle
from kg.export.stix import write_stix
from kg.graph.records import ClaimFilter, ClaimRecord
from kg.graph.store import Store
from kg.models import STANCES, TOPICS

__all__ = [
    "FORMATS",
    "RDF_FORMATS",
    "check_filters",
    "check_format",
    "export",
    "file_extension",
    "media_type",
    "write_csv",
    "write_gexf",
    "write_graphml",
    "write_misp",
    "write_records",
    "write_stix",
]

RecordWriter = Callable[[Iterable[ClaimRecord], Any], None]

RECORD_WRITERS: dict[str, RecordWriter] = {
    "gexf": write_gexf,
    "graphml": write_graphml,
    "stix": write_stix,
    "misp": write_misp,
    "csv": write_csv,
}
MARKED_FORMATS = frozenset({"stix", "misp"})  # writers that take a ``tlp`` keyword
RDF_WRITERS: dict[str, Callable[[Store, Any], None]] = {
    "ttl": write_turtle,
    "nq": write_nquads,
    "jsonld": write_jsonld,
}
FORMATS: tuple[str, ...] = ("gexf", "graphml", "stix", "misp", "ttl", "nq", "jsonld", "csv")
RDF_FORMATS = frozenset(RDF_WRITERS)

MEDIA_TYPES = {
    "gexf": "application/gexf+xml",
    "graphml": "application/graphml+xml",
    "stix": "application/stix+json;version=2.1",
    "misp": "application/json",
    "ttl": "text/turtle; charset=utf-8",
    "nq": "application/n-quads",
    "jsonld": "application/ld+json",
    "csv": "text/csv; charset=utf-8; header=present",
}
EXTENSIONS = {
    "gexf": "gexf",
    "graphml": "graphml",
    "stix": "stix.json",
    "misp": "misp.json",
    "ttl": "ttl",
    "nq": "nq",
    "jsonld": "jsonld",
    "csv": "csv",
}


def check_format(fmt: str) -> str:
    """The format name, normalised; InputError when it is not one of :data:`FORMATS`."""
    name = fmt.strip().lower()
    if name not in FORMATS:
        raise InputError(f"unknown export format {fmt!r}; use one of: {', '.join(FORMATS)}")
    return name


def media_type(fmt: str) -> str:
    """The Content-Type of an export in ``fmt``."""
    return MEDIA_TYPES[check_format(fmt)]


def file_extension(fmt: str) -> str:
    """The usual file name extension of ``fmt``, without the leading dot (``stix.json``)."""
    return EXTENSIONS[check_format(fmt)]


def check_filters(filters: ClaimFilter | None) -> ClaimFilter | None:
    """Reject filter values no claim can match: unknown stance or topic, malformed or reversed dates."""
    if filters is None:
        return None
    if filters.stance is not None and filters.stance not in STANCES:
        raise InputError(f"unknown stance {filters.stance!r}; use one of: {', '.join(STANCES)}")
    if filters.topic is not None and filters.topic not in TOPICS:
        raise InputError(f"unknown topic {filters.topic!r}; use one of: {', '.join(TOPICS)}")
    start, end = _iso_date(filters.date_from, "start"), _iso_date(filters.date_to, "end")
    if start and end and start > end:
        raise InputError(f"empty date range: {start} is after {end}")
    return filters


def write_records(records: Iterable[ClaimRecord], fmt: str, out: BinaryIO | TextIO, *, tlp: str = "") -> None:
    """Write claim records in one of the claim-based formats (gexf, graphml, stix, misp, csv); ``tlp``
    marks the formats that carry markings (STIX, MISP)."""
    name = check_format(fmt)
    if name not in RECORD_WRITERS:
        raise InputError(f"{name} is an RDF dump: it is written from a store, not from claim records")
    if name in MARKED_FORMATS:
        RECORD_WRITERS[name](records, out, tlp=tlp)
    else:
        RECORD_WRITERS[name](records, out)


def export(
    store: Store,
    fmt: str,
    out: BinaryIO | TextIO,
    filters: ClaimFilter | None = None,
    *,
    tlp: str = "",
    incidents: bool = False,
) -> None:
    """Write the store's graph (or the claims matching ``filters``) to ``out`` in ``fmt``; ``tlp`` is the
    TLP level (``KG_TLP``) that marks the formats carrying markings; ``incidents`` adds the incident
    layer (GEXF: incidents as nodes; STIX: an ``incident`` or ``campaign`` object per dated incident).

    Raises InputError for an unknown format, bad filter values, or filters on an RDF dump (which
    always holds the whole graph).
    """
    name = check_format(fmt)
    filters = check_filters(filters)
    if name in RDF_WRITERS:
        if _has_filters(filters):
            raise InputError(
                f"{name} dumps the whole graph; claim filters apply to gexf, graphml, stix, misp, csv"
            )
        RDF_WRITERS[name](store, out)
        return
    if incidents and name in ("gexf", "stix"):
        _write_with_incidents(store, name, out, filters, tlp)
        return
    write_records(store.claims(filters), name, out, tlp=tlp)


def _has_filters(filters: ClaimFilter | None) -> bool:
    return filters is not None and any(value is not None for value in astuple(filters))


def _iso_date(value: str | None, which: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{which} date {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _write_with_incidents(
    store: Store, name: str, out: BinaryIO | TextIO, filters: ClaimFilter | None, tlp: str
) -> None:
    # imported here: the incident layer reads the store's derived incidents, which the plain claim
    # exports never need
    from kg.export.stix_incidents import incident_objects
    from kg.incidents import incidents_in_store

    incidents = incidents_in_store(store)
    if name == "gexf":
        write_gexf(store.claims(filters), out, incidents=incidents)
    else:
        write_stix(store.claims(filters), out, tlp=tlp, extra=incident_objects(incidents))
