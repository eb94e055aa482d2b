"""The one reading of a publication date: every common form, at the precision it states."""

from __future__ import annotations

import datetime as dt

import pytest

from storyledger.published import compare_published, normalise_published, parse_published


@pytest.mark.parametrize(
    ("given", "value"),
    [
        ("2023-11-22", "2023-11-22"),
        ("2023-11-22T23:30:00-05:00", "2023-11-22"),  # the day as its own zone states it
        ("2023-11-22T10:00:00Z", "2023-11-22"),
        ("2023-11-22 10:00:00", "2023-11-22"),
        ("2023-11", "2023-11"),
        ("2023", "2023"),
        ("Wed, 22 Nov 2023 10:00:00 GMT", "2023-11-22"),
        ("Wed, 22 Nov 2023 10:00:00 +0100", "2023-11-22"),
        ("November 22, 2023", "2023-11-22"),
        ("22 Nov 2023", "2023-11-22"),
        ("Nov. 22, 2023", "2023-11-22"),
        ("November 2023", "2023-11"),
        ("1700647200", "2023-11-22"),  # epoch seconds (UTC)
        ("1700647200000", "2023-11-22"),  # epoch milliseconds
        (1700647200, "2023-11-22"),
        ("20231122103000", "2023-11-22"),  # GDELT
        ("20231122", "2023-11-22"),
        ("22/11/2023", "2023-11-22"),  # only one reading
        (dt.datetime(2023, 11, 22, 10), "2023-11-22"),
        (dt.date(2023, 11, 22), "2023-11-22"),
    ],
)
def test_common_forms(given, value):
    assert normalise_published(given) == value


@pytest.mark.parametrize(
    "given",
    ["", "soon", "last week", "Friday", "Nov 22", "03/04/2023", "2023-13-01", "2023-02-30",
     "12", "0", True, None, [2023], "9999", float("nan"), "1" * 40],
)  # fmt: skip
def test_what_is_not_a_publication_date(given):
    assert parse_published(given) is None


def test_precision_and_span():
    month = parse_published("2024-02")
    assert (month.precision, month.first, month.last) == (
        "month",
        dt.date(2024, 2, 1),
        dt.date(2024, 2, 29),
    )
    assert month.date is None
    year = parse_published("2023")
    assert (year.precision, year.last) == ("year", dt.date(2023, 12, 31))


def test_order_is_known_only_where_the_spans_do_not_overlap():
    assert compare_published("2023-10", "2023-11-22") == -1
    assert compare_published("2023-11-22", "2023") is None
    assert compare_published("2023-11", "2023-11-22") is None
    assert compare_published("2023-11-22", "2023-11-22T18:00:00Z") == 0
    assert compare_published("2024", "2023-12-31") == 1
    assert compare_published(None, "2023") is None
