"""Every CLI command that reads or builds a ledger prints exactly what `storyledger.api` gives
for the same inputs: the CLI is a shell over the front door, never a second implementation.

Invented coverage (tests/data/releases, two days of a developing story) in real stores.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyledger import api
from storyledger.cli import main
from storyledger.model import to_dict
from storyledger.report import render
from storyledger.store import Store

RELEASES = Path(__file__).resolve().parents[1] / "data" / "releases"
DAY_ONE = [RELEASES / "harbor-ledger-1.txt", RELEASES / "meridian-post-1.txt"]
DAY_TWO = [RELEASES / "harbor-ledger-2.txt", RELEASES / "plains-gazette-2.txt"]


def run(*args: str):
    """The command as a user runs it (stdout_bytes: CSV keeps its \\r\\n line ends)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory, nlp) -> tuple[str, str]:
    """The same two days ingested by the CLI into one store and by the api into another."""
    folder = tmp_path_factory.mktemp("match")
    by_cli, by_api = str(folder / "cli.db"), str(folder / "api.db")
    for day in (DAY_ONE, DAY_TWO):
        result = run("ingest", *map(str, day), "--db", by_cli)
        assert result.exit_code == 0, result.stderr
        with Store(by_api) as store:
            done = api.ingest([str(p) for p in day], store)
        assert f"{len(done.added)} added, {len(done.duplicates)} already stored" in result.stderr
        assert f"{len(done.stories)} stories changed" in result.stderr
    return by_cli, by_api


def test_analyze_prints_the_api_ledger_in_every_format(nlp) -> None:
    paths = [str(p) for p in (*DAY_ONE, *DAY_TWO)]
    ledger, problems = api.analyze(paths)
    assert problems == [] and len(ledger.articles) == 4
    for fmt in ("json", "markdown", "csv"):
        result = run("analyze", *paths, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert result.stdout_bytes.decode() == render(ledger, fmt), fmt
    rows = list(csv.DictReader(io.StringIO(render(ledger, "csv"))))
    entries = [e for s in ledger.stories for f in s.facts for e in f.entries]
    assert len(rows) == len(entries) > 0  # one row per outlet's report of a fact


def test_ingest_stores_what_api_ingest_stores(stores: tuple[str, str]) -> None:
    by_cli, by_api = stores
    with Store(by_cli, readonly=True) as cli_store, Store(by_api, readonly=True) as api_store:
        assert api.list_stories(cli_store) == api.list_stories(api_store)
        assert api.list_threads(cli_store) == api.list_threads(api_store)
        assert cli_store.counts() == api_store.counts() == (4, 2)


def test_stories_and_threads_list_what_api_lists(stores: tuple[str, str]) -> None:
    by_cli, _ = stores
    with Store(by_cli, readonly=True) as store:
        stories, _ = api.list_stories(store)
        threads, _ = api.list_threads(store)
        dated, _ = api.list_stories(store, date_from="2031-03-15")
    listed = run("stories", "--db", by_cli, "--json")
    assert [json.loads(line) for line in listed.stdout.splitlines()] == to_dict(stories)
    since = run("stories", "--db", by_cli, "--json", "--from", "2031-03-15")
    assert [json.loads(line) for line in since.stdout.splitlines()] == to_dict(dated)
    assert 0 < len(dated) < len(stories)
    shown = run("threads", "--db", by_cli, "--json")
    assert [json.loads(line) for line in shown.stdout.splitlines()] == to_dict(threads)
    assert len(threads) == 1 and threads[0].n_events == 2


def test_show_prints_the_api_story_and_thread(stores: tuple[str, str]) -> None:
    by_cli, _ = stores
    with Store(by_cli, readonly=True) as store:
        (thread,), _ = api.list_threads(store)
        story_id = store.thread_stories(thread.id)[0].id
    for fmt in ("json", "markdown", "csv"):
        with Store(by_cli) as store:
            expected = render(api.story_ledger(store, story_id), fmt)
        result = run("show", story_id, "--db", by_cli, "--format", fmt)
        assert result.exit_code == 0, result.stderr
        assert result.stdout_bytes.decode() == expected, fmt
    with Store(by_cli) as store:
        expected = render(api.thread_ledger(store, thread.id), "json")
    result = run("show", thread.id, "--db", by_cli, "--format", "json")
    assert result.stdout == expected


def test_show_refuses_a_group_split_in_csv(stores: tuple[str, str]) -> None:
    by_cli, _ = stores
    with Store(by_cli, readonly=True) as store:
        (story, *_), _ = api.list_stories(store)
    result = run("show", story.id, "--db", by_cli, "--format", "csv", "--by", "country")
    assert result.exit_code == 2  # UsageError's exit code
    assert "CSV" in result.stderr
