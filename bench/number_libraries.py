"""Kept number-word libraries against storyledger's own reader (not a test, not a speed bench).

    .venv/bin/python bench/number_libraries.py [--half 0] [--path DIR]

On the gold spans of the Recognizers-Text Number spec (../shared/eval/recognizers-text-specs,
the dev half by default), how many values each reader gets right from the span's text alone:
storyledger's `parse_words`, number-parser and numerizer. The libraries are optional: install
them (pip, or `pip install --target DIR` and pass `--path DIR`) to compare; a missing one is
reported, not fatal. This is the measured reason nlp/quantities/numbers.py stays own code.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from corpora import EVAL

from storyledger.nlp.quantities.numbers import parse_words


def _readers() -> dict[str, object]:
    out: dict[str, object] = {"storyledger parse_words": parse_words}
    try:
        from number_parser import parse_number

        out["number-parser"] = parse_number
    except ImportError:
        print("number-parser not installed: skipped")
    try:
        from numerizer import numerize

        out["numerizer"] = lambda text: numerize(text).replace(",", "")
    except ImportError:
        print("numerizer not installed: skipped")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--half", type=int, default=0, help="0: dev half, 1: test half")
    parser.add_argument("--path", help="A folder holding the libraries (pip --target).")
    args = parser.parse_args()
    if args.path:
        sys.path.insert(0, args.path)
    spec = EVAL / "recognizers-text-specs" / "Number" / "NumberModel.json"
    cases = json.loads(Path(spec).read_text(encoding="utf-8-sig"))[args.half :: 2]
    spans = [
        (r["Text"], float(r["Resolution"]["value"]))
        for c in cases
        for r in c["Results"]
        if r.get("TypeName") == "number"
    ]
    print(f"| reader | values right of {len(spans)} |\n|---|---|")
    for name, read in _readers().items():
        right = 0
        for text, gold in spans:
            try:
                got = read(text)  # type: ignore[operator]
                value = float(got) if got is not None else None
            except (ValueError, TypeError, ArithmeticError, IndexError):
                value = None
            right += value is not None and abs(value - gold) <= 1e-6 * max(1.0, abs(gold))
        print(f"| {name} | {right} |")


if __name__ == "__main__":
    main()
