"""quantulum3's English test sentences: value and unit of each expected quantity.

A gold quantity is found when a storyledger quantity overlaps its surface; its value counts as
right when equal (a range's value is the middle of its bounds, as quantulum3 states it) and
its unit when quantulum3's unit name maps to storyledger's symbol ("dimensionless" is a plain
count, unit None). Durations come from the dates module (storyledger reports "six weeks" as a
duration, not a quantity); years are never quantities in storyledger, so quantulum3's
"dimensionless 1979" counts as a miss. The file has no split: even positions are dev, odd
positions test.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from storyledger.errors import EvalDataError
from storyledger.eval import Metric
from storyledger.eval.scoring import overlaps

SUITE = "quantulum3"

UNITS: dict[str, str | None] = {
    "dimensionless": None,
    "milligram": "mg",
    "dollar": "USD",
    "mile": "mi",
    "inch": "in",
    "year": "year",
    "degree Celsius": "°C",
    "kilometre": "km",
    "square kilometre": "km2",
    "metre": "m",
    "euro": "EUR",
    "day": "day",
    "month": "month",
    "hour": "hour",
    "week": "week",
    "gallon": "gal",
    "pound sterling": "GBP",
    "nanometre": "nm",
    "litre": "l",
    "percentage": "%",
    "square mile": "mi2",
    "megabyte": "MB",
    "gigahertz": "GHz",
    "degree fahrenheit": "°F",
    "degree Fahrenheit": "°F",
    "kilometre per hour": "km/h",
    "kilogram": "kg",
    "tonne": "t",
    "cup": "cup",
    "tablespoon": "tbsp",
    "bit": "bit",
    "pound-mass": "lb",
    "cent": "USD",
    "penny": "GBP",
    "minute": "minute",
    "watt": "W",
    "watt hour": "Wh",
    "megawatt hour": "MWh",
    "centilitre": "cl",
    "cubic centimetre": "ml",
    "kelvin": "K",
    "byte": "B",
    "kibibyte": "KiB",
    "teraelectronvolt": "TeV",
    "gigaelectronvolt": "GeV",
    "milligray": "mGy",
    "picometre": "pm",
    "micrometre": "µm",
    "joule": "J",
    "pascal": "Pa",
    "decibel": "dB",
    "horsepower": "hp",
    "terawatt hour": "TWh",
    "gigawatt hour": "GWh",
    "square metre": "m2",
    "cubic metre": "m3",
    "millilitre": "ml",
    "gram": "g",
    "ounce": "oz",
    "foot": "ft",
    "yard": "yd",
    "acre": "acre",
    "hectare": "ha",
    "millimetre": "mm",
    "centimetre": "cm",
    "megawatt": "MW",
    "kilowatt": "kW",
    "gigawatt": "GW",
    "kilowatt hour": "kWh",
    "volt": "V",
    "gigabyte": "GB",
    "terabyte": "TB",
    "kilobyte": "kB",
    "megahertz": "MHz",
    "hertz": "Hz",
    "mile per hour": "mph",
    "knot": "kn",
    "barrel": "bbl",
    "teaspoon": "tsp",
    "second": "second",
}
_DURATION_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "S": "second"}
_MINOR = {"cent": 100.0, "penny": 100.0}


def _load(shared: Path) -> list[dict]:
    path = shared / "eval" / "quantulum3-tests" / "quantities.json"
    if not path.exists():
        raise EvalDataError(f"{path} is not there (see ../shared/eval/quantulum3-tests)")
    return json.loads(path.read_text(encoding="utf-8"))


def predictions(nlp, text: str) -> list[tuple[int, int, float | None, str | None]]:
    """storyledger's numeric facts in a sentence: quantities plus durations from dates."""
    from storyledger.nlp.dates import extract_timexes
    from storyledger.nlp.quantities import extract_quantities

    doc = nlp(text)
    out: list[tuple[int, int, float | None, str | None]] = []
    for q in extract_quantities(doc, [], []):
        value = q.value
        if value is None and q.low is not None and q.high is not None:
            value = (q.low + q.high) / 2
        out.append((q.start, q.end, value, q.unit))
    for t in extract_timexes(doc, None):
        m = re.fullmatch(r"PT?(\d+(?:\.\d+)?)([YMWDHS])", t.timex or "")
        if t.type == "DURATION" and m:
            unit = _DURATION_UNITS[m.group(2)]
            if (t.timex or "").startswith("PT") and m.group(2) == "M":
                unit = "minute"
            out.append((t.mention.start, t.mention.end, float(m.group(1)), unit))
    return out


def score(shared: Path, half: int) -> tuple[float, float, float, int]:
    """(value accuracy, unit accuracy, precision, gold count) on one half of the file."""
    from storyledger.nlp.pipeline import load_nlp

    nlp = load_nlp()
    mine = [n for n in nlp.pipe_names if n.startswith("storyledger_")]
    gold_n = value_ok = unit_ok = pred_n = pred_hit = 0
    with nlp.select_pipes(disable=mine):
        for case in _load(shared)[half::2]:
            text = case["req"]
            preds = predictions(nlp, text)
            pred_n += len(preds)
            spans = []
            cursor = 0
            for res in case["res"]:
                start = text.find(res["surface"], cursor)
                if start < 0:
                    start = text.find(res["surface"])
                end = start + len(res["surface"])
                cursor = max(cursor, end)
                spans.append((start, end))
                gold_n += 1
                hit = [p for p in preds if start >= 0 and overlaps((p[0], p[1]), (start, end))]
                if not hit:
                    continue
                p = hit[0]
                unit_name = res["unit"]
                expected = float(res["value"]) / _MINOR.get(unit_name, 1.0)
                if p[2] is not None and math.isclose(p[2], expected, rel_tol=1e-6):
                    value_ok += 1
                if unit_name in UNITS and UNITS[unit_name] == p[3]:
                    unit_ok += 1
            pred_hit += sum(1 for p in preds if any(overlaps((p[0], p[1]), s) for s in spans))
    return (
        value_ok / gold_n if gold_n else 0.0,
        unit_ok / gold_n if gold_n else 0.0,
        pred_hit / pred_n if pred_n else 0.0,
        gold_n,
    )


def _metrics(shared: Path, half: int, suffix: str) -> list[Metric]:
    value, unit, precision, n = score(shared, half)
    name = ("dev", "test")[half]
    return [
        Metric(
            SUITE,
            f"value_accuracy{suffix}",
            value,
            target=0.90 if not suffix else None,
            note=f"quantities.json {name} half: {n} gold quantities",
        ),
        Metric(
            SUITE,
            f"unit_accuracy{suffix}",
            unit,
            target=0.90 if not suffix else None,
            note="unit names mapped to storyledger symbols",
        ),
        Metric(
            SUITE,
            f"precision{suffix}",
            precision,
            note="share of storyledger's quantities that overlap a gold one",
        ),
    ]


def run(shared: Path) -> list[Metric]:
    return _metrics(shared, 1, "")


def run_dev(shared: Path) -> list[Metric]:
    return _metrics(shared, 0, "_dev")
