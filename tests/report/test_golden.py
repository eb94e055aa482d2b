"""The reports of the repository's examples and of the invented release coverage, against
golden files: any change in what a reader sees (a story, its thread and related events, a
figure, a difference) shows up here as a diff to review.

The golden files were written by this test and read through by hand against the example
texts before they were kept. After a deliberate change, rewrite them with
`STORYLEDGER_UPDATE_GOLDEN=1 pytest tests/report` and review the diff like code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from storyledger import api
from storyledger.report import render

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = Path(__file__).with_name("golden")
INPUTS = {
    "examples": ["examples"],
    "releases": [
        "tests/data/releases/harbor-ledger-1.txt",
        "tests/data/releases/meridian-post-1.txt",
        "tests/data/releases/harbor-ledger-2.txt",
        "tests/data/releases/plains-gazette-2.txt",
    ],
}
SUFFIX = {"text": "txt", "markdown": "md", "json": "json"}


@pytest.fixture(scope="module")
def ledgers(nlp) -> dict:
    """Each input analysed once, read with paths relative to the repository (as in the docs)."""
    here = Path.cwd()
    os.chdir(ROOT)
    try:
        out = {}
        for name, paths in INPUTS.items():
            ledger, problems = api.analyze(paths)
            assert not problems
            out[name] = ledger
        return out
    finally:
        os.chdir(here)


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("name", sorted(INPUTS))
def test_report_matches_golden(ledgers, name: str, fmt: str) -> None:
    text = render(ledgers[name], fmt, width=120)
    golden = GOLDEN / f"{name}.{SUFFIX[fmt]}"
    if os.environ.get("STORYLEDGER_UPDATE_GOLDEN") == "1":
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: run with STORYLEDGER_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


def test_every_report_names_each_story_thread_and_related_events(ledgers) -> None:
    ledger = ledgers["releases"]
    (thread,) = ledger.threads
    first, second = thread.events
    data = json.loads(render(ledger, "json"))
    assert [t["id"] for t in data["threads"]] == [thread.id]
    assert [e["id"] for e in data["threads"][0]["events"]] == [first.id, second.id]
    for fmt in ("text", "markdown", "html"):
        out = render(ledger, fmt, width=200)
        assert out.count(thread.id) >= 3, fmt  # each story's line and the thread's section
        assert "Related events" in out, fmt
        assert second.title in out and first.title in out, fmt
        assert "How the figures moved" in out, fmt


def test_a_thread_of_one_event_says_there_is_nothing_related(ledgers) -> None:
    ledger = ledgers["examples"]
    assert len(ledger.stories) == len(ledger.threads) == 1
    for fmt in ("text", "markdown", "html"):
        out = render(ledger, fmt, width=200)
        assert ledger.threads[0].id in out
        assert "Related events" not in out
        assert "How the figures moved" not in out
