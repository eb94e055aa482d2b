"""The seeds suite turns the acceptance checks into 1.0 / 0.0 metrics."""

from __future__ import annotations

from storyledger.eval import seeds
from storyledger.model import Ledger

from ..conftest import shared_path


def test_every_seed_check_passes(suite_metrics):
    shared_path("seeds")
    metrics = suite_metrics("seeds")
    assert len(metrics) == 7
    assert {m.name: m.value for m in metrics} == {m.name: 1.0 for m in metrics}


def test_checks_fail_when_the_story_is_missing(seed_articles):
    result = seeds.checks(seed_articles, Ledger(articles=seed_articles, stories=[]))
    assert not any(result.values())
