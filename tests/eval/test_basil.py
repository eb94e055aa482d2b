"""BASIL loading (spans located in the joined body) and span scoring; suite marked slow."""

from __future__ import annotations

import pytest

from storyledger.eval import basil

from ..conftest import SHARED, shared_path


def test_load_gives_300_articles_in_100_triplets_with_spans_located():
    shared_path("eval", "basil")
    raws, gold, spans = basil.load(SHARED)
    assert len(raws) == 300 and len(set(gold.values())) == 100
    assert {r.outlet for r in raws} == {"Fox News", "New York Times", "HuffPost"}
    texts = {r.id: r.text for r in raws}
    located = [s for ss in spans.values() for s in ss]
    assert len(located) >= 1700  # README: 1,723 of 1,726 occur verbatim
    for aid, ss in spans.items():
        for s in ss:
            assert texts[aid][s["start"] : s["end"]] == s["txt"]


def test_span_overlap_counts_tokens():
    text = "The senator gave a scathing speech on Friday."
    pred = [(text.index("scathing"), text.index("scathing") + len("scathing speech"))]
    gold = [(text.index("scathing"), text.index("scathing") + len("scathing"))]
    assert basil.span_overlap(text, pred, gold) == (1, 2, 1)
    assert basil.span_overlap(text, [], gold) == (0, 0, 1)


@pytest.mark.slow
def test_suite_grouping_close_to_target(suite_metrics):
    shared_path("eval", "basil")
    metrics = {m.name: m for m in suite_metrics("basil")}
    assert metrics["bcubed_f1"].value > 0.9
