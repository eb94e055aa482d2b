"""realnews-dev: loading, the ledger matchers on articles written here, and the suite (slow)."""

from __future__ import annotations

import pytest

from storyledger.eval import realnews
from storyledger.model import Article, DateMention, Quantity, Quote

from ..conftest import SHARED, shared_path


def test_load_reads_67_articles_in_17_clusters_with_dates_at_their_precision():
    shared_path("eval", "realnews-dev")
    raws, gold, ledger = realnews.load(SHARED)
    assert len(raws) == 67 and len(set(gold.values())) == 17
    assert all(r.outlet and r.text for r in raws)
    published = {r.id: r.published for r in raws}
    assert published["rn008"] == "2022-06"  # month-only dates kept as month
    assert sum(p is None for p in published.values()) == 12
    n = sum(len(v.get(k, [])) for v in ledger["articles"].values() for k in realnews.HITS)
    assert n == 89


def _article(**kw) -> Article:
    return Article(id="x1", text="", **kw)


def test_quantity_check_is_strict_on_value_and_hedge_lenient_on_noun_and_source():
    q = Quantity(
        text="at least 12 villagers",
        value=12,
        low=12,
        high=None,
        qualifier="at_least",
        unit=None,
        counts="villagers",
        attributed_to="the district police",
        start=0,
        end=21,
        sources=["the district police"],
    )
    a = _article(quantities=[q])
    check = {"value": 12, "qualifier": "at_least", "counts": "villager", "attributed_to": "police"}
    assert realnews.quantity_hit(check, a)
    assert not realnews.quantity_hit({**check, "qualifier": "exact"}, a)
    assert not realnews.quantity_hit({**check, "value": 13}, a)
    assert not realnews.quantity_hit({**check, "attributed_to": "mayor"}, a)
    assert not realnews.quantity_hit({**check, "counts": "house"}, a)


def test_quote_check_normalises_quotes_and_punctuation():
    q = Quote(
        text="We\u2019ll rebuild the bridge, and soon.",
        speaker="Mara Velk",
        cue="said",
        kind="direct",
        start=0,
        end=10,
    )
    a = _article(quotes=[q])
    assert realnews.quote_hit({"speaker": "velk", "text": "we'll rebuild the bridge and"}, a)
    assert not realnews.quote_hit({"speaker": "orlov", "text": "we'll rebuild the bridge"}, a)


def test_date_check_needs_the_exact_value():
    d = DateMention(text="on Tuesday", value="2031-03-04", start=0, end=10)
    a = _article(dates=[d])
    assert realnews.date_hit({"text": "tuesday", "value": "2031-03-04"}, a)
    assert not realnews.date_hit({"text": "tuesday", "value": "2031-02-25"}, a)


@pytest.mark.slow
def test_suite_reports_grouping_ledger_and_story_recall(suite_metrics):
    shared_path("eval", "realnews-dev")
    metrics = {m.name: m for m in suite_metrics("realnews")}
    assert metrics["bcubed_f1"].value > 0.85
    assert metrics["ledger_recall"].value > 0.8
    assert metrics["ledger_recall"].note.endswith("/89 checks")
    assert metrics["story_recall"].note.endswith("/24 checks")
