"""The one rule for article identity within a run: the same text once, a repeated id renamed.

Local runs, the store, the web backend and Spark all apply it, so one input gives the same
article ids whichever of them reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from storyledger.identity import content_hash
from storyledger.model import RawArticle


def suffixed_id(article_id: str, text: str) -> str:
    """The id a second article with this id gets: its text's hash appended."""
    return f"{article_id}-{content_hash(text)[:8]}"


class UniqueIds:
    """Admits each text once; an id already taken gets its text's hash appended."""

    def __init__(self) -> None:
        self.hashes: set[str] = set()
        self.ids: set[str] = set()

    def admit(self, raw: RawArticle) -> bool:
        """False when this text was admitted before; otherwise True, `raw.id` made unique."""
        digest = content_hash(raw.text)
        if digest in self.hashes:
            return False
        self.hashes.add(digest)
        if raw.id in self.ids:
            raw.id = f"{raw.id}-{digest[:8]}"
        self.ids.add(raw.id)
        return True


def unique_ids(raws: Iterable[RawArticle]) -> Iterator[RawArticle]:
    """The articles with each text once and every id distinct, in input order."""
    seen = UniqueIds()
    return (raw for raw in raws if seen.admit(raw))
