"""Fetching on a user's behalf: internal addresses refused (also after a redirect and behind a
host name), the checked address is the one connected to, redirects capped, bodies capped
while they stream. Real HTTP servers on loopback throughout."""

from __future__ import annotations

import functools
import gzip
import http.server
import ipaddress
import socket
import threading
import tracemalloc
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from storyledger.errors import (
    BlockedAddressError,
    FetchError,
    TooLargeError,
    TransientFetchError,
)
from storyledger.ingest.common import MAX_BYTES
from storyledger.ingest.fetch import Fetcher, address_kind

PAGE = b"<html><body><p>An invented page.</p></body></html>"
CHUNK = 64 * 1024
OFFERED = 200 * 1024 * 1024  # what the endless route offers before giving up


@functools.cache
def _bomb() -> bytes:
    """200 MB of zeros, gzip'd to a few hundred kB (compressed a megabyte at a time)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(1024 * 1024)
    parts = [packer.compress(zeros) for _ in range(OFFERED // len(zeros))]
    return b"".join([*parts, packer.flush()])


@dataclass
class Site:
    """A loopback HTTP server recording each request's path and Host header, and how many
    body bytes it managed to send."""

    host: str = "127.0.0.1"
    redirects: dict[str, str] = field(default_factory=dict)
    requests: list[tuple[str, str]] = field(default_factory=list)
    sent: int = 0

    def start(self) -> Site:
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site.requests.append((self.path, self.headers.get("Host", "")))
                if self.path in site.redirects:
                    self.send_response(302)
                    self.send_header("Location", site.redirects[self.path])
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif self.path == "/endless":  # no length: the body runs until we stop
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html")
                    self.end_headers()
                    try:
                        while site.sent < OFFERED:
                            self.wfile.write(b"x" * CHUNK)
                            site.sent += CHUNK
                    except OSError:  # the client hung up: what we measure
                        return
                elif self.path == "/declared-huge":
                    self.send_response(200)
                    self.send_header("Content-Length", str(OFFERED))
                    self.end_headers()
                    try:
                        while site.sent < OFFERED:
                            self.wfile.write(b"x" * CHUNK)
                            site.sent += CHUNK
                    except OSError:
                        return
                elif self.path in ("/gzip-page", "/gzip-bomb"):
                    body = gzip.compress(PAGE) if self.path == "/gzip-page" else _bomb()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Encoding", "gzip")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    try:
                        self.wfile.write(body)
                    except OSError:
                        return
                elif self.path == "/down":
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                elif self.path.startswith("/page"):
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(PAGE)))
                    self.end_headers()
                    self.wfile.write(PAGE)
                else:
                    self.send_error(404)

            def log_message(self, *args: object) -> None:
                return

        self.httpd = http.server.ThreadingHTTPServer((self.host, 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        return self

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    def url(self, path: str, host: str | None = None) -> str:
        return f"http://{host or self.host}:{self.port}{path}"

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site().start()
    yield s
    s.stop()


@pytest.fixture
def second_site() -> Iterator[Site]:
    """Another loopback address (all of 127.0.0.0/8 is loopback on Linux)."""
    try:
        s = Site(host="127.0.0.2").start()
    except OSError:
        pytest.skip("127.0.0.2 cannot be bound here")
    yield s
    s.stop()


def _only_first(**kwargs: object) -> Fetcher:
    """Allowed 127.0.0.1 only: its server stands in for a public site."""
    return Fetcher(host_delay=0, backoff=0.01, allowed_networks=["127.0.0.1/32"], **kwargs)


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata services live here
        ("224.0.0.251", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("240.0.0.1", "reserved"),
        ("100.64.0.1", "non-public"),  # carrier-grade NAT
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fe80::1", "link-local"),
        ("fc00::1", "private"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback (IPv4 inside IPv6)"),
        ("::ffff:10.0.0.1", "private (IPv4 inside IPv6)"),
        ("2002:7f00:1::1", "loopback (IPv4 inside IPv6)"),  # 6to4 of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", "link-local (IPv4 inside IPv6)"),  # NAT64 of 169.254.169.254
        ("93.184.216.34", None),
        ("2606:4700:4700::1111", None),
        ("::ffff:93.184.216.34", None),
    ],
)
def test_address_kinds(address: str, kind: str | None) -> None:
    assert address_kind(ipaddress.ip_address(address)) == kind


@pytest.mark.parametrize(
    "host",
    ["127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "2130706433", "127.1", "0.0.0.0"],
)
def test_internal_hosts_are_refused_before_any_request(site: Site, host: str) -> None:
    with Fetcher(host_delay=0) as fetcher, pytest.raises(BlockedAddressError) as caught:
        fetcher.get(site.url("/page", host=host))
    assert "refused" in caught.value.reason
    assert "--allow-private-feeds" in caught.value.reason
    assert site.requests == []


def test_ipv6_loopback_is_refused() -> None:
    with Fetcher(host_delay=0) as fetcher, pytest.raises(BlockedAddressError) as caught:
        fetcher.get("http://[::1]:9/feed.xml")
    assert "::1 is a loopback address" in caught.value.reason


def test_a_name_resolving_to_public_and_private_addresses_is_refused() -> None:
    def resolver(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.0.0.5"]

    fetcher = Fetcher(host_delay=0, resolver=resolver)
    with fetcher, pytest.raises(BlockedAddressError) as caught:
        fetcher.get("http://news.example/feed.xml")
    assert "news.example resolves to 10.0.0.5, which is a private address" in caught.value.reason


def test_the_checked_address_is_the_one_connected_to(site: Site) -> None:
    """A name that no DNS knows, answered by our resolver: the request reaches the address we
    checked (so a second, rebound DNS answer has no say) and still names the host."""
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]

    with _only_first(resolver=resolver) as fetcher:
        fetched = fetcher.get(site.url("/page", host="news.invalid"))
    assert fetched.content == PAGE
    assert asked == ["news.invalid"]
    assert site.requests == [("/page", f"news.invalid:{site.port}")]


def test_the_operator_can_allow_private_addresses(site: Site) -> None:
    with Fetcher(host_delay=0, allow_private=True) as fetcher:
        assert fetcher.get(site.url("/page")).content == PAGE


def test_a_redirect_is_followed_and_checked_again(site: Site, second_site: Site) -> None:
    site.redirects["/moved"] = "/page-new"
    site.redirects["/inside"] = second_site.url("/page-secret")
    with _only_first() as fetcher:
        fetched = fetcher.get(site.url("/moved"))
        assert fetched.content == PAGE and fetched.url == site.url("/page-new")
        with pytest.raises(BlockedAddressError) as caught:
            fetcher.get(site.url("/inside"))
    assert "127.0.0.2 is a loopback address" in caught.value.reason
    assert caught.value.source == site.url("/inside")
    assert second_site.requests == []  # the internal page was never asked for


def test_redirects_are_capped(site: Site) -> None:
    site.redirects["/loop"] = "/loop"
    with _only_first() as fetcher, pytest.raises(FetchError) as caught:
        fetcher.get(site.url("/loop"))
    assert "more than 5 redirects" in caught.value.reason
    assert len(site.requests) == 6


def test_an_endless_body_is_aborted_at_the_cap(site: Site) -> None:
    with _only_first() as fetcher, pytest.raises(TooLargeError) as caught:
        fetcher.get(site.url("/endless"))
    assert "download aborted" in caught.value.reason
    site.httpd.shutdown()  # let the handler notice the hang-up before we read its count
    # What the server got out before we hung up: the cap plus what socket buffers hold,
    # never the whole 200 MB (reading the body whole before checking it sent all of it).
    assert site.sent < MAX_BYTES + 32 * 1024 * 1024


def test_a_declared_length_over_the_cap_is_refused_without_reading(site: Site) -> None:
    with _only_first() as fetcher, pytest.raises(TooLargeError) as caught:
        fetcher.get(site.url("/declared-huge"))
    assert f"{OFFERED:,} bytes" in caught.value.reason
    site.httpd.shutdown()
    assert site.sent < 32 * 1024 * 1024


def test_failures_are_typed(site: Site) -> None:
    with _only_first(retries=1) as fetcher:
        with pytest.raises(TransientFetchError) as down:
            fetcher.get(site.url("/down"))
        with pytest.raises(FetchError) as missing:
            fetcher.get(site.url("/nowhere"))
    assert "503" in down.value.reason and "2 attempts" in down.value.reason
    assert "404" in missing.value.reason
    assert not isinstance(missing.value, TransientFetchError)
    with socket.socket() as s:  # a port nobody listens on: the connection is refused
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    with _only_first(retries=0) as fetcher, pytest.raises(TransientFetchError) as refused:
        fetcher.get(f"http://127.0.0.1:{closed}/page")
    assert "ConnectError" in refused.value.reason


def test_a_compressed_page_is_read(site: Site) -> None:
    with _only_first() as fetcher:
        assert fetcher.get(site.url("/gzip-page")).content == PAGE


def test_a_decompression_bomb_is_stopped_at_the_cap_in_small_steps(site: Site) -> None:
    """A few hundred kB that inflate to 200 MB: inflated step by step, the download stops at
    the cap, and memory never holds much more than the cap (inflating each network chunk
    whole, a 64 kB chunk of it alone would be some 64 MB)."""
    assert len(_bomb()) < 1024 * 1024
    with _only_first() as fetcher:
        tracemalloc.start()
        try:
            with pytest.raises(TooLargeError):
                fetcher.get(site.url("/gzip-bomb"))
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert peak < MAX_BYTES + 8 * 1024 * 1024
