"""Scores shared by the suites: P/R/F1, token overlap, B-cubed."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping


def prf(tp: float, n_pred: float, n_gold: float) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def bcubed(
    gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]
) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster id) against gold."""
    items = [i for i in gold if i in pred]
    gold_members: dict[Hashable, set] = defaultdict(set)
    pred_members: dict[Hashable, set] = defaultdict(set)
    for i in items:
        gold_members[gold[i]].add(i)
        pred_members[pred[i]].add(i)
    p_sum = r_sum = 0.0
    for i in items:
        g = gold_members[gold[i]]
        c = pred_members[pred[i]]
        common = len(g & c)
        p_sum += common / len(c)
        r_sum += common / len(g)
    n = len(items) or 1
    p, r = p_sum / n, r_sum / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
