"""Date and time expressions resolved against the publication date; never guessed."""

from __future__ import annotations

from spacy.tokens import Doc

from storyledger.model import DateMention


def extract_dates(doc: Doc, published: str | None) -> list[DateMention]:
    return []
