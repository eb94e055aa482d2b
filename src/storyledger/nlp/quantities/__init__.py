"""Numeric facts: value, interval, qualifier, unit, counted noun, event and source.

The modules, bottom up: numbers (the value of a spelled number), spelling and runs (where
numbers are in a Doc), filters (numbers that are no facts), phrases, hedges and units (the
words around a figure), counted (what it counts, the event), pronouns and sources (who states
it), merge (figures found apart that are one) and extract (`extract_quantities`, the whole).
What each hedge means as an interval is defined once, in storyledger/hedges.py.

A list of bare figures takes the unit its last figure states ("45 and 50 mg"); an amount in
two parts is one ("thirteen dollars and forty-five cents", "15 dollars 50"). "up to" and "as
many as" are both at_most: each states a ceiling. "nearly"/"almost" stay "approximately" (the
contract has no separate qualifier) with a band that ends at the figure.
"""

from __future__ import annotations

from storyledger.hedges import bounds as interval
from storyledger.nlp.quantities.extract import extract_quantities
from storyledger.nlp.quantities.numbers import NumberRun, parse_words
from storyledger.nlp.quantities.runs import find_numbers

__all__ = ["NumberRun", "extract_quantities", "find_numbers", "interval", "parse_words"]
