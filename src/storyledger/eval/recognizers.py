"""Microsoft Recognizers-Text English specs: numbers, number ranges, currencies, dimensions.

A case passes when storyledger finds exactly the expected results, compared on
(case-insensitive text, value) — and on the unit for currencies/dimensions, the interval for
ranges. Mapping of storyledger's qualifiers to the specs' interval notation:
more_than "(v,)", at_least "[v,)", less_than "(,v)", at_most "(,v]", exact "[v,v]" (only
when a hedge word such as "equals" is part of the span), range "[a,b)" (the specs read
"between a and b" and "a-b" as half-open).

The specs have no split: the even positions of each file are the dev half (tuning), the odd
positions the test half (reported). Each metric is the pass rate over a half's cases;
`NotSupported` (upstream ports that fail a case) is a difficulty hint, so a second figure
reports the rate on the cases no port fails.
Texts are compared ignoring the hedge words storyledger keeps in a Quantity's text for the
currency and dimension files (the specs' spans there hold only number and unit). The currency
file is scored on storyledger's money amounts and the dimension file on its other measures
(each spec lists only its own model's results), and the number file on bare numbers (a
number glued to a unit, "180.25ml" or "29km", is a measure the specs leave to NumberWithUnit).
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable
from pathlib import Path

from storyledger.errors import EvalDataError
from storyledger.eval import Metric

SUITE = "recognizers"

# the specs' unit names -> storyledger's unit symbols (and a factor for minor units)
CURRENCY_NAMES: dict[str, tuple[str, float]] = {
    "Dollar": ("USD", 1),
    "United States dollar": ("USD", 1),
    "Euro": ("EUR", 1),
    "Chinese yuan": ("CNY", 1),
    "Pound": ("GBP", 1),
    "British pound": ("GBP", 1),
    "Cent": ("USD", 0.01),
    "Pence": ("GBP", 0.01),
    "Penny": ("GBP", 0.01),
    "Canadian dollar": ("CAD", 1),
    "Japanese yen": ("JPY", 1),
    "Franc": ("CHF", 1),
    "Swiss franc": ("CHF", 1),
    "Australian dollar": ("AUD", 1),
    "Bitcoin": ("BTC", 1),
    "Turkish lira": ("TRY", 1),
    "Rupee": ("INR", 1),
    "Mexican peso": ("MXN", 1),
    "Finnish markka": ("FIM", 1),
    "Hong Kong dollar": ("HKD", 1),
    "New Zealand dollar": ("NZD", 1),
}
DIMENSION_NAMES: dict[str, str] = {
    "Foot": "ft",
    "Meter": "m",
    "Mile": "mi",
    "Pound": "lb",
    "Gallon": "gal",
    "Ton": "t",
    "Metric ton": "t",
    "Kilometer per hour": "km/h",
    "Kilogram": "kg",
    "Inch": "in",
    "Square meter": "m2",
    "Kilometer": "km",
    "Millimeter": "mm",
    "Milliliter": "ml",
    "Barrel": "bbl",
    "Ounce": "oz",
    "Acre": "acre",
    "Square kilometer": "km2",
    "Megabyte": "MB",
    "Mile per hour": "mph",
    "Gram": "g",
    "Centimeter": "cm",
    "Cubic foot": "ft3",
    "Degree": "°",
    "Microgram": "µg",
    "Decimeter": "dm",
    "Teaspoon": "tsp",
    "Tablespoon": "tbsp",
    "Cup": "cup",
    "Bit": "bit",
    "Megabit": "Mb",
}


def _load(shared: Path, rel: str) -> list[dict]:
    path = shared / "eval" / "recognizers-text-specs" / rel
    if not path.exists():
        raise EvalDataError(f"{path} is not there (see ../shared/eval/recognizers-text-specs)")
    return json.loads(path.read_text(encoding="utf-8-sig"))


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def _same(pred: list[tuple], gold: list[tuple]) -> bool:
    """Equal multisets of (text, value, extra...) with numeric tolerance."""
    if len(pred) != len(gold):
        return False
    left = list(pred)
    for g in gold:
        for k, p in enumerate(left):
            if p[0] == g[0] and all(
                (_close(x, y) if isinstance(x, float) and isinstance(y, float) else x == y)
                for x, y in zip(p[1:], g[1:], strict=True)
            ):
                del left[k]
                break
        else:
            return False
    return True


def _text(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def _glued_letters(doc, end: int) -> bool:
    """'29km' split by the tokenizer: letters glued to the number make it a measure."""
    return end < len(doc) and not doc[end - 1].whitespace_ and doc[end].is_alpha


def number_cases(nlp) -> Callable[[dict], bool]:
    from storyledger.nlp.numbers import find_numbers

    def check(case: dict) -> bool:
        doc = nlp.make_doc(case["Input"])
        # a number glued to a unit ("180.25ml") is a measure, which the specs leave to
        # NumberWithUnit; storyledger marks it with a suffix
        pred = [
            (_text(doc[r.start : r.end].text), float(r.value))
            for r in find_numbers(doc)
            if not r.suffix and not r.prefix and not _glued_letters(doc, r.end)
        ]
        gold = [
            (_text(r["Text"]), float(r["Resolution"]["value"]))
            for r in case["Results"]
            if r.get("TypeName") == "number"
        ]
        return _same(pred, gold)

    return check


_LOWER = r"more|greater|larger|bigger|higher|above|over|exceed|at least|no less|or more|>"
_CLOSED = r"at least|at most|no less|no more|not less|not more|or equal|or more|or less|up to|[<>]="


def _interval(q) -> str | None:
    def fmt(v: float | None) -> str:
        if v is None:
            return ""
        return str(int(v)) if float(v).is_integer() else repr(v)

    if q.qualifier == "more_than":
        return f"({fmt(q.value)},)"
    if q.qualifier == "at_least":
        return f"[{fmt(q.value)},)"
    if q.qualifier == "less_than":
        return f"(,{fmt(q.value)})"
    if q.qualifier == "at_most":
        return f"(,{fmt(q.value)}]"
    if q.qualifier == "range":
        parts = re.split(r"\s*,?\s+(?:and|but|yet)\s+|\s*,\s+", q.text, maxsplit=1)
        if len(parts) == 2 and not re.match(r"(?:between|from)\b", q.text, re.I):
            # a floor and a ceiling: each half's hedge says whether its end is closed
            floor, ceiling = parts if re.search(_LOWER, parts[0], re.I) else (parts[1], parts[0])
            left = "[" if re.search(_CLOSED, floor, re.I) else "("
            right = "]" if re.search(_CLOSED, ceiling, re.I) else ")"
            return f"{left}{fmt(q.low)},{fmt(q.high)}{right}"
        return f"[{fmt(q.low)},{fmt(q.high)})"
    if q.qualifier == "exact":
        return f"[{fmt(q.value)},{fmt(q.value)}]"
    return None


def range_cases(nlp) -> Callable[[dict], bool]:
    from storyledger.nlp.quantities import extract_quantities

    def check(case: dict) -> bool:
        doc = nlp(case["Input"])
        pred = []
        for q in extract_quantities(doc, [], []):
            if q.qualifier in ("exact", "approximately", "vague") and not re.match(
                r"(?:equal|=)", q.text, re.I
            ):
                continue
            pred.append((_text(q.text), _interval(q)))
        gold = [
            (_text(r["Text"]), r["Resolution"]["value"].replace(" ", "")) for r in case["Results"]
        ]
        return _same(pred, gold)

    return check


@functools.cache
def _hedges() -> re.Pattern[str]:
    """Every hedge storyledger may keep before a figure (its own qualifier list)."""
    from storyledger.nlp.datafiles import data_json

    data = data_json("quantities_qualifiers.json")
    words = sorted({*data["before"], "only"}, key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(re.escape(w) for w in words) + r")\s*)+", re.I)


def _currency_codes() -> frozenset[str]:
    from storyledger.nlp.quantities.units import currency_units

    return currency_units()


def unit_cases(nlp, names: dict, currency: bool) -> Callable[[dict], bool]:
    from storyledger.nlp.quantities import extract_quantities

    def check(case: dict) -> bool:
        doc = nlp(case["Input"])
        pred = []
        for q in extract_quantities(doc, [], []):
            if q.unit is None or q.value is None or q.unit == "%":
                continue
            if (q.unit in _currency_codes()) != currency:
                continue  # a currency in the dimension file (or back) is the other model's
            pred.append((_text(_hedges().sub("", q.text)), float(q.value), q.unit))
        gold = []
        for r in case["Results"]:
            res = r["Resolution"]
            if res.get("value") is None:
                continue
            name = res.get("unit", "")
            mapped = names.get(name)
            if currency:
                unit, factor = mapped if mapped else (res.get("isoCurrency") or name, 1.0)
            else:
                unit, factor = (mapped or name), 1.0
            gold.append((_text(r["Text"]), float(res["value"]) * factor, unit))
        return _same(pred, gold)

    return check


FILES = {
    "number": ("Number/NumberModel.json", 0.90),
    "number_range": ("Number/NumberRangeModel.json", 0.90),
    "currency": ("NumberWithUnit/CurrencyModel.json", None),
    "dimension": ("NumberWithUnit/DimensionModel.json", None),
}


def run(shared: Path) -> list[Metric]:
    """Pass rates on the test half of every file (odd positions; even ones are for tuning)."""
    return _run(shared, 1)


def run_dev(shared: Path) -> list[Metric]:
    return _run(shared, 0)


def _run(shared: Path, half: int) -> list[Metric]:
    from storyledger.nlp.pipeline import load_nlp

    nlp = load_nlp()
    mine = [n for n in nlp.pipe_names if n.startswith("storyledger_")]
    checks = {
        "number": number_cases(nlp),
        "number_range": range_cases(nlp),
        "currency": unit_cases(nlp, CURRENCY_NAMES, True),
        "dimension": unit_cases(nlp, DIMENSION_NAMES, False),
    }
    out: list[Metric] = []
    with nlp.select_pipes(disable=mine):
        for key, (rel, target) in FILES.items():
            cases = _load(shared, rel)[half::2]
            results = [(checks[key](c), "NotSupported" in c) for c in cases]
            all_rate = sum(ok for ok, _ in results) / len(results)
            easy = [ok for ok, hard in results if not hard]
            out.append(
                Metric(
                    SUITE,
                    f"{key}_pass_rate",
                    all_rate,
                    target=target,
                    note=f"{rel}: {len(results)} cases, {('dev', 'test')[half]} half",
                )
            )
            if easy:
                out.append(
                    Metric(
                        SUITE,
                        f"{key}_pass_rate_supported",
                        sum(easy) / len(easy),
                        note=f"{len(easy)} cases no upstream port marks NotSupported",
                    )
                )
    return out
