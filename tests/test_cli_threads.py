"""`storyledger threads` and `storyledger show THREAD_ID` end to end on invented coverage."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from storyledger.cli import main

RELEASES = Path(__file__).resolve().parent / "data" / "releases"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _ingest_by_day(db: str) -> None:
    """Day one, then day two, as a feed delivers them."""
    for names in (("harbor-ledger-1", "meridian-post-1"), ("harbor-ledger-2", "plains-gazette-2")):
        result = run("ingest", *(str(RELEASES / f"{n}.txt") for n in names), "--db", db)
        assert result.exit_code == 0, result.stderr


def test_threads_lists_and_show_reads_a_thread(tmp_path, nlp) -> None:
    db = str(tmp_path / "ledger.db")
    _ingest_by_day(db)
    listed = run("threads", "--db", db, "--json")
    assert listed.exit_code == 0
    threads = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(threads) == 1
    (thread,) = threads
    assert (thread["n_events"], thread["n_articles"]) == (2, 4)
    assert thread["first_date"] == "2031-03-14" and thread["last_date"] == "2031-03-15"
    assert run("threads", "--db", db, "--min-events", "3", "--json").stdout == ""
    table = run("threads", "--db", db)
    assert "1 threads" in table.stdout and thread["id"] in table.stdout

    shown = json.loads(run("show", thread["id"], "--db", db, "--format", "json").stdout)
    assert [t["id"] for t in shown["threads"]] == [thread["id"]]
    events = shown["threads"][0]["events"]
    assert [e["first_date"] for e in events] == ["2031-03-14", "2031-03-15"]
    assert [s["id"] for s in shown["stories"]] == [e["id"] for e in events]
    assert len(shown["articles"]) == 4
    flagged = run("show", "--thread", thread["id"], "--db", db, "--format", "markdown")
    assert flagged.exit_code == 0 and f"## Thread `{thread['id']}`" in flagged.stdout

    story = json.loads(run("show", events[1]["id"], "--db", db, "--format", "json").stdout)
    assert [t["id"] for t in story["threads"]] == [thread["id"]]
    text = run("show", events[1]["id"], "--db", db).stdout
    assert "Related events" in text and events[0]["id"] in text


def test_unknown_thread_exits_4(tmp_path, nlp) -> None:
    db = str(tmp_path / "ledger.db")
    _ingest_by_day(db)
    result = run("show", "t-nope", "--db", db)
    assert result.exit_code == 4
    assert "no thread 't-nope'" in result.stderr


def test_threads_on_a_store_from_before_threads_upgrades_it(tmp_path) -> None:
    import sqlite3

    from storyledger.store import schema

    db = tmp_path / "old.db"
    conn = sqlite3.connect(db, isolation_level=None)
    for version, _, sql in schema.migrations():
        if version < 7:
            for statement in schema._statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
    conn.execute(
        "INSERT INTO stories (id, title, features, first_date, last_date, updated_at) "
        "VALUES ('s-old', 'An old story', '{\"topic\": \"s-old\"}', '2020-01-01', "
        "'2020-01-01', 'now')"
    )
    conn.close()
    listed = run("threads", "--db", str(db), "--json")
    assert listed.exit_code == 0, listed.stderr
    (thread,) = [json.loads(line) for line in listed.stdout.splitlines()]
    assert (thread["id"], thread["title"], thread["n_events"]) == ("t-old", "An old story", 1)
