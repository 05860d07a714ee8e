"""Extraction on several processes: each worker loads the spaCy pipeline once and extracts whole articles;
results come back in input order, with a bounded number of articles in flight (a large corpus is never
read into memory ahead of the workers).

Parsing is CPU-bound and holds the GIL, so threads would not help; processes do, one per core.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from kg.errors import InputError, KgError
from kg.models import Article, Claim

IN_FLIGHT_PER_WORKER = 4

# what one input became: the claims of an article, an error message, or an input error passed through
Result = tuple[Article | InputError, list[Claim] | str | None]


def default_jobs() -> int:
    """One worker per core."""
    return max(1, os.cpu_count() or 1)


def extract_one(article: Article, extractor: Any = None) -> list[Claim] | str:
    """The claims of ``article`` (by ``extractor``, default the process-wide one), or a one-line error
    message: one article the pipeline fails on never stops a run."""
    from kg.extract import get_extractor

    try:
        return (extractor or get_extractor()).extract(article)
    except KgError as exc:
        return f"{article.id}: {exc.message}"
    except Exception as exc:  # the pipeline choking on one article must not stop a bulk run
        return f"{article.id}: extraction failed ({type(exc).__name__}: {exc})"


def _warm_up() -> None:
    from kg.extract import get_extractor

    get_extractor()


def extract_in_order(items: Iterable[Article | InputError], jobs: int) -> Iterator[Result]:
    """Each item with its result, in input order, extracted on ``jobs`` worker processes."""
    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_warm_up) as pool:
        pending: deque[tuple[Article | InputError, Future[list[Claim] | str] | None]] = deque()
        for item in items:
            future = None if isinstance(item, InputError) else pool.submit(extract_one, item)
            pending.append((item, future))
            while len(pending) >= jobs * IN_FLIGHT_PER_WORKER:
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())


def _result(item: Article | InputError, future: Future[list[Claim] | str] | None) -> Result:
    return item, None if future is None else future.result()
