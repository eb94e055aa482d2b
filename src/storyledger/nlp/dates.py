"""Date and time expressions resolved against the publication date; never guessed.

Spans come from spaCy's DATE/TIME entities plus the regexes in data/dates_patterns.txt; each
span is normalised by rules here (dateparser only reads explicit dates the rules cannot).

Resolution rules (all need the publication date `published`; without it relative and
year-less expressions resolve to None):
- A weekday with no tense cue, or in a past/present-tense clause, is the most recent such day
  on or before publication ("on Monday" in a Monday article is that Monday). With a future cue
  ("will", "next") it is the next such day on or after publication; "last"/"next" are strict.
- A month-day or month without a year: in a past-tense clause it is the latest such date on
  or before publication, except that a date up to 45 days ahead stays in the publication
  year ("the offer was extended to Nov. 16"); in a future-tense clause it is the first such
  date on or after publication (a week of slack); with no tense cue it is the nearest one,
  dates ahead counting double (news looks back more often than forward).
- "last/this/next week|month|year|quarter|season", "N days/months/years ago" count from the
  publication date. `value` is the finest calendar period the format can hold (YYYY-MM-DD,
  YYYY-MM, YYYY) that contains the expression: "last week" is YYYY-MM when the week lies in
  one month, otherwise YYYY.
- Durations ("three years"), sets ("each year") and vague references ("now", "the past") get
  value None; their ISO/TIMEX3 value is available through `extract_timexes`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, Span

from storyledger.model import DateMention
from storyledger.nlp.date_context import (
    comparison_core,
    forward_cue,
    is_comparison,
    modal_tense,
    plain_count,
)
from storyledger.nlp.numbers import parse_words
from storyledger.published import Published, parse_published

_DATA = Path(__file__).with_name("data") / "en"  # English: nlp/data/en


@functools.cache
def _w() -> dict:
    return json.loads((_DATA / "dates_words.json").read_text())


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(case-insensitive, case-sensitive) alternations of data/dates_patterns.txt."""
    lines = [
        ln.strip()
        for ln in (_DATA / "dates_patterns.txt").read_text().splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    insensitive = [ln for ln in lines if not re.search(r"[A-Z]", ln.replace("\\b", ""))]
    sensitive = [ln for ln in lines if ln not in insensitive]
    return (
        re.compile("|".join(f"(?:{p})" for p in insensitive), re.I),
        re.compile("|".join(f"(?:{p})" for p in sensitive)),
    )


@dataclass
class Timex:
    """A found expression with its TIMEX3-style value (None when unresolvable)."""

    mention: DateMention
    timex: str | None
    type: str  # DATE | TIME | DURATION | SET


# ---------------------------------------------------------------- normalisation helpers


_MONTH_RE = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_WEEKDAY_RE = (
    r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|thurs|thur|thu|"
    r"fri|sat|sun)\.?"
)
_NUM_RE = (
    r"(\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
    r"sixty|seventy|eighty|ninety|hundred|several|few|a few|a couple of|couple of|many|some|"
    r"two and a half|one and a half|[a-z]+-[a-z]+)"
)
_UNIT_RE = (
    r"(seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|fortnights?|months?|"
    r"years?|yrs?|decades?|century|centuries|quarters?|weekends?|seasons?|millenni(?:um|a))"
)
_HEDGE = re.compile(
    r"^(?:almost|about|nearly|more than|less than|some|at least|over|roughly|around|a mere|"
    r"up to|only|just|approximately|fewer than|under|barely|another|an additional|the first|"
    r"the last|the past|the next|the previous|the following|the coming|the final|the|last|"
    r"past|next|previous|following|coming|first|final|recent|the recent|all|full|nearly a|"
    r"the better part of|a full|within|for|no more than|no less than|at most|an extra|"
    r"the last|the past|the final)\s+"
)
_PART_RE = r"(morning|afternoon|evening|night|overnight|noon|midnight|midday)"


def _unit(word: str) -> str | None:
    w = word.lower().rstrip("s") if word.lower() not in ("centuries", "millennia") else word
    if word.lower() == "centuries":
        w = "century"
    if word.lower() in ("millennia",):
        w = "millennium"
    return _w()["units"].get(w)


def _count(word: str) -> float | None:
    """'three' -> 3, 'a' -> 1, 'several' -> None (an unknown count, X in TIMEX)."""
    word = word.lower().strip()
    if word in ("a", "an", "one"):
        return 1.0
    if re.search(r"\d\s*-\s*\d", word):
        return None  # "96-3": a tally, not a count
    if word in ("several", "few", "a few", "many", "some"):
        return None
    if word in ("a couple of", "couple of"):
        return 2.0
    if word == "two and a half":
        return 2.5
    if word == "one and a half":
        return 1.5
    return parse_words(word.replace("-", " "))


def _duration(n: float | None, unit: str) -> str:
    """ISO-8601/TIMEX3 duration: (3, 'Y') -> 'P3Y', (2, 'TH') -> 'PT2H', (None, 'D') -> 'PXD'."""
    if unit == "DE" and n is not None:
        n, unit = n * 10, "Y"
    if unit == "2W":
        n, unit = (n or 1) * 2, "W"
    num = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit.startswith("T"):
        return f"PT{num}{unit[1:]}"
    return f"P{num}{unit}"


def _shift_months(d: dt.date, months: int) -> tuple[int, int]:
    total = d.year * 12 + d.month - 1 + months
    return total // 12, total % 12 + 1


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _week_value(d: dt.date) -> str:
    """The finest YYYY(-MM) that holds the whole ISO week of d."""
    monday = d - dt.timedelta(days=d.weekday())
    sunday = monday + dt.timedelta(days=6)
    if (monday.year, monday.month) == (sunday.year, sunday.month):
        return f"{monday.year}-{monday.month:02d}"
    return str(monday.year) if monday.year == sunday.year else ""


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


SOON_DAYS = 45  # a past-tense clause may still name a date this close ahead ("was extended to")


def _year_for(month: int, day: int | None, dct: dt.date, tense: str) -> int:
    """The year of a year-less month(-day) (rule in the module docstring)."""

    def probe(year: int) -> dt.date:
        return _safe_date(year, month, day or 1) or dt.date(year, month, 1)

    years = (dct.year - 1, dct.year, dct.year + 1)
    soon = dct + dt.timedelta(days=SOON_DAYS)
    if tense == "past":
        if day:
            return max(y for y in years if probe(y) <= max(dct + dt.timedelta(days=1), soon))
        return max(y for y in years if probe(y) <= soon)
    if tense == "future":
        if day:
            return min(y for y in years if probe(y) >= dct - dt.timedelta(days=7))
        return min(y for y in years if (y, month) >= (dct.year, dct.month))
    mid = dt.timedelta(days=15 if not day else 0)

    def distance(y: int) -> int:
        days = (probe(y) + mid - dct).days
        return days * 2 if days > 0 else -days  # news looks back more than ahead

    return min(years, key=lambda y: (distance(y), -y))


def _weekday(target: int, dct: dt.date, direction: str) -> dt.date:
    """The weekday `target` relative to dct: 'back' (on or before), 'last' (strictly before),
    'forward' (on or after), 'next' (strictly after)."""
    delta = (dct.weekday() - target) % 7
    if direction == "back":
        return dct - dt.timedelta(days=delta)
    if direction == "last":
        return dct - dt.timedelta(days=delta or 7)
    ahead = (target - dct.weekday()) % 7
    if direction == "next":
        return dct + dt.timedelta(days=ahead or 7)
    return dct + dt.timedelta(days=ahead)


def _year(text: str) -> int | None:
    m = re.fullmatch(r"(?:'|’)?(\d{2})|(\d{4})", text)
    if not m:
        return None
    if m.group(2):
        return int(m.group(2))
    return None


# ---------------------------------------------------------------- the normaliser


@functools.lru_cache(maxsize=8192)
def normalise(text: str, dct: dt.date | None, tense: str = "none") -> tuple[str, str | None]:
    """(TIMEX3 type, TIMEX3 value) of a date phrase; value None when it cannot be resolved."""
    t = text.lower().strip().rstrip(".,;:")
    t = re.sub(r"[’']s?$", "", t).strip()
    t = re.sub(r"\s+", " ", t)
    w = _w()
    if t in w["present"]:
        return "DATE", "PRESENT_REF"
    if t in w["past"]:
        return "DATE", "PAST_REF"
    if t in w["future"]:
        return "DATE", "FUTURE_REF"
    t = re.sub(
        r"^(?:just|barely|only|its|their|his|her|our|as early as|early as|sometime|"
        r"both|even|a(?= (?:\d|first|second|third|fourth|two|three|four|five)))\s+",
        "",
        t,
    )
    if t in ("the weekend", "this weekend", "last weekend", "next weekend", "weekend"):
        if dct is None:
            return "DATE", None
        step = -1 if t.startswith("last") or (tense == "past" and not t.startswith("this")) else 0
        step = 1 if t.startswith("next") else step
        return "DATE", _week(dct + dt.timedelta(weeks=step)) + "-WE"
    mod = re.match(r"(?:early|late|earlier|later|mid)[\s-]+(?!in\b)", t)
    if mod:
        rest = t[mod.end() :]
        parts = _w()["parts_of_day"]
        if rest in ("morning", "afternoon", "evening", "night"):
            return "TIME", None if dct is None else f"{dct.isoformat()}T{parts[rest]}"
        inner = normalise(rest, dct, tense)
        if inner[1] is not None and re.match(r"\d{4}-\d\d-\d\d", inner[1]):
            return inner
    for fn in (
        _set,
        _relative_day,
        _ago,
        _offset,
        _duration_of,
        _quarter,
        _named_period,
        _weekday_phrase,
        _month_day,
        _month,
        _year_phrase,
        _time_phrase,
    ):
        out = fn(t, dct, tense)
        if out is not None:
            return out
    return "DATE", _dateparser(t, dct)


def _set(t: str, dct: dt.date | None, tense: str) -> tuple[str, str | None] | None:
    table = {
        "annually": "XXXX",
        "yearly": "P1Y",
        "monthly": "P1M",
        "weekly": "P1W",
        "daily": "XXXX-XX-XX",
        "hourly": "PT1H",
        "nightly": "XXXX-XX-XXTNI",
    }
    if t in table:
        return "SET", table[t]
    m = re.fullmatch(r"(?:each|every|per|a|once a|twice a)\s+(?:other\s+)?(.+)", t)
    if not m:
        return None
    rest = m.group(1)
    if re.fullmatch(_WEEKDAY_RE, rest):
        return "SET", f"XXXX-WXX-{w_index(rest) + 1}"
    if re.fullmatch(_MONTH_RE, rest):
        return "SET", f"XXXX-{_w()['months'][rest.rstrip('.')]:02d}"
    if rest in _w()["seasons"]:
        return "SET", f"XXXX-{_w()['seasons'][rest]}"
    if rest in ("morning", "afternoon", "evening", "night"):
        return "SET", f"XXXX-XX-XXT{_w()['parts_of_day'][rest]}"
    unit = _unit(rest)
    if unit and t.startswith(("each", "every", "per")):
        return "SET", _duration(1, unit)
    return None


def w_index(name: str) -> int:
    return _w()["weekdays"][name.rstrip(".")]


def _relative_day(t: str, dct: dt.date | None, tense: str) -> tuple[str, str | None] | None:
    days = {
        "today": 0,
        "yesterday": -1,
        "tomorrow": 1,
        "tonight": 0,
        "overnight": 0,
        "last night": -1,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "tomorrow morning": 1,
        "yesterday morning": -1,
        "yesterday afternoon": -1,
        "tomorrow night": 1,
        "yesterday evening": -1,
        "tomorrow evening": 1,
        "tomorrow afternoon": 1,
        "later today": 0,
        "earlier today": 0,
        "later this afternoon": 0,
        "earlier this morning": 0,
        "later this evening": 0,
        "today's": 0,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }
    if t not in days:
        return None
    part = re.search(_PART_RE + r"$", t) or (re.fullmatch(r"(tonight|overnight)", t))
    kind = "TIME" if part else "DATE"
    if dct is None:
        return kind, None
    d = dct + dt.timedelta(days=days[t])
    if part:
        key = part.group(1)
        return kind, f"{d.isoformat()}T{_w()['parts_of_day'].get(key, 'NI')}"
    return kind, d.isoformat()


def _ago(t: str, dct: dt.date | None, tense: str) -> tuple[str, str | None] | None:
    m = re.fullmatch(
        r"(?:about |some |nearly |almost |more than |roughly |around |over |"
        r"just |only )?" + _NUM_RE + r"\s+" + _UNIT_RE + r"\s+(ago|earlier|before)",
        t,
    )
    if not m:
        return None
    n, unit = _count(m.group(1)), _unit(m.group(2))
    if dct is None or unit is None or m.group(3) == "before":
        return "DATE", None
    if n is None:
        return "DATE", "PAST_REF"
    if m.group(3) == "earlier" and unit != "Y":
        return "DATE", None
    k = int(n)
    if unit == "Y":
        return "DATE", str(dct.year - k)
    if unit == "DE":
        return "DATE", str(dct.year - 10 * k)[:3]
    if unit == "M":
        y, mo = _shift_months(dct, -k)
        return "DATE", f"{y}-{mo:02d}"
    if unit == "W":
        return "DATE", _week(dct - dt.timedelta(weeks=k))
    if unit == "D":
        return "DATE", (dct - dt.timedelta(days=k)).isoformat()
    if unit == "Q":
        y, mo = _shift_months(dct, -3 * k)
        return "DATE", f"{y}-Q{(mo - 1) // 3 + 1}"
    return "TIME", None


def _offset(t: str, dct: dt.date | None, tense: str) -> tuple[str, str | None] | None:
    """'a day earlier', 'twenty years after': a stretch from an unstated anchor -> duration."""
    m = re.fullmatch(r"(.+?)\s+(later|earlier|after|before|afterwards|on)", t)
    if not m:
        return None
    found = _duration_of(m.group(1), dct, tense)
    if found is None:
        return None
    if m.group(2) == "earlier" and found[1] and found[1][-1] == "Y":
        return None  # "a year earlier" is a date (handled by _ago)
    return found


_ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}


def _quarter(t: str, dct: dt.date | None, tense: str) -> tuple[str, str | None] | None:
    """'the third quarter', "last year's fourth quarter", 'the 1988 second quarter'."""
    m = re.fullmatch(
        r"(?:the\s+)?(?:(this|last|next) year(?:['’]s)?\s+|((?:19|20)\d\d)\s+)?"
        r"(first|second|third|fourth|final|1st|2nd|3rd|4th)[\s-]+quarter"
        r"(?:\s+of\s+(?:((?:19|20)\d\d)|(this|last|next|the) year))?",
        t,
    )
    if not m:
        return None
    q = _ORDINALS[m.group(3)]
    year = m.group(2) or m.group(4)
    if year:
        return "DATE", f"{year}-Q{q}"
    if dct is None:
        return "DATE", None
    current = (dct.month - 1) // 3 + 1
    step = {"this": 0, "last": -1, "next": 1}.get(m.group(1) or m.group(5) or "")
    if step is not None:
        return "DATE", f"{dct.year + step}-Q{q}"
    y = dct.year if q <= current or tense == "future" else dct.year - 1
    return "DATE", f"{y}-Q{q}"


def _duration_of(t: str, dct: dt.date | None, tense: str) -> tuple[str, str | None] | None:
    core = t
    while True:
        stripped = _HEDGE.sub("", core, count=1)
        if stripped == core:
            break
        core = stripped
    core = plain_count(core, _count)  # "six straight days", "12 and 18 months"
    half = re.fullmatch(r"(an?|one|\d+|[a-z]+)\s+(\w+)\s+and\s+a\s+half", core)
    if half and _unit(half.group(2)) in ("Y", "D", "TH", "TM"):
        n = _count(half.group(1))  # "an hour and a half": one and a half hours
        if n is not None:
            core = f"{n + 0.5:g} {half.group(2)}"
    m = re.fullmatch(
        r"(.+?)[\s-]+(?:trading\s+|business\s+|working\s+)?"
        + _UNIT_RE
        + r"(?:['’])?(?:\s+(?:long|old))?",
        core,
    )
    if m and re.search(r"\b(?:first|second|third|fourth|\d+(?:st|nd|rd|th))\b", m.group(1)):
        m = None  # "the 1988 third quarter" names a period; it measures none
    if m and (_count(m.group(1)) is not None or re.fullmatch(_NUM_RE, m.group(1))):
        unit = _unit(m.group(2))
        n = _count(m.group(1))
        if unit is None or unit in ("WE", "S") or re.fullmatch(r"\d{4}", m.group(1)):
            return None
        if n is not None and not float(n).is_integer() and unit in ("Y", "D", "TH", "TM"):
            whole, frac = int(n), n - int(n)
            small, factor = {"Y": ("M", 12), "D": ("H", 24), "TH": ("M", 60), "TM": ("S", 60)}[unit]
            if unit.startswith("T"):
                return "DURATION", f"PT{whole}{unit[1:]}{round(frac * factor)}{small}"
            sep = "T" if small == "H" else ""
            return "DURATION", f"P{whole}{unit}{sep}{round(frac * factor)}{small}"
        return "DURATION", _duration(n, unit)
    m = re.fullmatch(_UNIT_RE, core)
    if (m and core.endswith("s") and core not in ("this", "days")) or (m and core == "days"):
        unit = _unit(core)
        if unit and unit not in ("WE", "S"):
            return "DURATION", _duration(None, unit)
    # "the past week", "the next decade": a one-unit stretch, not a calendar period
    m = re.fullmatch(r"(?:the )?(?:next|coming|following|first|final) " + _UNIT_RE, t)
    if m and t.startswith("the "):
        unit = _unit(m.group(1))
        if unit and unit not in ("WE", "S", "Q"):
            return "DURATION", _duration(1, unit)
    return None


def _named_period(t: str, dct: dt.date | None, tense: str) -> tuple[str, str | None] | None:
    """'last week', 'this month', 'next year', 'earlier this month', 'last summer'."""
    t2 = re.sub(
        r"^(?:the )?(?:early|earlier|late|later|mid|middle of|end of|the end of|"
        r"beginning of|the beginning of|start of|the start of|the rest of|"
        r"the remainder of|the first half of|the second half of)[\s-]+",
        "",
        t,
    )
    t2 = re.sub(r"^(?:the )", "", t2)
    m = re.fullmatch(
        r"(last|this past|this coming|this|next|past|coming|previous|current|the current|same)\s+"
        r"(?:fiscal\s+)?(week|month|year|quarter|weekend|decade|century|spring|summer|"
        r"autumn|fall|winter|season)",
        t2,
    )
    season = _w()["seasons"].get(t2)
    if not m and season and t != t2:  # "the summer", "the early summer": the nearest one
        if dct is None:
            return "DATE", None
        start = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
        return "DATE", f"{_year_for(start, None, dct, tense)}-{season}"
    if not m:
        m2 = re.fullmatch(r"(?:the )?(?:early|late|mid)[\s-]+((?:19|20)\d\d)(s?)", t)
        if m2:
            return "DATE", m2.group(1)[:3] if m2.group(2) else m2.group(1)
        return None
    rel = m.group(1).replace("the ", "")
    step = {
        "last": -1,
        "past": -1,
        "this past": -1,
        "this coming": 1,
        "previous": -1,
        "this": 0,
        "current": 0,
        "same": 0,
        "next": 1,
        "coming": 1,
    }[rel]
    period = m.group(2)
    if dct is None:
        return "DATE", None
    if period == "year":
        return "DATE", str(dct.year + step)
    if period == "month":
        y, mo = _shift_months(dct, step)
        return "DATE", f"{y}-{mo:02d}"
    if period in ("week", "weekend"):
        d = dct + dt.timedelta(weeks=step)
        return "DATE", _week(d) + ("-WE" if period == "weekend" else "")
    if period == "quarter":
        y, mo = _shift_months(dct, 3 * step)
        return "DATE", f"{y}-Q{(mo - 1) // 3 + 1}"
    if period == "decade":
        return "DATE", str(dct.year + 10 * step)[:3]
    if period == "century":
        return "DATE", str(dct.year // 100 + step)
    season = _w()["seasons"].get(period)
    if season:
        order = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
        year = dct.year
        if step < 0 and dct.month <= order:
            year -= 1
        if step > 0 and dct.month >= order:
            year += 1
        return "DATE", f"{year}-{season}"
    return "DATE", None


def _weekday_phrase(t: str, dct: dt.date | None, tense: str) -> tuple[str, str | None] | None:
    m = re.fullmatch(
        r"(?:(last|next|this|coming|past|this past|this coming|on)\s+)?"
        + _WEEKDAY_RE
        + r"(?:,)?(?:\s+"
        + _PART_RE
        + r")?",
        t,
    )
    if not m:
        m = re.fullmatch(r"(?:(?:late|early)\s+)?" + _PART_RE + r"\s+" + _WEEKDAY_RE, t)
        if not m:
            return None
        rel, day, part = None, m.group(2), m.group(1)
    else:
        rel, day, part = m.group(1), m.group(2), m.group(3)
    kind = "TIME" if part else "DATE"
    if dct is None:
        return kind, None
    if rel in ("last", "past", "this past"):
        direction = "last"
    elif rel in ("next", "coming", "this coming"):
        direction = "next"
    else:
        direction = "forward" if tense in ("future", "present") else "back"
    d = _weekday(w_index(day), dct, direction)
    if part:
        code = _w()["parts_of_day"].get(part, "NI")
        sep = "T" if code[0].isdigit() or code[0].isalpha() else ""
        return kind, f"{d.isoformat()}{sep}{code}"
    return kind, d.isoformat()


def _month_day(t: str, dct: dt.date | None, tense: str) -> tuple[str, str | None] | None:
    t = re.sub(r"^(?:" + _WEEKDAY_RE + r",?\s+)", "", t)
    m = re.fullmatch(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?", t)
    if m:
        month, day, year = m.group(1), int(m.group(2)), m.group(3)
    else:
        m = re.fullmatch(
            r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r"(?:,?\s+(\d{4}))?",
            t,
        )
        if not m:
            return None
        day, month, year = int(m.group(1)), m.group(2), m.group(3)
    mo = _w()["months"][month.rstrip(".")]
    if year:
        d = _safe_date(int(year), mo, day)
        return "DATE", d.isoformat() if d else None
    if dct is None:
        return "DATE", None
    d = _safe_date(_year_for(mo, day, dct, tense), mo, day)
    return "DATE", d.isoformat() if d else None


def _month(t: str, dct: dt.date | None, tense: str) -> tuple[str, str | None] | None:
    t = re.sub(
        r"^(?:the )?(?:early|earlier|late|later|mid|middle of|end of|the end of|"
        r"beginning of|the beginning of|start of)[\s-]+(?:in\s+)?",
        "",
        t,
    )
    m = re.fullmatch(
        r"(?:(last|next|this|this past|this coming|past|coming)\s+)?"
        + _MONTH_RE
        + r"(?:,?\s+(?:of\s+)?(\d{4}))?",
        t,
    )
    rel_year = re.fullmatch(_MONTH_RE + r"\s+(?:of\s+)?(this|last|next) year", t)
    if rel_year:
        if dct is None:
            return "DATE", None
        step = {"this": 0, "last": -1, "next": 1}[rel_year.group(2)]
        return "DATE", f"{dct.year + step}-{_w()['months'][rel_year.group(1).rstrip('.')]:02d}"
    if not m:
        return None
    rel, month, year = m.group(1), m.group(2), m.group(3)
    mo = _w()["months"][month.rstrip(".")]
    if year:
        return "DATE", f"{int(year)}-{mo:02d}"
    if dct is None:
        return "DATE", None
    if rel in ("last", "past", "this past"):
        y = dct.year if mo < dct.month else dct.year - 1
    elif rel in ("next", "coming", "this coming"):
        y = dct.year if mo > dct.month else dct.year + 1
    elif rel == "this":
        y = dct.year
    else:
        y = _year_for(mo, None, dct, tense)
    return "DATE", f"{y}-{mo:02d}"


def _year_phrase(t: str, dct: dt.date | None, tense: str) -> tuple[str, str | None] | None:
    t = re.sub(
        r"^(?:the )?(?:early|late|mid|end of|the end of|beginning of|fiscal|"
        r"calendar|the year|the first half of|the second half of|spring|summer|autumn|"
        r"fall|winter)[\s-]+",
        "",
        t,
    )
    m = re.fullmatch(r"(?:the\s+)?((?:1[5-9]|20)\d\d)", t)
    if m:
        return "DATE", m.group(1)
    m = re.fullmatch(r"(?:the\s+)?(?:(?:1[5-9]|20)\d)0['’]?s", t)
    if m:
        return "DATE", t.lstrip("the ").strip()[:3]
    m = re.fullmatch(r"(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)[\s-]+century", t)
    if m:
        return "DATE", f"{int(m.group(1)) - 1:02d}"
    m = re.fullmatch(r"((?:1[5-9]|20)\d\d)\s*[-–/]\s*((?:1[5-9]|20)?\d\d)", t)
    if m:
        return "DURATION", None
    return None


def _time_phrase(t: str, dct: dt.date | None, tense: str) -> tuple[str, str | None] | None:
    m = re.fullmatch(
        r"(?:about |around |at |approximately |roughly )?(\d{1,2})(?::(\d{2}))?"
        r"\s*(a\.m\.?|p\.m\.?|am|pm)?(?:\s+(?:local time|gmt|utc|[a-z]{3}|et|pt))?"
        r"(?:,?\s+(.+))?",
        t,
    )
    if not m or (not m.group(2) and not m.group(3)):
        if t in ("noon", "midnight", "midday"):
            return "TIME", None if dct is None else f"{dct.isoformat()}T{_w()['parts_of_day'][t]}"
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
    if re.search(r"\s(?:gmt|utc)\b", t) and not re.search(r"(?:gmt|utc)\s*[+-]", t):
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
    if not re.search(r"\d", t) or not re.search(r"\d{1,4}[-/.]\d{1,2}|" + _MONTH_RE, t):
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
    except Exception:  # dateparser raises many kinds on odd input; unreadable stays None
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


# ---------------------------------------------------------------- finding spans in a doc


def _tense(doc: Doc, start: int, end: int) -> str:
    """'future', 'past' or 'none' for the clause a token span sits in."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return "none"
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX"):
            break
        if tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return "none"
    while (
        tok.tag_ in ("VBN", "VBG")
        and tok.dep_ in ("acomp", "oprd", "xcomp")
        and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
        and tok.head.pos_ in ("VERB", "AUX")
    ):
        tok = tok.head  # "stayed closed until Saturday": the finite verb has the tense
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")] + [tok]
    if tok.tag_ == "VB" and any(a.lower_ == "to" for a in auxes) and tok.dep_ == "xcomp":
        # "is set to begin on Wednesday" looks ahead; "was forced to land" keeps the past
        gov = tok.head
        gov_aux = [c for c in gov.children if c.dep_ in ("aux", "auxpass")] + [gov]
        if not any(a.tag_ == "VBD" or a.lower_ in ("had", "has", "have") for a in gov_aux):
            return "future"
    for a in auxes:
        low = a.lower_
        if low in ("will", "'ll", "shall", "wo") or (low == "going" and a.dep_ == "aux"):
            return "future"
    modal = modal_tense(tok, auxes)
    if modal:
        return modal
    for a in auxes:
        if (a.tag_ == "VBD" and a.lower_ not in ("has", "have")) or (
            a.tag_ == "VBN" and any(x.lower_ == "had" for x in auxes)
        ):
            return "past"
    if tok.tag_ in ("VBZ", "VBP") and tok.lemma_.lower() not in ("be", "have", "say"):
        return "present"
    return "none"


_TRIM_WORDS = None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading prepositions and trailing punctuation: 'on Monday,' -> 'Monday'."""
    global _TRIM_WORDS
    if _TRIM_WORDS is None:
        words = sorted(_w()["trim_before"], key=len, reverse=True)
        _TRIM_WORDS = re.compile(
            r"^(?:" + "|".join(re.escape(x) for x in words) + r")\s+(?!(?:least|most)\b)", re.I
        )  # "at least 30 days" keeps its hedge
    changed = True
    while changed and start < end:
        changed = False
        m = _TRIM_WORDS.match(text[start:end])
        if m and m.end() < end - start:
            start += m.end()
            changed = True
    while (
        end > start
        and text[end - 1] in " ,.;:!?)\"'”’-–—"
        and not (
            text[end - 1] == "."
            and re.search(r"\b(?:[ap]\.m|[A-Z][a-z]{1,3}|[a-z]\.[a-z])\.$", text[start:end])
        )
    ):
        end -= 1
    while start < end and text[start] in " (\"'“‘,":
        start += 1
    tail = _TRAILING.search(text, start, end)
    if tail and tail.start() > start:
        return _trim(text, start, tail.start())
    return start, end


_TRAILING = re.compile(
    r"\s+(?:that|which|when|where|while|and|or|but|as|in|of|to|with|for|after|before|from|"
    r"since|than)$",
    re.I,
)


def _candidates(doc: Doc) -> list[tuple[int, int]]:
    text = doc.text
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            spans.append((ent.start_char, ent.end_char))
    for pattern in _patterns():
        for m in pattern.finditer(text):
            spans.append((m.start(), m.end()))
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    # "noon Thursday", "5 p.m. EST Nov. 9": a clock time next to its day is one expression
    joined: list[list[int]] = []
    for s, e in merged:
        if (
            joined
            and re.fullmatch(r"[ ,]{1,2}", text[joined[-1][1] : s])
            and (_CLOCK.search(text[joined[-1][0] : joined[-1][1]]) or _CLOCK.search(text[s:e]))
        ):
            joined[-1][1] = e
        else:
            joined.append([s, e])
    out = []
    for s, e in joined:
        s, e = _trim(text, s, e)
        if e > s:
            out.extend(_split(text, s, e))
    return out


_CLOCK = re.compile(
    r"^(?:noon|midnight|\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am|pm)(?:\s+[A-Z]{2,4})?)$", re.I
)


def _split(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """'2009-2010', 'Monday and Tuesday', 'from March to May': one expression per part."""
    chunk = text[s:e]
    lead = re.match(r"\d+,\s+|\d+-\d+\s+|\d+(?= (?:a|per) (?:day|week|month|year)$)\s*", chunk)
    if lead:
        return _split(text, s + lead.end(), e)
    years = re.fullmatch(r"((?:1[5-9]|20)\d\d)[-–/](\d\d)", chunk)
    if years:
        return [(s, s + 4), (s + 5, e)]
    cut = re.search(
        r",\s+(?=\w+(?:\s+\w+)?\s+(?:days?|weeks?|months?|years?|hours?)\b)|"
        r"\s+(?:ended|ending|that ended|through)\s+|\s+of\s+(?=(?:the year|(?:19|20)\d\d)$)",
        chunk,
    )
    if cut and " of " in cut.group() and _standalone(chunk):
        cut = None  # "the third quarter of 1984" is one expression
    if cut:
        return [(s, s + cut.start()), (s + cut.end(), e)]
    m = re.fullmatch(r"(.+?)(\s*[-–]\s*|\s+(?:and|to|or|through|until|till|-)\s+)(.+)", chunk)
    if (
        m
        and re.search(r"\d{4}|[A-Za-z]{3}", m.group(1))
        and not re.fullmatch(r"\d{1,2}", m.group(1))
    ):
        left, right = m.group(1), m.group(3)
        if _standalone(left) and _standalone(right):
            a = (s, s + len(left))
            b = (e - len(right), e)
            return [_trim(text, *a), _trim(text, *b)]
    return [(s, e)]


def _standalone(part: str) -> bool:
    return normalise(part, dt.date(2000, 6, 15))[1] is not None


_AGE = re.compile(r"\b(?:old|aged?|-year-old|years-old)\b", re.I)


def _in_partial_anchor(surface: str, anchor: Published, tense: str) -> str | None:
    """A month and day, or a bare month, under a publication date known only to the month
    or the year: the year is as certain as the anchor makes it; nothing counted from a day
    ("Friday", "yesterday") resolves."""
    t = re.sub(r"\s+", " ", surface.lower().strip().rstrip(".,;:"))
    if anchor.precision == "month":
        mid = anchor.first + dt.timedelta(days=14)
        found = _month_day(t, mid, tense) or (
            None if _RELATIVE_MONTH.match(t) else _month(t, mid, tense)
        )
    else:
        year = f" {anchor.year}"
        found = _month_day(t, None, tense) and _month_day(t + year, None, tense)
        if found is None and not _RELATIVE_MONTH.match(t) and _month(t, None, tense):
            found = _month(t + year, None, tense)
    return found[1] if found else None


_RELATIVE_MONTH = re.compile(r"(?:last|next|this|past|coming)\b")


def extract_timexes(doc: Doc, published: str | None) -> list[Timex]:
    """Every date/time expression with its DateMention and its TIMEX3 type and value."""
    anchor = parse_published(published)  # "2023-11-22", or only "2023-11" or "2023"
    dct = anchor.date if anchor else None
    text = doc.text
    not_dates = set(_w()["not_dates"])
    out: list[Timex] = []
    for s, e in _candidates(doc):
        surface = text[s:e]
        low = surface.lower()
        if low in ("may", "march"):
            if not _month_name(doc, s, surface):
                continue
        elif low in not_dates or _AGE.search(text[s : min(len(text), e + 8)]):
            continue
        if text[e : e + 1] == "-" and low in _w()["present"]:
            continue  # "the now-cancelled deal": part of a compound adjective
        if re.fullmatch(r"\d\d", surface) and re.search(r"(?:1[5-9]|20)\d\d[-–/]$", text[:s]):
            year = text[s - 5 : s - 3] + surface  # "1957-58": the second year of a pair
            out.append(Timex(DateMention(surface, year, s, e, "date"), year, "DATE"))
            continue
        if re.fullmatch(r"[\d.,]+", surface) and not re.fullmatch(r"(?:1[5-9]|20)\d\d", surface):
            continue
        if re.search(r"[$£€%]", surface):
            continue
        numbers = re.findall(r"\d+", surface)
        if (
            numbers
            and re.fullmatch(r"[\d\s,.\-–]*(?:and|to|or)?[\d\s,.\-–]*", surface)
            and any(not (len(x) == 4 and 1500 <= int(x) <= 2100) for x in numbers)
        ):
            continue  # "1000 and 2000": counts, not years
        tense = forward_cue(text, s, _tense(doc, s, e))
        if is_comparison(surface, text[e : e + 8]):
            surface = comparison_core(surface)  # "a month earlier than usual": a stretch
            e = s + len(surface)
        period = _w()["reporting_periods"].get(
            re.sub(r"^(?:earlier|later|early|late)\s+in\s+", "", low)
        )
        if period:
            ttype, timex = _reporting_period(period, dct, text[e : e + 10])
        else:
            ttype, timex = normalise(surface, dct, tense)
            if timex is None and anchor is not None and dct is None:
                timex = _in_partial_anchor(surface, anchor, tense) or timex
            if (
                dct is not None
                and _YEAR_BACK.fullmatch(low)
                and re.search(r"\bquarter\b", text[max(0, s - 300) : e], re.I)
            ):
                # results news: "a year ago" is the quarter being reported, a year before
                ttype, timex = _reporting_period("Q-1", dct, "")
        if timex is None and ttype == "DATE" and not _looks_temporal(low):
            continue
        if ttype == "TIME" and timex and dct and _BARE_CLOCK.fullmatch(low):
            day = _day_in_sentence(doc, s, out)
            if day:  # "flew Tuesday ... at 18:00 UTC": the clock is on that day
                timex = day + timex[10:]
        value = _value(ttype, timex)
        mention = DateMention(
            surface, value, s, e, _kind(ttype), timex=timex if timex != value else None
        )
        out.append(Timex(mention, timex, ttype))
    return out


_BARE_CLOCK = re.compile(
    r"(?:about |around |at )?\d{1,2}(?::\d\d)?\s*(?:a\.m\.?|p\.m\.?|am|pm)?"
    r"(?:\s+(?:local time|gmt|utc|[a-z]{2,4}))?"
)


def _day_in_sentence(doc: Doc, start: int, found: list[Timex]) -> str | None:
    """The YYYY-MM-DD of the nearest day named before it in the same sentence and line."""
    sent = sentence_of(doc, start)
    if sent is None:
        return None
    text = doc.text
    days = [
        t
        for t in found
        if sent.start_char <= t.mention.start < start
        and t.type == "DATE"
        and re.fullmatch(r"\d{4}-\d\d-\d\d", t.timex or "")
        and "\n" not in text[t.mention.end : start]
    ]
    return max(days, key=lambda t: t.mention.start).timex[:10] if days else None  # type: ignore[index]


_YEAR_BACK = re.compile(r"(?:about |some )?(?:a|one) year (?:ago|earlier)|last year['’]?s?")


def _reporting_period(period: str, dct: dt.date | None, after: str) -> tuple[str, str | None]:
    """'the quarter' / 'the year' (rule in data/dates_words.json, reporting_periods)."""
    if re.match(r"\s+(?:ended|ending)\b", after) and period in ("Q", "Y"):
        return "DURATION", f"P1{period}"  # "the year ended March 31": a stretch, not a date
    if dct is None:
        return "DATE", None
    if period == "Y":
        return "DATE", str(dct.year)
    if period == "W":
        return "DATE", _week(dct)
    y, mo = _shift_months(dct, -3 if period == "Q" else -15)
    return "DATE", f"{y}-Q{(mo - 1) // 3 + 1}"


def _month_name(doc: Doc, start: int, surface: str) -> bool:
    """'March'/'May' as a month, not the verb: capitalised, mid-sentence, after a date word."""
    span = doc.char_span(start, start + len(surface))
    if span is None or not surface[0].isupper():
        return False
    tok = span[0]
    if tok.is_sent_start:
        return False
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    return prev in (
        "in",
        "since",
        "until",
        "by",
        "last",
        "next",
        "early",
        "late",
        "mid",
        "of",
        "this",
        "from",
        "through",
        "before",
        "after",
        "to",
        "-",
        "during",
    ) or (tok.pos_ == "PROPN" and tok.ent_type_ == "DATE")


_TEMPORAL = re.compile(
    r"\b(?:day|week|month|year|decade|century|quarter|season|time|hour|minute|morning|evening|"
    r"night|afternoon|weekend|spring|summer|autumn|fall|winter|recent|now|ago|yesterday|"
    r"today|tomorrow|\d{4}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)",
    re.I,
)


def _looks_temporal(low: str) -> bool:
    return bool(_TEMPORAL.search(low))


def _kind(ttype: str) -> str:
    return {"DATE": "date", "TIME": "time", "DURATION": "duration", "SET": "set"}[ttype]


def _value(ttype: str, timex: str | None) -> str | None:
    """The DateMention value: the finest YYYY-MM-DD / YYYY-MM / YYYY holding the expression."""
    if timex is None or ttype in ("DURATION", "SET"):
        return None
    m = re.match(r"(\d{4}-\d{2}-\d{2})(?:T.*)?$", timex)
    if m:
        return m.group(1)
    if re.fullmatch(r"\d{4}(?:-\d{2})?", timex):
        return timex
    m = re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", timex)
    if m:
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return _week_value(monday) or None
    m = re.fullmatch(r"(\d{4})-(?:Q\d|SP|SU|FA|H\d)", timex)
    if m:
        return m.group(1)
    return None


def extract_dates(doc: Doc, published: str | None) -> list[DateMention]:
    """Date mentions resolved against `published` (YYYY-MM-DD); unresolvable ones keep None."""
    return [t.mention for t in extract_timexes(doc, published)]


def sentence_of(doc: Doc, start: int) -> Span | None:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span.sent if span is not None else None
