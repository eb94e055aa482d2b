"""Figures found apart that are one: 'thirteen dollars and forty-five cents', '5 ft 2 in',
'more than 10 but fewer than 20'; and a list of bare figures taking the unit its last figure
states ('45 and 50 mg').
"""

from __future__ import annotations

import dataclasses
import re

from spacy.tokens import Doc

from storyledger.model import Quantity
from storyledger.nlp.quantities.filters import doc_text
from storyledger.nlp.quantities.runs import merge_pairs
from storyledger.nlp.quantities.units import currency_units

_CENTS_GAP = re.compile(r"\s+(?:and\s+)?")


def join_cents(doc: Doc, found: list[Quantity]) -> list[Quantity]:
    """'thirteen dollars and forty-five cents', '15 dollars 50', '5 ft 2 in': one amount in
    two parts."""
    text = doc_text(doc)
    out: list[Quantity] = []
    i = 0
    while i < len(found):
        a = found[i]
        b = found[i + 1] if i + 1 < len(found) else None
        if (
            b is not None
            and a.qualifier == "exact"
            and b.qualifier == "exact"
            and a.value is not None
            and b.value is not None
            and a.unit is not None
            and a.unit in currency_units()
            and re.search(r"[A-Za-z]$", a.text)  # the currency is a word after the figure
            and _CENTS_GAP.fullmatch(text[a.end : b.start])
            and (
                (b.unit == a.unit and b.value < 1 and re.search(r"(?i)cents?|pence$", b.text))
                or (
                    b.unit is None
                    and b.counts is None
                    and re.fullmatch(r"\d\d|[a-z -]+", b.text)
                    and float(b.value).is_integer()
                    and 0 < b.value < 100
                    and "and" not in text[a.end : b.start]
                )
            )
        ):
            cents = b.value if b.unit else b.value / 100
            value = tidy(a.value + cents)
            out.append(
                dataclasses.replace(
                    a, text=text[a.start : b.end], value=value, low=value, high=value, end=b.end
                )
            )
            i += 2
            continue
        if (
            b is not None
            and (a.unit, b.unit) == ("ft", "in")
            and a.qualifier == b.qualifier == "exact"
            and a.value is not None
            and b.value is not None
            and b.value < 12
            and _CENTS_GAP.fullmatch(text[a.end : b.start])
        ):
            value = tidy(a.value + b.value / 12)  # "5 ft 2 in", "5 feet and 2 inches"
            out.append(
                dataclasses.replace(
                    a, text=text[a.start : b.end], value=value, low=value, high=value, end=b.end
                )
            )
            i += 2
            continue
        out.append(a)
        i += 1
    return out


_LIST_GAP = re.compile(r"\s*,\s*|\s*,?\s+(?:and|or)\s+")


def share_units(doc: Doc, found: list[Quantity]) -> list[Quantity]:
    """'45 and 50 mg', '5, 10 or 15 per cent': a list of bare figures takes the unit the last
    one states."""
    for k in range(len(found) - 2, -1, -1):
        a, b = found[k], found[k + 1]
        if (
            a.unit is None
            and b.unit is not None
            and a.value is not None
            and (a.counts is None or doc_text(doc).find(a.counts, a.end) >= b.start)
            and a.qualifier == "exact"
            and _LIST_GAP.fullmatch(doc_text(doc)[a.end : b.start])
            and re.match(r"[\d.,]+\s", b.text)
        ):
            found[k] = dataclasses.replace(
                a, unit=b.unit, counts=a.counts if b.unit == "%" else None
            )
    return found


_BOUND_JOIN = re.compile(r"\s*,\s+|\s*,?\s+(?:and|but|yet)\s+")


def join_bounds(doc: Doc, found: list[Quantity]) -> list[Quantity]:
    """'more than 10 but fewer than 20': a floor and a ceiling joined are one range."""
    lower, upper = ("more_than", "at_least"), ("less_than", "at_most")

    def join(a: Quantity, b: Quantity) -> Quantity | None:
        if not (
            a.value is not None
            and b.value is not None
            and _BOUND_JOIN.fullmatch(doc_text(doc)[a.end : b.start])
            and (a.unit == b.unit or b.unit is None or a.unit is None)
            and (
                (a.qualifier in lower and b.qualifier in upper and a.value < b.value)
                or (a.qualifier in upper and b.qualifier in lower and b.value < a.value)
            )
        ):
            return None
        low, high = sorted((a.value, b.value))
        return Quantity(
            text=doc_text(doc)[a.start : b.end],
            value=None,
            low=low,
            high=high,
            qualifier="range",
            unit=a.unit or b.unit,
            counts=b.counts or a.counts,
            attributed_to=a.attributed_to,
            start=a.start,
            end=b.end,
            sources=a.sources,
            event=a.event or b.event,
            source_mention=a.source_mention,
        )

    return merge_pairs(found, join)


def tidy(v: float | None) -> float | None:
    """16399999.999999998 -> 16400000.0: float noise from scaling, not information."""
    return None if v is None else float(f"{v:.12g}")
