"""Adding a feed through the API: its readable pages are stored, its broken ones listed."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

PAGE = """<!doctype html><html><head><title>Lighthouse keepers return</title>
<meta property="og:site_name" content="Coast Courier">
<meta property="article:published_time" content="2024-06-02T08:00:00Z"></head>
<body><article><h1>Lighthouse keepers return</h1>
<p>The harbour board said on Sunday that two keepers would return to the old lighthouse at
Kestrel Point for the first time since 1985, and that the light would be lit again in July.</p>
<p>"It is a small thing, but the town has waited a long time for it," the chair of the board,
Marta Lind, told reporters. The board said the repairs had cost about 40,000 pounds, and that
volunteers had given more than 3,000 hours of work to the tower and the keepers' cottage.</p>
</article></body></html>"""


def _feed(base: str) -> str:
    return f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Coast Courier</title>
<item><title>Lighthouse keepers return</title><link>{base}/lighthouse</link>
<pubDate>Sun, 02 Jun 2024 08:00:00 GMT</pubDate></item>
<item><title>Gone</title><link>{base}/missing</link></item>
</channel></rss>"""


@pytest.fixture
def site_requests() -> list[str]:
    """Every path the feed site was asked for."""
    return []


@pytest.fixture
def site(site_requests: list[str]) -> Iterator[str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            site_requests.append(self.path)
            base = f"http://127.0.0.1:{self.server.server_address[1]}"
            pages = {
                "/feed.xml": (_feed(base), "application/rss+xml"),
                "/lighthouse": (PAGE, "text/html; charset=utf-8"),
            }
            if self.path not in pages:
                self.send_error(404)
                return
            body, kind = pages[self.path]
            data = body.encode()
            self.send_response(200)
            self.send_header("content-type", kind)
            self.send_header("content-length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_feed_pages_are_added_and_failures_listed(server_factory, site: str) -> None:
    live = server_factory(allow_private_feeds=True)  # the feed is served on loopback
    with live.client() as client:
        response = client.post("/api/feeds", json={"url": f"{site}/feed.xml"})
        assert response.status_code == 201, response.text
        body = response.json()
        assert len(body["added"]) == 1
        assert [p["source"] for p in body["problems"]] == [f"{site}/missing"]
        article = client.get(f"/api/articles/{body['added'][0]}").json()["article"]
        assert article["title"] == "Lighthouse keepers return"
        assert article["outlet"] == "Coast Courier"
        assert article["published"] == "2024-06-02"
        refused = client.post("/api/feeds", json={"url": "file:///etc/passwd"})
        assert refused.status_code == 422
        assert "http" in refused.json()["problems"][0]["reason"]
    assert live.count_articles() == 1


def test_a_loopback_feed_is_refused_without_the_operators_flag(
    server_factory, site: str, site_requests: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    live = server_factory()  # `serve` without --allow-private-feeds
    with live.client() as client:
        response = client.post("/api/feeds", json={"url": f"{site}/feed.xml"})
        assert 400 <= response.status_code < 500, response.text
        body = response.json()
        assert body["added"] == []
        (problem,) = body["problems"]
        assert problem["source"] == f"{site}/feed.xml"
        assert "127.0.0.1 is a loopback address" in problem["reason"]
        assert "--allow-private-feeds" in problem["reason"]
        port = site.rsplit(":", 1)[1]
        form = client.post("/add/feed", data={"feed": f"http://localhost:{port}/feed.xml"})
        assert 400 <= form.status_code < 500
        assert "loopback address" in form.text
    assert live.count_articles() == 0
    assert site_requests == []  # the server never reached the internal site
    logged = [r.getMessage() for r in caplog.records if "loopback address" in r.getMessage()]
    assert len(logged) == 2  # and the operator reads why on the server's stderr
