"""Matching a phrase of a table right before or after a token: hedges, units, currencies."""

from __future__ import annotations

from spacy.tokens import Doc


def match_before(
    doc: Doc, end: int, table: dict[tuple[str, ...], str], lo: int
) -> tuple[int, str] | None:
    """The longest phrase of `table` ending right before token `end` (not before `lo`);
    runs of extra spaces (their own tokens) are passed over."""
    idx = []
    k = end - 1
    while k >= lo and len(idx) < 6:
        if not doc[k].is_space:
            idx.append(k)
        k -= 1
    idx.reverse()
    for size in (6, 5, 4, 3, 2, 1):
        if size > len(idx):
            continue
        picked = idx[-size:]
        key = tuple(doc[x].lower_ for x in picked)
        if key in table:
            return picked[0], table[key]
    return None


def match_after(
    doc: Doc, start: int, table: dict[tuple[str, ...], str], hi: int
) -> tuple[int, str] | None:
    for size in (4, 3, 2, 1):
        end = start + size
        if end > hi:
            continue
        key = tuple(t.lower_ for t in doc[start:end])
        if key in table:
            return end, table[key]
    return None
