"""Fetching a URL on a user's behalf without letting the user reach inside our network.

A feed URL comes from whoever can post to the web app, and a feed's items come from whoever
writes the feed: both are hostile. Why each rule:

- Every host is resolved here and every address it resolves to is checked; loopback,
  private, link-local, multicast, unspecified and reserved addresses (IPv4 and IPv6, and IPv4
  inside IPv6) are refused unless the operator allowed them. The request then goes to the
  address that was checked (the Host header and TLS SNI keep the name, so certificates are
  still verified against it): a DNS answer that changes between check and connect (DNS
  rebinding) cannot swap an internal address in.
- Redirects are followed here, one hop at a time, each hop checked like the first, at most
  `MAX_REDIRECTS`.
- Bodies are streamed and the download is aborted as soon as it passes the byte cap, so a
  huge or endless answer costs the cap, not the server's memory.
- No connection is kept alive between requests (a kept TLS connection to one name could
  otherwise be reused for another name on the same address without checking its
  certificate), and proxies from the environment are ignored (through a proxy, the address
  checked would be the proxy's).
"""

from __future__ import annotations

import ipaddress
import socket
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import httpx
from tenacity import RetryCallState, Retrying, retry_if_exception_type, stop_after_attempt

from storyledger.errors import BlockedAddressError, FetchError, TooLargeError, TransientFetchError
from storyledger.ingest.common import MAX_BYTES

USER_AGENT = "storyledger/0.1 (+https://github.com/storyledger/storyledger)"
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
RETRIES = 3  # attempts after the first, on 5xx / 429 / timeouts / dropped connections
BACKOFF = 1.0  # seconds before the first retry; doubled each time
MAX_RETRY_AFTER = 60.0
HOST_DELAY = 1.0  # seconds between two requests to one host
MAX_REDIRECTS = 5
ACCEPT_ENCODING = "gzip, deflate"  # the codecs `_decoded` can inflate in bounded steps
INFLATE_STEP = 64 * 1024  # bytes of decompressed output per step
ALLOW_HINT = (
    "such addresses are fetched only when the server or watcher runs with --allow-private-feeds"
)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]
NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


def address_kind(ip: IPAddress) -> str | None:
    """What kind of non-public address `ip` is ("loopback", "private", ...); None if public.

    An IPv6 address that carries an IPv4 one (IPv4-mapped, 6to4, NAT64) is judged by it.
    """
    if isinstance(ip, ipaddress.IPv6Address):
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and ip in NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is not None:
            kind = address_kind(inner)
            return f"{kind} (IPv4 inside IPv6)" if kind else None
    checks = (
        ("unspecified", ip.is_unspecified),
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved),
        ("private", ip.is_private),
        ("non-public", not ip.is_global),  # shared (carrier NAT), benchmarking, documentation
    )
    return next((kind for kind, hit in checks if hit), None)


def _same_address(host: str, ip: IPAddress) -> bool:
    """Whether the URL's host is the address itself (then there is nothing to resolve)."""
    try:
        return ipaddress.ip_address(host.strip("[]")) == ip
    except ValueError:
        return False


def system_resolver(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for `host`, in its order of preference."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        if exc.errno == socket.EAI_AGAIN:
            raise TransientFetchError(host, f"cannot resolve the host for now ({exc})") from exc
        raise FetchError(host, f"cannot resolve the host ({exc.strerror or exc})") from exc
    except UnicodeError as exc:
        raise FetchError(host, "the host name is not valid") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


@dataclass
class Fetched:
    """A fetched answer: read whole, within the cap. `url` is where the redirects ended."""

    url: str
    status: int
    headers: httpx.Headers
    content: bytes
    charset: str | None


class Fetcher:
    """One HTTP client with the safety rules above and politeness: a User-Agent naming the
    project, a per-host delay, timeouts, retries with backoff on transient failures only.

    `allow_private` lets every address through (the operator's `--allow-private-feeds`);
    `allowed_networks` lets only those networks through (a narrower allowance).
    """

    def __init__(
        self,
        host_delay: float = HOST_DELAY,
        retries: int = RETRIES,
        backoff: float = BACKOFF,
        timeout: httpx.Timeout | float = TIMEOUT,
        allow_private: bool = False,
        allowed_networks: Iterable[str | Network] = (),
        max_bytes: int = MAX_BYTES,
        resolver: Resolver = system_resolver,
    ) -> None:
        self.host_delay = host_delay
        self.retries = retries
        self.backoff = backoff
        self.allow_private = allow_private
        self.allowed_networks = [ipaddress.ip_network(n) for n in allowed_networks]
        self.max_bytes = max_bytes
        self.resolver = resolver
        self.client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
            limits=httpx.Limits(max_keepalive_connections=0),
            headers={"User-Agent": USER_AGENT, "Accept-Encoding": ACCEPT_ENCODING},
        )
        self._last: dict[str, float] = {}

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # addresses ------------------------------------------------------------------------------

    def check_address(self, address: str, source: str, host: str) -> None:
        """Raise BlockedAddressError unless `address` may be fetched."""
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if self.allow_private or any(ip in net for net in self.allowed_networks):
            return
        kind = address_kind(ip)
        if kind is not None:
            named = host if _same_address(host, ip) else f"{host} resolves to {ip}, which"
            raise BlockedAddressError(
                source, f"refused: {named} is a {kind} address ({ALLOW_HINT})"
            )

    def _pin(self, url: httpx.URL, source: str) -> tuple[httpx.URL, dict[str, str], dict]:
        """The URL aimed at a checked address of its host, with the headers and TLS name
        that keep the host's own name for the server."""
        if url.scheme not in ("http", "https"):
            raise FetchError(source, "only http and https URLs are fetched")
        host = url.raw_host.decode("ascii")
        if not host:
            raise FetchError(source, "the URL names no host")
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            addresses = self.resolver(host.strip("[]"), port)
        except FetchError as exc:  # named by the URL asked for, not the bare host
            raise type(exc)(source, exc.reason) from exc
        if not addresses:
            raise FetchError(source, "the host resolves to no address")
        for address in addresses:  # every one: a name may resolve to a public and a private one
            self.check_address(address, source, url.host)
        target = url.copy_with(host=addresses[0].split("%", 1)[0])
        headers = {"Host": url.netloc.decode("ascii")}
        extensions = {"sni_hostname": host} if url.scheme == "https" else {}
        return target, headers, extensions

    # requests -------------------------------------------------------------------------------

    def _wait_for_host(self, url: httpx.URL) -> None:
        host = url.netloc.decode("ascii").lower()
        last = self._last.get(host)
        if last is not None:
            pause = self.host_delay - (time.monotonic() - last)
            if pause > 0:
                time.sleep(pause)
        self._last[host] = time.monotonic()

    def _read_capped(self, response: httpx.Response, source: str) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            raise TooLargeError(
                source, f"the answer is {int(declared):,} bytes, over {self._cap()}"
            )
        chunks: list[bytes] = []
        size = 0
        for chunk in _decoded(response, source):
            size += len(chunk)
            if size > self.max_bytes:
                raise TooLargeError(source, f"the answer passed {self._cap()}; download aborted")
            chunks.append(chunk)
        return b"".join(chunks)

    def _cap(self) -> str:
        return f"the limit for an article ({self.max_bytes:,} bytes)"

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        """One attempt: follow redirects hop by hop, each hop checked, the body capped."""
        try:
            current = httpx.URL(url)
        except (httpx.InvalidURL, TypeError) as exc:
            raise FetchError(url, f"not a valid URL ({exc})") from exc
        for _ in range(MAX_REDIRECTS + 1):
            target, host_header, extensions = self._pin(current, url)
            self._wait_for_host(current)
            request = self.client.build_request(
                "GET", target, headers={**headers, **host_header}, extensions=extensions
            )
            response = self.client.send(request, stream=True)
            try:
                status = response.status_code
                location = response.headers.get("location")
                if status in (301, 302, 303, 307, 308) and location:
                    try:
                        current = current.join(location)
                    except httpx.InvalidURL as exc:
                        raise FetchError(url, f"redirected to an invalid URL ({exc})") from exc
                    continue
                if status == 429 or status >= 500:
                    after = response.headers.get("retry-after", "")
                    raise TransientFetchError(
                        url,
                        f"HTTP {status} {response.reason_phrase}",
                        min(float(after), MAX_RETRY_AFTER) if after.isdigit() else None,
                    )
                if status >= 400:
                    raise FetchError(url, f"HTTP {status} {response.reason_phrase}")
                content = b"" if status == 304 else self._read_capped(response, url)
                return Fetched(
                    str(current), status, response.headers, content, response.charset_encoding
                )
            finally:
                response.close()
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects")

    def get(self, url: str, headers: dict[str, str] | None = None) -> Fetched:
        """GET with every rule above; raises a FetchError subclass on anything else.

        Retries are tenacity's: only a TransientFetchError (a type, never a message) is
        retried, `retries` times, waiting `backoff` doubled each attempt or the server's
        Retry-After when longer; the per-host delay runs inside every attempt.
        """

        def wait(state: RetryCallState) -> float:
            exc = state.outcome.exception() if state.outcome else None
            backoff = self.backoff * (2 ** (state.attempt_number - 1))
            return max(backoff, getattr(exc, "retry_after", None) or 0.0)

        def give_up(state: RetryCallState) -> Fetched:
            exc = state.outcome.exception() if state.outcome else None
            reason = exc.reason if isinstance(exc, FetchError) else str(exc)
            tries = state.attempt_number
            raise TransientFetchError(url, f"{reason} (gave up after {tries} attempts)") from exc

        retrying = Retrying(
            retry=retry_if_exception_type(TransientFetchError),
            stop=stop_after_attempt(self.retries + 1),
            wait=wait,
            retry_error_callback=give_up,
        )
        return retrying(self._attempt, url, headers or {})

    def _attempt(self, url: str, headers: dict[str, str]) -> Fetched:
        """One attempt, httpx's failures typed: a timeout or a dropped connection is
        transient, any other request failure is not."""
        try:
            return self._once(url, headers)
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            reason = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            raise TransientFetchError(url, reason) from exc
        except httpx.HTTPError as exc:
            raise FetchError(url, f"request failed ({exc})") from exc


def _decoded(response: httpx.Response, source: str) -> Iterator[bytes]:
    """The body's bytes, decompressed in steps of at most INFLATE_STEP bytes.

    Why not httpx's own decoding: it inflates each network chunk whole, so a small
    compressed chunk (a decompression bomb) could grow to gigabytes before the cap is
    checked. Only gzip and deflate are asked for and read.
    """
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("", "identity"):
        yield from response.iter_raw()
        return
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise FetchError(source, f"the answer is compressed as {encoding!r}, which is not read")
    # gzip, or deflate with its zlib header (47: either, detected from the header)
    inflater = zlib.decompressobj(47 if "gzip" in encoding else zlib.MAX_WBITS)
    try:
        for raw in response.iter_raw():
            data = raw
            while data:
                yield inflater.decompress(data, INFLATE_STEP)
                data = inflater.unconsumed_tail
        yield inflater.flush()
    except zlib.error as exc:
        raise FetchError(source, f"the answer's {encoding} compression is broken") from exc
