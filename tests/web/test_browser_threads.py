"""Following a thread in real headless Chromium against a real server: a story page's related
events lead to the thread page, which lists the events in date order and how the figures
moved, and back. Screenshots go to docs/screenshots/ (docs/web.md shows them).

The invented releases (tests/data/releases) arrive day by day: two events of one thread.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_browser import watch_errors
from .test_threads import DAY_ONE, DAY_TWO, TITLE_ONE, TITLE_TWO, upload

pytestmark = pytest.mark.slow

DOC_SHOTS = ROOT / "docs" / "screenshots"


def _shot(locator_or_page, name: str, **kwargs) -> Path:
    DOC_SHOTS.mkdir(parents=True, exist_ok=True)
    path = DOC_SHOTS / f"{name}.png"
    locator_or_page.screenshot(path=str(path), **kwargs)
    return path


def test_related_events_lead_to_the_thread_page_and_back(server_factory, page) -> None:
    live = server_factory()
    with live.client() as client:
        first = upload(client, DAY_ONE)
        second = upload(client, DAY_TWO)
        (summary,) = client.get("/api/threads").json()["threads"]
        thread = client.get(f"/api/threads/{summary['id']}").json()
    errors = watch_errors(page)
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live.url) else outside.append(r.url))

    page.goto(f"{live.url}/stories/{second}")
    page.click("nav.toc a[href='#related']")
    related = page.locator("#related")
    items = related.locator("li.thread-event")
    assert items.count() == 1
    assert TITLE_ONE in items.first.inner_text() and "2031-03-14" in items.first.inner_text()
    page.evaluate(  # sticky bars would cover the section's own screenshot
        "for (const e of document.querySelectorAll('header.top, .toc')) e.style.position = 'static'"
    )
    _shot(related, "story-related-events")

    related.locator(f"a[href='/threads/{summary['id']}']").click()
    page.wait_for_url(re.compile(rf"/threads/{summary['id']}$"))
    events = page.locator("#events li.thread-event")
    assert events.count() == 2
    assert TITLE_ONE in events.nth(0).inner_text() and TITLE_TWO in events.nth(1).inner_text()
    rows = page.locator("table.thread-figures tbody tr")
    assert rows.count() == len(thread["figures"]) >= 1
    for i, figure in enumerate(thread["figures"]):
        row = rows.nth(i)
        assert figure["label"] in row.locator("th").inner_text()
        assert row.get_attribute("data-moved") == figure["moved"]
        cells = row.locator("td.cell")
        assert cells.count() == 2  # one column per event
        for n, event in enumerate(thread["events"]):
            reported = [v for v in figure["values"] if v["event"] == event["id"]]
            text = cells.nth(n).inner_text()
            for value in reported:
                assert value["outlets"][0] in text
            if not reported:
                assert text.strip() == "—"
    _shot(page, "thread-page", full_page=True)

    events.nth(0).locator("a.event-title").click()
    page.wait_for_url(re.compile(rf"/stories/{first}$"))
    assert TITLE_TWO in page.locator("#related").inner_text()
    assert not errors, errors
    assert not outside, outside
