"""Where the date expressions of a Doc are: spaCy's DATE/TIME entities plus the regexes of
data/dates_patterns.json, merged, trimmed of prepositions and split into one expression each."""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from storyledger.nlp.dates.normalise import normalise
from storyledger.nlp.dates.patterns import candidate_patterns, rx, slot, trim_words

_END_PUNCT = " ,.;:!?)\"'”’-–—"
_START_PUNCT = " (\"'“‘,"


def candidates(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) character spans of the date expressions in doc, in order."""
    text = doc.text
    spans: list[tuple[int, int]] = []
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            spans.append((ent.start_char, ent.end_char))
    for pattern in candidate_patterns():
        for m in pattern.finditer(text):
            spans.append((m.start(), m.end()))
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    # "noon Thursday", "5 p.m. EST Nov. 9": a clock time next to its day is one expression;
    # so is a weekday next to its date ("Friday Feb. 21")
    clock = rx("clock")
    joined: list[list[int]] = []
    for s, e in merged:
        if (
            joined
            and re.fullmatch(r"[ ,]{1,2}", text[joined[-1][1] : s])
            and (
                clock.search(text[joined[-1][0] : joined[-1][1]])
                or clock.search(text[s:e])
                or _weekday_and_date(text[joined[-1][0] : joined[-1][1]], text[s:e])
            )
        ):
            joined[-1][1] = e
        else:
            joined.append([s, e])
    out = []
    for s, e in joined:
        s, e = trim(text, s, e)
        if e > s:
            out.extend(split(text, s, e))
    return out


def _weekday_and_date(left: str, right: str) -> bool:
    return bool(slot("WEEKDAY").fullmatch(left.lower()) and rx("month_day").match(right.lower()))


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading prepositions and trailing punctuation: 'on Monday,' -> 'Monday'."""
    lead = trim_words()
    changed = True
    while changed and start < end:
        changed = False
        m = lead.match(text[start:end])
        if m and m.end() < end - start:
            start += m.end()
            changed = True
    while (
        end > start
        and text[end - 1] in _END_PUNCT
        and not (text[end - 1] == "." and rx("abbreviation_end").search(text[start:end]))
    ):
        end -= 1
    while start < end and text[start] in _START_PUNCT:
        start += 1
    tail = rx("trailing_word").search(text, start, end)
    if tail and tail.start() > start:
        return trim(text, start, tail.start())
    return start, end


def split(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """'2009-2010', 'Monday and Tuesday', 'from March to May': one expression per part."""
    chunk = text[s:e]
    lead = rx("split_lead").match(chunk)
    if lead:
        return split(text, s + lead.end(), e)
    if re.fullmatch(r"((?:1[5-9]|20)\d\d)[-–/](\d\d)", chunk):
        return [(s, s + 4), (s + 5, e)]
    cut = rx("split_cut").search(chunk)
    if cut and " of " in (cut.group("of") or "") and _standalone(chunk):
        cut = None  # "the third quarter of 1984" is one expression
    if cut:
        return [(s, s + cut.start()), (s + cut.end(), e)]
    m = rx("split_pair").fullmatch(chunk)
    if (
        m
        and re.search(r"\d{4}|[A-Za-z]{3}", m.group(1))
        and not re.fullmatch(r"\d{1,2}", m.group(1))
    ):
        left, right = m.group(1), m.group(3)
        if _standalone(left) and _standalone(right):
            a = (s, s + len(left))
            b = (e - len(right), e)
            return [trim(text, *a), trim(text, *b)]
    return [(s, e)]


def _standalone(part: str) -> bool:
    """Whether a part reads as a date on its own (against a neutral mid-year day)."""
    return normalise(part, dt.date(2000, 6, 15))[1] is not None
