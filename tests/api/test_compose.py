"""docker-compose.yml: valid against the Compose Specification schema, and wired the way the API expects.

No Docker engine runs here, so the file is checked statically; tests/api/test_remote.py runs the same API
against a real ``oxigraph serve`` the way this file wires it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = Path(__file__).resolve().parents[1] / "data" / "compose-spec" / "compose-spec.json"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_file_follows_the_compose_specification(compose: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(compose, schema, cls=jsonschema.Draft7Validator)


def test_schema_check_rejects_a_broken_file(compose: dict) -> None:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    broken = {
        **compose,
        "services": {**compose["services"], "api": {**compose["services"]["api"], "port": 8000}},
    }
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema, cls=jsonschema.Draft7Validator)


def _container_port(service: dict) -> int:
    command = " ".join(service["command"])
    match = re.search(r"--bind\s+0\.0\.0\.0:(\d+)", command)
    assert match, "the oxigraph service must bind all interfaces inside its container"
    return int(match.group(1))


def test_api_store_points_at_the_oxigraph_service(compose: dict) -> None:
    services = compose["services"]
    store = services["api"]["environment"]["KG_STORE"]
    match = re.fullmatch(r"http://([\w.-]+):(\d+)/?", store)
    assert match, store
    host, port = match.group(1), int(match.group(2))
    assert host in services and services[host]["image"].startswith("ghcr.io/oxigraph/oxigraph")
    assert port == _container_port(services[host])


def test_oxigraph_serves_a_persistent_union_graph_store(compose: dict) -> None:
    oxigraph = compose["services"]["oxigraph"]
    command = oxigraph["command"]
    assert command[0] == "serve" and "--union-default-graph" in command
    location = command[command.index("--location") + 1]
    volume, _, mount = oxigraph["volumes"][0].partition(":")
    assert mount == location and volume in compose["volumes"], "the store must live on a named volume"
    assert "ports" not in oxigraph, "oxigraph accepts unauthenticated writes: keep it off the host network"


def test_api_waits_for_a_healthy_store_and_has_its_own_health_check(compose: dict) -> None:
    api = compose["services"]["api"]
    assert api["depends_on"]["oxigraph"]["condition"] == "service_healthy"
    assert any("/health" in part for part in api["healthcheck"]["test"])
    assert compose["services"]["oxigraph"]["healthcheck"]["test"][0] == "CMD"
    assert "KG_API_KEYS" in api["environment"]
    assert api["build"]["dockerfile"] == "Dockerfile" and (ROOT / "Dockerfile").is_file()


def test_dockerfile_runs_kg_serve_as_a_non_root_user() -> None:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim", text, re.MULTILINE)
    assert re.search(r"^RUN pip install \.", text, re.MULTILINE)
    users = re.findall(r"^USER (\S+)", text, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    assert re.search(r'^CMD \["kg", "serve", "--host", "0\.0\.0\.0"', text, re.MULTILINE)
