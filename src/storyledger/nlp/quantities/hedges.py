"""The hedge words around a figure and the vague amounts, as tables for matching on a Doc.

What each qualifier means as an interval is defined once, in storyledger/hedges.py. Words:
data/quantities_qualifiers.json (before/after a figure, range openers and joiners, hedges
whose band ends at the figure) and data/quantities_vague.json ("dozens", "a few hundred").
"""

from __future__ import annotations

import functools

from storyledger.nlp.datafiles import data_json


@functools.cache
def qualifier_phrases(kind: str) -> dict[tuple[str, ...], str]:
    """Qualifier phrases as lower-case token tuples, for matching on the Doc."""
    return {tuple(k.split()): v for k, v in data_json("quantities_qualifiers.json")[kind].items()}


@functools.cache
def vague_table() -> dict[tuple[str, ...], tuple[float, float]]:
    data = data_json("quantities_vague.json")
    return {tuple(k.split()): (v[0], v[1]) for k, v in data.items() if not k.startswith("_")}


OR_EQUAL = {("or", "equal", "to"): "", ("or", "equal"): ""}
