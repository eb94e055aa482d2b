"""Number forms news and the Recognizers-Text specs write: sentences invented for each form."""

from __future__ import annotations

import pytest

from storyledger.nlp.numbers import find_numbers, parse_words


def _values(nlp, text: str) -> list[tuple[str, float]]:
    doc = nlp.make_doc(text)
    return [(doc[r.start : r.end].text, r.value) for r in find_numbers(doc)]


@pytest.mark.parametrize(
    "text, value",
    [
        ("half a dozen", 6),
        ("two dozen", 24),
        ("three hundred and two dozen", 324),
        ("a dozen", 12),
        ("4 dzs", 48),
    ],
)
def test_dozens(text, value):
    assert parse_words(text) == pytest.approx(value)


def test_half_a_dozen_in_a_sentence_with_extra_spaces(nlp):
    assert _values(nlp, "The crew found half a  dozen crates.") == [("half a  dozen", 6.0)]


def test_thousands_grouped_with_spaces_and_lakh_grouping(nlp):
    assert _values(nlp, "The census counted 2 345 678 residents.") == [("2 345 678", 2345678.0)]
    assert _values(nlp, "Turnout was 3\u202f210\u202f456.5 votes.")[0][1] == 3210456.5
    assert _values(nlp, "The fund holds 45,67,890 rupees.") == [("45,67,890", 4567890.0)]


def test_words_joined_by_and_across_double_spaces(nlp):
    assert _values(nlp, "Four hundred  and  twelve boats") == [("Four hundred  and  twelve", 412)]


def test_signed_fraction_and_mm_scale(nlp):
    assert _values(nlp, "The gauge read -3/4 today.") == [("-3/4", -0.75)]
    assert _values(nlp, "Revenue was 7MM last year.") == [("7MM", 7000000.0)]


def test_scaled_and_tilde_ranges_in_one_token(nlp):
    doc = nlp.make_doc("Budgets run 3k-15k and crowds 40~90.")
    runs = [(r.low, r.value) for r in find_numbers(doc)]
    assert runs == [(3000.0, 15000.0), (40.0, 90.0)]


def test_a_hedged_half_is_a_share_but_half_an_hour_is_not(nlp):
    assert _values(nlp, "More than half the ferries stayed in port.") == [("half", 0.5)]
    assert _values(nlp, "They waited more than half an hour.") == []


def test_two_hundreds_joined_by_and_are_two_numbers_but_a_hundred_scale_goes_on(nlp):
    assert _values(nlp, "Between two hundred and three hundred pilgrims camped.") == [
        ("two hundred", 200.0),
        ("three hundred", 300.0),
    ]
    assert _values(nlp, "Between one thousand and two thousand kites flew.") == [
        ("one thousand", 1000.0),
        ("two thousand", 2000.0),
    ]
    assert _values(nlp, "It held two hundred and two thousand seeds.") == [
        ("two hundred and two thousand", 202000.0)
    ]
    assert _values(nlp, "Nineteen hundred and eighty-four lanterns.") == [
        ("Nineteen hundred and eighty-four", 1984.0)
    ]


def test_a_spelled_decimal_takes_its_scale(nlp):
    assert _values(nlp, "About one point five million tickets sold.") == [
        ("one point five million", 1.5e6)
    ]


def test_a_minus_sign_and_a_half_dozen(nlp):
    assert _values(nlp, "The pond froze at \u22125 overnight.") == [("\u22125", -5.0)]
    assert _values(nlp, "A half dozen herons nested.") == [("A half dozen", 6.0)]


def test_a_spaced_capital_scale_letter_scales_but_a_spaced_small_m_is_metres(nlp):
    assert _values(nlp, "The lottery drew 1,674,200.5 M entries.") == [
        ("1,674,200.5 M", 1674200500000.0)
    ]
    assert _values(nlp, "The wall is 5 m high.") == [("5", 5.0)]


@pytest.mark.parametrize(
    "text, value",
    [
        ("one hundred thirty fifths", 100 / 35),  # a compound ordinal: thirty-fifths
        ("twenty twenty fifths", 20 / 25),
        ("one one hundred fifth", 1 / 105),
        ("a hundred thousand trillionths", 1e-7),
        ("three fifths", 0.6),  # the simple forms read as before
        ("two hundred thousandths", 0.2),
        ("three twenty-firsts", 3 / 21),
    ],
)
def test_fractions_with_compound_ordinal_denominators(text, value):
    assert parse_words(text) == pytest.approx(value)


def test_a_compound_fraction_in_a_sentence_and_a_spaced_hyphen(nlp):
    assert _values(nlp, "The share was twenty twenty fifths.") == [("twenty twenty fifths", 0.8)]
    assert _values(nlp, "It came to minus ninety - five hundred fifths.") == [
        ("minus ninety - five hundred fifths", -1900.0)
    ]
