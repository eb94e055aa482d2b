"""Schemathesis fuzzes every operation of the OpenAPI document: no request makes a 5xx."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

SCHEMATHESIS = Path(sys.executable).with_name("schemathesis")
INVENTED = {
    "text": "The town council of Wrenfield said on Monday that the old mill would become a "
    "library, and that about 1.2 million euros had been set aside for the work. More than 400 "
    "residents had signed a petition for the plan, the mayor told reporters.",
    "title": "Wrenfield mill to become a library",
    "outlet": "Wrenfield Echo",
    "published": "2024-02-12",
}


def test_no_server_error_under_fuzzing(server_factory, tmp_path: Path) -> None:
    if not SCHEMATHESIS.exists() and not shutil.which("schemathesis"):
        pytest.skip("schemathesis is not installed")
    live = server_factory()
    with live.client() as client:  # a story to read, so list answers carry real records
        added = client.post("/api/articles", json={"articles": [INVENTED]})
        assert added.status_code == 201, added.text
    result = subprocess.run(
        [
            str(SCHEMATHESIS if SCHEMATHESIS.exists() else shutil.which("schemathesis")),
            "run",
            f"{live.url}/openapi.json",
            "--checks",
            # no 5xx; and every answer has a documented status, content type and schema
            "not_a_server_error,status_code_conformance,content_type_conformance,"
            "response_schema_conformance",
            "--max-examples",
            "30",
            "--phases",
            "examples,fuzzing",  # the coverage phase crashes inside schemathesis 4.32 (AST)
            "--seed",
            "20261124",
            "--generation-database",
            "none",
            "--request-timeout",
            "60",
            "--workers",
            "4",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=tmp_path,
    )
    tail = (result.stdout + result.stderr)[-6000:]
    assert result.returncode == 0, tail
    counts = re.search(r"(\d+) generated, (\d+) passed", result.stdout)
    assert counts and int(counts.group(1)) >= 100 and counts.group(1) == counts.group(2), tail
    with live.client() as client:  # the server is still whole afterwards
        assert client.get("/api/stories").status_code == 200
