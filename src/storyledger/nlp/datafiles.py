"""The nlp data files (nlp/data), read once each: JSON tables and word lists."""

from __future__ import annotations

import functools
import json
from pathlib import Path

DATA = Path(__file__).with_name("data")


@functools.cache
def data_json(name: str) -> dict:
    """A JSON table of nlp/data."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@functools.cache
def data_lines(name: str) -> frozenset[str]:
    """A word list of nlp/data: one entry a line, '#' lines are comments."""
    text = (DATA / name).read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
