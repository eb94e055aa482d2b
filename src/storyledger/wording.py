"""The loaded-language lexicon, shared by extraction (nlp/descriptors) and comparison
(compare/framing): it sits below both, so neither reaches into the other for its words.

Read from data/<lang>/descriptors_lexicon.json: verbs -> a neutral counterpart, and the
loaded verbs, adjectives and nouns.
"""

from __future__ import annotations

import functools
import json
from importlib import resources


@functools.cache
def lexicon(lang: str = "en") -> dict:
    """The loaded-language lexicon: verbs -> neutral counterpart, loaded sets."""
    path = resources.files("storyledger").joinpath("data", lang, "descriptors_lexicon.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        "verbs": data["verbs"],
        "loaded": frozenset(data["loaded"]),
        "adjectives": frozenset(data["adjectives"]),
        "nouns": frozenset(data["nouns"]),
    }


def is_loaded(word: str, lang: str = "en") -> bool:
    """A lemma the lexicon marks as judging (verb, adjective or noun)."""
    lex = lexicon(lang)
    w = word.lower()
    return w in lex["loaded"] or w in lex["adjectives"] or w in lex["nouns"]
