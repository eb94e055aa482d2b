"""The languages storyledger reads, from one table (data/languages.json).

Every language-specific choice starts here: the spaCy model extraction loads, the stop words
grouping drops, the names a record's language field may use, and what a text not in the
language is told. It sits below ingest, nlp and compare so each reads the same table.
"""

from __future__ import annotations

import functools
import importlib
import json
from importlib import resources

DEFAULT = "en"


@functools.cache
def table() -> dict[str, dict]:
    """code -> its entry (model, stop_words, names, not_in_language, min_function_word_ratio)."""
    path = resources.files("storyledger").joinpath("data", "languages.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {code: entry for code, entry in data.items() if not code.startswith("_")}


def supported() -> list[str]:
    return sorted(table())


def language(code: str) -> dict:
    """The table's entry for a supported code; KeyError for any other."""
    return table()[code]


def code_of(value: str) -> str | None:
    """The supported code a language field names ('en', 'en-GB', 'English'), else None."""
    wanted = value.strip().lower().replace("_", "-")
    primary = wanted.split("-", 1)[0]
    for code, entry in table().items():
        names = {code, *entry.get("names", ())}
        if wanted in names or primary in names:
            return code
    return None


def unsupported(value: str) -> str:
    """The one message for a text in a language storyledger does not read."""
    return f"language {value!r} is not supported (storyledger reads: {', '.join(supported())})"


def model(code: str = DEFAULT) -> str:
    """The spaCy model extraction loads for the language."""
    return language(code)["model"]


@functools.cache
def stop_words(code: str = DEFAULT) -> frozenset[str]:
    """spaCy's stop words for the language (the module the table names)."""
    return frozenset(importlib.import_module(language(code)["stop_words"]).STOP_WORDS)
