"""Runs of tokens that spell one number in a Doc, each with its value (`find_numbers`).

Also read: powers in maths notation ("6.23x10^-4"), a currency prefix glued to the figure
("HK$10", as `prefix`), ordinals after a tens word as fractions ("three twenty-firsts") and
ratios closing a clause ("one over three"). A lone scale word ("in USD million") is no number.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from spacy.tokens import Doc

from storyledger.nlp.quantities.numbers import (
    PREFIXED,
    NumberRun,
    dash_range,
    digits_value,
    lookup,
    number_words,
    parse_words,
    split_suffix,
)
from storyledger.nlp.quantities.spelling import continues, is_digits, starts

_BASE = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)(?:[x×](\d+))?")


_EXPONENT = re.compile(r"^[+-]{0,2}\d{1,3}$")


def _power(doc: Doc, i: int) -> tuple[int, float] | None:
    """'2.5^-1', '6.23x10^-4', '-1.1^+23' (end token, value): powers in maths notation."""
    tok = doc[i]
    text = tok.text
    j = i + 1
    if "^" in text:
        text, _, exp = text.partition("^")
    elif j + 1 < len(doc) and doc[j].text == "^" and not tok.whitespace_:
        if doc[j].whitespace_:
            return None
        exp, j = doc[j + 1].text, j + 2
    else:
        return None
    m = _BASE.fullmatch(text)
    if not m or not _EXPONENT.match(exp):
        return None
    power = int(exp.lstrip("+-")) * (-1 if exp.count("-") == 1 else 1)
    try:
        if m.group(3):
            value = float(m.group(2)) * float(m.group(3)) ** power
        else:
            value = float(m.group(2)) ** power
    except (OverflowError, ZeroDivisionError):
        return None
    return j, -value if m.group(1) == "-" else value


def find_numbers(doc: Doc) -> list[NumberRun]:
    """Every run of tokens that spells a cardinal number, left to right, with its value."""
    runs: list[NumberRun] = []
    abbreviations = number_words()["scale_abbreviations"]
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        glued = None if is_digits(tok) else split_suffix(tok.text)
        if glued is None and tok.text.endswith(".") and tok.text[:1].isdigit():
            glued = split_suffix(tok.text[:-1])  # "$2.174T." at a sentence end
            glued = glued if glued and not glued[1] else None
        caret = "^" in tok.text or (i + 1 < n and doc[i + 1].text == "^")
        power = _power(doc, i) if caret else None
        if power is not None:
            runs.append(NumberRun(i, power[0], power[1]))
            i = power[0]
            continue
        prefixed = PREFIXED.match(tok.text) if glued is None and tok.text[:1].isalpha() else None
        if prefixed:
            amount = split_suffix(prefixed.group(2)) or (digits_value(prefixed.group(2)), "")
            if amount[0] is not None and not amount[1]:
                runs.append(NumberRun(i, i + 1, amount[0], prefix=prefixed.group(1)))
                i += 1
                continue
        if glued is None and tok.text[:1].isdigit():
            dashed = dash_range(tok.text)
            if dashed is not None:
                runs.append(NumberRun(i, i + 1, dashed[1], dashed[2], low=dashed[0]))
                i += 1
                continue
        if glued is None and not starts(doc, i):
            i += 1
            continue
        if glued is not None:
            value, suffix = glued
            j = i + 1
            runs.append(NumberRun(i, j, value, suffix or None))
            i = j
            continue
        j = i + 1
        while j < n:
            t = doc[j]
            low = t.lower_
            if (
                (
                    low in abbreviations
                    or (low.endswith(".") and low[:-1] in abbreviations and j == n - 1)
                )
                and is_digits(doc[j - 1])
                and (
                    len(low.rstrip(".")) > 1
                    or not doc[j - 1].whitespace_
                    or t.text.rstrip(".") in number_words()["spaced_scale_letters"]
                    or (i > 0 and doc[i - 1].is_currency)  # "$5 m": money counts millions
                )
            ):
                j += 1  # "$100m", "3 bn", "2.33 k": a scale abbreviation right after digits
                break
            if continues(doc, j, i):
                j += 1
                continue
            break
        while j > i + 1 and (
            doc[j - 1].lower_ in ("and", "-", "a", "an", "point") or doc[j - 1].is_space
        ):
            j -= 1
        text = doc[i:j].text
        value = parse_words(text)
        if value is None and text.endswith("."):
            value = parse_words(text[:-1])  # "5m." closing a sentence
        while value is None and j - i > 1:
            j -= 1
            value = parse_words(doc[i:j].text)
        if value is not None and j == i + 1 and tok.lower_ in number_words()["scales"]:
            value = None  # a lone "million" ("in USD million") counts nothing
        ordinal = _ordinal_tail(doc, j) if value is not None else None
        if ordinal is not None:
            # "twenty-first century" is an ordinal, no count; "a twenty-first" and "three
            # twenty-firsts" are fractions
            denominator = value + ordinal[1]
            if runs and runs[-1].end == i and not runs[-1].suffix:
                runs[-1] = NumberRun(runs[-1].start, ordinal[0], runs[-1].value / denominator)
            elif i > 0 and doc[i - 1].lower_ in ("a", "an") and not ordinal[2]:
                runs.append(NumberRun(i - 1, ordinal[0], 1 / denominator, words=True))
            i = ordinal[0]
            continue
        if value is not None:
            words_only = all(not is_digits(doc[k]) for k in range(i, j))
            runs.append(NumberRun(i, j, value, None, words_only))
            i = j
        else:
            i += 1
    return _ratios(doc, runs)


def _ordinal_tail(doc: Doc, j: int) -> tuple[int, float, bool] | None:
    """'-first' / '-thirds' right after a tens word: (end token, unit value, plural)."""
    if j + 1 >= len(doc) or doc[j].text != "-" or doc[j].whitespace_:
        return None
    if (lookup(doc[j - 1].lower_) or ("", 0))[0] != "tens":
        return None
    word = doc[j + 1].lower_
    base = word[:-1] if word.endswith("s") else word
    unit = number_words()["ordinal_units"].get(base) or number_words()["denominators"].get(base)
    if unit is None or unit >= 10:
        return None
    return j + 2, float(unit), word.endswith("s")


T = TypeVar("T")


def merge_pairs(items: list[T], join: Callable[[T, T], T | None]) -> list[T]:
    """Walk neighbours left to right, replacing each pair `join` accepts by what it returns."""
    out: list[T] = []
    i = 0
    while i < len(items):
        merged = join(items[i], items[i + 1]) if i + 1 < len(items) else None
        if merged is not None:
            out.append(merged)
            i += 2
        else:
            out.append(items[i])
            i += 1
    return out


def _ratios(doc: Doc, runs: list[NumberRun]) -> list[NumberRun]:
    """'one over three', 'two out of five' closing a clause are one fraction; followed by a
    noun ("one out of three adults") the two counts stay apart, and so do a part larger than
    its whole ("12 out of 10")."""

    def join(a: NumberRun, b: NumberRun) -> NumberRun | None:
        if (
            not a.suffix
            and not b.suffix
            and a.low is None
            and b.low is None
            and b.value
            and (gap := tuple(t.lower_ for t in doc[a.end : b.start])) in (("over",), ("out", "of"))
            and (gap == ("over",) or a.value <= b.value)  # "12 out of 10" is no share
            and (b.end == len(doc) or doc[b.end].is_punct or doc[b.end].is_space)
        ):
            return NumberRun(a.start, b.end, a.value / b.value, None, a.words and b.words)
        return None

    return merge_pairs(runs, join)
