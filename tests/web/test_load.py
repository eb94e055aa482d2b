"""The load bench, short: 50 readers while articles arrive; no error, no lost article."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

BENCH = Path(__file__).resolve().parents[2] / "bench" / "load_web.py"


def test_fifty_readers_while_writing_lose_nothing() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--seconds", "6", "--connections", "50", "--articles", "20"],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "- errors: 0" in result.stdout
    assert "lost: 0" in result.stdout
    added = int(result.stdout.split(" added under load")[0].rsplit("+ ", 1)[1])
    assert added >= 1  # writes really happened while the readers read
