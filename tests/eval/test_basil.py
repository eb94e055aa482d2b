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


def test_ranked_curve_counts_each_word_once_and_cuts_between_saliences():
    from storyledger.model import Article, Discrepancy, Evidence

    text = "alpha beta gamma delta epsilon zeta"
    art = Article(id="a", text=text)

    def item(word: str, salience: float) -> Discrepancy:
        start = text.index(word)
        ev = Evidence(article="a", text=word, start=start, end=start + len(word))
        return Discrepancy("coverage", word, ["a"], [ev], salience=salience)

    gold = {"a": {text.index("alpha"), text.index("beta")}}  # two gold words
    items = [item("alpha", 0.9), item("alpha", 0.8), item("gamma", 0.8), item("beta", 0.1)]
    curve = basil.ranked_curve(items, {"a": art}, gold, n_gold=2)
    # cuts after 0.9 (alpha), after 0.8 (alpha again + gamma), after 0.1 (beta)
    assert curve == [(0.5, 1.0, 0.9), (0.5, 0.5, 0.8), (1.0, 2 / 3, 0.1)]
    assert basil.precision_at(curve, 0.35) == (1.0, 0.5, 0.9)
    assert basil.precision_at(curve, 0.75) == (2 / 3, 1.0, 0.1)
    assert basil.precision_at(curve, 1.01) == (0.0, 0.0, 0.0)
