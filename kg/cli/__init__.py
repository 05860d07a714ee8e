"""The ``kg`` command. Each command group lives in its own module; this one wires them and owns the
error policy: a :class:`~kg.errors.KgError` becomes one line on stderr and a non-zero exit, never a
stack trace.

Exit codes: 0 success, 1 a failed command (any KgError), 2 a usage error (click's own), 130 interrupted.
"""

from __future__ import annotations

import importlib
import sys

import typer

from kg.errors import KgError

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="kg",
    help="Cyber-incident attribution knowledge graph: extract who accused or denied what, store it, ask it.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# Modules that register commands on ``app`` when imported.
COMMAND_MODULES = (
    "kg.cli.extract",
    "kg.cli.store",
    "kg.cli.ask",
    "kg.cli.export",
    "kg.cli.serve",
    "kg.cli.incidents",
    "kg.cli.train",
)

for _module in COMMAND_MODULES:
    importlib.import_module(_module)


def main() -> None:
    """Console entry point."""
    try:
        app()
    except KgError as exc:
        typer.echo(f"kg: error: {exc.message}", err=True)
        sys.exit(EXIT_FAILED)
    except KeyboardInterrupt:
        typer.echo("kg: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
