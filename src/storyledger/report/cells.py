"""Cells for spreadsheets: user text that a spreadsheet would run as a formula is defused."""

from __future__ import annotations


def safe_cell(value: object) -> object:
    """Text cells starting like a formula get a leading apostrophe; None is an empty cell."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value
