"""The nlp data files, read once each: JSON tables and word lists, per language.

A language's files live in nlp/data/<lang>/ (English: nlp/data/en/); a file is read by its
name and the language, so a second language is a second folder of the same names
(docs/architecture.md, "Adding a language").
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from storyledger.languages import DEFAULT

DATA = Path(__file__).with_name("data")


def data_path(name: str, lang: str = DEFAULT) -> Path:
    """Where a data file of the language lives: nlp/data/<lang>/<name>."""
    return DATA / lang / name


@functools.cache
def data_json(name: str, lang: str = DEFAULT) -> dict:
    """A JSON table of nlp/data/<lang>."""
    return json.loads(data_path(name, lang).read_text(encoding="utf-8"))


@functools.cache
def data_lines(name: str, lang: str = DEFAULT) -> frozenset[str]:
    """A word list of nlp/data/<lang>: one entry a line, '#' lines are comments."""
    text = data_path(name, lang).read_text(encoding="utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))
