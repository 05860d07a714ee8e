"""One stored article's text (``akg:text``), as the evidence offsets point into it.

Stores written before the text was kept hold only its hash and length; for those, and for a stored text
that does not match its own fingerprint (an edited graph), there is no text and readers show the
evidence alone.
"""

from __future__ import annotations

from kg.graph.rdf import text_fingerprint
from kg.graph.sparql import inject_rows_in_graph
from kg.graph.store import Store
from kg.graph.views import load_query
from kg.graph.vocab import article_iri


def stored_text(store: Store, article_id: str) -> str | None:
    """The text of stored article ``article_id``, or None when the store does not hold it."""
    query = inject_rows_in_graph(load_query("article_text"), ["article"], [[article_iri(article_id)]])
    rows = store.select(query)
    if not rows:
        return None
    row = rows[0]
    text = str(row["text"])
    # the offsets are checked against the fingerprint: a text that differs from it is no text to cut
    if text_fingerprint(text) != (str(row["textHash"]), int(row["textLength"])):
        return None
    return text
