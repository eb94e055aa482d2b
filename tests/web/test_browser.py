"""Reading a story side by side in real headless Chromium against a real server.

Expectations about the seeds were read off the seed texts (../shared/seeds): Iran
International (2023-10-16) says "at least 1,400" were killed on October 7; the later,
undated article says "up to 1,400"; Naser Kanaani is quoted directly.
"""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from pydantic import TypeAdapter

from storyledger.model import Article, Ledger

from ..conftest import shared_path
from .conftest import SCREENSHOTS, screenshot

pytestmark = pytest.mark.slow

TARGET_BACKGROUND = "rgb(255, 226, 122)"  # .range:target / a.mark:target in style.css


def seed_files() -> list[str]:
    return [str(p) for p in sorted(shared_path("seeds").glob("*.txt"))]


def ensure_seeds(live) -> str:
    """The seed story's id, uploading the seeds through the API if a test runs alone."""
    with live.client() as client:
        files = [("files", (Path(p).name, Path(p).read_bytes())) for p in seed_files()]
        response = client.post("/api/articles/upload", files=files)
        assert response.status_code in (200, 201), response.text
        stories = set(response.json()["story_of"].values())
    assert len(stories) == 1, stories
    return stories.pop()


def watch_errors(page) -> list[str]:
    """Console errors, page errors, dialogs and requests leaving the server, as they happen."""
    errors: list[str] = []
    page.on(
        "console",
        lambda m: errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None,
    )
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    return errors


def test_seed_pair_uploaded_and_read_side_by_side(module_server, page) -> None:
    live = module_server
    errors = watch_errors(page)
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(live.url) else outside.append(r.url))

    page.goto(f"{live.url}/add")
    page.set_input_files("#upload-form input[type=file]", seed_files())
    page.click("#upload-form button[type=submit]")
    outcome = page.locator("#outcome")
    outcome.wait_for()
    assert re.search(r"Added 2 articles|Already in the store", outcome.inner_text())
    screenshot(page, "add-upload-outcome", full_page=False)

    page.goto(f"{live.url}/")
    page.fill(".filters input[name=entity]", "Nobody Atall")
    page.click(".filters button[type=submit]")
    assert "No story matches these filters." in page.locator("main").inner_text()
    page.fill(".filters input[name=entity]", "Naser Kanaani")
    page.select_option(".filters select[name=outlet]", "Iran International")
    page.fill(".filters input[name=from]", "2023-10-01")
    page.click(".filters button[type=submit]")
    assert page.locator(".story-card").count() == 1
    card = page.locator(".story-card").first
    assert "Iran International" in card.inner_text()
    assert re.search(r"\d+ differences", card.inner_text(), re.IGNORECASE)
    screenshot(page, "stories-list", full_page=False)
    card.locator("a.story-title").click()
    page.wait_for_selector("table.facts")
    story_id = page.url.rsplit("/stories/", 1)[1]

    # one column per outlet, oldest first; the undated article is named by its id
    heads = page.locator("table.facts thead th.outlet-col").all_inner_texts()
    assert len(heads) == 2
    assert heads[0].startswith("Iran International") and "2023-10-16" in heads[0]
    assert heads[1].startswith("[004_9515fa750cbec667]") and "undated" in heads[1]

    # the page shows exactly the facts of the JSON contract, each in its row
    ledger = httpx.get(f"{live.url}/api/stories/{story_id}").json()
    (story,) = ledger["stories"]
    quantity_facts = [f for f in story["facts"] if f["kind"] == "quantity"]
    assert page.locator("table.facts tbody tr.fact").count() == len(quantity_facts)
    toll = page.locator("table.facts tbody tr.fact", has_text="at least 1,400")
    assert toll.count() >= 1
    row = toll.filter(has_text="up to 1,400").first
    cells = row.locator("td.cell").all_inner_texts()
    assert "at least 1,400" in cells[0] and "up to 1,400" in cells[1]
    assert row.get_attribute("data-status") in ("conflict", "update")
    assert page.locator("#claims table.claims tbody tr").count() == len(story["facts"]) - len(
        quantity_facts
    )
    assert "Naser Kanaani" in page.locator("#quotes").inner_text()
    wording = page.locator("#wording").inner_text()
    assert "proxy" in wording and "militant" in wording
    assert page.locator("#timeline svg.chart").count() >= 1
    screenshot(page, "story-top", full_page=False)
    screenshot(page, "story-full")
    page.evaluate(  # sticky bars would cover the sections' own screenshots
        "for (const e of document.querySelectorAll('header.top, .toc')) e.style.position = 'static'"
    )
    for section in ("claims", "quotes", "wording", "coverage", "timeline"):
        page.locator(f"#{section}").screenshot(path=str(SCREENSHOTS / f"story-{section}.png"))

    # click through to the article and its highlighted quote
    item = page.locator(".quote-item", has_text="prepared to take necessary actions").first
    item.locator("a.goto").click()
    page.wait_for_url(re.compile(r"/articles/000_92940c1f89354cb3#at-\d+$"))
    target = page.locator(":target")
    assert "prepared to take necessary actions" in target.inner_text()
    assert target.evaluate("e => getComputedStyle(e).backgroundColor") == TARGET_BACKGROUND
    assert (
        page.locator(".text mark.number", has_text="199").count()
        + page.locator(".text a.mark.number", has_text="199").count()
        >= 1
    )
    screenshot(page, "article-quote", full_page=False)

    # and back from a highlighted figure to the row it feeds
    page.locator(".text a.mark.number", has_text="at least 1,400").first.click()
    page.wait_for_url(re.compile(rf"/stories/{story_id}#fact-"))
    back_row = page.locator("tr:target")
    assert "at least 1,400" in back_row.inner_text()

    assert not errors, errors
    assert not outside, f"the pages reached beyond the server: {outside}"


def test_exports_match_the_cli_contract(module_server) -> None:
    story_id = ensure_seeds(module_server)
    with module_server.client() as client:
        first = client.get(f"/api/stories/{story_id}")
        again = client.get(f"/api/stories/{story_id}")
        assert again.headers["x-cache"] == "hit" and again.content == first.content
        api = first.json()
        TypeAdapter(Ledger).validate_python(api)  # the records of the JSON contract, whole
        exported = client.get(f"/stories/{story_id}/export.json")
        assert exported.headers["content-disposition"].startswith("attachment")
        assert exported.json() == api
        assert set(api) == {"articles", "stories", "threads"}
        assert story_id in [e["id"] for e in api["threads"][0]["events"]]  # the story's thread
        assert {a["id"] for a in api["articles"]} == set(api["stories"][0]["articles"])
        csv_text = client.get(f"/stories/{story_id}/export.csv").text
        lines = csv_text.strip().splitlines()
        assert lines[0].startswith("fact,kind,label,status,article,outlet")
        n_entries = sum(len(f["entries"]) for f in api["stories"][0]["facts"])
        assert len(lines) - 1 >= n_entries  # rows may hold newlines inside quotes, never fewer
        report = client.get(f"/stories/{story_id}/export.html", params={"download": "false"})
        assert "<script" not in report.text.lower()
        assert "style-src 'unsafe-inline'" in report.headers["content-security-policy"]
        assert "Iran International" in report.text
        article = client.get("/api/articles/000_92940c1f89354cb3").json()
        TypeAdapter(Article).validate_python(article["article"])
        assert article["story"] == story_id
        assert article["article"]["outlet"] == "Iran International"
        hits = client.get("/api/search", params={"q": "Kanaani prerequisites"}).json()
        assert [h["id"] for h in hits["hits"]] == ["000_92940c1f89354cb3"]
        listing = client.get("/api/stories", params={"outlet": "Iran International"}).json()
        assert [s["id"] for s in listing["stories"]] == [story_id]
        assert client.get("/api/stories", params={"date_from": "2030-01-01"}).json()["total"] == 0


# Invented text (not from any outlet) for the add-an-article form.
FOLLOW_UP = """Source: Harbour Gazette

Oct 21, 2023

Talks on hostages held in Gaza continue

Negotiators from Qatar and Egypt met again on Saturday to discuss the release of hostages held \
in Gaza, officials said. Hamas has said it is ready to release civilian prisoners, according to \
Iranian Foreign Minister Hossein Amir-Abdollahian, but no date has been set. Israel said that \
at least 210 hostages are held in Gaza. The talks will go on next week, a Qatari official told \
reporters, adding that the families of the hostages had been informed."""


def test_add_an_article_through_the_form(module_server, page) -> None:
    live = module_server
    ensure_seeds(live)
    errors = watch_errors(page)
    before = live.count_articles()
    page.goto(f"{live.url}/add")
    page.fill("#paste-form textarea[name=text]", FOLLOW_UP)
    page.fill("#paste-form input[name=url]", "https://example.org/talks")
    page.click("#paste-form button[type=submit]")
    outcome = page.locator("#outcome")
    outcome.wait_for()
    assert "Added 1 article" in outcome.inner_text()
    assert live.count_articles() == before + 1
    screenshot(page, "add-paste-outcome", full_page=False)
    outcome.locator("a.story-link").click()
    page.wait_for_selector(".outlets")
    outlets = page.locator(".outlet-card .outlet-name").all_inner_texts()
    assert "Harbour Gazette" in outlets  # the header lines became the article's fields
    page.locator(".outlet-card", has_text="Harbour Gazette").click()
    assert page.locator("h1").inner_text() == "Talks on hostages held in Gaza continue"
    assert "2023-10-21" in page.locator(".kicker").inner_text()
    assert page.locator(".text mark.number, .text a.mark.number", has_text="210").count() == 1
    assert not errors, errors


XSS_TITLE = 'Ferry <script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">'
XSS_OUTLET = "<svg onload=alert(1)>Gazette"
XSS_TEXT = """The harbour authority said on Tuesday that the ferry service would resume next week \
after repairs to the pier. <script>window.__pwned = 3; alert("script ran")</script> Officials \
expected many more travellers in the summer, and the mayor said the town was ready for them. \
<img src=x onerror="window.__pwned = 4; document.title = 'pwned'"> A spokesperson added that \
<a href="javascript:window.__pwned=5">the timetable</a> would be published on the website, and \
"><script>window.__pwned=6</script> the fares would stay as they were for at least 2 years."""


def test_stored_script_never_runs(server_factory, page) -> None:
    live = server_factory()
    errors = watch_errors(page)
    page.goto(f"{live.url}/add")
    page.fill("#paste-form textarea[name=text]", XSS_TEXT)
    page.fill("#paste-form input[name=title]", XSS_TITLE)
    page.fill("#paste-form input[name=outlet]", XSS_OUTLET)
    page.fill("#paste-form input[name=published]", "2024-03-05")
    page.click("#paste-form button[type=submit]")
    page.locator("#outcome").wait_for()
    assert "Added 1 article" in page.locator("#outcome").inner_text()
    article_href = page.locator("#outcome ul.added a").first.get_attribute("href")
    story_href = page.locator("#outcome a.story-link").first.get_attribute("href")
    for path in (
        article_href,
        story_href,
        "/",
        "/search?q=ferry",
        f"{story_href}/export.html?download=false",
        "/api/articles/" + article_href.rsplit("/", 1)[1],
    ):
        page.goto(f"{live.url}{path}")
        page.wait_for_load_state("load")
        assert page.evaluate("window.__pwned") is None, path
        assert page.title() != "pwned", path
        assert page.locator("a[href^='javascript:']").count() == 0, path
        assert page.locator("img[src=x], svg[onload]").count() == 0, path
    page.goto(f"{live.url}{article_href}")
    text = page.locator("#text").inner_text()
    assert "<script>window.__pwned = 3;" in text  # shown as the text it is
    assert page.locator("h1").inner_text() == XSS_TITLE
    screenshot(page, "script-injection-article", full_page=False)
    assert not errors, errors
