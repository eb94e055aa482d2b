"""Every eval figure stays at or above its recorded floor (src/storyledger/eval/baseline.json).

This runs each suite once over its whole corpus, as `storyledger eval` does: a change that
lowers a figure, or drops a metric the floors know, fails here instead of passing silently.
"""

from __future__ import annotations

import pytest

from storyledger import eval as ev

from ..conftest import shared_path

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("suite", sorted(ev.SUITES))
def test_suite_holds_its_floors(suite, nlp, suite_metrics):
    shared_path("eval")
    floors = {k: v for k, v in ev.load_baseline().items() if k.startswith(f"{suite}/")}
    metrics = list(suite_metrics(suite))
    produced = {m.key for m in metrics}
    assert not set(floors) - produced, f"metrics no longer produced: {set(floors) - produced}"
    assert ev.below_floor(metrics, floors) == []
