"""Dates: seed expectations read off ../shared/seeds; other sentences invented per pattern."""

from __future__ import annotations

import pytest

from storyledger.nlp.dates import extract_dates, extract_timexes, normalise

from ..conftest import shared_path


def _dates(nlp, text: str, published: str | None):
    return extract_dates(nlp(text), published)


def _seed_body(name: str) -> str:
    path = next(shared_path("seeds").glob(f"{name}_*.txt"))
    return path.read_text(encoding="utf-8")


def test_first_seed_resolves_against_its_monday_publication(nlp):
    text = _seed_body("000")
    dates = _dates(nlp, text, "2023-10-16")
    by_start = {d.start: d for d in dates}
    conference = by_start[text.index("Monday press conference")]
    assert (conference.text, conference.value) == ("Monday", "2023-10-16")
    began = by_start[text.index("October 7")]
    assert (began.text, began.value, began.kind) == ("October 7", "2023-10-07", "date")
    in_tehran = by_start[text.index("Monday.", text.index("Tehran"))]
    assert in_tehran.value == "2023-10-16"  # "met ... in Tehran on Monday"
    each_year = by_start[text.index("each year")]
    assert (each_year.kind, each_year.value) == ("set", None)
    for d in dates:
        assert text[d.start : d.end] == d.text


def test_later_seed_without_a_date_resolves_nothing(nlp):
    text = _seed_body("004")
    dates = _dates(nlp, text, None)
    texts = [d.text for d in dates]
    assert "Thursday" in texts and "October 7" in texts
    assert all(d.value is None for d in dates)
    assert not any("so far" in t for t in texts)


@pytest.mark.parametrize(
    ("sentence", "fragment", "value"),
    [
        # published 2023-10-16, a Monday
        ("The minister spoke on Monday.", "Monday", "2023-10-16"),
        ("The minister spoke last Tuesday.", "last Tuesday", "2023-10-10"),
        ("The minister spoke on Thursday.", "Thursday", "2023-10-12"),
        ("The minister will speak on Thursday.", "Thursday", "2023-10-19"),
        ("The minister will speak next Monday.", "next Monday", "2023-10-23"),
        ("The ferry sank two days ago.", "two days ago", "2023-10-14"),
        ("The ferry sank yesterday.", "yesterday", "2023-10-15"),
        ("Prices rose earlier this month.", "earlier this month", "2023-10"),
        ("Prices rose last year.", "last year", "2022"),
        ("Prices rose last month.", "last month", "2023-09"),
        ("The law was passed in March.", "March", "2023-03"),
        ("The talks collapsed on December 20.", "December 20", "2022-12-20"),
        ("The talks will resume on December 3.", "December 3", "2023-12-03"),
        ("The siege began on 7 October 2023.", "7 October 2023", "2023-10-07"),
        ("The siege began on Oct 16, 2023.", "Oct 16, 2023", "2023-10-16"),
        ("The siege began in May 2021.", "May 2021", "2021-05"),
        ("The siege began in 2019.", "2019", "2019"),
        ("She warned the counsel in January that he lied.", "January", "2023-01"),
    ],
)
def test_resolution_against_the_publication_date(nlp, sentence, fragment, value):
    found = [d for d in _dates(nlp, sentence, "2023-10-16") if d.text == fragment]
    assert found, [d.text for d in _dates(nlp, sentence, "2023-10-16")]
    assert found[0].value == value


def test_without_publication_date_relative_dates_stay_unknown(nlp):
    dates = _dates(nlp, "The ferry sank yesterday and the inquiry opens on March 4.", None)
    assert [(d.text, d.value) for d in dates] == [("yesterday", None), ("March 4", None)]
    full = _dates(nlp, "The ferry sank on 4 March 2020.", None)
    assert [(d.text, d.value) for d in full] == [("4 March 2020", "2020-03-04")]


@pytest.mark.parametrize(
    ("sentence", "fragment", "kind", "timex"),
    [
        ("The war has lasted three years.", "three years", "duration", "P3Y"),
        ("The strike lasted 10 days.", "10 days", "duration", "P10D"),
        ("Talks went on for several weeks.", "several weeks", "duration", "PXW"),
        ("The board meets every month.", "every month", "set", "P1M"),
        ("The festival is held annually.", "annually", "set", "XXXX"),
    ],
)
def test_durations_and_sets_have_no_calendar_value(nlp, sentence, fragment, kind, timex):
    found = [t for t in extract_timexes(nlp(sentence), "2023-10-16") if t.mention.text == fragment]
    assert found, [t.mention.text for t in extract_timexes(nlp(sentence), "2023-10-16")]
    assert (found[0].mention.kind, found[0].mention.value, found[0].timex) == (kind, None, timex)


@pytest.mark.parametrize(
    "sentence",
    [
        "Hamas receives around $100m from Iran each year.",
        "The court may rule against the ban.",
        "Protesters march on the capital every week.",
        "No casualties have been reported so far.",
    ],
)
def test_false_hits_are_not_dates(nlp, sentence):
    bad = {"may", "march", "so far", "$100m", "100m from"}
    texts = [d.text.lower() for d in _dates(nlp, sentence, "2023-10-16")]
    assert not bad & set(texts), texts


def test_last_week_keeps_the_month_it_falls_in():
    assert normalise("last week", __import__("datetime").date(2023, 10, 16)) == ("DATE", "2023-W41")
    d = _value_of("last week", "2023-10-16")
    assert d == "2023-10"  # 9-15 October


def _value_of(text: str, published: str) -> str | None:
    import datetime as dt

    from storyledger.nlp.dates import value_of

    ttype, timex = normalise(text, dt.date.fromisoformat(published))
    return value_of(ttype, timex)


def test_year_ranges_are_two_years_and_count_ranges_no_dates(nlp):
    dates = _dates(nlp, "The plan runs from 2009 to 2011.", "2010-01-01")
    assert [(d.text, d.value, d.kind, d.timex) for d in dates] == [
        ("from 2009 to 2011", None, "duration", "P2Y"),  # the stretch, as MEANTIME marks it
        ("2009", "2009", "date", None),
        ("2011", "2011", "date", None),
    ]
    assert _dates(nlp, "Between 1000 and 2000 people marched.", "2010-01-01") == []


def _timex(nlp, text: str, fragment: str, published: str = "1999-11-02"):
    found = [t for t in extract_timexes(nlp(text), published) if fragment in t.mention.text]
    assert len(found) == 1, [t.mention.text for t in extract_timexes(nlp(text), published)]
    return found[0]


def test_dates_carry_their_timex_where_value_cannot(nlp):
    found = {
        d.text: d
        for d in _dates(nlp, "Talks lasted three years and ended last week.", "2023-10-16")
    }
    assert (found["three years"].value, found["three years"].timex) == (None, "P3Y")
    assert (found["last week"].value, found["last week"].timex) == ("2023-10", "2023-W41")


@pytest.mark.parametrize(
    ("sentence", "fragment", "timex"),
    [
        ("Profit rose 5% in the quarter.", "the quarter", "1999-Q3"),
        ("Sales fell for the year.", "the year", "1999"),
        ("Net income for the year ended March 31 rose.", "the year", "P1Y"),
        ("Profit beat the year-earlier quarter.", "year-earlier", "1998-Q3"),
        ("Profit in the quarter rose from a year ago.", "a year ago", "1998-Q3"),
        ("The launch came at 08:30 UTC.", "08:30 UTC", "1999-11-02T08:30Z"),
        ("It took an hour and a half.", "an hour and a half", "PT1H30M"),
        ("It is almost two and a half years late.", "two and a half years", "P2Y6M"),
        ("The date was 7/8/97.", "7/8/97", "1997-07-08"),
        ("It will last at least 30 days.", "at least 30 days", "P30D"),
        ("Sales in the third quarter of 1984 fell.", "the third quarter of 1984", "1984-Q3"),
        ("It beat the 1988 third quarter.", "the 1988 third quarter", "1988-Q3"),
        ("Profit rose earlier in the year.", "earlier in the year", "1999"),
        ("Sales fell during the summer.", "the summer", "1999-SU"),
    ],
)
def test_news_timex_conventions(nlp, sentence, fragment, timex):
    assert _timex(nlp, sentence, fragment).timex == timex


def test_an_infinitive_after_a_present_verb_looks_ahead(nlp):
    # published on a Tuesday: "is set to begin on Wednesday" is the next day
    found = _timex(nlp, "The trial is set to begin on Wednesday.", "Wednesday", "2006-03-28")
    assert found.timex == "2006-03-29"


def test_now_in_a_compound_adjective_is_no_date(nlp):
    assert not extract_timexes(nlp("They ended the now-cancelled deal."), "1999-11-02")


def test_a_clock_time_takes_the_day_named_before_it(nlp):
    text = "The jet made its first flight Tuesday in Everett at 18:00 UTC."
    assert _timex(nlp, text, "18:00", "2009-12-16").timex == "2009-12-15T18:00Z"
    alone = _timex(nlp, "The jet landed at 18:00 UTC.", "18:00", "2009-12-16")
    assert alone.timex == "2009-12-16T18:00Z"
