"""Schemathesis, run against the live server's OpenAPI document: no 5xx, no response that breaks the schema.

The ``st`` command runs in a subprocess against a server of its own (it writes, with the key), with a
fixed seed and ~20 examples per operation to keep the run bounded.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from api_support import API_KEY, api_settings, load_sample, running

pytestmark = pytest.mark.slow
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
)


def _st() -> str:
    beside_python = Path(sys.executable).with_name("st")
    found = str(beside_python) if beside_python.exists() else shutil.which("st")
    if not found:
        pytest.fail("the schemathesis CLI (st) is not installed: install the 'test' extra")
    return found


@pytest.fixture(scope="module")
def fuzzed_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = api_settings(str(tmp_path_factory.mktemp("fuzzed") / "store"))
    load_sample(settings)
    with running(settings) as url:
        yield url


def test_schemathesis_finds_no_server_error_and_no_schema_violation(fuzzed_api: str, tmp_path: Path) -> None:
    command = [
        _st(), "run", f"{fuzzed_api}/openapi.json",
        "--checks", ",".join(CHECKS),
        "--phases", "examples,coverage,fuzzing",
        "--max-examples", "20", "--seed", "20251126", "--workers", "1",
        "--request-timeout", "120",
        "--header", f"Authorization: Bearer {API_KEY}",
        "--suppress-health-check", "too_slow,filter_too_much",
    ]  # fmt: skip
    run = subprocess.run(command, capture_output=True, text=True, timeout=900, cwd=tmp_path)
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    assert " passed" in run.stdout and "generated" in run.stdout
