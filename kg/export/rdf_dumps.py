"""RDF dumps of the whole store: Turtle (the union of the article graphs), N-Quads (the article graphs
kept as named graphs) and JSON-LD (the named graphs, with ``ontology/context.jsonld`` as ``@context``).

All three stream from the store's N-Quads or JSON-LD dump (Turtle through a temporary file). Claim filters do not apply to
RDF dumps (a claim's triples are spread over articles, actors and rebuttals, and a dump is meant to
re-import to the same graph); :func:`kg.export.export` rejects them.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from kg.export.streams import binary_output
from kg.graph.store import Store
from kg.ontology import ontology_file

N_QUADS = "application/n-quads"
JSON_LD = "application/ld+json"


def write_turtle(store: Store, out: BinaryIO | TextIO) -> None:
    """Turtle of the union of the store's graphs, streamed triple by triple.

    The store's N-Quads dump is spooled to a temporary file and re-written without graph names, so that
    memory stays flat however large the graph (a de-duplicating union would hold every triple). A triple
    stated in several article graphs (an actor's label) is written once per graph: RDF merges repeated
    triples when the document is read, so the graph is the same.
    """
    from pyoxigraph import RdfFormat, Triple, parse, serialize

    from kg.graph.vocab import PREFIXES

    with tempfile.TemporaryFile() as quads:
        store.dump(quads, N_QUADS)
        quads.seek(0)
        triples = (Triple(q.subject, q.predicate, q.object) for q in parse(quads, RdfFormat.N_QUADS))
        with binary_output(out) as stream:
            serialize(triples, stream, RdfFormat.TURTLE, prefixes=PREFIXES)


def write_nquads(store: Store, out: BinaryIO | TextIO) -> None:
    with binary_output(out) as stream:
        store.dump(stream, N_QUADS)


def write_jsonld(store: Store, out: BinaryIO | TextIO, *, context: dict[str, Any] | None = None) -> None:
    """JSON-LD with the project's ``@context`` and the store's graphs, streamed in expanded form.

    The store writes each named graph as ``{"@id": graph, "@graph": [...]}`` with absolute IRIs, which
    keep their meaning under any context; the embedded context lets a JSON-LD processor compact the
    document (``jsonld.compact(doc, doc["@context"])``) without this export holding the graph in memory.
    """
    context = load_context() if context is None else context
    with binary_output(out) as stream:
        head = {"@context": context} if context else {}
        stream.write(json.dumps(head, ensure_ascii=False).encode("utf-8")[:-1])
        stream.write(b',\n"@graph": ' if context else b'"@graph": ')
        store.dump(stream, JSON_LD)
        stream.write(b"}\n")


def load_context(path: Path | None = None) -> dict[str, Any]:
    """The ``@context`` of the project's JSON-LD context file (``ontology/context.jsonld``)."""
    path = path or ontology_file("context.jsonld")
    document = json.loads(path.read_text(encoding="utf-8"))
    return document.get("@context", document)
