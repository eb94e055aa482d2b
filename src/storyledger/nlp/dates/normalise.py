"""A date phrase to its TIMEX3 type and value: the readers of durations.py and periods.py in
turn, clock times, and dateparser for explicit dates the rules cannot read."""

from __future__ import annotations

import datetime as dt
import functools
import re

from storyledger.nlp.dates.calendar import quarter_of, shift_months, week
from storyledger.nlp.dates.durations import ago, duration_of, offset, set_of
from storyledger.nlp.dates.patterns import rx, words
from storyledger.nlp.dates.periods import (
    month,
    month_day,
    named_period,
    quarter,
    relative_day,
    weekday_phrase,
    year_phrase,
)
from storyledger.published import Published

Found = tuple[str, str | None]


@functools.lru_cache(maxsize=8192)
def normalise(text: str, dct: dt.date | None, tense: str = "none") -> Found:
    """(TIMEX3 type, TIMEX3 value) of a date phrase; value None when it cannot be resolved."""
    t = text.lower().strip().rstrip(".,;:")
    t = rx("possessive_end").sub("", t).strip()
    t = re.sub(r"\s+", " ", t)
    w = words()
    if t in w["present"]:
        return "DATE", "PRESENT_REF"
    if t in w["past"]:
        return "DATE", "PAST_REF"
    if t in w["future"]:
        return "DATE", "FUTURE_REF"
    t = rx("vague_tail").sub("", rx("lead_words").sub("", t))  # "within a year or so"
    if t in w["weekend"]:
        if dct is None:
            return "DATE", None
        step = w["weekend"][t]
        if step == "tense":
            step = -1 if tense == "past" else 0
        return "DATE", week(dct + dt.timedelta(weeks=step)) + "-WE"
    mod = rx("modifier").match(t)
    if mod:
        rest = t[mod.end() :]
        if rest in w["day_parts"]:
            return "TIME", None if dct is None else f"{dct.isoformat()}T{w['parts_of_day'][rest]}"
        inner = normalise(rest, dct, tense)
        if inner[1] is not None and re.match(r"\d{4}-\d\d-\d\d", inner[1]):
            return inner
    for reader in (
        set_of,
        relative_day,
        ago,
        offset,
        duration_of,
        quarter,
        named_period,
        weekday_phrase,
        month_day,
        month,
        year_phrase,
        time_phrase,
    ):
        out = reader(t, dct, tense)
        if out is not None:
            return out
    return "DATE", _dateparser(t, dct)


def time_phrase(t: str, dct: dt.date | None, tense: str) -> Found | None:
    """'5 p.m.', '18:00 UTC', 'noon', '9 a.m. Tuesday'."""
    m = rx("clock_phrase").fullmatch(t)
    if not m or (not m.group(2) and not m.group(3)):
        if t in words()["clock_words"]:
            code = words()["parts_of_day"][t]
            return "TIME", None if dct is None else f"{dct.isoformat()}T{code}"
        return None
    hour = int(m.group(1))
    minute = m.group(2)
    ampm = (m.group(3) or "").replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if hour > 24 or (minute and int(minute) > 59):
        return None
    clock = f"T{hour:02d}:{minute}" if minute else f"T{hour:02d}:00"
    if rx("utc").search(t) and not rx("utc_offset").search(t):
        clock += "Z"  # TIMEX3 marks a clock time stated in UTC with a Z
    rest = m.group(4)
    if rest:
        _, day = normalise(rest, dct, tense)
        if day and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            return "TIME", day + clock
        return "TIME", None
    if dct is None:
        return "TIME", None
    return "TIME", dct.isoformat() + clock


@functools.lru_cache(maxsize=4096)
def _dateparser(t: str, dct: dt.date | None) -> str | None:
    """Explicit dates the rules did not read ('2013-03-22', '22/03/2013'); never bare words."""
    if not re.search(r"\d", t) or not rx("explicit_date").search(t):
        return None
    if re.search(r"[$£€%]", t):
        return None
    from dateparser.date import DateDataParser

    settings = {
        "PREFER_DATES_FROM": "past",
        "RETURN_AS_TIMEZONE_AWARE": False,
        "STRICT_PARSING": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    if dct is not None:
        settings["RELATIVE_BASE"] = dt.datetime(dct.year, dct.month, dct.day)
    try:
        data = DateDataParser(languages=["en"], settings=settings).get_date_data(t)
    except (ValueError, OverflowError):  # a date out of range ('31/02/2013'): not a date
        return None
    if data is None or data.date_obj is None:
        return None
    has_year = re.search(r"\d{4}", t)
    if not has_year and dct is None:
        return None
    d = data.date_obj
    if data.period == "year":
        return f"{d.year}"
    if data.period == "month":
        return f"{d.year}-{d.month:02d}"
    return d.date().isoformat()


def in_partial_anchor(surface: str, anchor: Published, tense: str) -> str | None:
    """A month and day, or a bare month, under a publication date known only to the month
    or the year: the year is as certain as the anchor makes it; nothing counted from a day
    ("Friday", "yesterday") resolves."""
    t = re.sub(r"\s+", " ", surface.lower().strip().rstrip(".,;:"))
    relative = rx("relative_lead").match(t)
    if anchor.precision == "month":
        mid = anchor.first + dt.timedelta(days=14)
        found = month_day(t, mid, tense) or (None if relative else month(t, mid, tense))
    else:
        year = f" {anchor.year}"
        found = month_day(t, None, tense) and month_day(t + year, None, tense)
        if found is None and not relative and month(t, None, tense):
            found = month(t + year, None, tense)
    return found[1] if found else None


def reporting_period(period: str, dct: dt.date | None, after: str) -> Found:
    """'the quarter' / 'the year' (rule in data/dates_words.json, reporting_periods)."""
    if rx("period_ended").match(after) and period in ("Q", "Y"):
        return "DURATION", f"P1{period}"  # "the year ended March 31": a stretch, not a date
    if dct is None:
        return "DATE", None
    if period == "Y":
        return "DATE", str(dct.year)
    if period == "W":
        return "DATE", week(dct)
    return "DATE", quarter_of(*shift_months(dct, -3 if period == "Q" else -15))
