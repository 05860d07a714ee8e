"""The data of the read-only TAXII 2.1 server: collections, their objects with ``date_added``, paging.

The HTTP side is ``api/routes/taxii.py``; this module knows nothing of HTTP. A collection's objects are
the STIX export of its claims (:func:`kg.export.stix.stix_objects`), so a client that pages through the
"all claims" collection gets exactly the objects of ``kg export --format stix``.

``date_added`` is when the server first held the object as it is now: the latest ``akg:storedAt`` of
the articles whose reports list it (an article stored again unchanged keeps its time; one whose claims
changed gets a new one, and so do the objects it touches). Articles stored before the graph recorded
that time fall back on the object's ``modified``. Objects are served in (``date_added``, id) order;
``next`` is an opaque token naming the last object of a page, so paging never skips or repeats an
object even when many share a ``date_added``.

Building a collection costs a pass over its claims; the result is kept, keyed by the stored articles'
content hashes and times, and rebuilt when any article is stored, replaced or removed.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import threading
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from kg.errors import InputError, NotFound
from kg.export.stix import STIX_STANCES, stix_objects
from kg.export.stix_objects import StixObject
from kg.graph.records import ClaimFilter
from kg.graph.store import Store
from kg.graph.views import load_query

TAXII_MEDIA_TYPE = "application/taxii+json;version=2.1"
STIX_MEDIA_TYPE = "application/stix+json;version=2.1"
MAX_PAGE = 1000  # objects per response at most, whatever ``limit`` asks
_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:attribution-kg:taxii-2.1")


@dataclass(frozen=True, slots=True)
class Collection:
    """A read-only collection: every claim, or the claims of one stance."""

    alias: str
    title: str
    description: str
    stance: str | None = None

    @property
    def id(self) -> str:
        return str(uuid.uuid5(_NAMESPACE, self.alias))

    def resource(self) -> dict[str, object]:
        """The TAXII collection resource."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "alias": self.alias,
            "can_read": True,
            "can_write": False,
            "media_types": [STIX_MEDIA_TYPE],
        }


COLLECTIONS: tuple[Collection, ...] = (
    Collection(
        "all-claims",
        "All claims",
        "Every accusation and denial in the graph as STIX 2.1 (the objects of kg export --format stix).",
    ),
    *(
        Collection(
            f"stance-{stance}",
            f"Claims with stance {stance}",
            f"The STIX 2.1 objects of the {stance} claims alone (kg export --format stix --stance {stance}).",
            stance,
        )
        for stance in STIX_STANCES
    ),
)


def find_collection(collection_id: str) -> Collection:
    """The collection with this id (or alias); NotFound otherwise."""
    for collection in COLLECTIONS:
        if collection_id in (collection.id, collection.alias):
            return collection
    raise NotFound(f"no collection '{collection_id}'")


@dataclass(frozen=True, slots=True)
class Entry:
    """One object of a collection with what TAXII says about it."""

    date_added: str  # RFC 3339, microseconds, UTC
    obj: StixObject

    @property
    def id(self) -> str:
        return self.obj["id"]

    @property
    def version(self) -> str:
        return self.obj.get("modified") or self.obj["created"]

    def manifest_record(self) -> dict[str, str]:
        return {
            "id": self.id,
            "date_added": self.date_added,
            "version": self.version,
            "media_type": STIX_MEDIA_TYPE,
        }

    def key(self) -> tuple[str, str]:
        return self.date_added, self.id


@dataclass(frozen=True, slots=True)
class Query:
    """The URL parameters of a TAXII request (each filter a set of accepted values; empty: any)."""

    added_after: str | None = None
    limit: int = 100
    next: tuple[str, str] | None = None
    ids: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    versions: frozenset[str] = frozenset()  # timestamps; "first"/"last"/"all" select our only version
    spec_versions: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Page:
    entries: list[Entry]
    more: bool
    next: str | None

    def headers(self) -> dict[str, str]:
        """``X-TAXII-Date-Added-First`` / ``-Last`` of the objects on this page."""
        if not self.entries:
            return {}
        return {
            "X-TAXII-Date-Added-First": self.entries[0].date_added,
            "X-TAXII-Date-Added-Last": self.entries[-1].date_added,
        }

    def envelope(self) -> dict[str, object]:
        return self._body([e.obj for e in self.entries])

    def manifest(self) -> dict[str, object]:
        return self._body([e.manifest_record() for e in self.entries])

    def _body(self, objects: list) -> dict[str, object]:
        body: dict[str, object] = {"more": self.more}
        if self.next:
            body["next"] = self.next
        if objects:
            body["objects"] = objects
        return body


def parse_query(params: Mapping[str, str | None], default_limit: int) -> Query:
    """Check and normalise the TAXII URL parameters; InputError names a bad one."""
    limit = params.get("limit")
    if limit is not None and (not limit.isdigit() or int(limit) < 1):
        raise InputError(f"limit must be a positive integer, not {limit!r}")
    versions = _values(params.get("match[version]")) - {"first", "last", "all"}
    return Query(
        added_after=_timestamp(params["added_after"], "added_after") if params.get("added_after") else None,
        limit=min(int(limit) if limit else default_limit, MAX_PAGE),
        next=_decode_next(params["next"]) if params.get("next") else None,
        ids=_values(params.get("match[id]")),
        types=_values(params.get("match[type]")),
        versions=frozenset(_timestamp(v, "match[version]") for v in versions),
        spec_versions=_values(params.get("match[spec_version]")),
    )


def select(entries: Sequence[Entry], query: Query) -> Page:
    """The page of ``entries`` (in (date_added, id) order) that ``query`` asks for."""
    matching = [e for e in entries if _matches(e, query)]
    page = matching[: query.limit]
    more = len(matching) > len(page)
    return Page(page, more, _encode_next(page[-1].key()) if more else None)


def _matches(entry: Entry, query: Query) -> bool:
    obj = entry.obj
    return (
        (query.added_after is None or entry.date_added > query.added_after)
        and (query.next is None or entry.key() > query.next)
        and (not query.ids or entry.id in query.ids)
        and (not query.types or obj["type"] in query.types)
        and (not query.versions or _timestamp(entry.version, "version") in query.versions)
        and (not query.spec_versions or obj.get("spec_version", "2.1") in query.spec_versions)
    )


def _values(text: str | None) -> frozenset[str]:
    return frozenset(v.strip() for v in (text or "").split(",") if v.strip())


def _timestamp(text: str, name: str) -> str:
    """An RFC 3339 timestamp in UTC with microseconds, so that timestamps compare as strings."""
    try:
        moment = dt.datetime.fromisoformat(text.strip().replace("z", "Z"))
    except ValueError:
        raise InputError(
            f"{name} must be an RFC 3339 timestamp (2017-01-01T00:00:00Z), not {text!r}"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _encode_next(key: tuple[str, str]) -> str:
    return base64.urlsafe_b64encode(" ".join(key).encode()).decode().rstrip("=")


def _decode_next(token: str) -> tuple[str, str]:
    try:
        text = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        added, object_id = text.split(" ")
        return _timestamp(added, "next"), object_id
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise InputError(f"next {token!r} is not a token this server gave") from None


class _Cache:
    """The entries of the last few (store, collection, marking, store content) combinations."""

    def __init__(self, size: int = 8) -> None:
        self._size = size
        self._items: dict[tuple, list[Entry]] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple) -> list[Entry] | None:
        with self._lock:
            return self._items.get(key)

    def put(self, key: tuple, entries: list[Entry]) -> None:
        with self._lock:
            self._items[key] = entries
            while len(self._items) > self._size:
                self._items.pop(next(iter(self._items)))


_CACHE = _Cache()


def collection_entries(store: Store, collection: Collection, tlp: str = "") -> list[Entry]:
    """Every object of ``collection`` with its ``date_added``, in (date_added, id) order."""
    rows = store.select(load_query("article_stored"))
    stored = {str(r["articleId"]): str(r["stored"]) if r.get("stored") else None for r in rows}
    key = (
        id(store),
        collection.alias,
        tlp,
        tuple((str(r["articleId"]), str(r["hash"])) for r in rows),
        tuple(stored.values()),
    )
    entries = _CACHE.get(key)
    if entries is None:
        entries = _entries(store, collection, tlp, stored)
        _CACHE.put(key, entries)
    return entries


def _entries(store: Store, collection: Collection, tlp: str, stored: Mapping[str, str | None]) -> list[Entry]:
    objects = list(stix_objects(store.claims(ClaimFilter(stance=collection.stance)), tlp=tlp))
    added: dict[str, str] = {}
    for obj in objects:
        if obj["type"] != "report":
            continue
        when = stored.get(obj["external_references"][0]["external_id"])
        for object_id in (obj["id"], *obj["object_refs"]):
            if when and (object_id not in added or when > added[object_id]):
                added[object_id] = when
    fallback = min(added.values(), default=None)
    entries = []
    for obj in objects:
        when = added.get(obj["id"])
        if when is None:  # an article stored without a time, or an object outside every report
            when = (
                fallback
                if obj["type"] == "marking-definition" and fallback
                else obj.get("modified", obj["created"])
            )
        entries.append(Entry(_timestamp(when, "date_added"), obj))
    return sorted(entries, key=Entry.key)


def object_entries(entries: Sequence[Entry], object_id: str) -> list[Entry]:
    """The entries of one object (NotFound when the collection does not hold it)."""
    found = [e for e in entries if e.id == object_id]
    if not found:
        raise NotFound(f"no object '{object_id}' in this collection")
    return found
