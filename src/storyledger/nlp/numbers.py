"""Number parsing: digits and number words ("1,400", "1.5 million", "two dozen", "3bn") to values.

The layer below quantities: it finds runs of number tokens in a parsed Doc and gives each its
value, without deciding whether the number is a fact worth reporting (that is quantities.py).
Also read: fractions ("two-thirds", "¾", "2½", "one over three" closing a clause), powers
("1.2e-3", "6.23x10^-4"), a range kept in one token by the tokenizer ("10–20", as `low` and
value) and a currency prefix glued to the figure ("HK$10", as `prefix`). A lone scale word
("in USD million") is no number.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from spacy.tokens import Doc, Token

_DATA = Path(__file__).with_name("data") / "en"  # English: nlp/data/en


@functools.cache
def _words() -> dict:
    return json.loads((_DATA / "quantities_numbers.json").read_text())


_DIGITS = re.compile(
    r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?:\.\d+)?$|^[+-]?\.\d+$"
)  # "1,400", "12,34,567.89" (lakh grouping, Indian outlets)
_DIGIT_SUFFIX = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([A-Za-z%°²/]+[A-Za-z²]*)$")
_FRACTION = re.compile(r"^([+-]?)(\d+)/(\d+)$")
_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d{1,3}$")
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
    low: float | None = None  # "10–20" is one token: the range's floor (value is its ceiling)
    prefix: str | None = None  # "HK$" in "HK$10", "USD" in "USD115": letters glued before


# "HK$10", "NZ$5bn", "USD115": a currency prefix the tokenizer leaves glued to the figure
_PREFIXED = re.compile(r"^([A-Za-z]{1,3}\$|[A-Z]{3})(\d[\d,]*(?:\.\d+)?[A-Za-z]{0,3})\.?$")


_DASH_RANGE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[–—~](\d[\d,]*(?:\.\d+)?)([A-Za-z%]*)$")
# "5k-20k", "1.5bn-2bn": a hyphen left in one token by the scale letters on both sides
_SCALED_RANGE = re.compile(
    r"^(\d[\d,]*(?:\.\d+)?)([A-Za-z]{1,3})-(\d[\d,]*(?:\.\d+)?)([A-Za-z]{1,3})$"
)


def _dash_range(text: str) -> tuple[float, float, str | None] | None:
    """'10–20' and '3.5–4.5%' (spaCy keeps an en dash between digits in one token) as
    (floor, ceiling, suffix); None for year pairs ('2009–2010'), which are dates."""
    scaled = _SCALED_RANGE.match(text)
    if scaled:
        suffixes = _words()["suffixes"]
        a, b = suffixes.get(scaled.group(2)), suffixes.get(scaled.group(4))
        low, high = digits_value(scaled.group(1)), digits_value(scaled.group(3))
        if a and b and low is not None and high is not None and low * a < high * b:
            return low * a, high * b, None
        return None
    m = _DASH_RANGE.match(text)
    if not m:
        return None
    low, high = digits_value(m.group(1)), digits_value(m.group(2))
    if low is None or high is None or low >= high:
        return None
    if re.fullmatch(r"(?:1[5-9]|20)\d\d", m.group(1)):
        return None  # "2009–2010", "1990–95": years
    suffix = m.group(3) or None
    if suffix:
        scale = _words()["suffixes"].get(suffix)
        if scale:
            return low * scale, high * scale, None
        if not re.fullmatch(r"%|[a-zA-Z]{1,4}", suffix):
            return None
    return low, high, suffix


def _lookup(word: str) -> tuple[str, float] | None:
    """The class and value of one lower-case number word."""
    w = _words()
    for kind in ("units", "tens", "scales", "dozen"):
        if word in w[kind]:
            return kind, float(w[kind][word])
    return None


def digits_value(text: str) -> float | None:
    """'1,400' -> 1400.0, '2½' -> 2.5, '1.2e-3' -> 0.0012; None when the text is no number."""
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    if _SCIENTIFIC.match(text):
        return float(text)
    vulgar = _words()["vulgar_fractions"]
    if text and text[-1] in vulgar:
        whole = text[:-1]
        if not whole:
            return float(vulgar[text])
        if whole.isdigit():
            return int(whole) + float(vulgar[text[-1]])
    m = _FRACTION.match(text)
    if m:
        num, den = int(m.group(2)), int(m.group(3))
        # "24/7" and "9/11" are no fractions: below 32 only the usual denominators count
        if 0 < num < den and (den > 31 or den in _DENOMINATORS):
            return (-1 if m.group(1) == "-" else 1) * num / den
    return None


_DENOMINATORS = {2, 3, 4, 5, 6, 8, 10, 12, 16}


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


def _denominator(word: str) -> float | None:
    """'thirds' -> 3, 'half' -> 2, 'twenty-firsts' -> 21: an ordinal used as a fraction."""
    w = _words()
    word = word.lower()
    if word in w["fractions"]:
        return float(w["fractions"][word])
    base = word[:-1] if word.endswith("s") else word
    if base in w["denominators"]:
        return float(w["denominators"][base])
    m = _HYPHENATED.match(base)
    if m and m.group(1) in w["tens"]:
        unit = {"first": 1, "second": 2}.get(m.group(2)) or w["denominators"].get(m.group(2))
        if unit and unit < 10:
            return float(w["tens"][m.group(1)] + unit)
    return None


def _tokens(text: str) -> list[str]:
    out = []
    for tok in re.split(r"\s+", text.lower().strip()):
        if not tok:
            continue
        m = _HYPHENATED.match(tok)
        if (
            m
            and _lookup(m.group(1))
            and (_lookup(m.group(2)) or (_denominator(m.group(2)) and not _denominator(tok)))
        ):
            out.extend([m.group(1), m.group(2)])  # "twenty-five", "two-thirds"
        elif tok != "-":
            out.append(tok)
    return out


@functools.lru_cache(maxsize=4096)
def parse_words(text: str) -> float | None:
    """A number in words and/or digits: 'one hundred and five', '1.5 million', 'two dozen',
    'two thirds', 'one and a half million', 'half a million', 'minus five point five'."""
    tokens = _tokens(text)
    sign = 1.0
    if tokens and tokens[0] in _words()["signs"]:
        sign = float(_words()["signs"][tokens[0]])
        tokens = tokens[1:]
    if "point" in tokens:
        k = tokens.index("point")
        whole = parse_words(" ".join(tokens[:k])) if k else 0.0
        digits = ""
        rest = tokens[k + 1 :]
        for j, tok in enumerate(rest):
            found = _lookup(tok)
            value = digits_value(tok) if found is None else found[1]
            if value is None or (found and found[0] not in ("units", "tens")):
                return None
            prev = _lookup(rest[j - 1]) if j else None
            if prev and prev[0] == "tens" and found and found[0] == "units":
                digits = digits[:-1] + str(int(value))  # "seventy-one" -> "71"
            else:
                digits += str(int(value))
        if whole is None or not digits:
            return None
        return sign * (whole + float("0." + digits))
    total = 0.0
    current: float | None = None
    last_scale = 1.0
    seen = False
    small = 0.0  # units and tens since the last hundred or scale: what "dozen" multiplies
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        i += 1
        if tok == "and":
            # "one and a half", "three million and two fifths": a fraction joined by "and"
            k = i
            while (
                k < len(tokens)
                and _denominator(tokens[k]) is None
                and k - i < 4
                and tokens[k] != "and"
            ):
                k += 1
            if k < len(tokens) and k > i and _denominator(tokens[k]) is not None:
                head = " ".join(tokens[i:k])
                numerator = 1.0 if head in ("a", "an") else parse_words(head)
                if numerator is not None:
                    fraction = numerator / (_denominator(tokens[k]) or 1)
                    nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
                    if _lookup(nxt) and _lookup(nxt)[0] == "scales" and nxt != "hundred":
                        # "one and a half million" = 1.5m; "a billion and a half million"
                        total += ((current or 0) + fraction) * float(_lookup(nxt)[1])
                        current = None
                        i = k + 2
                    else:
                        total += ((current or 0) + fraction) * last_scale
                        current = None
                        i = k + 1
                    continue
            continue
        if tok in ("a", "an"):
            current = 1.0 if current is None else current
            continue
        digits = digits_value(tok)
        if digits is None:
            glued = split_suffix(tok)
            digits = glued[0] if glued and not glued[1] else None
        if digits is not None:
            grouped = (
                i >= 2
                and re.fullmatch(r"\d{3}(?:\.\d+)?", tok)
                and re.fullmatch(r"\d{1,3}", tokens[i - 2])
            )
            current = (current or 0) * 1000 + digits if grouped else (current or 0) + digits
            seen = True
            continue
        found = _lookup(tok)
        short = tok[:-1] if tok.endswith(".") and i == len(tokens) else tok  # "€5m."
        if found is None and current is not None and short in _words()["scale_abbreviations"]:
            found = ("scales", float(_words()["scale_abbreviations"][short]))
        if found is None:
            denominator = _denominator(tok)
            if denominator is None or (
                current is None and not seen and tok not in _words()["fractions"]
            ):
                return None
            fraction = (current if current is not None else 1.0) / denominator
            current = None
            nxt = tokens[i] if i < len(tokens) else ""
            if nxt in ("a", "an") and i + 1 < len(tokens):
                i += 1  # "half a million"
                nxt = tokens[i]
            if _lookup(nxt) and _lookup(nxt)[0] in ("scales", "dozen"):
                current = fraction  # "half million", "three quarters million", "half a dozen"
            else:
                total += fraction * last_scale
            seen = True
            continue
        kind, value = found
        seen = True
        if kind in ("units", "tens"):
            current = (current or 0) + value
            small += value
        elif kind == "dozen":
            if small and current is not None and current > small:
                current += small * (value - 1)  # "three hundred and two dozen" = 324
            else:
                current = (current if current is not None else 1) * value
            small = 0.0
        elif value == 100:
            current = (current if current is not None else 1) * 100
            small = 0.0
        else:
            small = 0.0
            if current is None and total:
                total *= value  # "three lakh crore"
            else:
                total += (current if current is not None else 1) * value
            current = None
            last_scale = value
    if not seen:
        return None
    return sign * (total + (current or 0))


def _is_word(tok: Token) -> bool:
    low = tok.lower_
    if _lookup(low) is not None:
        return True
    m = _HYPHENATED.match(low)
    return bool(m and _lookup(m.group(1)) and _lookup(m.group(2)))


def _is_digits(tok: Token) -> bool:
    return digits_value(tok.text) is not None


def _number_word(tok: Token) -> bool:
    return _is_digits(tok) or _is_word(tok)


_PRONOUN_ONE = {
    "this",
    "that",
    "the",
    "which",
    "each",
    "every",
    "any",
    "no",
    "another",
    "some",
    "anyone",
    "someone",
    "only",
}


_GROUP_SPACES = (" ", "\u202f", "\u00a0")
_HALF_HEDGES = {"than", "least", "most", "nearly", "almost", "about", "roughly", "over", "under"}


def _starts(doc: Doc, i: int) -> bool:
    """Whether a number run can start at token i."""
    tok = doc[i]
    low = tok.lower_
    n = len(doc)
    if low == "one" and i > 0 and doc[i - 1].lower_ in _PRONOUN_ONE:
        return False  # "no one", "that one": a pronoun
    if _number_word(tok):
        return True
    words = [t.lower_ for t in doc[i + 1 : i + 6] if not t.is_space or "\n" in t.text]
    nxt = words[0] if words else ""
    scales = _words()["scales"]
    if low in ("a", "an"):
        after = doc[i + 2].lower_ if i + 2 < n else ""
        return (
            nxt in scales
            or nxt in ("dozen",)
            or (
                _denominator(nxt) is not None
                and nxt not in ("second", "seconds")
                and not nxt.endswith("s")
                and (after == "of" or i + 2 >= n)  # "a third of voters", not "a half later"
            )
        )
    if low in ("half", "quarter"):  # "half a million", "quarter million"
        after = words[1] if len(words) > 1 else ""
        if (
            low == "half"
            and i > 0
            and doc[i - 1].lower_ in _HALF_HEDGES
            and (
                nxt in ("of", "")
                or doc[i + 1].is_punct
                or (nxt not in ("a", "an", *scales, *_words()["dozen"]) and not _unit_word(nxt))
            )
        ):
            return True  # "more than half of voters", "over half the staff": a hedged share
        dozen = _words()["dozen"]
        return (nxt in scales and nxt != "hundred") or (
            nxt in ("a", "an") and (after in scales or after in dozen)  # "half a dozen"
        )
    if low in _words()["signs"]:
        return i + 1 < n and _number_word(doc[i + 1])
    return False


def _continues(doc: Doc, j: int, i: int) -> bool:
    """Whether token j extends the run that started at token i."""
    t = doc[j]
    low = t.lower_
    prev = doc[j - 1]
    if prev.is_space and j - 1 > i:
        prev = doc[j - 2]  # "fifty   two": a run of spaces is its own token
    n = len(doc)
    k = j + 1
    while k < n - 1 and doc[k].is_space and "\n" not in doc[k].text:
        k += 1  # "hundred  and  thirty": runs of spaces are tokens of their own
    nxt = doc[k] if k < n else None
    small = (_lookup(low) or ("", 0))[0] in ("units", "tens")
    if _is_word(t):
        # "4000 3 hundred" and "2 one" are two numbers: digits then a small word do not join
        return not (_is_digits(prev) and small) and not (
            small
            and (_lookup(prev.lower_) or ("", 0))[0] in ("units", "tens")
            and not (_lookup(prev.lower_)[0] == "tens" and _lookup(low)[0] == "units")
            and not any(doc[k].lower_ == "point" for k in range(i, j))  # "point nought four"
        )
    if (
        low == "-"
        and nxt is not None
        and _denominator(nxt.lower_) is not None
        and nxt.lower_ not in ("second", "seconds")
        and (_lookup(prev.lower_) or ("", 0))[0] in ("units", "tens")
    ):
        return True  # "two-thirds", "one - fourth": a count hyphenated to its denominator
    if (
        _denominator(low) is not None
        and prev.text == "-"
        and j - 2 >= i
        and (_lookup(doc[j - 2].lower_) or ("", 0))[0] in ("units", "tens")
    ):
        return True
    if (
        _denominator(low) is not None
        and low not in ("second", "seconds")
        and (_number_word(prev) or prev.lower_ in ("a", "an"))
        and not (_is_digits(prev) and low in ("quarter", "quarters"))
    ):
        return (_is_word(prev) or prev.lower_ in ("a", "an")) and j > i
    if (
        _is_digits(t)
        and re.fullmatch(r"\d{3}(?:\.\d+)?", t.text)
        and _space_groups(doc, i, prev.i)
        and prev.whitespace_ + (doc[j - 1].text if j - 1 > prev.i else "") in _GROUP_SPACES
    ):
        return True  # "40 000", "1 234 567.89": thousands grouped with a space
    if _FRACTION.match(t.text) and _is_digits(prev) and prev.i == i and "/" not in prev.text:
        return True  # "10 1/2"
    if j == i + 1 and prev.lower_ in _words()["signs"] and _is_digits(t) and t.text[:1].isdigit():
        return True  # "minus 5"
    scales = _words()["scales"]
    if (
        _is_digits(t)
        and re.fullmatch(r"\d{1,3}", t.text)
        and prev.lower_ in scales
        and nxt is not None
        and nxt.lower_ in scales
        and scales[nxt.lower_] < scales[prev.lower_]
    ):
        return True  # "4 thousand 3 hundred", "5 billion 300 million"
    if (
        _is_digits(t)
        and re.fullmatch(r"\d{1,3}", t.text)
        and prev.lower_ == "and"
        and j - 2 > i
        and doc[j - 2].lower_ == "hundred"
        and float(t.text) < 100
        and _is_digits(doc[j - 3])
    ):
        return True  # "3 hundred and 21" (not "$3 million and 40 jobs")
    if t.is_space and "\n" not in t.text and nxt is not None and j > i:
        return _continues(doc, j + 1, i)  # "fifty   two"
    if low == "point" and nxt is not None and _is_word(nxt) and _is_word(prev):
        return True
    if (
        low in ("a", "an")
        and prev.lower_ in ("and", "half")
        and nxt is not None
        and (_denominator(nxt.lower_) is not None or nxt.lower_ in _words()["scales"])
    ):
        return True
    if (
        low == "and"
        and nxt is not None
        and (
            _is_word(prev)
            or prev.lower_ in (_words()["scale_abbreviations"])
            or _denominator(prev.lower_) is not None
        )
    ):
        if nxt.lower_ in ("a", "an"):
            after = doc[j + 2].lower_ if j + 2 < n else ""
            return _denominator(after) is not None
        if _is_word(nxt) or (_is_digits(nxt) and not _is_digits(prev)):
            return prev.lower_ in _words()["scales"] or _denominator_follows(doc, j + 1)
    if (
        low == "-"
        and not t.whitespace_
        and not prev.whitespace_
        and nxt is not None
        and _is_word(nxt)
        and (
            (_lookup(prev.lower_) or ("", 0))[0] == "tens"
            or (_is_word(prev) and (_lookup(nxt.lower_) or ("", 0))[0] in ("dozen", "scales"))
        )
    ):
        return True  # "twenty-five", "two-dozen"
    if low in ("a", "an") and prev.lower_ in ("half", "quarter"):
        return True
    return low in _words()["scales"] and prev.lower_ in ("half", "quarter", "quarters")


def _unit_word(word: str) -> bool:
    """'hour', 'days': 'half an hour' and 'half day' are stretches of time, not shares."""
    return word.rstrip("s") in _words()["time_units"]


def _space_groups(doc: Doc, i: int, last: int) -> bool:
    """Tokens i..last are '1 234 567' so far: 1-3 digits, then whole groups of three."""
    toks = [t for t in doc[i : last + 1] if not t.is_space]
    return (
        bool(toks)
        and re.fullmatch(r"\d{1,3}", toks[0].text) is not None
        and all(re.fullmatch(r"\d{3}", t.text) for t in toks[1:])
    )


def _denominator_follows(doc: Doc, k: int) -> bool:
    """'... and three fifths': a count then a fraction word within the next tokens."""
    for tok in doc[k : k + 4]:
        if tok.lower_ == "and":
            return False
        if _denominator(tok.lower_) is not None:
            return True
        if not _number_word(tok):
            return False
    return False


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
    abbreviations = _words()["scale_abbreviations"]
    n = len(doc)
    i = 0
    while i < n:
        tok = doc[i]
        glued = None if _is_digits(tok) else split_suffix(tok.text)
        if glued is None and tok.text.endswith(".") and tok.text[:1].isdigit():
            glued = split_suffix(tok.text[:-1])  # "$2.174T." at a sentence end
            glued = glued if glued and not glued[1] else None
        caret = "^" in tok.text or (i + 1 < n and doc[i + 1].text == "^")
        power = _power(doc, i) if caret else None
        if power is not None:
            runs.append(NumberRun(i, power[0], power[1]))
            i = power[0]
            continue
        prefixed = _PREFIXED.match(tok.text) if glued is None and tok.text[:1].isalpha() else None
        if prefixed:
            amount = split_suffix(prefixed.group(2)) or (digits_value(prefixed.group(2)), "")
            if amount[0] is not None and not amount[1]:
                runs.append(NumberRun(i, i + 1, amount[0], prefix=prefixed.group(1)))
                i += 1
                continue
        if glued is None and tok.text[:1].isdigit():
            dashed = _dash_range(tok.text)
            if dashed is not None:
                runs.append(NumberRun(i, i + 1, dashed[1], dashed[2], low=dashed[0]))
                i += 1
                continue
        if glued is None and not _starts(doc, i):
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
                and _is_digits(doc[j - 1])
                and (
                    len(low.rstrip(".")) > 1
                    or not doc[j - 1].whitespace_
                    or low == "k"
                    or (i > 0 and doc[i - 1].is_currency)  # "$5 m": money counts millions
                )
            ):
                j += 1  # "$100m", "3 bn", "2.33 k": a scale abbreviation right after digits
                break
            if _continues(doc, j, i):
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
        if value is not None and j == i + 1 and tok.lower_ in _words()["scales"]:
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
            words_only = all(not _is_digits(doc[k]) for k in range(i, j))
            runs.append(NumberRun(i, j, value, None, words_only))
            i = j
        else:
            i += 1
    return _ratios(doc, runs)


_ORDINAL_UNITS = {"first": 1, "second": 2}


def _ordinal_tail(doc: Doc, j: int) -> tuple[int, float, bool] | None:
    """'-first' / '-thirds' right after a tens word: (end token, unit value, plural)."""
    if j + 1 >= len(doc) or doc[j].text != "-" or doc[j].whitespace_:
        return None
    if (_lookup(doc[j - 1].lower_) or ("", 0))[0] != "tens":
        return None
    word = doc[j + 1].lower_
    base = word[:-1] if word.endswith("s") else word
    unit = _ORDINAL_UNITS.get(base) or _words()["denominators"].get(base)
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
    noun ("one out of three adults") the two counts stay apart."""

    def join(a: NumberRun, b: NumberRun) -> NumberRun | None:
        if (
            not a.suffix
            and not b.suffix
            and a.low is None
            and b.low is None
            and b.value
            and tuple(t.lower_ for t in doc[a.end : b.start]) in (("over",), ("out", "of"))
            and (b.end == len(doc) or doc[b.end].is_punct or doc[b.end].is_space)
        ):
            return NumberRun(a.start, b.end, a.value / b.value, None, a.words and b.words)
        return None

    return merge_pairs(runs, join)
