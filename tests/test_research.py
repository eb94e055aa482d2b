"""Research workflows on a store built from project-made articles of four invented outlets
(tests/data/collections) with a user-made `lean` tag: group views and blindspots.

Expectations were read off the texts: the two outlets tagged left call the Kestrel Brigade
a "militant group" and report "at least 12" soldiers killed; the two tagged right call it a
"resistance movement" and report "up to 20"; the Elsby ferry fire is told only by the left.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyledger import research
from storyledger.cli import main
from storyledger.store import Store

from .collections_data import build_store, story_of


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, nlp) -> str:
    return build_store(tmp_path_factory.mktemp("collections") / "c.db")


def test_story_wording_and_coverage_split_by_lean(db: str) -> None:
    with Store(db) as store:
        attack = story_of(store, "granite-dunmore")
        view = research.group_view(store, attack, "lean")
    groups = {g.value: g for g in view.groups}
    assert set(groups) == {"left", "right"}
    assert sorted(groups["left"].outlets) == ["Lakeside Herald", "Orchard Tribune"]
    # Upland Voice's article names no outlet: it is linked by its URL's domain
    assert sorted(groups["right"].outlets) == ["Granite Post", "Upland Voice"]
    assert len(groups["left"].articles) == len(groups["right"].articles) == 2
    names = [g.value for g in view.groups]
    brigade = next(r for r in view.wording if r.key == "Kestrel Brigade")
    left, right = brigade.cells[names.index("left")], brigade.cells[names.index("right")]
    assert any("militant" in w for w in left) and not any("resistance" in w for w in left)
    assert any("resistance movement" in w for w in right)
    assert not any("militant" in w for w in right)
    assert brigade.differs
    toll = next(r for r in view.figures if r.label.startswith("kill (soldiers)"))
    assert toll.cells[names.index("left")] == ["at least 12"]
    assert toll.cells[names.index("right")] == ["up to 20"]
    wounded = next(r for r in view.figures if r.label.startswith("wound"))
    assert wounded.only == "left"
    vance = next(r for r in view.quotes if r.key == "Teodor Vance")
    assert vance.only == "right"
    coverage = dict(zip(names, view.coverage, strict=True))
    assert "wound (soldiers)" in coverage["left"]
    assert "Our fighters acted to protect our people" in coverage["right"]
    assert not any(label.startswith("kill (soldiers)") for c in coverage.values() for label in c)


def test_blindspots_by_lean(db: str) -> None:
    with Store(db) as store:
        ferry = story_of(store, "orchard-elsby")
        attack = story_of(store, "orchard-dunmore")
        found = research.blindspots(store, "lean")
    stories = [b for b in found if b.kind == "story"]
    assert [(b.story, b.group, b.counts) for b in stories] == [(ferry, "left", {"left": 2})]
    figures = {b.label: b for b in found if b.kind == "figure"}
    assert figures["wound (soldiers)"].story == attack
    assert figures["wound (soldiers)"].group == "left"
    assert not any(label.startswith("kill") for label in figures)  # both groups report it
    with Store(db) as store:  # all four outlets share one country: nothing is a blindspot
        assert research.blindspots(store, "country") == []
        assert len(research.blindspots(store, "type")) >= 1  # private vs broadcaster vs state


def test_cli_show_by_lean_and_blindspots(db: str) -> None:
    with Store(db) as store:
        attack = story_of(store, "granite-dunmore")
    runner = CliRunner()
    result = runner.invoke(main, ["show", attack, "--db", db, "--by", "lean", "--format", "json"])
    assert result.exit_code == 0, result.output
    groups = json.loads(result.stdout)["groups"]
    assert groups["by"] == "lean"
    assert any("resistance movement" in n and "militant" in n for n in groups["notes"])
    text = runner.invoke(main, ["show", attack, "--db", db, "--by", "lean"]).stdout
    assert "Wording by lean" in text and "[right]" in text
    listed = runner.invoke(main, ["blindspots", "--by", "lean", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    rows = [json.loads(line) for line in listed.stdout.splitlines()]
    assert rows[0]["kind"] == "story" and rows[0]["group"] == "left"


def test_cli_outlets_import_names_bad_rows(tmp_path: Path) -> None:
    bad = tmp_path / "o.csv"
    bad.write_text("name,type\nGood Daily,private\nOdd Daily,gossip\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["outlets", "import", str(bad), "--db", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "o.csv:3" in result.stderr and "gossip" in result.stderr
    listed = CliRunner().invoke(
        main, ["outlets", "list", "--imported-only", "--json", "--db", str(tmp_path / "s")]
    )
    assert [json.loads(x)["name"] for x in listed.stdout.splitlines()] == ["Good Daily"]


def test_cli_stories_by_date_range(db: str) -> None:
    runner = CliRunner()
    later = runner.invoke(main, ["stories", "--db", db, "--from", "2031-05-05", "--json"])
    assert later.exit_code == 0, later.output
    titles = [json.loads(x)["title"] for x in later.stdout.splitlines()]
    assert titles == ["Ferry fire at Elsby harbour forces passengers into the water"]
    earlier = runner.invoke(main, ["stories", "--db", db, "--to", "2031-05-04", "--json"])
    assert [json.loads(x)["n_articles"] for x in earlier.stdout.splitlines()] == [4]
    assert runner.invoke(main, ["stories", "--db", db, "--to", "2031-13-01"]).exit_code == 2


def test_folded_wire_copies_count_for_their_outlets_groups(tmp_path: Path) -> None:
    from storyledger.ingest.outlet_table import parse_outlets_csv
    from storyledger.model import Article, Story, StorySketch
    from storyledger.store.outlets import upsert_outlets

    wire = Article(
        id="w",
        text="A wire report run by three outlets.",
        outlet="Granite Post",
        also_in=["Orchard Tribune", "Lakeside Herald"],
    )
    follow_up = Article(id="g", text="Granite's own follow-up.", outlet="Granite Post")
    own = [Article(id=f"o{i}", text=f"Own report {i}.", outlet="Orchard Tribune") for i in (1, 2)]
    with Store(tmp_path / "w.db") as store:
        store.write_batch(
            [wire, follow_up, *own],
            {"w": "s-wire", "g": "s-wire", "o1": "s-own", "o2": "s-own"},
            [
                StorySketch("s-wire", "Wire story", ["w", "g"]),
                StorySketch("s-own", "Own", ["o1", "o2"]),
            ],
            None,
            [Story("s-wire", "Wire story", ["w", "g"]), Story("s-own", "Own", ["o1", "o2"])],
        )
        outlets, _ = parse_outlets_csv(
            "name,lean\nGranite Post,right\nOrchard Tribune,left\nLakeside Herald,left\n", "o"
        )
        upsert_outlets(store.conn, outlets)
        found = research.blindspots(store, "lean")
    # two articles from right-tagged Granite Post, but the wire copy also ran in two
    # left-tagged outlets: 2 reports each way, not a blindspot
    assert [(b.story, b.group, b.counts) for b in found] == [("s-own", "left", {"left": 2})]
