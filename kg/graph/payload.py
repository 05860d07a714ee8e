"""What one article puts into a store: its named graph, its quads and a content hash.

The content hash covers every quad the article would store (its text hash, metadata, claims and the
party descriptions the resolver contributed), so re-ingesting an article whose text, extractor output
and resolver data are unchanged is recognised before anything is written. The hash is stored in the
article's own graph (``<article> akg:contentHash "..."``): an article graph holding its hash is a whole
article, since both are always written in the same transaction. Beside it, ``akg:storedAt`` records when
this version of the article was prepared for storing (outside the hash, so an unchanged re-ingest keeps
the first time): the TAXII server's ``date_added``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, Quad

from kg.graph.rdf import article_quads
from kg.graph.vocab import EXTRACTOR_AGENT, RDF_TYPE, akg, article_iri, graph_iri, typed
from kg.models import Article, Claim
from kg.settings import get_settings

CONTENT_HASH = akg("contentHash")
STORED_AT = akg("storedAt")
_CLAIM_CLASS = akg("Claim")
HASH_VERSION = "1"  # bump when the hashed serialisation changes


@dataclass(frozen=True, slots=True)
class ArticlePayload:
    """An article ready to store: ``quads`` already include the content-hash quad."""

    article_id: str
    graph: NamedNode
    quads: list[Quad]
    content_hash: str
    claims: int

    @property
    def hash_literal(self) -> Literal:
        return Literal(self.content_hash)


def content_hash(quads: Iterable[Quad]) -> str:
    digest = hashlib.sha256(HASH_VERSION.encode())
    for quad in quads:
        digest.update(str(quad).encode("utf-8", "surrogatepass"))
        digest.update(b"\n")
    return digest.hexdigest()


def prepare(
    article: Article,
    claims: Sequence[Claim],
    agent: str = EXTRACTOR_AGENT,
    fingerprint: tuple[str, int] | None = None,
) -> ArticlePayload:
    """The quads of ``article`` and ``claims`` plus the content-hash quad (raises InputError on bad
    claims); ``agent`` and ``fingerprint`` as in :func:`kg.graph.rdf.article_quads`."""
    quads = article_quads(article, claims, agent, fingerprint)
    if get_settings().incidents:
        from kg.incidents.graph import mention_quads

        quads.extend(mention_quads(article, claims, graph_iri(article.id)))
    digest = content_hash(quads)
    graph = graph_iri(article.id)
    quads.append(Quad(article_iri(article.id), CONTENT_HASH, Literal(digest), graph))
    quads.append(Quad(article_iri(article.id), STORED_AT, typed(stored_at_now(), "dateTime"), graph))
    claim_count = sum(1 for q in quads if q.predicate == RDF_TYPE and q.object == _CLAIM_CLASS)
    return ArticlePayload(article.id, graph, quads, digest, claim_count)


def stored_at_now() -> str:
    """The current UTC time as an xsd:dateTime with microseconds (``2026-12-07T12:00:00.123456Z``)."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def triples_text(quads: Iterable[Quad]) -> str:
    """The triples of ``quads`` in N-Triples syntax (escaped by pyoxigraph), one per line."""
    return "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)


def replace_update(payloads: Sequence[ArticlePayload]) -> str:
    """One SPARQL UPDATE that drops and re-inserts the graph of every payload.

    A SPARQL update request is applied as one transaction by Oxigraph (embedded and server) and by the
    other stores we target, so readers see either the old or the new version of every article.
    """
    operations = []
    for payload in payloads:
        operations.append(f"DROP SILENT GRAPH {payload.graph}")
        operations.append(f"INSERT DATA {{ GRAPH {payload.graph} {{\n{triples_text(payload.quads)}\n}} }}")
    return " ;\n".join(operations)


def delete_update(graphs: Sequence[NamedNode]) -> str:
    return " ;\n".join(f"DROP SILENT GRAPH {graph}" for graph in graphs)
