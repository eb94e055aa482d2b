"""Relative dates under a publication date known only to the month or the year."""

from __future__ import annotations

import pytest

from storyledger.nlp.dates import extract_dates

SENTENCE = (
    "The council said on Friday that the vote held on November 22 would be repeated, "
    "and the mayor said yesterday that the result would stand."
)


def _values(nlp, published: str | None) -> dict[str, str | None]:
    return {d.text: d.value for d in extract_dates(nlp(SENTENCE), published)}


@pytest.mark.parametrize("published", ["2023-11", "2023"])
def test_a_month_and_day_take_the_year_a_partial_date_makes_certain(nlp, published):
    values = _values(nlp, published)
    assert values["November 22"] == "2023-11-22"
    assert values["Friday"] is None and values["yesterday"] is None


def test_a_full_date_still_resolves_days(nlp):
    values = _values(nlp, "2023-11-24")
    assert values["November 22"] == "2023-11-22"
    assert values["Friday"] == "2023-11-24" and values["yesterday"] == "2023-11-23"


def test_month_precision_settles_the_year_across_new_year(nlp):
    doc = nlp("The plant shut on December 28, the company said.")
    (date,) = extract_dates(doc, "2024-01")
    assert date.value == "2023-12-28"
