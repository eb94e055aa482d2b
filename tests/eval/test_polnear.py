"""The PolNeAR scorer: gold against itself is perfect, and the loader reads brat right."""

from __future__ import annotations

import pytest

from storyledger.eval import polnear

from ..conftest import shared_path


@pytest.fixture(scope="module")
def dev_articles():
    return polnear.load_split(shared_path("eval", "polnear").parent.parent, "dev", limit=3)


def _as_predictions(article):
    return [polnear.PredAttribution(g.content, g.source, g.cue) for g in article.gold]


def test_gold_spans_hold_their_text(dev_articles):
    for article in dev_articles:
        assert article.gold
        for g in article.gold:
            assert 0 <= g.content[0] < g.content[1] <= len(article.text)


def test_gold_against_gold_scores_one(dev_articles):
    tally = polnear.Tally()
    for article in dev_articles:
        tally.add(article.text, article.gold, _as_predictions(article))
    assert tally.content == (1.0, 1.0, 1.0)
    assert tally.source_acc == 1.0
    assert tally.cue == (1.0, 1.0, 1.0)


def test_nothing_predicted_scores_zero(dev_articles):
    tally = polnear.Tally()
    for article in dev_articles:
        tally.add(article.text, article.gold, [])
    assert tally.content == (0.0, 0.0, 0.0)
    assert tally.src_total == 0


def test_half_the_content_gives_half_recall():
    text = "Officials said the bridge will reopen in May."
    start = text.index("the bridge")
    gold = [polnear.GoldAttribution((start, len(text) - 1), (0, 9), (10, 14))]
    half = [polnear.PredAttribution((start, text.index(" will")), (0, 9), (10, 14))]
    tally = polnear.Tally()
    tally.add(text, gold, half)
    p, r, _ = tally.content
    assert p == 1.0 and r == pytest.approx(2 / 6)
    assert tally.source_acc == 1.0


def test_wrong_source_is_counted_wrong():
    text = "Officials said the bridge will reopen in May."
    start = text.index("the bridge")
    gold = [polnear.GoldAttribution((start, len(text) - 1), (0, 9), (10, 14))]
    pred = [polnear.PredAttribution((start, len(text) - 1), (start, start + 10), (10, 14))]
    tally = polnear.Tally()
    tally.add(text, gold, pred)
    assert (tally.src_total, tally.source_acc) == (1, 0.0)


def test_parse_ann_links_roles():
    ann = (
        "T1\tSource 0 9\tOfficials\n"
        "T2\tCue 10 14\tsaid\n"
        "T3\tContent 15 44\tthe bridge will reopen in May\n"
        "T4\tAttribution 10 14\tsaid\n"
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    )
    (g,) = polnear.parse_ann(ann)
    assert (g.content, g.source, g.cue) == ((15, 44), (0, 9), (10, 14))


def test_one_annotator_per_article(dev_articles):
    names = [a.name for a in dev_articles]
    assert len(names) == len(set(names))


def test_storyledger_finds_attributions_on_dev(nlp, dev_articles):
    from storyledger.nlp import components

    tally = polnear.Tally()
    for article in dev_articles:
        doc = nlp(article.text, disable=list(components.COMPONENTS))
        tally.add(article.text, article.gold, polnear.storyledger_predictions(doc))
    p, r, _ = tally.content
    assert p > 0.7 and r > 0.3


@pytest.mark.slow
def test_dev_split_meets_the_content_target():
    metrics = {m.name: m for m in polnear.run_split(shared_path("eval").parent, "dev")}
    assert metrics["content_f1"].value >= 0.75
    assert metrics["source_acc"].value >= 0.80
