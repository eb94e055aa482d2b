"""The one definition of a publication date: any common form read at the precision it states.

Every reader, the web app, Spark, grouping, comparison and the date resolver call this module,
so "2023-11" means the same month everywhere and is never padded to a made-up day.

Accepted: ISO dates and datetimes (with or without a zone), `YYYY-MM`, `YYYY`, RFC 2822
("Wed, 22 Nov 2023 10:00:00 GMT"), written dates ("November 22, 2023", "22 Nov 2023",
"Nov. 22, 2023"), epoch seconds and milliseconds, GDELT's 14-digit `YYYYMMDDhhmmss` stamps and
`YYYYMMDD`. The parsing is python-dateutil's (strict: no fuzzy matching, the year must be
written, a day/month order that reads two ways is refused). A datetime keeps the day as its
own zone states it; epoch numbers are UTC.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]
FIRST_YEAR, LAST_YEAR = 1800, 2200  # a publication date outside this is a misread number
_SENTINELS = (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2))  # no field equal in both


@dataclass(frozen=True)
class Published:
    """A publication date at the precision its source gives: "2023-11-22", "2023-11", "2023"."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> Precision:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def value(self) -> str:
        if self.day and self.month:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last(self) -> dt.date:
        if self.day:
            return self.first
        if self.month:
            following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(self.year, 12, 31)

    @property
    def date(self) -> dt.date | None:
        """The day, only when the day is known."""
        return self.first if self.day else None


def parse_published(value: object) -> Published | None:
    """The publication date `value` states, or None when it states none that can be read."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime | dt.date):
        return _checked(value.year, value.month, value.day)
    if isinstance(value, int | float):
        return _epoch(float(value))
    return _parse_text(str(value).strip())


@functools.lru_cache(maxsize=65536)
def _parse_text(text: str) -> Published | None:
    if not text or len(text) > 100:
        return None
    if text.isdigit():
        return _digits(text)
    try:
        stamp = dt.datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
        return _checked(stamp.year, stamp.month, stamp.day)
    except ValueError:
        pass
    try:
        month = dt.datetime.strptime(text, "%Y-%m")
        return _checked(month.year, month.month, None)
    except ValueError:
        pass
    return _dateutil(text)


def normalise_published(value: object) -> str | None:
    """`parse_published(value).value`: "YYYY-MM-DD", "YYYY-MM", "YYYY" or None."""
    found = parse_published(value)
    return found.value if found else None


def published_day(value: str | None) -> dt.date | None:
    """The day of a stored publication date, only when it is known to the day."""
    found = parse_published(value) if value else None
    return found.date if found else None


def compare_published(a: str | None, b: str | None) -> int | None:
    """-1 if `a` is certainly earlier, 1 if certainly later, 0 the same day; None if unknown.

    A month or year overlapping the other date orders nothing: "2023-11" may be the 22nd.
    """
    pa, pb = parse_published(a), parse_published(b)
    if pa is None or pb is None:
        return None
    if pa.last < pb.first:
        return -1
    if pb.last < pa.first:
        return 1
    if pa.date is not None and pa.date == pb.date:
        return 0
    return None


def _checked(year: int, month: int | None, day: int | None) -> Published | None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return Published(year, month, day)


def _epoch(seconds: float) -> Published | None:
    if seconds != seconds or abs(seconds) > 1e15:  # NaN, or beyond any calendar
        return None
    if abs(seconds) >= 1e11:  # milliseconds: 1e11 s is the year 5138
        seconds /= 1000
    try:
        stamp = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return _checked(stamp.year, stamp.month, stamp.day)


def _digits(text: str) -> Published | None:
    """GDELT stamps, YYYYMMDD, a bare year, or epoch seconds/milliseconds."""
    for width, fmt in ((14, "%Y%m%d%H%M%S"), (8, "%Y%m%d")):
        if len(text) == width:
            try:
                stamp = dt.datetime.strptime(text, fmt)
            except ValueError:
                return None
            return _checked(stamp.year, stamp.month, stamp.day)
    if len(text) == 4:
        return _checked(int(text), None, None)
    if len(text) in (9, 10, 12, 13):
        return _epoch(float(text))
    return None


def _dateutil(text: str) -> Published | None:
    """Written dates through dateutil; which fields were written is read off two defaults."""
    from dateutil import parser

    readings = []
    for dayfirst in (False, True):
        stamps = []
        for default in _SENTINELS:
            try:
                stamps.append(parser.parse(text, default=default, dayfirst=dayfirst, ignoretz=True))
            except (ValueError, OverflowError, TypeError, parser.ParserError):
                return None
        a, b = stamps
        if a.year != b.year:
            return None  # no year written: not a publication date
        month = a.month if a.month == b.month else None
        day = a.day if a.day == b.day and month else None
        readings.append((a.year, month, day))
    if readings[0] != readings[1]:
        return None  # "03/04/2023" reads two ways
    return _checked(*readings[0])
