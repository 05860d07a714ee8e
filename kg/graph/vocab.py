"""Namespaces, IRIs and term helpers of the attribution ontology (``ontology/attribution.ttl``).

Every IRI the project mints is built here, so that the same actor, article or claim gets the same IRI
whichever article, store or process produced it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache
from urllib.parse import quote, unquote

from pyoxigraph import BlankNode, Literal, NamedNode

BASE = "https://w3id.org/attribution-kg/"
AKG = BASE + "ontology#"  # classes and properties
ID = BASE + "id/"  # instance data
STANCE = BASE + "stance/"  # SKOS concepts of the stance scheme
TOPIC = BASE + "topic/"  # SKOS concepts of the topic scheme

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
SCHEMA = "https://schema.org/"
DCTERMS = "http://purl.org/dc/terms/"
OA = "http://www.w3.org/ns/oa#"
WIKIDATA = "http://www.wikidata.org/entity/"

PREFIXES: dict[str, str] = {
    "akg": AKG,
    "akgid": ID,
    "stance": STANCE,
    "topic": TOPIC,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "prov": PROV,
    "schema": SCHEMA,
    "dcterms": DCTERMS,
    "oa": OA,
    "wd": WIKIDATA,
}

DERIVED_REBUTTALS_GRAPH = ID + "graph/derived-rebuttals"
DERIVED_INCIDENTS_GRAPH = ID + "graph/derived-incidents"  # incidents clustered across articles
INCIDENT_EDITS_GRAPH = ID + "graph/incident-edits"  # analysts' splits and merges (kept across refreshes)
# The software agents a claim is attributed to (prov:wasAttributedTo): which path put it in the graph.
EXTRACTOR_AGENT = ID + "agent/extractor"
IMPORTER_AGENT = ID + "agent/claims-importer"

# actor_type of the claim model -> the ontology class of the party
ACTOR_CLASS: dict[str, str] = {
    "person": AKG + "Person",
    "government": AKG + "Government",
    "organization": AKG + "Organization",
    "group": AKG + "ThreatGroup",
    "media": AKG + "Media",
    "act": AKG + "Act",
}
CLASS_ACTOR_TYPE: dict[str, str] = {iri: name for name, iri in ACTOR_CLASS.items()}


def n(iri: str) -> NamedNode:
    """A NamedNode (short to keep mapping code readable)."""
    return NamedNode(iri)


@lru_cache(maxsize=256)
def akg(local: str) -> NamedNode:
    """A term of the ontology: ``akg("Claim")``."""
    return NamedNode(AKG + local)


RDF_TYPE = n(RDF + "type")
RDFS_LABEL = n(RDFS + "label")
SKOS_ALT_LABEL = n(SKOS + "altLabel")
OWL_SAME_AS = n(OWL + "sameAs")


def slug(name: str) -> str:
    """A readable, stable IRI segment for a canonical name: "Hong Lei" -> "hong-lei".

    Names without any ASCII letter or digit (e.g. in Chinese script) get a hash so they stay distinct.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    if not text:
        return "x-" + hashlib.sha256(name.strip().encode("utf-8")).hexdigest()[:16]
    return text[:120]


def _segment(value: str) -> str:
    return quote(value, safe="-._~")


@lru_cache(maxsize=4096)
def article_iri(article_id: str) -> NamedNode:
    return NamedNode(f"{ID}article/{_segment(article_id)}")


def graph_iri(article_id: str) -> NamedNode:
    """The named graph that holds everything one article contributes."""
    return NamedNode(f"{ID}graph/{_segment(article_id)}")


def article_id_from_graph(iri: str) -> str | None:
    """Inverse of :func:`graph_iri` (None for graphs that are not article graphs)."""
    prefix = ID + "graph/"
    if not iri.startswith(prefix) or iri in (
        DERIVED_REBUTTALS_GRAPH,
        DERIVED_INCIDENTS_GRAPH,
        INCIDENT_EDITS_GRAPH,
    ):
        return None
    return unquote(iri[len(prefix) :])


@lru_cache(maxsize=65536)
def actor_iri(name: str) -> NamedNode:
    """IRI of a party named by its canonical name; the same name in any article gives the same IRI."""
    return NamedNode(f"{ID}actor/{slug(name)}")


@lru_cache(maxsize=65536)
def act_iri(name: str) -> NamedNode:
    """IRI of a target that is an act or practice ("commercial cyber espionage"), not a party."""
    return NamedNode(f"{ID}act/{slug(name)}")


@lru_cache(maxsize=64)
def stance_iri(stance: str) -> NamedNode:
    return NamedNode(STANCE + stance)


@lru_cache(maxsize=64)
def topic_iri(topic: str) -> NamedNode:
    return NamedNode(TOPIC + topic)


def wikidata_iri(qid: str) -> NamedNode:
    return NamedNode(WIKIDATA + qid)


def claim_hash(article_id: str, start: int, end: int, actor: str, stance: str, target: str) -> str:
    """Deterministic claim key: re-ingesting the same article yields the same claim IRIs."""
    key = "\x1f".join(
        (article_id, str(start), str(end), actor.strip().lower(), stance, target.strip().lower())
    )
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:24]


def claim_iri(article_id: str, start: int, end: int, actor: str, stance: str, target: str) -> NamedNode:
    return NamedNode(f"{ID}claim/{claim_hash(article_id, start, end, actor, stance, target)}")


def typed(value: str, datatype: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + datatype))


def iso_date(value: str | None) -> str | None:
    """The YYYY-MM-DD date of an ISO date or date-time string; None when it is not one."""
    if not value:
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def to_term(value: str | int | float | bool | None) -> NamedNode | Literal | None:
    """A plain Python binding value as an RDF term, the convention every store follows for bindings:
    ``str`` starting with ``http://`` or ``https://`` -> IRI, other ``str`` -> xsd:string, ``bool`` ->
    xsd:boolean, ``int`` -> xsd:integer, ``float`` -> xsd:double."""
    if value is None:
        return None
    if isinstance(value, str) and value.startswith(("http://", "https://")):
        return NamedNode(value)
    return Literal(value)


def from_term(term: NamedNode | Literal | BlankNode | None) -> str | int | float | bool | None:
    """An RDF term of a query solution as a plain Python value."""
    if term is None:
        return None
    if isinstance(term, Literal):
        datatype = term.datatype.value
        if datatype == XSD + "boolean":
            return term.value in ("true", "1")
        if datatype in (XSD + "integer", XSD + "int", XSD + "long", XSD + "nonNegativeInteger"):
            return int(term.value)
        if datatype in (XSD + "double", XSD + "decimal", XSD + "float"):
            return float(term.value)
        return term.value
    return term.value
