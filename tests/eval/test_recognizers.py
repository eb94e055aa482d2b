"""Recognizers-Text scorer: the interval mapping and the case check on invented cases."""

from __future__ import annotations

import pytest

from storyledger.eval import recognizers
from storyledger.eval.recognizers import _same, number_cases, range_cases, unit_cases

from ..conftest import shared_path


def _case(text: str, results: list[tuple[str, str, dict]]) -> dict:
    return {
        "Input": text,
        "Results": [{"Text": t, "TypeName": kind, "Resolution": res} for t, kind, res in results],
    }


def test_same_is_an_order_free_match_with_tolerance():
    assert _same([("a", 1.0), ("b", 2.0)], [("b", 2.0000000001), ("a", 1.0)])
    assert not _same([("a", 1.0)], [("a", 1.0), ("b", 2.0)])
    assert not _same([("a", 1.5)], [("a", 1.0)])


def test_number_case(nlp):
    check = number_cases(nlp)
    case = _case(
        "We counted two dozen geese and 1,500 ducks.",
        [("two dozen", "number", {"value": "24"}), ("1,500", "number", {"value": "1500"})],
    )
    assert check(case)
    assert not check(_case("We counted two dozen geese.", []))


@pytest.mark.parametrize(
    ("text", "span", "interval"),
    [
        ("The crowd was more than 500 strong.", "more than 500", "(500,)"),
        ("The crowd was at least 500 strong.", "at least 500", "[500,)"),
        ("The crowd was fewer than 500 strong.", "fewer than 500", "(,500)"),
        ("The crowd was up to 500 strong.", "up to 500", "(,500]"),
        ("The crowd was between 300 and 500 strong.", "between 300 and 500", "[300,500)"),
    ],
)
def test_range_mapping(nlp, text, span, interval):
    assert range_cases(nlp)(_case(text, [(span, "numberrange", {"value": interval})]))


def test_currency_case(nlp):
    check = unit_cases(nlp, recognizers.CURRENCY_NAMES, True)
    case = _case(
        "The club paid $ 75 million for the land.",
        [("$ 75 million", "currency", {"value": "75000000", "unit": "Dollar"})],
    )
    assert check(case)


@pytest.mark.slow
def test_suite_metrics():
    shared = shared_path("eval", "recognizers-text-specs").parent.parent
    names = {m.name for m in recognizers.run(shared)}
    assert {
        "number_pass_rate",
        "number_range_pass_rate",
        "currency_pass_rate",
        "dimension_pass_rate",
    } <= names


def test_number_case_leaves_measures_to_the_unit_models(nlp):
    check = number_cases(nlp)
    assert check(_case("Pour the 180.25ml sample into the 29km pipe.", []))


def test_unit_cases_score_only_their_own_model(nlp):
    dimension = unit_cases(nlp, recognizers.DIMENSION_NAMES, False)
    assert dimension(_case("It cost 1.8M dollars.", []))
    currency = unit_cases(nlp, recognizers.CURRENCY_NAMES, True)
    assert currency(_case("The plank is 10 feet long.", []))
    case = _case(
        "It sold for on the order of 20 billion francs.",
        [("20 billion francs", "currency", {"value": "20000000000", "unit": "Franc"})],
    )
    assert currency(case)  # the hedge storyledger keeps is not part of the span
