"""The English vocabulary of the date rules, read from nlp/data through nlp/datafiles.py.

dates_words.json holds word tables, dates_context.json the tense cues, dates_rules.json the
phrase shapes (regexes with %MONTH%-style slots) and dates_patterns.json the regexes that find
spans spaCy misses. Each compiled form is built once (cached), never kept in a module global.
"""

from __future__ import annotations

import functools
import re

from storyledger.nlp.datafiles import data_json


def words() -> dict:
    """Word tables: months, weekdays, units, relative steps (data/dates_words.json)."""
    return data_json("dates_words.json")


def context() -> dict:
    """Tense and context cues (data/dates_context.json)."""
    return data_json("dates_context.json")


def _rules() -> dict:
    return data_json("dates_rules.json")


def _longest_first(names) -> str:
    return "|".join(sorted(names, key=len, reverse=True))


@functools.cache
def _slots() -> dict[str, str]:
    """The capturing alternations the %SLOT% markers of dates_rules.json expand to."""
    w, r = words(), _rules()
    return {
        "%MONTH%": "(" + _longest_first(w["months"]) + r")\.?",
        "%WEEKDAY%": "(" + _longest_first(w["weekdays"]) + r")\.?",
        "%NUM%": "(" + "|".join(r["counts"]) + ")",
        "%UNIT%": "(" + "|".join(r["units"]) + ")",
        "%PART%": "(" + "|".join(r["parts"]) + ")",
    }


def expand(pattern: str) -> str:
    """A dates_rules.json pattern with its %SLOT% markers filled in."""
    for slot, alternation in _slots().items():
        pattern = pattern.replace(slot, alternation)
    return pattern


@functools.cache
def slot(name: str) -> re.Pattern[str]:
    """One slot alone ('MONTH', 'WEEKDAY', 'NUM', 'UNIT', 'PART'), compiled."""
    return re.compile(_slots()[f"%{name}%"])


@functools.cache
def rx(name: str) -> re.Pattern[str]:
    """The phrase shape `name` of dates_rules.json, compiled."""
    flags = re.I if name in _rules()["ignore_case"] else 0
    return re.compile(expand(_rules()["regex"][name]), flags)


@functools.cache
def duration_hedge() -> re.Pattern[str]:
    """One leading hedge of a duration: 'nearly', 'the past', 'at least'."""
    return re.compile(r"^(?:" + "|".join(_rules()["duration_hedges"]) + r")\s+")


@functools.cache
def trim_words() -> re.Pattern[str]:
    """Leading prepositions a span drops ('on Monday'); 'at least 30 days' keeps its hedge."""
    names = sorted(words()["trim_before"], key=len, reverse=True)
    alternation = "|".join(re.escape(x) for x in names)
    return re.compile(r"^(?:" + alternation + r")\s+" + _rules()["regex"]["trim_keep"], re.I)


@functools.cache
def candidate_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(case-insensitive, case-sensitive) alternations of data/dates_patterns.json."""
    data = data_json("dates_patterns.json")
    return (
        re.compile("|".join(f"(?:{p})" for p in data["ignore_case"]), re.I),
        re.compile("|".join(f"(?:{p})" for p in data["match_case"])),
    )
