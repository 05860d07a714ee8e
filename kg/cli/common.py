"""Helpers shared by the CLI commands: progress bars, error lines, output streams."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

T = TypeVar("T")

stderr = Console(stderr=True)
PROGRESS_THRESHOLD = 5  # more items than this get a progress bar


def progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    """Iterate with a progress bar on stderr when there are more than a handful of items."""
    if total <= PROGRESS_THRESHOLD or (not sys.stderr.isatty() and not _forced()):
        yield from items
        return
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=stderr, transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)


def _forced() -> bool:
    import os

    return os.environ.get("KG_PROGRESS", "") == "1"


def error_line(message: str) -> None:
    """One line on stderr, no stack trace."""
    stderr.print(f"kg: error: {message}", markup=False, highlight=False, soft_wrap=True)


def warning_line(message: str) -> None:
    """One warning line on stderr."""
    stderr.print(f"kg: warning: {message}", markup=False, highlight=False, soft_wrap=True)
