"""Counted stretches and repeats: 'three years', 'a week earlier', 'every Monday', '2 days ago'.

Each reader takes the cleaned lower-case phrase `t`, the publication date (or None) and the
clause tense, and returns (TIMEX3 type, value) or None when the phrase is not its shape.
"""

from __future__ import annotations

import datetime as dt
import re

from storyledger.nlp.dates.calendar import (
    duration,
    fractional_duration,
    quarter_of,
    shift_months,
    week,
)
from storyledger.nlp.dates.context import plain_count
from storyledger.nlp.dates.patterns import duration_hedge, rx, slot, words
from storyledger.nlp.numbers import parse_words

Found = tuple[str, str | None] | None


def unit(word: str) -> str | None:
    """'years' -> 'Y', 'hours' -> 'TH', 'centuries' -> 'CE' (data/dates_words.json units)."""
    low = word.lower()
    w = words()["unit_irregular"].get(low, low.rstrip("s"))
    return words()["units"].get(w)


def count(word: str) -> float | None:
    """'three' -> 3, 'a' -> 1, 'several' -> None (an unknown count, X in TIMEX)."""
    word = word.lower().strip()
    table = words()["count_words"]
    if word in table:
        return table[word]
    if re.search(r"\d\s*-\s*\d", word):
        return None  # "96-3": a tally, not a count
    return parse_words(word.replace("-", " "))


def weekday_index(name: str) -> int:
    return words()["weekdays"][name.rstrip(".")]


def set_of(t: str, dct: dt.date | None, tense: str) -> Found:
    """'weekly', 'every Monday', 'each year': a repeat (TIMEX3 SET)."""
    w = words()
    if t in w["sets"]:
        return "SET", w["sets"][t]
    m = rx("set").fullmatch(t)
    if not m:
        return None
    rest = m.group(1)
    if slot("WEEKDAY").fullmatch(rest):
        return "SET", f"XXXX-WXX-{weekday_index(rest) + 1}"
    if slot("MONTH").fullmatch(rest):
        return "SET", f"XXXX-{w['months'][rest.rstrip('.')]:02d}"
    if rest in w["seasons"]:
        return "SET", f"XXXX-{w['seasons'][rest]}"
    if rest in w["day_parts"]:
        return "SET", f"XXXX-XX-XXT{w['parts_of_day'][rest]}"
    found = unit(rest)
    if found and t.startswith(tuple(w["set_unit_prefixes"])):
        return "SET", duration(1, found)
    return None


def ago(t: str, dct: dt.date | None, tense: str) -> Found:
    """'three days ago', 'a year earlier': counted back from the publication date."""
    m = rx("ago").fullmatch(t)
    if not m:
        return None
    n, u = count(m.group(1)), unit(m.group(2))
    anchor = words()["ago_anchor"][m.group(3)]
    if dct is None or u is None or anchor == "unknown":
        return "DATE", None
    if n is None:
        return "DATE", "PAST_REF"
    if anchor == "publication_years" and u != "Y":
        return "DATE", None
    k = int(n)
    if u == "Y":
        return "DATE", str(dct.year - k)
    if u == "DE":
        return "DATE", str(dct.year - 10 * k)[:3]
    if u == "M":
        y, mo = shift_months(dct, -k)
        return "DATE", f"{y}-{mo:02d}"
    if u == "W":
        return "DATE", week(dct - dt.timedelta(weeks=k))
    if u == "D":
        return "DATE", (dct - dt.timedelta(days=k)).isoformat()
    if u == "Q":
        return "DATE", quarter_of(*shift_months(dct, -3 * k))
    return "TIME", None


def offset(t: str, dct: dt.date | None, tense: str) -> Found:
    """'a day earlier', 'twenty years after': a stretch from an unstated anchor -> duration."""
    m = rx("offset").fullmatch(t)
    if not m:
        return None
    found = duration_of(m.group(1), dct, tense)
    if found is None:
        return None
    if m.group(2) in words()["offset_dated_years"] and found[1] and found[1][-1] == "Y":
        return None  # "a year earlier" is a date (read by `ago`)
    return found


def duration_of(t: str, dct: dt.date | None, tense: str) -> Found:
    """'nearly three years', 'six straight days', 'an hour and a half', 'the next decade'."""
    one = rx("one_unit_hedge").fullmatch(t)  # "another week", "a full month"
    if one and unit(one.group(1)) not in (None, "WE", "S"):
        return "DURATION", duration(1, unit(one.group(1)))  # type: ignore[arg-type]
    core = t
    while True:
        stripped = duration_hedge().sub("", core, count=1)
        if stripped == core:
            break
        core = stripped
    core = plain_count(core, count)  # "six straight days", "12 and 18 months"
    half = rx("and_a_half").fullmatch(core)
    if half and unit(half.group(2)) in ("Y", "D", "TH", "TM"):
        n = count(half.group(1))  # "an hour and a half": one and a half hours
        if n is not None:
            core = f"{n + 0.5:g} {half.group(2)}"
    m = rx("counted_unit").fullmatch(core)
    if m and rx("ordinal").search(m.group(1)):
        m = None  # "the 1988 third quarter" names a period; it measures none
    if m and (count(m.group(1)) is not None or slot("NUM").fullmatch(m.group(1))):
        u = unit(m.group(2))
        n = count(m.group(1))
        if u is None or u in ("WE", "S") or re.fullmatch(r"\d{4}", m.group(1)):
            return None
        if n is not None and not float(n).is_integer() and u in ("Y", "D", "TH", "TM"):
            return "DURATION", fractional_duration(n, u)
        return "DURATION", duration(n, u)
    m = slot("UNIT").fullmatch(core)
    if m and core.endswith("s"):
        u = unit(core)
        if u and u not in ("WE", "S"):
            return "DURATION", duration(None, u)
    # "the past week", "the next decade": a one-unit stretch, not a calendar period
    m = rx("one_unit_stretch").fullmatch(t)
    if m:
        u = unit(m.group(1))
        if u and u not in ("WE", "S", "Q"):
            return "DURATION", duration(1, u)
    return None
