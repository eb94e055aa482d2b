"""Where a spelled number starts and how far it runs in a Doc: "two hundred and five",
"1 234 567", "two-thirds", "half a million", "minus 5", "4 thousand 3 hundred".

Token by token decisions only; the value comes from numbers.py, the runs from runs.py.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from storyledger.nlp.quantities.filters import filter_words
from storyledger.nlp.quantities.numbers import (
    FRACTION,
    HYPHENATED,
    denominator_of,
    digits_value,
    lookup,
    number_words,
)


def _is_word(tok: Token) -> bool:
    low = tok.lower_
    if lookup(low) is not None:
        return True
    m = HYPHENATED.match(low)
    return bool(m and lookup(m.group(1)) and lookup(m.group(2)))


def is_digits(tok: Token) -> bool:
    return digits_value(tok.text) is not None


def _number_word(tok: Token) -> bool:
    return is_digits(tok) or _is_word(tok)


_GROUP_SPACES = (" ", "\u202f", "\u00a0")


def starts(doc: Doc, i: int) -> bool:
    """Whether a number run can start at token i."""
    tok = doc[i]
    low = tok.lower_
    n = len(doc)
    if low == "one" and i > 0 and doc[i - 1].lower_ in filter_words("pronoun_one"):
        return False  # "no one", "that one": a pronoun
    if _number_word(tok):
        return True
    if low not in ("a", "an", "half", "quarter") and low not in number_words()["signs"]:
        return False  # the only words that open a run without being number words
    words = [t.lower_ for t in doc[i + 1 : i + 6] if not t.is_space or "\n" in t.text]
    nxt = words[0] if words else ""
    scales = number_words()["scales"]
    if low in ("a", "an"):
        after = doc[i + 2].lower_ if i + 2 < n else ""
        return (
            nxt in scales
            or nxt in ("dozen",)
            or (
                nxt in ("half", "quarter") and (after in scales or after in number_words()["dozen"])
            )
            or (
                denominator_of(nxt) is not None
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
            and doc[i - 1].lower_ in filter_words("half_hedges")
            and (
                nxt in ("of", "")
                or doc[i + 1].is_punct
                or (
                    nxt not in ("a", "an", *scales, *number_words()["dozen"])
                    and not _unit_word(nxt)
                )
            )
        ):
            return True  # "more than half of voters", "over half the staff": a hedged share
        dozen = number_words()["dozen"]
        return (nxt in scales and nxt != "hundred") or (
            nxt in ("a", "an") and (after in scales or after in dozen)  # "half a dozen"
        )
    if low in number_words()["signs"]:
        return i + 1 < n and _number_word(doc[i + 1])
    return False


def continues(doc: Doc, j: int, i: int) -> bool:
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
    small = (lookup(low) or ("", 0))[0] in ("units", "tens")
    if _is_word(t):
        # "4000 3 hundred" and "2 one" are two numbers: digits then a small word do not join
        return not (is_digits(prev) and small) and not (
            small
            and (lookup(prev.lower_) or ("", 0))[0] in ("units", "tens")
            and not (lookup(prev.lower_)[0] == "tens" and lookup(low)[0] == "units")
            and not any(doc[k].lower_ == "point" for k in range(i, j))  # "point nought four"
            and not _denominator_follows(doc, j + 1)  # "twenty twenty fifths": one fraction
        )
    if (
        low == "-"
        and nxt is not None
        and denominator_of(nxt.lower_) is not None
        and nxt.lower_ not in ("second", "seconds")
        and (lookup(prev.lower_) or ("", 0))[0] in ("units", "tens")
    ):
        return True  # "two-thirds", "one - fourth": a count hyphenated to its denominator
    if (
        denominator_of(low) is not None
        and prev.text == "-"
        and j - 2 >= i
        and (lookup(doc[j - 2].lower_) or ("", 0))[0] in ("units", "tens")
    ):
        return True
    if (
        denominator_of(low) is not None
        and low not in ("second", "seconds")
        and (_number_word(prev) or prev.lower_ in ("a", "an"))
        and not (is_digits(prev) and low in ("quarter", "quarters"))
    ):
        return (_is_word(prev) or prev.lower_ in ("a", "an")) and j > i
    if (
        is_digits(t)
        and re.fullmatch(r"\d{3}(?:\.\d+)?", t.text)
        and _space_groups(doc, i, prev.i)
        and prev.whitespace_ + (doc[j - 1].text if j - 1 > prev.i else "") in _GROUP_SPACES
    ):
        return True  # "40 000", "1 234 567.89": thousands grouped with a space
    if FRACTION.match(t.text) and is_digits(prev) and prev.i == i and "/" not in prev.text:
        return True  # "10 1/2"
    if (
        j == i + 1
        and prev.lower_ in number_words()["signs"]
        and is_digits(t)
        and t.text[:1].isdigit()
    ):
        return True  # "minus 5"
    scales = number_words()["scales"]
    if (
        is_digits(t)
        and re.fullmatch(r"\d{1,3}", t.text)
        and prev.lower_ in scales
        and nxt is not None
        and nxt.lower_ in scales
        and scales[nxt.lower_] < scales[prev.lower_]
    ):
        return True  # "4 thousand 3 hundred", "5 billion 300 million"
    if (
        is_digits(t)
        and re.fullmatch(r"\d{1,3}", t.text)
        and prev.lower_ == "and"
        and j - 2 > i
        and doc[j - 2].lower_ == "hundred"
        and float(t.text) < 100
        and is_digits(doc[j - 3])
    ):
        return True  # "3 hundred and 21" (not "$3 million and 40 jobs")
    if t.is_space and "\n" not in t.text and nxt is not None and j > i:
        return continues(doc, j + 1, i)  # "fifty   two"
    if low == "point" and nxt is not None and _is_word(nxt) and _is_word(prev):
        return True
    if (
        low in ("a", "an")
        and prev.lower_ in ("and", "half")
        and nxt is not None
        and (denominator_of(nxt.lower_) is not None or nxt.lower_ in number_words()["scales"])
    ):
        return True
    if (
        low == "and"
        and nxt is not None
        and (
            _is_word(prev)
            or prev.lower_ in (number_words()["scale_abbreviations"])
            or denominator_of(prev.lower_) is not None
        )
    ):
        if nxt.lower_ in ("a", "an"):
            after = doc[j + 2].lower_ if j + 2 < n else ""
            return denominator_of(after) is not None
        if _is_word(nxt) or (is_digits(nxt) and not is_digits(prev)):
            scale = number_words()["scales"].get(prev.lower_)
            if scale is not None:
                # "two hundred and five" goes on, "two hundred and three hundred" is two numbers
                return _largest_scale(doc, j + 1) != scale
            return _denominator_follows(doc, j + 1)
    if (
        low == "-"
        and not t.whitespace_
        and not prev.whitespace_
        and nxt is not None
        and _is_word(nxt)
        and (
            (lookup(prev.lower_) or ("", 0))[0] == "tens"
            or (_is_word(prev) and (lookup(nxt.lower_) or ("", 0))[0] in ("dozen", "scales"))
        )
    ):
        return True  # "twenty-five", "two-dozen"
    if (
        low == "-"
        and nxt is not None
        and (lookup(prev.lower_) or ("", 0))[0] == "tens"
        and (lookup(nxt.lower_) or ("", 0.0))[0] == "units"
        and (lookup(nxt.lower_) or ("", 10.0))[1] < 10
    ):
        return True  # "ninety - five": a tens word and a unit hyphenated with spaces
    if low in ("a", "an") and prev.lower_ in ("half", "quarter"):
        return True
    return low in number_words()["scales"] and prev.lower_ in ("half", "quarter", "quarters")


def _unit_word(word: str) -> bool:
    """'hour', 'days': 'half an hour' and 'half day' are stretches of time, not shares."""
    return word.rstrip("s") in number_words()["time_units"]


def _space_groups(doc: Doc, i: int, last: int) -> bool:
    """Tokens i..last are '1 234 567' so far: 1-3 digits, then whole groups of three."""
    toks = [t for t in doc[i : last + 1] if not t.is_space]
    return (
        bool(toks)
        and re.fullmatch(r"\d{1,3}", toks[0].text) is not None
        and all(re.fullmatch(r"\d{3}", t.text) for t in toks[1:])
    )


def _largest_scale(doc: Doc, k: int) -> float:
    """The largest scale word in the number words from token k on ("three hundred" -> 100)."""
    scales = number_words()["scales"]
    largest = 0.0
    for tok in doc[k : k + 8]:
        if not (_number_word(tok) or tok.text == "-"):
            break
        largest = max(largest, float(scales.get(tok.lower_, 0)))
    return largest


def _denominator_follows(doc: Doc, k: int) -> bool:
    """'... and three fifths': a count then a fraction word within the next tokens."""
    for tok in doc[k : k + 4]:
        if tok.lower_ == "and":
            return False
        if denominator_of(tok.lower_) is not None:
            return True
        if not _number_word(tok):
            return False
    return False
