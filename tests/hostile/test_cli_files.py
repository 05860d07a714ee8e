"""The ``kg`` command's contract with the shell: exit codes and the permissions of the files it writes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

KG = [sys.executable, "-c", "from kg.cli import main; main()"]


def kg(store: Path, *args: str, umask: int | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_STORE": str(store)}
    preexec = (lambda: os.umask(umask)) if umask is not None else None
    return subprocess.run(
        [*KG, *args], capture_output=True, text=True, env=env, timeout=120, preexec_fn=preexec
    )


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["stats"], 0),
        (["sparql", "SELEC nothing"], 1),  # a failed command
        (["export", "--format", "csv", "--stance", "blame"], 1),
        (["delete", "no-such-article"], 1),
        (["ingest", "/nonexistent/file.txt"], 1),
        (["no-such-command"], 2),  # usage errors
        (["stats", "--no-such-option"], 2),
    ],
)
def test_exit_codes(tmp_path: Path, args: list[str], code: int) -> None:
    result = kg(tmp_path / "store", *args)
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_exported_files_follow_the_umask(tmp_path: Path, umask: int, mode: int) -> None:
    output = tmp_path / "out.gexf"
    result = kg(tmp_path / "store", "export", "--format", "gexf", "-o", str(output), umask=umask)
    assert result.returncode == 0, result.stderr
    assert output.stat().st_mode & 0o777 == mode
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []
