"""Kept for callers of the old path: number parsing lives in nlp/quantities/ (numbers, runs)."""

from __future__ import annotations

from storyledger.nlp.quantities.numbers import NumberRun, digits_value, parse_words, split_suffix
from storyledger.nlp.quantities.runs import find_numbers, merge_pairs

__all__ = [
    "NumberRun",
    "digits_value",
    "find_numbers",
    "merge_pairs",
    "parse_words",
    "split_suffix",
]
