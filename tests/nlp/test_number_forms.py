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
