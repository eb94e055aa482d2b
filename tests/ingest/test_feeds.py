"""Feeds and URL lists from a loopback server: polite fetching, dates never guessed, only new
pages ingested."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from email.utils import format_datetime
from html import escape
from pathlib import Path

import pytest

from storyledger.ingest.feeds import (
    USER_AGENT,
    FeedState,
    Fetcher,
    fetch_feed,
    poll_feed,
    url_article_id,
)
from storyledger.model import Problem, RawArticle
from storyledger.store import Store
from storyledger.watch import watch

from ..scale.invented import LocalServer, Route, invented_article, page_for


def _rss(server: LocalServer, items: list[tuple[int, bool]], title: str = "Valley Post") -> bytes:
    """An RSS 2.0 feed linking invented pages; (i, dated) says whether the entry has a date."""
    entries = []
    for i, dated in items:
        art = invented_article(i)
        date = ""
        if dated:
            when = datetime(2025, 3, 1 + i, 23, 30, tzinfo=UTC)
            date = f"<pubDate>{format_datetime(when)}</pubDate>"
        entries.append(
            f"<item><title>{escape(art['title'])}</title>"
            f"<link>{server.url(f'/news/{i}.html')}</link>{date}</item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{server.base}/</link><description>News</description>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()


@pytest.fixture
def server():
    srv = LocalServer().start()
    yield srv
    srv.stop()


def _pages(server: LocalServer, ids: range, dated: bool = False) -> None:
    for i in ids:
        page = page_for(i, site="Some Site", dated=dated)
        server.routes[f"/news/{i}.html"] = Route(page.encode())


def _quick() -> Fetcher:
    return Fetcher(host_delay=0.0, backoff=0.05, allow_private=True)  # feeds on loopback


def test_rss_entries_become_articles_with_feed_dates_and_outlet(server):
    _pages(server, range(3))
    server.routes["/feed.xml"] = Route(
        _rss(server, [(0, True), (1, True), (2, False)]), "application/rss+xml"
    )
    items = fetch_feed(server.url("/feed.xml"), allow_private=True)
    assert all(isinstance(i, RawArticle) for i in items)
    assert [a.url for a in items] == [server.url(f"/news/{i}.html") for i in range(3)]
    assert [a.id for a in items] == [url_article_id(a.url) for a in items]
    assert [a.published for a in items] == ["2025-03-01", "2025-03-02", None]  # never guessed
    assert {a.outlet for a in items} == {"Valley Post"}  # the feed's title, not the page's
    assert items[1].title == invented_article(1)["title"]
    assert "spokesperson for the Eastbrook strike office" in items[1].text
    assert all(s.headers.get("User-Agent") == USER_AGENT for s in server.requests)


def test_page_date_metadata_is_used_when_the_entry_has_none(server):
    server.routes["/news/5.html"] = Route(page_for(5, dated=True).encode())
    server.routes["/feed.xml"] = Route(_rss(server, [(5, False)]), "application/rss+xml")
    (article,) = fetch_feed(server.url("/feed.xml"), allow_private=True)
    assert article.published == invented_article(5)["published"]


def test_atom_feed(server):
    _pages(server, range(2))
    entries = "".join(
        f'<entry><title>T{i}</title><link href="{server.url(f"/news/{i}.html")}"/>'
        f"<id>urn:x:{i}</id><updated>2025-04-0{i + 1}T10:00:00Z</updated></entry>"
        for i in range(2)
    )
    server.routes["/atom"] = Route(
        (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Harbour Times</title><id>urn:x</id><updated>2025-04-02T10:00:00Z</updated>"
            f"{entries}</feed>"
        ).encode(),
        "application/atom+xml",
    )
    items = fetch_feed(server.url("/atom"), allow_private=True)
    assert [(a.title, a.published, a.outlet) for a in items] == [
        ("T0", "2025-04-01", "Harbour Times"),
        ("T1", "2025-04-02", "Harbour Times"),
    ]


def test_url_list_over_http_and_from_a_file(server, tmp_path):
    _pages(server, range(2))
    listing = f"# pages to read\n{server.url('/news/0.html')}\n\n{server.url('/news/1.html')}\n"
    server.routes["/list.txt"] = Route(listing.encode(), "text/plain")
    over_http = fetch_feed(server.url("/list.txt"), allow_private=True)
    (tmp_path / "urls.txt").write_text(listing)
    from_file = fetch_feed(str(tmp_path / "urls.txt"), allow_private=True)
    for items in (over_http, from_file):
        assert [a.url for a in items] == [server.url("/news/0.html"), server.url("/news/1.html")]
        assert all(a.published is None for a in items)  # a bare URL list carries no dates
        assert items[0].outlet == "Some Site"  # no feed title: the site's own name


def test_transient_errors_are_retried_and_permanent_ones_reported(server):
    _pages(server, range(2))
    server.routes["/news/0.html"].fail_first = 2  # 503, 503, then the page
    server.routes["/feed.xml"] = Route(
        _rss(server, [(0, True), (1, True), (9, True)]), "application/rss+xml"
    )  # page 9 does not exist: 404
    poll = poll_feed(server.url("/feed.xml"), fetcher=_quick())
    good = [i for i in poll.items if isinstance(i, RawArticle)]
    bad = [i for i in poll.items if isinstance(i, Problem)]
    assert [a.url for a in good] == [server.url("/news/0.html"), server.url("/news/1.html")]
    assert len(bad) == 1 and bad[0].source == server.url("/news/9.html")
    assert "404" in bad[0].reason
    assert server.paths(lambda s: s.path == "/news/0.html") == ["/news/0.html"] * 3
    assert server.paths(lambda s: s.path == "/news/9.html") == ["/news/9.html"]  # no retry


def test_a_server_that_keeps_failing_is_given_up_on(server):
    server.routes["/feed.xml"] = Route(b"", fail_first=100)
    fetcher = Fetcher(host_delay=0, retries=2, backoff=0.01, allow_private=True)
    poll = poll_feed(server.url("/feed.xml"), fetcher=fetcher)
    (problem,) = poll.items
    assert "503" in problem.reason and "3 attempts" in problem.reason
    assert len(server.requests) == 3


def test_unchanged_feed_costs_one_conditional_request(server):
    _pages(server, range(2))
    server.routes["/feed.xml"] = Route(
        _rss(server, [(0, True), (1, True)]), "application/rss+xml", etag='"v1"'
    )
    state = FeedState()
    first = poll_feed(server.url("/feed.xml"), state, _quick())
    state.commit(first)
    second = poll_feed(server.url("/feed.xml"), state, _quick())
    assert len(first.items) == 2
    assert second.modified is False and second.items == []
    feed_requests = [s for s in server.requests if s.path == "/feed.xml"]
    assert feed_requests[1].headers.get("If-None-Match") == '"v1"'
    assert feed_requests[1].status == 304
    assert server.paths(lambda s: s.path.startswith("/news/")) == ["/news/0.html", "/news/1.html"]


def test_watch_ingests_only_new_pages_and_remembers_across_runs(server, tmp_path):
    _pages(server, range(4))
    feed = server.url("/feed.xml")
    server.routes["/feed.xml"] = Route(
        _rss(server, [(0, True), (1, True)]), "application/rss+xml", etag='"v1"'
    )
    db = tmp_path / "s.db"
    events: list[str] = []
    with Store(db) as store:
        watch([feed], store, interval=0, once=True, on_event=events.append, fetcher=_quick())
        assert store.count_articles() == 2
    with Store(db) as store:  # a new process: validators and pages come from the store file
        watch([feed], store, interval=0, once=True, on_event=events.append, fetcher=_quick())
        assert store.count_articles() == 2
        assert "not modified" in events[-1]
        server.routes["/feed.xml"] = Route(
            _rss(server, [(0, True), (1, True), (2, True)]), "application/rss+xml", etag='"v2"'
        )
        watch([feed], store, interval=0, once=True, on_event=events.append, fetcher=_quick())
        assert store.count_articles() == 3
        article = store.get_article(url_article_id(server.url("/news/2.html")))
        assert article.published == "2025-03-03" and article.outlet == "Valley Post"
        assert store.story_of(article.id) is not None
    pages = server.paths(lambda s: s.path.startswith("/news/"))
    assert sorted(pages) == ["/news/0.html", "/news/1.html", "/news/2.html"]  # each once


@pytest.mark.slow  # the CLI in a subprocess (spaCy loaded), polled until it stops
def test_ctrl_c_stops_the_watcher_cleanly(server, tmp_path):
    _pages(server, range(2))
    server.routes["/feed.xml"] = Route(_rss(server, [(0, True), (1, True)]), "application/rss+xml")
    db = tmp_path / "w.db"
    cli = Path(sys.executable).with_name("storyledger")
    proc = subprocess.Popen(
        [
            str(cli),
            "watch",
            server.url("/feed.xml"),
            "--db",
            str(db),
            "--interval",
            "0.2",
            "--allow-private-feeds",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        while proc.poll() is None and len(server.paths(lambda s: s.path == "/feed.xml")) < 2:
            time.sleep(0.05)  # until the second poll: the first one's articles are stored
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, stderr.decode()
    assert "stopped" in stderr.decode()
    with Store(db) as store:
        assert store.count_articles() == 2


def test_feed_items_pointing_at_internal_pages_are_refused(server, tmp_path):
    """The feed itself is a local file; its items link to pages on loopback, which a user
    must not get fetched (and stored, and searchable) through a feed."""
    _pages(server, range(2))
    feed = tmp_path / "feed.xml"
    feed.write_bytes(_rss(server, [(0, True), (1, True)]))
    poll = poll_feed(str(feed))  # the default fetcher: no --allow-private-feeds
    assert all(isinstance(i, Problem) for i in poll.items)
    pages = [server.url("/news/0.html"), server.url("/news/1.html")]
    assert [p.source for p in poll.items] == pages
    assert all("127.0.0.1 is a loopback address" in p.reason for p in poll.items)
    assert server.requests == []
    assert poll.pages == []  # not remembered: allowed later, they are fetched then


def test_watch_names_a_refused_feed_on_stderr(server, tmp_path):
    _pages(server, range(1))
    server.routes["/feed.xml"] = Route(_rss(server, [(0, True)]), "application/rss+xml")
    db = tmp_path / "w.db"
    cli = Path(sys.executable).with_name("storyledger")
    done = subprocess.run(
        [str(cli), "watch", server.url("/feed.xml"), "--db", str(db), "--once"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert f"skipped {server.url('/feed.xml')}: refused: 127.0.0.1 is a loopback" in done.stderr
    assert server.requests == []
    with Store(db) as store:
        assert store.count_articles() == 0
