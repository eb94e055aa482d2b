"""Following a story or a search: a change log and Atom feeds that gain an entry when a new
article adds a figure; feeds stay valid Atom whatever the articles' text holds."""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from storyledger import api, follow
from storyledger.cli import main
from storyledger.errors import UsageError
from storyledger.follow import Change
from storyledger.model import RawArticle
from storyledger.report.atom import render_atom, story_feed_id
from storyledger.store import Store

from .collections_data import LATE, build_store, story_of


def feed_of(store: Store, story_id: str):
    body = render_atom(
        story_feed_id(story_id),
        "t",
        "http://127.0.0.1/f",
        "http://127.0.0.1/",
        follow.changes(store, story=story_id),
    )
    parsed = feedparser.parse(body)
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.version == "atom10"
    return parsed


def test_feed_gains_an_entry_when_a_new_article_adds_a_figure(tmp_path: Path, nlp) -> None:
    db = build_store(tmp_path / "f.db")
    with Store(db) as store:
        attack = story_of(store, "orchard-dunmore")
        ferry = story_of(store, "orchard-elsby")
        follow.follow_story(store, attack)
        assert feed_of(store, attack).entries == []  # following takes the baseline
        result = api.ingest([str(LATE)], store)
        assert result.added == ["lakeside-dunmore-2"] and result.stories == [attack]
        entries = feed_of(store, attack).entries
        assert follow.changes(store, story=ferry) == []  # not followed: nothing logged
    titles = [e.title for e in entries]
    assert any(t.startswith("New figure: remain (soldiers): Lakeside Herald: 3") for t in titles)
    toll = [t for t in titles if t.startswith("Changed figure: kill (soldiers)")]
    assert toll and "Lakeside Herald: 14" in toll[0]
    assert all(e.link.endswith(f"/stories/{attack}") for e in entries)
    assert len({e.id for e in entries}) == len(entries)
    with Store(db) as store:  # seen once, logged once
        assert follow.record_changes(store) == 0


def test_saved_search_logs_a_new_story_and_cli_changes(tmp_path: Path, nlp) -> None:
    db = build_store(tmp_path / "s.db")
    runner = CliRunner()
    saved = runner.invoke(main, ["save-search", "mourning", "funerals", "--db", db])
    assert saved.exit_code == 0, saved.output
    hostile = RawArticle(
        id="hostile",
        text=(
            "Funerals were held in Brennock on Sunday for the 7 miners killed in the Gallow "
            "Pit collapse <script>alert(1)</script>, the miners' union said. \x1b[31m "
            "Mourners ]]> filled the chapel, and the union said it would sue the owners."
        ),
        outlet="Orchard <b>Tribune</b>",
        published="2031-05-09",
        title="Funerals <script>alert(1)</script> & ]]> \x07 in Brennock",
    )
    with Store(db) as store:
        api.ingest(None, store, raws=[hostile])
        found = follow.changes(store, search="mourning")
        assert [c.kind for c in found] == ["story"]
        body = render_atom("urn:x", "t", "http://h/f", "http://h/", found)
    parsed = feedparser.parse(body)
    assert not parsed.bozo and parsed.version == "atom10"
    (entry,) = parsed.entries
    assert "<script>alert(1)</script> &" in entry.title  # text, escaped in the XML
    assert b"<script>" not in body and b"\x07" not in body
    listed = runner.invoke(main, ["changes", "--search", "mourning", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    (row,) = [json.loads(x) for x in listed.stdout.splitlines()]
    assert row["kind"] == "story" and row["summary"].startswith("New story: Funerals")
    text = runner.invoke(main, ["changes", "--since", "2000-01-01", "--db", db]).stdout
    assert "\x1b" not in text and "\x07" not in text and "New story" in text
    missing = runner.invoke(main, ["changes", "--search", "nothing", "--db", db])
    assert missing.exit_code == 4


def test_atom_of_changes_is_valid_and_escaped() -> None:
    change = Change(
        1,
        "s/1?&",
        "A <b>title</b> & more",
        "figure",
        "New figure: x < y",
        "2031-01-02T03:04:05+00:00",
    )
    parsed = feedparser.parse(render_atom("urn:a", "T & <t>", "http://h/f", "http://h/", [change]))
    assert not parsed.bozo and parsed.version == "atom10"
    assert parsed.feed.title == "T & <t>"
    assert parsed.entries[0].link == "http://h/stories/s%2F1%3F%26"
    assert parsed.entries[0].summary == "New figure: x < y"
    assert parsed.entries[0].updated.startswith("2031-01-02T03:04:05")


def test_follow_unknown_story_is_not_found(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["follow", "s-none", "--db", str(tmp_path / "e.db")])
    assert result.exit_code == 4 and "s-none" in result.stderr
    with pytest.raises(UsageError, match="1 to 100"), Store(tmp_path / "e.db") as store:
        follow.save_search(store, "a/b", "words")


def test_a_followed_story_the_grouper_merges_away_hands_its_follow_on(tmp_path: Path) -> None:
    """Re-clustering may empty a followed event into another: the follow moves with its
    articles and says so, and `changes` keeps working instead of naming a missing story."""
    from storyledger.model import Article, StorySketch

    def article(i: int) -> Article:
        return Article(
            id=f"a{i}",
            outlet="Tarn Ledger",
            title=f"Dam report {i}",
            text=f"The Olmarin dam report number {i} was published.",
            published="2031-05-0{i}",
        )

    def sketch(sid: str, ids: list[str]) -> StorySketch:
        return StorySketch(id=sid, title=f"story {sid}", article_ids=ids, features={})

    with Store(tmp_path / "m.db") as store:
        with store.transaction():
            store.write_batch(
                [article(1), article(2)],
                {"a1": "s1", "a2": "s2"},
                [sketch("s1", ["a1"]), sketch("s2", ["a2"])],
            )
        follow.follow_story(store, "s1", ledger_of=lambda sid: api.story(store, sid))
        with store.transaction():  # the grouper moves a1 into s2 and empties s1
            store.write_batch([], {"a1": "s2"}, [sketch("s1", []), sketch("s2", ["a1", "a2"])])
        assert [sid for sid, _ in follow.sql.followed(store.conn)] == ["s2"]
        merged = follow.changes(store, story="s2")
        assert [c.summary for c in merged] == ["Merged with the followed story: story s1"]
        follow.record_changes(store)  # no story named that does not exist
