"""The figure-conflict pass of the window's re-clustering (compare/event_marks.py), in numpy
per noun and unit, against the pairwise Python verdict it replaced, on invented marks: every
article of the window gives one or two dollar amounts (the worst case: one key for all).

    .venv/bin/python bench/figure_marks.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import random
import time

import numpy as np

from storyledger.compare.event_marks import _figure_verdict, _figures, mark_penalties
from storyledger.compare.grouping_config import GroupingConfig


def _pairwise(marks: list[frozenset[str]], tolerance: float) -> np.ndarray:
    """The pass as it was (main before fixes3): `_figure_verdict` for each pair sharing a key."""
    figures = [_figures(m) for m in marks]
    n = len(figures)
    out = np.zeros((n, n), dtype=bool)
    holders: dict[str, list[int]] = {}
    for i, figs in enumerate(figures):
        for key in figs:
            holders.setdefault(key, []).append(i)
    pairs = {
        (i, j) for items in holders.values() for x, i in enumerate(items) for j in items[x + 1 :]
    }
    for i, j in pairs:
        if _figure_verdict(figures[i], figures[j], tolerance):
            out[i, j] = out[j, i] = True
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    rnd = random.Random(1)
    marks = [
        frozenset(
            f"@fig:dollar|$={v:g}:{v:g}"
            for v in (rnd.randint(1, 500) * 1000 for _ in range(rnd.randint(1, 2)))
        )
        for _ in range(args.articles)
    ]
    config = GroupingConfig(figure_penalty=1.0)
    t0 = time.process_time()
    new = mark_penalties(marks, config) > 0
    t_new = time.process_time() - t0
    t0 = time.process_time()
    old = _pairwise(marks, config.figure_tolerance)
    t_old = time.process_time() - t0
    assert (new == old).all(), "the numpy pass differs from the pairwise verdict"
    print("| articles | pairwise Python (s) | numpy per key (s) | conflicting pairs |")
    print("|---:|---:|---:|---:|")
    print(f"| {args.articles} | {t_old:.2f} | {t_new:.3f} | {int(new.sum()) // 2} |")


if __name__ == "__main__":
    main()
