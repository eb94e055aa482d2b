"""quantulum3 suite: storyledger's numeric facts for a sentence include durations from dates."""

from __future__ import annotations

import pytest

from storyledger.eval import quantulum3

from ..conftest import shared_path


def test_predictions_join_quantities_and_durations(nlp):
    text = "The pipeline runs 1,500 kilometres and took six weeks to weld."
    preds = {text[s:e]: (v, u) for s, e, v, u in quantulum3.predictions(nlp, text)}
    assert preds["1,500 kilometres"] == (1500, "km")
    assert preds["six weeks"] == (6, "week")


@pytest.mark.slow
def test_suite_metrics_are_rates():
    shared = shared_path("eval", "quantulum3-tests").parent.parent
    metrics = {m.name: m.value for m in quantulum3.run(shared)}
    assert set(metrics) == {"value_accuracy", "unit_accuracy", "precision"}
    assert all(0.0 <= v <= 1.0 for v in metrics.values())
