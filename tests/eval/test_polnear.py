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


def _strict(text, gold, pred):
    tally = polnear.Tally()
    tally.add_strict(text, gold, pred)
    return tally


def test_strict_gold_against_gold_scores_one(dev_articles):
    tally = polnear.Tally()
    for article in dev_articles:
        tally.add_strict(article.text, article.gold, _as_predictions(article))
    assert tally.strict_content == (1.0, 1.0, 1.0)
    assert tally.strict_source == (1.0, 1.0, 1.0)


def test_strict_needs_half_the_words_and_counts_a_span_once():
    text = "Officials said the bridge will reopen in May after repairs to the deck."
    start = text.index("the bridge")
    gold = [polnear.GoldAttribution((start, len(text) - 1), (0, 9), (10, 14))]
    short = (start, text.index(" will"))  # 2 of 11 words: no match
    assert _strict(text, gold, [polnear.PredAttribution(short, (0, 9), (10, 14))]).strict_tp == 0
    whole = (start, len(text) - 1)
    twice = [polnear.PredAttribution(whole, (0, 9), (10, 14))] * 2
    tally = _strict(text, gold, twice)
    assert (tally.strict_tp, tally.strict_pred) == (1, 1)
    # two different spans on one gold: one matches, the other is a false positive
    near = (start, text.index(" after"))
    tally = _strict(
        text,
        gold,
        [polnear.PredAttribution(whole, (0, 9), None), polnear.PredAttribution(near, None, None)],
    )
    assert tally.strict_content[:2] == (0.5, 1.0)


def test_strict_takes_the_better_of_claim_and_quote():
    text = (
        "He said, with some hesitation and after a long pause at the end of the meeting, "
        '"the talks are over for this year."'
    )
    qs = text.index("the talks")
    gold = [polnear.GoldAttribution((qs, len(text) - 2), (0, 2), (3, 7))]
    claim = (text.index("with"), len(text) - 2)  # 21 words against the 7 of the gold
    pred = polnear.PredAttribution(claim, (0, 2), (3, 7), alternatives=((qs, len(text) - 2),))
    assert _strict(text, gold, [pred]).strict_tp == 1
    pred.alternatives = ()
    assert _strict(text, gold, [pred]).strict_tp == 0


def test_strict_source_on_matched_pairs():
    text = "Officials said the bridge will reopen in May."
    start = text.index("the bridge")
    gold = [polnear.GoldAttribution((start, len(text) - 1), (0, 9), (10, 14))]
    wrong = polnear.PredAttribution((start, len(text) - 1), (start, start + 10), (10, 14))
    assert _strict(text, gold, [wrong]).strict_source == (0.0, 0.0, 0.0)
    unnamed = polnear.PredAttribution((start, len(text) - 1), None, (10, 14))
    tally = _strict(text, gold, [unnamed])
    assert (tally.strict_src_pred, tally.strict_src_gold, tally.strict_src_right) == (0, 1, 0)
