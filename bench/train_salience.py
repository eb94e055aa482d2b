"""Fit the coverage ranker's weights (compare/data/salience.json) on BASIL's tuning half.

Each coverage item of each even-numbered BASIL event (the tuning half; the odd half is never
read here, `storyledger eval basil` reports it) is described by the signals of
`storyledger.compare.salience.coverage_features`. Its words are the examples: a word inside
a span annotated as informational bias is a positive, any other a negative, so the item
enters a logistic regression twice, weighted by its count of each. The fitted intercept and
weights replace the `model` entry of the data file; scoring at run time is plain Python.

    PYTHONPATH=src .venv/bin/python bench/train_salience.py [--write]

Needs scikit-learn (the `test` extra).
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable
from pathlib import Path

from storyledger.compare import salience
from storyledger.compare.discrepancies import coverage_items
from storyledger.compare.ledger import aligned_facts
from storyledger.eval import basil, default_shared
from storyledger.model import Discrepancy


def examples(shared: Path) -> tuple[list[list[float]], list[int], list[float], Callable]:
    """Rows (features), labels (1: informational), weights (word counts) of the tuning half,
    and a function giving the tuning half's precision/recall curve under fitted weights."""
    arts, gold, spans = basil.articles(shared)
    held = basil.held_out(gold)
    by_id = {a.id: a for a in arts}
    inf = basil.informational_tokens(by_id, spans)
    events: dict[str, list] = {}
    for aid, event in gold.items():
        if event not in held:
            events.setdefault(event, []).append(by_id[aid])
    rows, labels, weights = [], [], []
    scored: list[tuple[Discrepancy, dict[str, float]]] = []
    for members in events.values():
        _, _, pairs = aligned_facts(members)
        discs, named = coverage_items(pairs, members)
        for d, f in zip(
            discs, salience.coverage_features(discs, pairs, members, named), strict=True
        ):
            words = basil.evidence_tokens(d, by_id)
            hits = sum(t in inf[aid] for aid, t in words)
            scored.append((d, f))
            row = [f[name] for name in salience.FEATURES]
            for label, count in ((1, hits), (0, len(words) - hits)):
                if count:
                    rows.append(row)
                    labels.append(label)
                    weights.append(float(count))
    n_gold = sum(len(inf[a.id]) for members in events.values() for a in members)

    def curve(fitted: dict) -> list[tuple[float, float, float]]:
        for d, f in scored:
            z = fitted["intercept"] + sum(w * f[n] for n, w in fitted["weights"].items())
            d.salience = 1 / (1 + math.exp(-z))
        return basil.ranked_curve([d for d, _ in scored], by_id, inf, n_gold)

    return rows, labels, weights, curve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--write", action="store_true", help="write the weights to the data file")
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression

    rows, labels, weights, curve = examples(args.shared or default_shared())
    model = LogisticRegression(C=1.0, max_iter=5000).fit(rows, labels, sample_weight=weights)
    fitted = {
        "intercept": round(float(model.intercept_[0]), 4),
        "weights": {
            n: round(float(w), 4) for n, w in zip(salience.FEATURES, model.coef_[0], strict=True)
        },
    }
    print(f"{len(rows)} rows, {int(sum(weights))} words, {sum(labels)} positive rows")
    print(json.dumps(fitted, indent=2))
    points = curve(fitted)
    for r in (0.1, 0.2, 0.3, 0.35):
        p, got, _ = basil.precision_at(points, r)
        print(f"tuning half: precision {p:.3f} at recall >= {r:.2f} (reached {got:.3f})")
    print(f"tuning half: all items reach recall {points[-1][0]:.3f}")
    if args.write:
        path = salience.DATA / "salience.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["model"] = fitted
        path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
