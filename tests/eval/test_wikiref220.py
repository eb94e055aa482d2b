"""WikiRef220 loading (cp1252, gold from file names); the whole suite is marked slow."""

from __future__ import annotations

import pytest

from storyledger.eval import wikiref220

from ..conftest import SHARED, shared_path


def test_gold_label_is_the_prefix_before_the_number():
    assert wikiref220.gold_label("ParisAttacks2015 (12).txt") == "ParisAttacks2015"
    assert wikiref220.gold_label("malaysia.airlines.flight.14.txt") == "malaysia.airlines.flight"
    assert wikiref220.gold_label("NBA.draft.2.txt") == "NBA.draft"


def test_load_reads_all_220_cp1252_files_with_five_main_topics():
    shared_path("eval", "wikiref220", "WikiRef220")
    raws, gold = wikiref220.load(SHARED)
    assert len(raws) == 220
    sizes = sorted((list(gold.values()).count(g) for g in set(gold.values())), reverse=True)
    assert sizes[:5] == [39, 38, 37, 36, 35]
    assert all("\r" not in r.text and "\ufffd" not in r.text for r in raws)
    assert all(r.title for r in raws)


def test_halves_split_by_topic_never_inside_one():
    """The made split: a main topic lies wholly in one half, the five alternate 3 / 2, and the
    noise documents alternate between the halves."""
    shared_path("eval", "wikiref220", "WikiRef220")
    _, gold = wikiref220.load(SHARED)
    side = wikiref220.halves(gold)
    sizes = {g: list(gold.values()).count(g) for g in set(gold.values())}
    mains = {g for g, n in sizes.items() if n > wikiref220.NOISE_MAX}
    assert all(len({side[a] for a in gold if gold[a] == g}) == 1 for g in mains)
    assert sorted(sum(side[a] == "even" for a in gold if gold[a] == g) > 0 for g in mains) == [
        False,
        False,
        True,
        True,
        True,
    ]
    noise = [a for a in gold if gold[a] not in mains]
    assert len(noise) == 35
    assert sum(side[a] == "odd" for a in noise) == 17


@pytest.mark.slow
def test_suite_meets_its_target(suite_metrics):
    shared_path("eval", "wikiref220")
    metrics = {m.name: m for m in suite_metrics("wikiref220")}
    assert metrics["thread_bcubed_f1"].value > 0.75
