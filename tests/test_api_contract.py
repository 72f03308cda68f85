"""The API contract: the OpenAPI description the server publishes at /openapi.json, checked by
schemathesis (its command-line runner, as a user would run it) against the live server: every
operation called with generated parameters and bodies, and every answer's status, content type and
JSON schema held to the description, with no server error."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance"


def test_the_description_names_every_route_users_meet(live_server: str) -> None:
    with urllib.request.urlopen(live_server + "/openapi.json") as response:
        description = json.load(response)
    assert {"/sparql", "/resolve", "/network.json", "/id/{kind}/{slug}", "/dump", "/dump/{filename}"} \
        <= set(description["paths"])
    assert description["servers"] == [{"url": live_server}]


def test_schemathesis_finds_the_server_true_to_its_description(live_server: str, tmp_path: Path) -> None:
    runner = shutil.which("schemathesis") or str(Path(sys.executable).parent / "schemathesis")
    result = subprocess.run([runner, "run", live_server + "/openapi.json", "--checks", CHECKS,
                             "--max-examples", "30", "--generation-deterministic", "--no-color",
                             "--request-timeout", "60"],
                            capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert result.returncode == 0, result.stdout[-4000:]
    assert "API Operations" in result.stdout and "Tested: 10" in result.stdout
