"""The compare data files, read once each: language-neutral tables in compare/data, a
language's word lists in compare/data/<lang> (English: compare/data/en)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

DATA = Path(__file__).with_name("data")


def data_path(name: str, lang: str | None = None) -> Path:
    return DATA / lang / name if lang else DATA / name


@functools.cache
def data_json(name: str, lang: str | None = None) -> dict:
    """A JSON table of compare/data (or compare/data/<lang>)."""
    return json.loads(data_path(name, lang).read_text(encoding="utf-8"))


@functools.cache
def data_lines(name: str, lang: str | None = None) -> frozenset[str]:
    """A word list: one entry a line, '#' lines are comments."""
    text = data_path(name, lang).read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
