"""Number parsing: digits and number words ("1,400", "1.5 million", "two dozen", "3bn") to values.

The layer below quantities: it finds runs of number tokens in a parsed Doc and gives each its
value, without deciding whether the number is a fact worth reporting (that is quantities.py).
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Token

_DATA = Path(__file__).with_name("data")


@functools.cache
def _words() -> dict:
    return json.loads((_DATA / "quantities_numbers.json").read_text())


_DIGITS = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$|^[+-]?\.\d+$")
_DIGIT_SUFFIX = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([A-Za-z%°²/]+[A-Za-z²]*)$")
_FRACTION = re.compile(r"^(\d+)/(\d+)$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)
_HYPHENATED = re.compile(r"^([a-z]+)-([a-z]+)$")


@dataclass
class NumberRun:
    """Tokens [start, end) that spell one number; `suffix` is text glued to the last digits."""

    start: int
    end: int
    value: float
    suffix: str | None = None  # "km" in "10km", "%" in "5%"; scale suffixes are folded in
    words: bool = False  # spelled with words only ("six", "two dozen")


def _lookup(word: str) -> tuple[str, float] | None:
    """The class and value of one lower-case number word."""
    w = _words()
    for kind in ("units", "tens", "scales", "dozen"):
        if word in w[kind]:
            return kind, float(w[kind][word])
    return None


def digits_value(text: str) -> float | None:
    """'1,400' -> 1400.0; None when the text is not plain digits."""
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    m = _FRACTION.match(text)
    if m and int(m.group(2)):
        return int(m.group(1)) / int(m.group(2))
    return None


def split_suffix(text: str) -> tuple[float, str] | None:
    """'3bn' -> (3e9, ''), '10km' -> (10, 'km'), '5%' -> (5, '%'); None for '7th', '1990s'."""
    m = _DIGIT_SUFFIX.match(text)
    if not m or _ORDINAL.match(text):
        return None
    value = float(m.group(1).replace(",", ""))
    suffix = m.group(2)
    scale = _words()["suffixes"].get(suffix)
    if scale:
        return value * scale, ""
    if suffix == "s":  # "1990s", "20s": decades and ages, not counts
        return None
    return value, suffix


@functools.lru_cache(maxsize=4096)
def parse_words(text: str) -> float | None:
    """A number spelled in words and/or digits: 'one hundred and five', '1.5 million', 'two dozen'."""
    tokens = [t for t in re.split(r"[\s-]+", text.lower().strip()) if t and t != "and"]
    if not tokens:
        return None
    total = 0.0
    current: float | None = None
    for tok in tokens:
        if tok in ("a", "an"):
            current = 1 if current is None else current
            continue
        digits = digits_value(tok)
        if digits is None:
            glued = split_suffix(tok)
            digits = glued[0] if glued and not glued[1] else None
        if digits is not None:
            current = (current or 0) + digits
            continue
        found = _lookup(tok)
        if found is None:
            scale = _words()["scale_abbreviations"].get(tok)
            if scale is None or current is None:
                return None
            found = ("scales", float(scale))
        kind, value = found
        if kind in ("units", "tens"):
            current = (current or 0) + value
        elif kind == "dozen":
            current = (current if current is not None else 1) * value
        elif value == 100:
            current = (current if current is not None else 1) * 100
        else:
            total += (current if current is not None else 1) * value
            current = None
    return total + (current or 0)


def _is_word(tok: Token) -> bool:
    low = tok.lower_
    if _lookup(low) is not None:
        return True
    m = _HYPHENATED.match(low)
    return bool(m and _lookup(m.group(1)) and _lookup(m.group(2)))


def _is_digits(tok: Token) -> bool:
    return digits_value(tok.text) is not None


def find_numbers(doc: Doc) -> list[NumberRun]:
    """Every run of tokens that spells a cardinal number, left to right, with its value."""
    runs: list[NumberRun] = []
    scales = _words()["scales"]
    abbreviations = _words()["scale_abbreviations"]
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        glued = None if _is_digits(tok) else split_suffix(tok.text)
        starts = _is_digits(tok) or _is_word(tok) or glued is not None
        if not starts and tok.lower_ in ("a", "an") and i + 1 < n:
            nxt = doc[i + 1].lower_
            starts = nxt in scales or nxt == "dozen"
        if not starts:
            i += 1
            continue
        if glued is not None:
            value, suffix = glued
            runs.append(NumberRun(i, i + 1, value, suffix or None))
            i += 1
            continue
        j = i + 1
        words_only = not _is_digits(tok)
        while j < n:
            t = doc[j]
            low = t.lower_
            prev = doc[j - 1].lower_
            small = (_lookup(low) or ("", 0))[0] in ("units", "tens")
            if _is_word(t) and not (_is_digits(doc[j - 1]) and small):
                j += 1
                continue
            if low in abbreviations and _is_digits(doc[j - 1]) and (
                len(low) > 1 or not doc[j - 1].whitespace_
            ):
                j += 1  # "$100m", "3 bn": a scale abbreviation right after digits
                break
            if low == "and" and j + 1 < n and _is_word(doc[j + 1]) and prev in scales:
                j += 1
                continue
            if (
                t.text == "-"
                and not t.whitespace_
                and not doc[j - 1].whitespace_
                and j + 1 < n
                and _is_word(doc[j + 1])
                and (_lookup(prev) or ("", 0))[0] == "tens"
            ):
                j += 1
                continue
            break
        while j > i + 1 and doc[j - 1].lower_ in ("and", "-"):
            j -= 1
        text = doc[i:j].text
        value = parse_words(text)
        if value is None and j - i > 1:
            j = i + 1
            value = parse_words(doc[i].text)
        if value is not None:
            runs.append(NumberRun(i, j, value, None, words_only and all(
                not _is_digits(doc[k]) for k in range(i, j))))
        i = j
    return runs
