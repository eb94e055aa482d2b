"""Date and time expressions resolved against the publication date; never guessed.

Spans come from spaCy's DATE/TIME entities plus the regexes in data/dates_patterns.json
(spans.py); each span is read in its clause's tense (context.py) and normalised by rules
(normalise.py with durations.py and periods.py; calendar maths in calendar.py; every English
word and phrase shape in data/dates_*.json, read by patterns.py). dateparser only reads
explicit dates the rules cannot.

Resolution rules (all need the publication date `published`; without it relative and
year-less expressions resolve to None):
- A weekday with no tense cue, or in a past/present-tense clause, is the most recent such day
  on or before publication ("on Monday" in a Monday article is that Monday). With a future cue
  ("will", "next") it is the next such day on or after publication; "last"/"next" are strict.
- A month-day or month without a year: in a past-tense clause it is the latest such date on
  or before publication, except that a date up to `soon_days` (45) ahead stays in the
  publication year ("the offer was extended to Nov. 16"); in a future-tense clause it is the
  first such date on or after publication (a week of slack); with no tense cue it is the
  nearest one, dates ahead counting double (news looks back more often than forward).
- "last/this/next week|month|year|quarter|season", "N days/months/years ago" count from the
  publication date. `value` is the finest calendar period the format can hold (YYYY-MM-DD,
  YYYY-MM, YYYY) that contains the expression: "last week" is YYYY-MM when the week lies in
  one month, otherwise YYYY.
- Durations ("three years"), sets ("each year") and vague references ("now", "the past") get
  value None; their ISO/TIMEX3 value is available through `extract_timexes`.
"""

from __future__ import annotations

from storyledger.nlp.dates.calendar import value_of
from storyledger.nlp.dates.extract import Timex, extract_dates, extract_timexes, sentence_of
from storyledger.nlp.dates.normalise import normalise

__all__ = ["Timex", "extract_dates", "extract_timexes", "normalise", "sentence_of", "value_of"]
