"""The hedge words around a figure and the vague amounts, and the hedge a figure takes.

What each qualifier means as an interval is defined once, in storyledger/hedges.py. Words:
data/quantities_qualifiers.json (before/after a figure, range openers and joiners, hedges
whose band ends at the figure) and data/quantities_vague.json ("dozens", "a few hundred").
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc

from storyledger.nlp.datafiles import data_json
from storyledger.nlp.quantities.phrases import match_after, match_before


@functools.cache
def qualifier_phrases(kind: str) -> dict[tuple[str, ...], str]:
    """Qualifier phrases as lower-case token tuples, for matching on the Doc."""
    return {tuple(k.split()): v for k, v in data_json("quantities_qualifiers.json")[kind].items()}


@functools.cache
def vague_table() -> dict[tuple[str, ...], tuple[float, float]]:
    data = data_json("quantities_vague.json")
    return {tuple(k.split()): (v[0], v[1]) for k, v in data.items() if not k.startswith("_")}


OR_EQUAL = {("or", "equal", "to"): "", ("or", "equal"): ""}


def hedge_around(
    doc: Doc, lead: int, end: int, qualifier: str, first: int
) -> tuple[int, int, str, bool]:
    """The hedge of the figure in tokens [lead, end) (`first`: its first number token): the
    new lead, end and qualifier, and whether its band ends at the figure ("nearly 500")."""
    n = len(doc)
    before = qualifier_phrases("before")
    below = False
    after = qualifier_phrases("after")
    hit_a = match_after(doc, end, after, min(n, end + 3)) if qualifier == "exact" else None
    if hit_a and hit_a[0] < n and (doc[hit_a[0]].like_num or doc[hit_a[0]].lower_ == "than"):
        hit_a = None  # "above 1000 and below 1500": the hedge belongs to the next number
    if hit_a:  # "500 or more" outranks a hedge before it ("about 500 or more")
        end, qualifier = hit_a
        equal = match_before(doc, lead, before, max(0, lead - 3))
        if equal and equal[1] == "exact" and doc[equal[0]].lower_.startswith("equal"):
            lead = equal[0]  # "equal to 5000 or less": one bound, stated twice
    elif qualifier == "exact":
        hit_b = match_before(doc, lead, before, max(0, lead - 6))
        if hit_b and hit_b[1] in ("more_than", "less_than"):
            # "more than 5000 or equal": the bound is closed after all
            tail = match_after(doc, end, OR_EQUAL, min(n, end + 4))
            if tail:
                end = tail[0]
                hit_b = (hit_b[0], "at_least" if hit_b[1] == "more_than" else "at_most")
        if hit_b:
            lead, qualifier = hit_b
            below_band = data_json("quantities_qualifiers.json")["below_band"]
            below = (
                " ".join(t.lower_ for t in doc[lead:first]) in below_band
                or doc[lead].lower_ in below_band
            )
    return lead, end, qualifier, below
