"""Every word list attribution reads, from nlp/data/attribution_*.txt (one loader)."""

from __future__ import annotations

import functools
import json
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "en"  # English: nlp/data/en


def _read_words(name: str) -> frozenset[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


@functools.lru_cache(maxsize=1)
def cue_verbs() -> frozenset[str]:
    return _read_words("attribution_cue_verbs.txt")


@functools.lru_cache(maxsize=1)
def belief_verbs() -> frozenset[str]:
    return _read_words("attribution_belief_verbs.txt")


@functools.lru_cache(maxsize=1)
def object_verbs() -> frozenset[str]:
    return _read_words("attribution_object_verbs.txt")


@functools.lru_cache(maxsize=1)
def xcomp_verbs() -> frozenset[str]:
    return _read_words("attribution_xcomp_verbs.txt")


@functools.lru_cache(maxsize=1)
def colon_labels() -> frozenset[str]:
    return _read_words("attribution_colon_labels.txt")


@functools.lru_cache(maxsize=1)
def cue_nouns() -> frozenset[str]:
    return _read_words("attribution_cue_nouns.txt")


@functools.lru_cache(maxsize=1)
def gender_words() -> dict[str, frozenset[str]]:
    data = json.loads((DATA / "attribution_gender_words.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


@functools.lru_cache(maxsize=1)
def org_nouns() -> frozenset[str]:
    return _read_words("attribution_org_nouns.txt")


@functools.lru_cache(maxsize=1)
def intro_verbs() -> frozenset[str]:
    return _read_words("attribution_intro_verbs.txt")


@functools.lru_cache(maxsize=1)
def relay_verbs() -> frozenset[str]:
    return _read_words("attribution_relay_verbs.txt")


@functools.lru_cache(maxsize=1)
def quote_nouns() -> frozenset[str]:
    return _read_words("attribution_quote_nouns.txt")


@functools.lru_cache(maxsize=1)
def stance_words() -> frozenset[str]:
    return _read_words("attribution_stance_words.txt")
