"""The front door itself: `api.analyze` folds wire copies and reads every input format."""

from __future__ import annotations

import json

from storyledger import api


def test_analyze_folds_wire_copies_and_maps_fields(tmp_path, nlp):
    from .scale.invented import SAME_TOPIC_OWN_WORDS, wire_copies

    first, second, third = wire_copies()
    rows = [
        {"maintext": first, "media_name": "Valley Post", "seendate": "20231120091500"},
        {"maintext": second, "media_name": "Harbour Times", "seendate": "20231120101500"},
        {"maintext": third, "media_name": "Hill Gazette", "seendate": "2023-11"},
        {"maintext": SAME_TOPIC_OWN_WORDS, "media_name": "Bay Radio", "seendate": "2023"},
    ]
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    ledger, problems = api.analyze([str(path)])
    assert problems == []
    by_outlet = {a.outlet: a for a in ledger.articles}
    assert sorted(by_outlet) == ["Bay Radio", "Valley Post"]
    assert by_outlet["Valley Post"].also_in == ["Harbour Times", "Hill Gazette"]
    assert by_outlet["Valley Post"].published == "2023-11-20"
    assert by_outlet["Bay Radio"].published == "2023"


def test_warm_up_loads_the_pipeline_extraction_then_uses():
    """The web worker warms at startup so its first submission does not wait for a model:
    extraction after warm_up must not load another pipeline."""
    from storyledger.model import RawArticle
    from storyledger.nlp.pipeline import load_nlp

    load_nlp.cache_clear()
    api.warm_up()
    loaded = load_nlp.cache_info().misses
    api.extract_articles([RawArticle(id="w", text="The Brenford ferry reopened on Monday.")])
    assert load_nlp.cache_info().misses == loaded
