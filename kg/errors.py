"""One exception tree for the whole project.

Every error a user can cause derives from :class:`KgError`; the CLI prints its message on one line and
the API turns it into ``application/problem+json`` with :attr:`KgError.status`.
"""

from __future__ import annotations


class KgError(Exception):
    """Base of every error the project raises on purpose."""

    status: int = 500
    title: str = "Internal error"

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class ConfigError(KgError):
    """A setting is missing or invalid."""

    status = 500
    title = "Configuration error"


class InputError(KgError):
    """An input (file, request body, parameter) cannot be used."""

    status = 400
    title = "Bad input"


class UnsupportedMediaType(InputError):
    status = 415
    title = "Unsupported media type"


class PayloadTooLarge(InputError):
    status = 413
    title = "Payload too large"


class NotFound(KgError):
    status = 404
    title = "Not found"


class AuthError(KgError):
    status = 401
    title = "Unauthorized"


class Forbidden(KgError):
    status = 403
    title = "Forbidden"


class ExtractionError(KgError):
    """The NLP pipeline failed on an article (not the article's fault)."""

    status = 500
    title = "Extraction failed"


class StoreError(KgError):
    """The graph store cannot be opened, read or written."""

    status = 503
    title = "Store unavailable"


class QueryError(KgError):
    """A query is malformed or cannot be answered."""

    status = 400
    title = "Bad query"


class QuestionNotUnderstood(QueryError):
    """A plain-English question fits no question shape; ``suggestions`` are the closest readings."""

    title = "Question not understood"

    def __init__(self, message: str, *, suggestions: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.suggestions = tuple(suggestions)


class FederationRefused(QueryError):
    """A query asks the server to contact another endpoint (SPARQL ``SERVICE``), which is off."""

    title = "Federated query refused"


class TooManyQueries(QueryError):
    """More queries are running than ``KG_SPARQL_MAX_CONCURRENT`` allows; retry later."""

    status = 429
    title = "Too many concurrent queries"


class QueryTimeout(QueryError):
    status = 503
    title = "Query timed out"
