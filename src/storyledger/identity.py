"""What names an article, shared by every layer: its text's identity, its outlet's name, and
the id of its thread.

These sit beside the records (model.py), below ingest and store, so the store can check
identity and resolve outlet aliases without importing a reader.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources


def thread_id_for(topic: str) -> str:
    """The thread id of a grouper topic id: `s-…` (a story's id) reads `t-…`, never clashing."""
    if topic.startswith("t-"):
        return topic
    return "t-" + topic.removeprefix("s-")


def content_hash(text: str) -> str:
    """Identity of an article's text: re-ingesting the same text changes nothing."""
    normalised = " ".join(text.split()).lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


@functools.cache
def outlet_aliases() -> dict[str, str]:
    """alias (lower case) -> the outlet's usual name, from data/outlet_aliases.tsv."""
    text = resources.files("storyledger").joinpath("data", "outlet_aliases.tsv").read_text("utf-8")
    lines = (ln.strip() for ln in text.splitlines())
    pairs = (ln.split("\t") for ln in lines if ln and not ln.startswith("#"))
    return {alias.lower(): name for alias, name in pairs}


def outlet_name(raw: str | None) -> str | None:
    """The outlet's usual name for a known alias; otherwise the name as given."""
    if not raw or not raw.strip():
        return None
    raw = raw.strip()
    return outlet_aliases().get(raw.lower(), raw)
