"""Date mentions of a Doc: each candidate span filtered, read in its clause's tense, and
resolved against the publication date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from storyledger.model import DateMention
from storyledger.nlp.dates.calendar import kind, value_of
from storyledger.nlp.dates.context import comparison_core, forward_cue, is_comparison, tense
from storyledger.nlp.dates.normalise import in_partial_anchor, normalise, reporting_period
from storyledger.nlp.dates.patterns import rx, words
from storyledger.nlp.dates.spans import candidates
from storyledger.published import parse_published


@dataclass
class Timex:
    """A found expression with its TIMEX3-style value (None when unresolvable)."""

    mention: DateMention
    timex: str | None
    type: str  # DATE | TIME | DURATION | SET


def extract_timexes(doc: Doc, published: str | None) -> list[Timex]:
    """Every date/time expression with its DateMention and its TIMEX3 type and value."""
    anchor = parse_published(published)  # "2023-11-22", or only "2023-11" or "2023"
    dct = anchor.date if anchor else None
    text = doc.text
    w = words()
    not_dates = set(w["not_dates"])
    out: list[Timex] = []
    for s, e in candidates(doc):
        surface = text[s:e]
        low = surface.lower()
        if low in w["verb_months"]:
            if not _month_name(doc, s, surface):
                continue
        elif (low in not_dates and not _date_after(low, text[:s])) or rx("age").search(
            text[s : min(len(text), e + 8)]
        ):
            continue
        if text[e : e + 1] == "-" and low in w["present"]:
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
            and rx("number_list").fullmatch(surface)
            and any(not (len(x) == 4 and 1500 <= int(x) <= 2100) for x in numbers)
        ):
            continue  # "1000 and 2000": counts, not years
        clause = forward_cue(text, s, tense(doc, s, e))
        if is_comparison(surface, text[e : e + 8]):
            surface = comparison_core(surface)  # "a month earlier than usual": a stretch
            e = s + len(surface)
        bare = rx("possessive_end").sub("", rx("period_lead").sub("", low))
        period = w["reporting_periods"].get(bare)  # "the latest quarter's sales"
        if period:
            ttype, timex = reporting_period(period, dct, text[e : e + 10])
        else:
            ttype, timex = normalise(surface, dct, clause)
            if timex is None and anchor is not None and dct is None:
                timex = in_partial_anchor(surface, anchor, clause) or timex
            if (
                dct is not None
                and rx("year_back").fullmatch(low)
                and rx("quarter_word").search(text[max(0, s - w["quarter_context_chars"]) : e])
            ):
                # results news: "a year ago" is the quarter being reported, a year before
                ttype, timex = reporting_period("Q-1", dct, "")
        if timex is None and ttype == "DATE" and not rx("temporal").search(low):
            continue
        if ttype == "TIME" and timex and dct and rx("bare_clock").fullmatch(low):
            day = _day_in_sentence(doc, s, out)
            if day:  # "flew Tuesday ... at 18:00 UTC": the clock is on that day
                timex = day + timex[10:]
        value = value_of(ttype, timex)
        mention = DateMention(
            surface, value, s, e, kind(ttype), timex=timex if timex != value else None
        )
        out.append(Timex(mention, timex, ttype))
    return _with_year_spans(text, out)


def _with_year_spans(text: str, found: list[Timex]) -> list[Timex]:
    """'from 2033 to 2035' is also the stretch it spans (P2Y), as MEANTIME annotates it,
    listed before its two years; only when both years were found as dates."""
    years = {(t.mention.start, t.mention.end) for t in found if t.type == "DATE"}
    spans = []
    for m in rx("year_span").finditer(text):
        first = 1 if m.group(1) else 2
        ends = [(m.start(first), m.end(first)), (m.start(3), m.end(3))]
        gap = int(m.group(3)) - int(m.group(first))
        if gap > 0 and all(x in years for x in ends):
            mention = DateMention(m.group(), None, m.start(), m.end(), "duration", f"P{gap}Y")
            spans.append(Timex(mention, f"P{gap}Y", "DURATION"))
    if not spans:
        return found
    return sorted(found + spans, key=lambda t: t.mention.start)


def extract_dates(doc: Doc, published: str | None) -> list[DateMention]:
    """Date mentions resolved against `published` (YYYY-MM-DD); unresolvable ones keep None."""
    return [t.mention for t in extract_timexes(doc, published)]


def sentence_of(doc: Doc, start: int) -> Span | None:
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span.sent if span is not None else None


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


def _date_after(low: str, before: str) -> bool:
    """'the years' is no date, but 'over the years' is a stretch."""
    words_before = words()["not_dates_unless_after"].get(low)
    last = re.search(r"(\w+)\s*$", before)
    return bool(words_before and last and last.group(1).lower() in words_before)


def _month_name(doc: Doc, start: int, surface: str) -> bool:
    """'March'/'May' as a month, not the verb: capitalised, mid-sentence, after a date word."""
    span = doc.char_span(start, start + len(surface))
    if span is None or not surface[0].isupper():
        return False
    tok = span[0]
    if tok.is_sent_start:
        return False
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    return prev in words()["month_lead_words"] or (tok.pos_ == "PROPN" and tok.ent_type_ == "DATE")
