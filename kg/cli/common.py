"""Helpers shared by the CLI commands: progress bars, error lines, output streams."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from kg.errors import InputError
from kg.models import Article

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


JOBS_HELP = "Extraction processes (0: one per core); each loads the spaCy pipeline."


def articles_in(paths: list[Path], label: str) -> Iterator[Article | InputError]:
    """The articles of files and folders (or the error of each unreadable input), with a progress bar
    over the files."""
    from kg.ingest.readers import expand_paths, read_file

    files = list(expand_paths(paths))
    for item in progress(files, len(files), label):
        yield from [item] if isinstance(item, InputError) else read_file(item)
