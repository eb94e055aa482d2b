"""Outlets, the group selector, the export button and a figure's chart in real headless
Chromium against a real server, on project-made articles of four invented outlets tagged
with a made-up `lean`. Screenshots go to docs/screenshots/ (docs/web.md shows them)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from storyledger.store import Store

from ..collections_data import build_store, story_of
from .conftest import ROOT, start_server
from .test_browser import watch_errors

pytestmark = pytest.mark.slow

DOC_SHOTS = ROOT / "docs" / "screenshots"


def shot(target, name: str, **kwargs) -> None:
    DOC_SHOTS.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(DOC_SHOTS / f"{name}.png"), **kwargs)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory, nlp):
    db = build_store(tmp_path_factory.mktemp("research-browser") / "web.db")
    server = start_server(db)
    yield server
    server.stop()


def unstick(page) -> None:
    page.evaluate(  # sticky bars would cover the sections' own screenshots
        "for (const e of document.querySelectorAll('header.top, .toc')) e.style.position = 'static'"
    )


def test_outlets_page(live, page) -> None:
    errors = watch_errors(page)
    page.goto(f"{live.url}/")
    page.click("header.top nav a:has-text('Outlets')")
    page.wait_for_url(f"{live.url}/outlets")
    rows = page.locator("table.outlets-table tbody tr.outlet-row")
    assert rows.count() == 4
    granite = page.locator("tr.outlet-row[data-outlet='Granite Post']")
    assert granite.locator("td.tag[data-key='lean']").inner_text() == "right"
    carried = page.locator("table.carried").inner_text()
    assert "Upland Voice" in carried  # an article with no outlet name, linked by its domain
    shot(page, "outlets", full_page=True)
    assert errors == []


def test_group_selector_splits_the_story_by_lean(live, page) -> None:
    errors = watch_errors(page)
    with Store(live.db, readonly=True) as store:
        attack = story_of(store, "granite-dunmore")
    page.goto(f"{live.url}/stories/{attack}")
    assert page.locator("#groups table").count() == 0
    page.select_option("form.group-select select[name=by]", "lean")
    page.click("form.group-select button[type=submit]")
    page.wait_for_url(f"{live.url}/stories/{attack}?by=lean#groups")
    heads = page.locator("table.g-wording thead th.group-col").all_text_contents()
    assert heads == ["left", "right"]
    brigade = page.locator("table.g-wording tr.group-row[data-key='Kestrel Brigade']")
    left, right = brigade.locator("td.cell").all_inner_texts()
    assert "militant group" in left and "resistance" not in left
    assert "resistance movement" in right and "militant" not in right
    cards = page.locator(".group-card").all_inner_texts()
    assert any("lean = left" in c and "2 articles" in c for c in cards)
    only_left = page.locator("table.g-coverage tr[data-key='left'] td.cell").inner_text()
    assert "wound (soldiers)" in only_left and "kill (soldiers)" not in only_left
    toll = page.locator("table.g-figures tr.group-row", has_text="kill (soldiers)")
    assert toll.locator("td.cell").all_inner_texts() == ["at least 12", "up to 20"]
    unstick(page)
    shot(page.locator("#groups"), "story-groups")
    assert errors == []


def test_export_buttons_download_what_the_filters_show(live, page, tmp_path: Path) -> None:
    errors = watch_errors(page)
    page.goto(f"{live.url}/?outlet=Granite+Post")
    form = page.locator("form.export-form")
    assert form.locator("input[name=outlet]").get_attribute("value") == "Granite Post"
    form.locator("select[name=kind]").select_option("facts")
    form.locator("select[name=format]").select_option("csv")
    shot(page, "stories-export", full_page=False)
    with page.expect_download() as info:
        form.locator("button.export-button").click()
    saved = tmp_path / "facts.csv"
    info.value.save_as(saved)
    rows = list(csv.DictReader(io.StringIO(saved.read_text(encoding="utf-8"))))
    assert rows and {r["outlet"] for r in rows} == {"Granite Post"}
    assert {r["tag_lean"] for r in rows} == {"right"}

    page.goto(f"{live.url}/search?q=ferry")
    form = page.locator("form.export-form")
    form.locator("select[name=kind]").select_option("articles")
    form.locator("select[name=format]").select_option("jsonl")
    with page.expect_download() as info:
        form.locator("button.export-button").click()
    lines = Path(info.value.path()).read_text(encoding="utf-8").splitlines()
    found = {json.loads(line)["article"] for line in lines}
    assert found == {"orchard-elsby", "lakeside-elsby"}
    assert errors == []


def test_figure_chart_shows_each_outlets_value_and_hedge(live, page) -> None:
    errors = watch_errors(page)
    with Store(live.db, readonly=True) as store:
        attack = story_of(store, "granite-dunmore")
    page.goto(f"{live.url}/stories/{attack}#timeline")
    chart = page.locator(".figure-grid figure", has_text="kill (soldiers)").first
    svg = chart.locator("svg.chart.figure")
    assert svg.count() == 1
    assert svg.locator("circle.dot").count() == 4  # four outlets report the toll
    assert svg.locator("path.hedge").count() == 4  # "at least" twice, "up to" twice
    labels = svg.locator("text.val-label").all_text_contents()
    assert sorted(labels) == ["at least 12", "at least 12", "up to 20", "up to 20"]
    unstick(page)
    shot(chart, "figure-chart")
    assert errors == []
