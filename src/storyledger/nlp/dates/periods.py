"""Calendar periods named in words: days, weekdays, months, quarters, seasons, years.

Each reader takes the cleaned lower-case phrase `t`, the publication date (or None) and the
clause tense, and returns (TIMEX3 type, value) or None when the phrase is not its shape.
"""

from __future__ import annotations

import datetime as dt
import re

from storyledger.nlp.dates.calendar import (
    SEASON_START,
    quarter_of,
    safe_date,
    shift_months,
    week,
    weekday,
    year_for,
)
from storyledger.nlp.dates.durations import weekday_index
from storyledger.nlp.dates.patterns import context, rx, words

Found = tuple[str, str | None] | None


def relative_day(t: str, dct: dt.date | None, tense: str) -> Found:
    """'yesterday', 'tomorrow morning', 'last night'."""
    days = words()["relative_days"]
    if t not in days:
        return None
    part = rx("part_end").search(t) or rx("night_word").fullmatch(t)
    ttype = "TIME" if part else "DATE"
    if dct is None:
        return ttype, None
    d = dct + dt.timedelta(days=days[t])
    if part:
        return ttype, f"{d.isoformat()}T{words()['parts_of_day'].get(part.group(1), 'NI')}"
    return ttype, d.isoformat()


def quarter(t: str, dct: dt.date | None, tense: str) -> Found:
    """'the third quarter', "last year's fourth quarter", 'the 1988 second quarter', 'the
    fiscal second quarter', 'the year-ago fourth quarter'; 'the 2029 quarter' is the quarter
    being reported (the last completed one) of 1988."""
    whole = rx("year_quarter").fullmatch(t)
    if whole:
        if dct is None:
            return "DATE", None
        return "DATE", f"{whole.group('year')}-{quarter_of(*shift_months(dct, -3))[5:]}"
    m = rx("quarter").fullmatch(t)
    if not m:
        return None
    q = words()["quarter_ordinals"][m.group("q")]
    year = m.group("year") or m.group("of_year")
    if year:
        return "DATE", f"{year}-Q{q}"
    if dct is None:
        return "DATE", None
    current = (dct.month - 1) // 3 + 1
    step = words()["year_steps"].get(m.group("rel") or m.group("of_rel") or "")
    if step is not None:
        return "DATE", f"{dct.year + step}-Q{q}"
    y = dct.year if q <= current or tense == "future" else dct.year - 1
    if m.group("ago"):
        y -= 1  # "the year-ago fourth quarter": that quarter a year before
    return "DATE", f"{y}-Q{q}"


def named_period(t: str, dct: dt.date | None, tense: str) -> Found:
    """'last week', 'this month', 'next year', 'earlier this month', 'last summer'."""
    w = words()
    t2 = rx("the_prefix").sub("", rx("period_modifier").sub("", t))
    m = rx("named_period").fullmatch(t2)
    season = w["seasons"].get(t2)
    if not m and season and t != t2:  # "the summer", "the early summer": the nearest one
        if dct is None:
            return "DATE", None
        return "DATE", f"{year_for(SEASON_START[season], None, dct, tense)}-{season}"
    if not m:
        m2 = rx("modified_year").fullmatch(t)
        if m2:
            return "DATE", m2.group(1)[:3] if m2.group(2) else m2.group(1)
        return None
    step = w["period_steps"][m.group(1)]
    period = m.group(2)
    if dct is None:
        return "DATE", None
    unit = w["units"].get(period)
    if unit == "Y":
        return "DATE", str(dct.year + step)
    if unit == "M":
        y, mo = shift_months(dct, step)
        return "DATE", f"{y}-{mo:02d}"
    if unit in ("W", "WE"):
        d = dct + dt.timedelta(weeks=step)
        return "DATE", week(d) + ("-WE" if unit == "WE" else "")
    if unit == "Q":
        return "DATE", quarter_of(*shift_months(dct, 3 * step))
    if unit == "DE":
        return "DATE", str(dct.year + 10 * step)[:3]
    if unit == "CE":
        return "DATE", str(dct.year // 100 + step)
    season = w["seasons"].get(period)
    if season:
        order = SEASON_START[season]
        year = dct.year
        if step < 0 and dct.month <= order:
            year -= 1
        if step > 0 and dct.month >= order:
            year += 1
        return "DATE", f"{year}-{season}"
    return "DATE", None


def weekday_phrase(t: str, dct: dt.date | None, tense: str) -> Found:
    """'Monday', 'last Friday', 'Tuesday night', 'late morning Sunday'."""
    m = rx("weekday_phrase").fullmatch(t)
    if not m:
        m = rx("part_weekday").fullmatch(t)
        if not m:
            return None
        rel, day, part = None, m.group(2), m.group(1)
    else:
        rel, day, part = m.group(1), m.group(2), m.group(3)
    ttype = "TIME" if part else "DATE"
    if dct is None:
        return ttype, None
    direction = words()["weekday_directions"].get(rel or "")
    if direction is None:
        ahead = tense in context()["weekday_forward_tenses"]
        direction = "forward" if ahead else "back"
    d = weekday(weekday_index(day), dct, direction)
    if part:
        code = words()["parts_of_day"].get(part, "NI")
        sep = "T" if code[0].isdigit() or code[0].isalpha() else ""
        return ttype, f"{d.isoformat()}{sep}{code}"
    return ttype, d.isoformat()


def month_day(t: str, dct: dt.date | None, tense: str) -> Found:
    """'Nov. 16', 'the 3rd of May 2021', 'Monday, June 5'."""
    t = rx("weekday_lead").sub("", t)
    m = rx("month_day").fullmatch(t)
    if m:
        month, day, year = m.group(1), int(m.group(2)), m.group(3)
    else:
        m = rx("day_month").fullmatch(t)
        if not m:
            return None
        day, month, year = int(m.group(1)), m.group(2), m.group(3)
    mo = words()["months"][month.rstrip(".")]
    if year:
        d = safe_date(int(year), mo, day)
        return "DATE", d.isoformat() if d else None
    if dct is None:
        return "DATE", None
    d = safe_date(year_for(mo, day, dct, tense), mo, day)
    return "DATE", d.isoformat() if d else None


def month(t: str, dct: dt.date | None, tense: str) -> Found:
    """'March', 'last March', 'early June 2020', 'May of this year'."""
    w = words()
    t = rx("month_modifier").sub("", t)
    m = rx("month").fullmatch(t)
    rel_year = rx("month_of_year").fullmatch(t)
    if rel_year:
        if dct is None:
            return "DATE", None
        step = w["year_steps"][rel_year.group(2)]
        return "DATE", f"{dct.year + step}-{w['months'][rel_year.group(1).rstrip('.')]:02d}"
    if not m:
        return None
    rel, name, year = m.group(1), m.group(2), m.group(3)
    mo = w["months"][name.rstrip(".")]
    if year:
        return "DATE", f"{int(year)}-{mo:02d}"
    if dct is None:
        return "DATE", None
    direction = w["month_directions"].get(rel or "")
    if direction == "last":
        y = dct.year if mo < dct.month else dct.year - 1
    elif direction == "next":
        y = dct.year if mo > dct.month else dct.year + 1
    elif direction == "this":
        y = dct.year
    else:
        y = year_for(mo, None, dct, tense)
    return "DATE", f"{y}-{mo:02d}"


def year_phrase(t: str, dct: dt.date | None, tense: str) -> Found:
    """'1998', 'the 1990s', 'the 20th century', 'fiscal 2001'; '2009-10' spans two years."""
    t = rx("year_modifier").sub("", t)
    m = rx("year").fullmatch(t)
    if m:
        return "DATE", m.group(1)
    m = rx("decade").fullmatch(t)
    if m:
        return "DATE", m.group(1)
    m = rx("century").fullmatch(t)
    if m:
        return "DATE", f"{int(m.group(1)) - 1:02d}"
    if re.fullmatch(r"((?:1[5-9]|20)\d\d)\s*[-–/]\s*((?:1[5-9]|20)?\d\d)", t):
        return "DURATION", None
    return None
