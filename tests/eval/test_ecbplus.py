"""ECB+ loading (compressed XML, rebuilt text, sub-event gold); the suite is marked slow."""

from __future__ import annotations

import pytest

from storyledger.eval import ecbplus

from ..conftest import SHARED, shared_path


def test_test_topics_load_with_ecb_and_ecbplus_halves():
    shared_path("eval", "ecbplus", "ECBplus.tar.xz")
    raws, gold = ecbplus.load(SHARED)
    assert len(raws) == 210  # the README's count for topics 36-45
    assert set(gold.values()) == {f"{t}{h}" for t in range(36, 46) for h in ("ecb", "ecbplus")}
    text = raws[0].text
    assert " ." not in text and " ," not in text  # detokenised


@pytest.mark.slow
def test_suite_reports_both_levels(suite_metrics):
    shared_path("eval", "ecbplus")
    metrics = {m.name: m for m in suite_metrics("ecbplus")}
    assert metrics["thread_bcubed_f1"].value > 0.8
    assert metrics["subtopic_bcubed_f1"].value > 0.7
