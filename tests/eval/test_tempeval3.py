"""TempEval-3 loader and scorer: offsets survive tag stripping, gold scores 1 against itself."""

from __future__ import annotations

import pytest

from storyledger.eval import tempeval3
from storyledger.eval.tempeval3 import read_timeml, score

from ..conftest import shared_path


def test_plain_text_offsets_hold_the_tagged_words(tmp_path):
    tml = tmp_path / "x.tml"
    tml.write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2020-05-04" '
        'functionInDocument="CREATION_TIME">May 4, 2020</TIMEX3></DCT><TEXT>\n'
        'The mill <EVENT eid="e1">closed</EVENT> <TIMEX3 tid="t1" type="DATE" value="2020-05-01">'
        'Friday</TIMEX3> after <TIMEX3 tid="t2" type="DURATION" value="P3Y">three years'
        "</TIMEX3> &amp; more.</TEXT></TimeML>",
        encoding="utf-8",
    )
    doc = read_timeml(tml)
    assert doc.dct == "2020-05-04"
    assert [(doc.text[s:e], v, t) for s, e, v, t in doc.gold] == [
        ("Friday", "2020-05-01", "DATE"),
        ("three years", "P3Y", "DURATION"),
    ]
    assert doc.text.endswith("& more.")


def test_real_platinum_file_offsets():
    folder = shared_path("eval", "tempeval3", "te3-platinum")
    doc = read_timeml(folder / "AP_20130322.tml")
    assert doc.dct == "2013-03-22"
    texts = [doc.text[s:e] for s, e, _, _ in doc.gold]
    assert texts[:4] == ["a month", "a decade", "the last week", "Friday"]


def test_gold_against_gold_scores_one():
    gold = [[(0, 6, "2020-05-01", "DATE"), (13, 24, "P3Y", "DURATION")]]
    s = score(gold, gold)
    assert s.strict == (1.0, 1.0, 1.0) and s.relaxed == (1.0, 1.0, 1.0)
    assert s.value_accuracy == 1.0 and s.value_f1 == 1.0


def test_partial_overlap_is_relaxed_not_strict_and_wrong_value_costs_value_f1():
    gold = [[(10, 20, "2020-05-01", "DATE"), (30, 40, "P3Y", "DURATION")]]
    pred = [[(12, 20, "2020-05-01", "DATE"), (30, 40, "P2Y", "DURATION"), (50, 55, "2019", "DATE")]]
    s = score(gold, pred)
    assert s.strict[0] == pytest.approx(1 / 3) and s.strict[1] == pytest.approx(1 / 2)
    assert s.relaxed[1] == 1.0
    assert s.value_accuracy == pytest.approx(1 / 2)
    assert s.value_f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


@pytest.mark.slow
def test_suite_reports_value_f1_against_dateparser():
    shared = shared_path("eval", "tempeval3").parent.parent
    metrics = {m.name: m for m in tempeval3.run(shared)}
    value_f1 = metrics["value_f1"]
    assert value_f1.peer == "dateparser" and value_f1.peer_value is not None
    assert value_f1.value > value_f1.peer_value
    assert 0.0 <= metrics["strict_f1"].value <= metrics["relaxed_f1"].value <= 1.0
