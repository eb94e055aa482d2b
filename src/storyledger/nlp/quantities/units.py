"""Units and currencies around a figure: '$100m', 'US$5bn', 'EUR 40', '16-meter', '5 ft'.

Tables: data/quantities_units.json and data/quantities_currencies.json.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc

from storyledger.nlp.datafiles import data_json
from storyledger.nlp.quantities.phrases import match_after


def _code(code: str) -> str:
    """A currency code in use mapped to ISO 4217 ('RMB' -> CNY)."""
    return data_json("quantities_currencies.json")["code_aliases"].get(code, code)


@functools.cache
def unit_table() -> dict[tuple[str, ...], str]:
    out: dict[tuple[str, ...], str] = {}
    for symbol, forms in data_json("quantities_units.json")["units"].items():
        for form in forms:
            out[tuple(form.lower().split())] = symbol
    for word, code in data_json("quantities_currencies.json")["words"].items():
        out[tuple(word.split())] = code
    for code in data_json("quantities_currencies.json")["codes"]:
        out[(code.lower(),)] = _code(code)
    return out


def prefix_currency(prefix: str) -> str | None:
    """The currency of a prefix glued to a figure ('HK$' -> HKD, 'USD' -> USD), if any."""
    cur = data_json("quantities_currencies.json")
    symbols = {k.lower(): v for k, v in cur["symbols"].items()}
    if prefix.lower() in symbols:
        return symbols[prefix.lower()]
    if prefix in cur["codes"]:
        return _code(prefix)
    return None


def currency_before(doc: Doc, i: int, lo: int) -> tuple[int, str] | None:
    """A currency symbol or code right before token i: '$', 'US$', 'USD', 'US $'."""
    cur = data_json("quantities_currencies.json")
    if i - 1 < lo:
        return None
    prev = doc[i - 1].text
    if prev in cur["symbols"]:
        start = i - 1
        before = doc[start - 1].text.upper() if start - 1 >= lo else ""
        prefixed = cur["dollar_prefixes"]
        if (
            prev == "$"
            and doc[start - 1].text in prefixed
            and (len(before) > 1 or not doc[start - 1].whitespace_)  # "A $5 grant": an article
        ):
            return start - 1, prefixed[before]
        return start, cur["symbols"][prev]
    if re.fullmatch(r"[A-Za-z]{1,3}\$", prev) and prev.lower() in {
        k.lower() for k in cur["symbols"]
    }:
        return i - 1, {k.lower(): v for k, v in cur["symbols"].items()}[prev.lower()]
    if prev in cur["codes"]:
        return i - 1, _code(prev)
    return None


def unit_after(doc: Doc, j: int, lo_multiplier: bool) -> tuple[int, str] | None:
    """A unit or currency word right after token j: 'km', 'per cent', 'US dollars'."""
    n = len(doc)
    k = j
    if k < n and doc[k].text == "-" and not doc[k - 1].whitespace_:  # "16-meter"
        k += 1
    found = match_after(doc, k, unit_table(), min(n, k + 4))
    if not found and k < n and doc[k].lower_ in ("in", "in."):
        # "2 1/2 in thick", "2 in.": inches; "2 in Paris" is a preposition
        follower = doc[k + 1].lower_ if k + 1 < n else "."
        if (
            doc[k].lower_ == "in."
            or follower in data_json("quantities_units.json")["inch_in_before"]
        ):
            return k + 1, "in"
    if not found:
        return None
    end, unit = found
    words = " ".join(t.lower_ for t in doc[k:end])
    if unit == "GBP" and words in ("pound", "pounds") and not lo_multiplier:
        unit = "lb"
    if words in ("p", "m", "g", "l", "t", "ha") and doc[k - 1].whitespace_:
        follower = doc[end].lower_ if end < n else "."
        metre = (
            follower in data_json("quantities_units.json")["inch_in_before"] and follower != "of"
        )
        if not (words == "m" and metre):
            return None  # "5 m" / "10 p" are too ambiguous with a space ("a 5 m wall" is not)
    return end, unit


@functools.cache
def currency_units() -> frozenset[str]:
    data = data_json("quantities_currencies.json")
    codes = {*data["codes"], *data["symbols"].values(), *data["words"].values()}
    return frozenset(c.split("-")[0] for c in codes)
