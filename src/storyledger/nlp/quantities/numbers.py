"""Number values: digits and number words ("1,400", "1.5 million", "two dozen", "3bn") to values.

The bottom layer: the value of a text that spells one number, without deciding where a number
starts in a Doc (spelling.py, runs.py) or whether it is a fact worth reporting (extract.py).
Also read: fractions ("two-thirds", "¾", "2½"), powers ("1.2e-3"), a range kept in one token
by the tokenizer ("10–20", as `low` and value). Word lists: data/quantities_numbers.json.
Own code, not a kept library: on the 128 gold spans of the Recognizers-Text Number spec's dev
half, `parse_words` reads 111 values right, number-parser 0.3.2 39 and numerizer 0.2.4 61
(bench/number_libraries.py).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from storyledger.nlp.datafiles import data_json


def number_words() -> dict:
    """The number-word tables (data/quantities_numbers.json)."""
    return data_json("quantities_numbers.json")


_DIGITS = re.compile(
    r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d{1,2}(?:,\d{2})+,\d{3}|\d+)(?:\.\d+)?$|^[+-]?\.\d+$"
)  # "1,400", "12,34,567.89" (lakh grouping, Indian outlets)


_DIGIT_SUFFIX = re.compile(r"^((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)([A-Za-z%°²/]+[A-Za-z²]*)$")


FRACTION = re.compile(r"^([+-]?)(\d+)/(\d+)$")


_SCIENTIFIC = re.compile(r"^[+-]?\d+(?:\.\d+)?[eE][+-]?\d{1,3}$")


_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)


HYPHENATED = re.compile(r"^([a-z]+)-([a-z]+)$")


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
PREFIXED = re.compile(r"^([A-Za-z]{1,3}\$|[A-Z]{3})(\d[\d,]*(?:\.\d+)?[A-Za-z]{0,3})\.?$")


_DASH_RANGE = re.compile(r"^(\d[\d,]*(?:\.\d+)?)[–—~](\d[\d,]*(?:\.\d+)?)([A-Za-z%]*)$")


# "5k-20k", "1.5bn-2bn": a hyphen left in one token by the scale letters on both sides
_SCALED_RANGE = re.compile(
    r"^(\d[\d,]*(?:\.\d+)?)([A-Za-z]{1,3})-(\d[\d,]*(?:\.\d+)?)([A-Za-z]{1,3})$"
)


def dash_range(text: str) -> tuple[float, float, str | None] | None:
    """'10–20' and '3.5–4.5%' (spaCy keeps an en dash between digits in one token) as
    (floor, ceiling, suffix); None for year pairs ('2009–2010'), which are dates."""
    scaled = _SCALED_RANGE.match(text)
    if scaled:
        suffixes = number_words()["suffixes"]
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
        scale = number_words()["suffixes"].get(suffix)
        if scale:
            return low * scale, high * scale, None
        if not re.fullmatch(r"%|[a-zA-Z]{1,4}", suffix):
            return None
    return low, high, suffix


def lookup(word: str) -> tuple[str, float] | None:
    """The class and value of one lower-case number word."""
    w = number_words()
    for kind in ("units", "tens", "scales", "dozen"):
        if word in w[kind]:
            return kind, float(w[kind][word])
    return None


def digits_value(text: str) -> float | None:
    """'1,400' -> 1400.0, '2½' -> 2.5, '1.2e-3' -> 0.0012, '−5' (a minus sign) -> -5.0; None
    when the text is no number."""
    if text[:1] == "\u2212":
        text = "-" + text[1:]
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    if _SCIENTIFIC.match(text):
        return float(text)
    vulgar = number_words()["vulgar_fractions"]
    if text and text[-1] in vulgar:
        whole = text[:-1]
        if not whole:
            return float(vulgar[text])
        if whole.isdigit():
            return int(whole) + float(vulgar[text[-1]])
    m = FRACTION.match(text)
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
    scale = number_words()["suffixes"].get(suffix)
    if scale:
        return value * scale, ""
    if suffix == "s":  # "1990s", "20s": decades and ages, not counts
        return None
    return value, suffix


def denominator_of(word: str) -> float | None:
    """'thirds' -> 3, 'half' -> 2, 'twenty-firsts' -> 21: an ordinal used as a fraction."""
    w = number_words()
    word = word.lower()
    if word in w["fractions"]:
        return float(w["fractions"][word])
    base = word[:-1] if word.endswith("s") else word
    if base in w["denominators"]:
        return float(w["denominators"][base])
    m = HYPHENATED.match(base)
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
        m = HYPHENATED.match(tok)
        if (
            m
            and lookup(m.group(1))
            and (lookup(m.group(2)) or (denominator_of(m.group(2)) and not denominator_of(tok)))
        ):
            out.extend([m.group(1), m.group(2)])  # "twenty-five", "two-thirds"
        elif tok != "-":
            out.append(tok)
    return out


def _word_values(tokens: list[str]) -> list[float] | None:
    """The value of each number word, a tens word and the unit after it as one ('ninety five'
    -> 95), 'a'/'an' first as one; None when a word is no plain number word."""
    out: list[float] = []
    for k, tok in enumerate(tokens):
        found = (("units", 1.0) if k == 0 and tok in ("a", "an") else None) or lookup(tok)
        if found is None or found[0] == "dozen":
            return None
        prev = lookup(tokens[k - 1]) if k else None
        if found[0] == "units" and prev and prev[0] == "tens" and found[1] < 10:
            out[-1] += found[1]
        else:
            out.append(found[1])
    return out


def _composable(big: float, small: float) -> bool:
    """Whether `small` can follow `big` in one compound ordinal ('thirty' + 'fifths')."""
    base = 100 if small > 10 else 10
    return big % base == 0 and big >= base


def _compound_fraction(tokens: list[str]) -> float | None:
    """A fraction whose denominator is a compound ordinal, read as the Recognizers-Text specs
    do: 'one hundred thirty fifths' = 100/35, 'twenty twenty fifths' = 20/25, 'one one hundred
    fifth' = 1/105, 'a hundred thousand trillionths' = 1e5/1e12. Walking back from the ordinal,
    a word joins the denominator while the two compose (a larger round number before a smaller
    one); the rest is the numerator. None when the words are not of that form."""
    if len(tokens) < 2 or any(t in ("and", "point") for t in tokens):
        return None
    last = denominator_of(tokens[-1])
    if last is None or tokens[-1] in number_words()["fractions"]:
        return None
    words = _word_values(tokens[:-1])
    if not words:
        return None
    values = [*words, last]
    split = len(values) - 1
    current, rounded = values[split], 1.0
    for k in range(len(values) - 2, -1, -1):
        previous, current = current, values[k]
        if not (
            (previous >= 100 and previous > current)
            or (previous < 100 and _composable(current, previous))
        ):
            split = k + 1
            break
        if previous < 100 and current >= rounded:
            rounded = current
        elif previous < 100:
            split = k + 1
            break
        if k == 0:  # the first word joins: the numerator ends after its first hundreds
            split = 1
            while split <= len(values) - 2:
                if values[split] >= 100 and values[split + 1] < 100:
                    split += 1
                    break
                split += 1
    if split == 0 or split >= len(values):
        return None
    numerator = _cardinal(values[:split])
    denominator = _cardinal(values[split:-1]) + last if split < len(values) - 1 else last
    return numerator / denominator if denominator else None


def _cardinal(values: list[float]) -> float:
    """The number a sequence of word values spells: [2, 100, 30] -> 230, [1, 1000] -> 1000."""
    total, current = 0.0, 0.0
    for v in values:
        if v == 100:
            current = (current or 1) * 100
        elif v > 100:
            total += (current or 1) * v
            current = 0.0
        else:
            current += v
    return total + current


@functools.lru_cache(maxsize=4096)
def parse_words(text: str) -> float | None:
    """A number in words and/or digits: 'one hundred and five', '1.5 million', 'two dozen',
    'two thirds', 'one and a half million', 'half a million', 'minus five point five'."""
    tokens = _tokens(text)
    sign = 1.0
    if tokens and tokens[0] in number_words()["signs"]:
        sign = float(number_words()["signs"][tokens[0]])
        tokens = tokens[1:]
    compound = _compound_fraction(tokens)
    if compound is not None:
        return sign * compound
    if "point" in tokens:
        k = tokens.index("point")
        whole = parse_words(" ".join(tokens[:k])) if k else 0.0
        digits = ""
        rest = tokens[k + 1 :]
        scale = 1.0
        while len(rest) > 1 and (lookup(rest[-1]) or ("", 0))[0] == "scales":
            scale *= lookup(rest.pop())[1]  # type: ignore[index]  # "one point five million"
        for j, tok in enumerate(rest):
            found = lookup(tok)
            value = digits_value(tok) if found is None else found[1]
            if value is None or (found and found[0] not in ("units", "tens")):
                return None
            prev = lookup(rest[j - 1]) if j else None
            if prev and prev[0] == "tens" and found and found[0] == "units":
                digits = digits[:-1] + str(int(value))  # "seventy-one" -> "71"
            else:
                digits += str(int(value))
        if whole is None or not digits:
            return None
        return sign * (whole + float("0." + digits)) * scale
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
                and denominator_of(tokens[k]) is None
                and k - i < 4
                and tokens[k] != "and"
            ):
                k += 1
            if k < len(tokens) and k > i and denominator_of(tokens[k]) is not None:
                head = " ".join(tokens[i:k])
                numerator = 1.0 if head in ("a", "an") else parse_words(head)
                if numerator is not None:
                    fraction = numerator / (denominator_of(tokens[k]) or 1)
                    nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
                    if lookup(nxt) and lookup(nxt)[0] == "scales" and nxt != "hundred":
                        # "one and a half million" = 1.5m; "a billion and a half million"
                        total += ((current or 0) + fraction) * float(lookup(nxt)[1])
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
        found = lookup(tok)
        short = tok[:-1] if tok.endswith(".") and i == len(tokens) else tok  # "€5m."
        if found is None and current is not None and short in number_words()["scale_abbreviations"]:
            found = ("scales", float(number_words()["scale_abbreviations"][short]))
        if found is None:
            denominator = denominator_of(tok)
            if denominator is None or (
                current is None and not seen and tok not in number_words()["fractions"]
            ):
                return None
            fraction = (current if current is not None else 1.0) / denominator
            current = None
            nxt = tokens[i] if i < len(tokens) else ""
            if nxt in ("a", "an") and i + 1 < len(tokens):
                i += 1  # "half a million"
                nxt = tokens[i]
            if lookup(nxt) and lookup(nxt)[0] in ("scales", "dozen"):
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
