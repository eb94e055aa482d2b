"""Tense, modality and context decide a date's reading; sentences invented for each class.

2031-03-05 is a Wednesday."""

from __future__ import annotations

import pytest

from storyledger.nlp.dates import extract_timexes

WED = "2031-03-05"


def _timex(nlp, text: str, fragment: str, published: str = WED):
    found = [t for t in extract_timexes(nlp(text), published) if fragment in t.mention.text]
    assert len(found) == 1, [t.mention.text for t in extract_timexes(nlp(text), published)]
    return found[0]


@pytest.mark.parametrize(
    "sentence, weekday, value",
    [
        ("Talks could resume as soon as Friday, a mediator said.", "Friday", "2031-03-07"),
        ("The ferry service may restart on Monday.", "Monday", "2031-03-10"),
        ("Officials said the border would reopen on Friday.", "Friday", "2031-03-07"),
        ("The final vote is expected Thursday.", "Thursday", "2031-03-06"),
        ("The port will stay shut until Saturday.", "Saturday", "2031-03-08"),
        # the past stays in the past
        ("The minister said on Friday that the talks had stalled.", "Friday", "2031-02-28"),
        ("The strike could have ended on Monday.", "Monday", "2031-03-03"),
        ("The vote was expected Thursday.", "Thursday", "2031-02-27"),
        ("The roads stayed closed until Saturday.", "Saturday", "2031-03-01"),
    ],
)
def test_the_governing_verb_decides_a_weekday_direction(nlp, sentence, weekday, value):
    assert _timex(nlp, sentence, weekday).mention.value == value


@pytest.mark.parametrize(
    "sentence, fragment, value",
    [
        ("Crews will be back tomorrow morning.", "tomorrow morning", "2031-03-06TMO"),
        ("Two barns burned last night.", "last night", "2031-03-04TNI"),
        ("The council met yesterday.", "yesterday", "2031-03-04"),
    ],
)
def test_relative_days_with_a_part_of_day(nlp, sentence, fragment, value):
    t = _timex(nlp, sentence, fragment)
    assert t.mention.text == fragment and t.timex == value


@pytest.mark.parametrize(
    "sentence, fragment, timex",
    [
        ("The harvest began about a week earlier than usual.", "a week", "P1W"),
        ("The repairs could take between 8 and 14 weeks.", "weeks", "P14W"),
        ("Prices rose for five straight days.", "five straight days", "P5D"),
        ("The firm shrank for two consecutive quarters.", "two consecutive quarters", "P2Q"),
    ],
)
def test_stretches_are_durations(nlp, sentence, fragment, timex):
    t = _timex(nlp, sentence, fragment)
    assert t.type == "DURATION" and t.timex == timex
    assert "earlier" not in t.mention.text


@pytest.mark.parametrize(
    "sentence, fragment, timex",
    [
        ("Sales in the second quarter of this year fell.", "second quarter", "2031-Q2"),
        ("In the third quarter of last year it lost money.", "third quarter", "2030-Q3"),
        ("For the final quarter of 2029 it made a profit.", "final quarter", "2029-Q4"),
    ],
)
def test_quarters_of_a_named_year(nlp, sentence, fragment, timex):
    assert _timex(nlp, sentence, fragment).timex == timex


@pytest.mark.parametrize(
    "sentence, fragment, value",
    [
        # a past clause, but the date is when something takes effect or falls due
        ("The board declared a dividend payable April 20.", "April 20", "2031-04-20"),
        ("The council approved a new fare, effective May 1.", "May 1", "2031-05-01"),
        # without such a word the past clause looks back
        ("The board declared a dividend on April 20.", "April 20", "2030-04-20"),
    ],
)
def test_effective_and_payable_dates_look_ahead(nlp, sentence, fragment, value):
    assert _timex(nlp, sentence, fragment).mention.value == value


def test_a_weekday_with_its_date_is_one_expression(nlp):
    t = _timex(nlp, "The fund lost most on Friday Feb. 21 alone.", "Feb. 21")
    assert (t.mention.text, t.mention.value) == ("Friday Feb. 21", "2031-02-21")


@pytest.mark.parametrize(
    "sentence, fragment",
    [
        ("Rates will stay low in the near term, the bank said.", "the near term"),
        ("Growth could slow in the short term.", "the short term"),
        ("The mill may reopen in the future.", "the future"),
    ],
)
def test_vague_future_references(nlp, sentence, fragment):
    assert _timex(nlp, sentence, fragment).timex == "FUTURE_REF"


def test_last_year_in_results_news_is_the_year(nlp):
    text = "Profit rose 4% in the third quarter. Last year, the group lost money."
    assert _timex(nlp, text, "Last year").timex == "2030"
    # "a year earlier" there is still the quarter a year before
    text = "Sales rose 4% in the third quarter. Profit was flat a year earlier."
    assert _timex(nlp, text, "a year earlier").timex == "2029-Q4"


@pytest.mark.parametrize(
    "sentence, fragment, timex",
    [
        ("The ferry line broke even in the fiscal first quarter.", "first quarter", "2031-Q1"),
        ("The bakery sold less than in the year-ago third quarter.", "third quarter", "2029-Q3"),
        ("Sales fell from the 2029 quarter.", "2029 quarter", "2029-Q4"),
    ],
)
def test_quarters_of_results_news(nlp, sentence, fragment, timex):
    assert _timex(nlp, sentence, fragment).timex == timex


def test_a_range_of_years_is_also_its_stretch(nlp):
    text = "The airline will receive ten jets from 2033 to 2035, a spokesman said."
    found = {t.mention.text: t.timex for t in extract_timexes(nlp(text), WED)}
    assert found["from 2033 to 2035"] == "P2Y"
    assert (found["2033"], found["2035"]) == ("2033", "2035")


def test_over_the_years_is_a_stretch_but_the_years_alone_is_not(nlp):
    t = _timex(nlp, "The recipe changed over the years.", "years")
    assert (t.type, t.timex) == ("DURATION", "PXY")
    assert not extract_timexes(nlp("She recalled the years of war."), WED)


def test_an_unknown_count_of_decades_is_years(nlp):
    assert _timex(nlp, "The dispute lasted decades.", "decades").timex == "PXY"


@pytest.mark.parametrize(
    "sentence, fragment, timex",
    [
        ("The pier should be rebuilt within the next two years or so.", "two years", "P2Y"),
        ("The circus will stay in town for an additional year.", "additional year", "P1Y"),
        ("The festival drew fewer visitors in each of the past three years.", "three years", "P3Y"),
    ],
)
def test_stretches_with_vague_edges(nlp, sentence, fragment, timex):
    t = _timex(nlp, sentence, fragment)
    assert (t.type, t.timex) == ("DURATION", timex)
