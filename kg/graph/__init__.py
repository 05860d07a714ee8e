"""Claims as an RDF graph in a store: :func:`open_store` picks the store ``KG_STORE`` names.

``KG_STORE`` is either a directory (the embedded, persistent Oxigraph store, created on first use) or
an ``http(s)://`` URL of a SPARQL 1.1 endpoint with update (see :mod:`kg.graph.remote_store` for how
the query and update URLs are derived).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.graph.store import Store
    from kg.settings import Settings


def open_store(settings: Settings | None = None) -> Store:
    """The store configured by ``settings.store`` (default: the process settings)."""
    from kg.settings import get_settings

    settings = settings or get_settings()
    if settings.store_is_remote:
        from kg.graph.remote_store import RemoteStore

        return RemoteStore(settings.store, settings=settings)
    from kg.graph.oxigraph_store import OxigraphStore

    return OxigraphStore(settings.store, settings=settings)


__all__ = ["open_store"]
