"""Named queries and the rows they return, turned into the flat records consumers read.

``load_query("claims")`` reads ``kg/queries/claims.rq``; ``claim_bindings(filters)`` gives the values to
bind for it (only the filters in use; an unbound filter variable means any); ``record_from_row(row)`` turns one of its rows
(plain Python values, as ``Store.select`` returns them) into a :class:`ClaimRecord`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from kg.errors import NotFound
from kg.graph.records import ClaimFilter, ClaimRecord, PartyRecord

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"

# ClaimFilter field -> variable of claims.rq
CLAIM_FILTER_VARIABLES: dict[str, str] = {
    "stance": "fStance",
    "topic": "fTopic",
    "actor": "fActor",
    "target": "fTarget",
    "article": "fArticle",
    "date_from": "fFrom",
    "date_to": "fTo",
}


@cache
def load_query(name: str) -> str:
    """The text of the named query ``kg/queries/NAME.rq`` (or ``NAME.ru`` for an update), cached."""
    if "/" in name or "\\" in name or name.startswith("."):
        raise NotFound(f"no query named {name!r}")
    for suffix in (".rq", ".ru"):
        path = QUERY_DIR / f"{name}{suffix}"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise NotFound(f"no query named {name!r} in {QUERY_DIR}")


def claim_bindings(filters: ClaimFilter | None = None) -> dict[str, str]:
    """Values of the filter variables of ``claims.rq`` for the filters in use; a filter that is not used
    is left out, and an unbound filter variable means "any" in the query."""
    filters = filters or ClaimFilter()
    bindings = {}
    for field, variable in CLAIM_FILTER_VARIABLES.items():
        value = (getattr(filters, field) or "").strip()
        if value:
            bindings[variable] = value
    return bindings


def _text(row: Mapping[str, Any], key: str) -> str | None:
    value = row.get(key)
    if value is None or value == "":
        return None
    return str(value)


def _int(value: Any, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _float(value: Any) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def _bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1")
    return bool(value)


def _split(value: Any) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    return tuple(sorted(set(str(value).split())))


def _aliases(value: Any, name: str) -> tuple[str, ...]:
    # aliases are concatenated with "|" by the actor queries (names contain spaces)
    if not value:
        return ()
    return tuple(sorted({a for a in str(value).split("|") if a and a != name}))


def party_from_row(row: Mapping[str, Any], prefix: str) -> PartyRecord:
    """The party whose columns start with ``prefix``: "actor" or "target" for claims.rq rows, "" for
    actors.rq rows (columns actor, name, type, affiliation, affiliationIri, galaxy, mitre, wikidata,
    aliases)."""

    def col(name: str) -> str:
        return f"{prefix}{name[0].upper()}{name[1:]}" if prefix else name

    iri = _text(row, prefix or "actor") or ""
    name = _text(row, col("name")) or ""
    return PartyRecord(
        iri=iri,
        name=name,
        type=_text(row, col("type")) or ("unknown" if iri else ""),
        affiliation=_text(row, col("affiliation")) or "",
        affiliation_iri=_text(row, col("affiliationIri")),
        galaxy_uuid=_text(row, col("galaxy")),
        mitre_id=_text(row, col("mitre")),
        wikidata=_text(row, col("wikidata")),
        aliases=_aliases(row.get(col("aliases")), name),
    )


def record_from_row(row: Mapping[str, Any]) -> ClaimRecord:
    """One row of ``claims.rq`` as a :class:`ClaimRecord`."""
    return ClaimRecord(
        iri=str(row["claim"]),
        article=str(row.get("articleId") or ""),
        actor=party_from_row(row, "actor"),
        stance=str(row.get("stanceId") or ""),
        target=party_from_row(row, "target"),
        topic=str(row.get("topicId") or ""),
        claim=str(row.get("claimText") or ""),
        evidence=str(row.get("evidence") or ""),
        start=_int(row.get("start")),
        end=_int(row.get("end")),
        confidence=_float(row.get("confidence")),
        negated=_bool(row.get("negated")),
        reported_via=_text(row, "reportedVia"),
        date=_text(row, "date"),
        url=_text(row, "url"),
        title=_text(row, "title"),
        rebuts=_split(row.get("rebuts")),
    )


# --- the paged claim view (claim_page.rq + claim_parties.rq + claim_rebuts.rq) ---------------------------

AKG_NS = "https://w3id.org/attribution-kg/ontology#"
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"
# class -> type string of claims.rq, in the order a party with several of them is given one
CLASS_TYPES: dict[str, str] = {
    f"{AKG_NS}Person": "person",
    f"{AKG_NS}Government": "government",
    f"{AKG_NS}Organization": "organization",
    f"{AKG_NS}ThreatGroup": "group",
    f"{AKG_NS}Media": "media",
    f"{AKG_NS}Act": "act",
}
_PARTY_PROPERTIES = {
    "http://www.w3.org/2000/01/rdf-schema#label": "Name",
    f"{AKG_NS}mispGalaxyUuid": "Galaxy",
    f"{AKG_NS}attackId": "Mitre",
}


def party_columns(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """claim_parties.rq rows as the party columns of claims.rq (without prefix: Name, Type, Affiliation,
    AffiliationIri, Galaxy, Mitre, Wikidata), keyed by (graph, party)."""
    parties: dict[tuple[str, str], dict[str, Any]] = {}
    for row in rows:
        columns = parties.setdefault((str(row["g"]), str(row["party"])), {"Type": "unknown"})
        prop, value = str(row["property"]), row["value"]
        if prop in _PARTY_PROPERTIES:
            columns.setdefault(_PARTY_PROPERTIES[prop], value)
        elif prop.endswith("#type") and str(value) in CLASS_TYPES:
            current = columns.get("Class")
            if current is None or list(CLASS_TYPES).index(str(value)) < list(CLASS_TYPES).index(current):
                columns["Class"], columns["Type"] = str(value), CLASS_TYPES[str(value)]
        elif prop == f"{AKG_NS}speaksFor" and row.get("valueLabel") is not None:
            columns.setdefault("AffiliationIri", str(value))
            columns.setdefault("Affiliation", row["valueLabel"])
        elif prop.endswith("#sameAs") and str(value).startswith(WIKIDATA_ENTITY):
            columns.setdefault("Wikidata", str(value)[len(WIKIDATA_ENTITY) :])
    return parties


def full_row(
    row: Mapping[str, Any], parties: Mapping[tuple[str, str], Mapping[str, Any]], rebuts: Sequence[str]
) -> dict[str, Any]:
    """A claim_page.rq row completed with its parties' columns and rebuttal links: a claims.rq row."""
    full = dict(row)
    graph = str(row["g"])
    for role in ("actor", "target"):
        if row.get(role) is None:
            continue
        described = parties.get((graph, str(row[role])), {"Type": "unknown"})
        for name, value in described.items():
            if name != "Class" and not (name == "Name" and role == "actor"):
                full[f"{role}{name}"] = value
    full["rebuts"] = " ".join(rebuts)
    return full
