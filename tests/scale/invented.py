"""Project-made test material: invented articles, HTML pages, WARC files, a loopback server.

Every text here is invented for the tests; none comes from a real outlet.
"""

from __future__ import annotations

import gzip
import http.server
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

TOWNS = [
    "Marlow Bay",
    "Eastbrook",
    "Fennick",
    "Holloway Cross",
    "Stanmere",
    "Quillon",
    "Redcastle",
    "Ashgrove",
    "Pellmouth",
    "Varrick",
]
PEOPLE = [
    "Dana Whitlock",
    "Omar Castellan",
    "Priya Hendry",
    "Lukas Brannigan",
    "Mei Tarrow",
    "Samuel Okoro",
    "Ines Valdera",
    "Tomas Keel",
    "Harriet Ames",
    "Jonah Prewitt",
]
SUBJECTS = [
    (
        "flood",
        "the river burst its banks overnight",
        "Water reached the first floors of {n} homes near the old mill, and pumps from three "
        "counties were sent to drain the streets. Engineers blamed a levee that had been "
        "patched after heavy rain last winter.",
    ),
    (
        "strike",
        "bus drivers walked out over pay",
        "{n} routes were cancelled and commuters queued for taxis outside the depot. The union "
        "wants a rise of {pct} percent; the operator has offered half of that and says talks "
        "will resume on Monday.",
    ),
    (
        "fire",
        "a warehouse fire spread to two shops",
        "Smoke from burning tyres drifted over the ring road, and {n} firefighters worked until "
        "dawn to stop the blaze reaching a petrol station. Investigators are checking a faulty "
        "heater in the loading bay.",
    ),
    (
        "budget",
        "the council approved a new budget",
        "Libraries will receive {n} thousand dollars more, while road repairs lose funding. The "
        "opposition called the plan reckless and said property taxes would rise by {pct} "
        "percent next spring.",
    ),
    (
        "election",
        "voters chose a new mayor",
        "Turnout was {pct} percent, the highest in a decade, and the winner took {n} more ballots "
        "than the incumbent. Observers reported long queues at polling stations in the north of "
        "the town.",
    ),
]


def invented_article(i: int) -> dict[str, str]:
    """A distinct invented news report (about 120 words) with names, numbers and quotes."""
    town = TOWNS[i % len(TOWNS)]
    person = PEOPLE[(i * 3) % len(PEOPLE)]
    other = PEOPLE[(i * 7 + 1) % len(PEOPLE)]
    topic, event, detail = SUBJECTS[i % len(SUBJECTS)]
    n = 12 + i * 7
    text = (
        f"In {town}, {event} on Tuesday, and officials said at least {n} people were affected. "
        + detail.format(n=n, pct=3 + i % 11)
        + f' {person}, a spokesperson for the {town} {topic} office, said "We are doing '
        f'everything we can for the people who were hit." According to {other}, about {n * 3} '
        f"residents had asked for help by the evening. {other} said the work could take "
        f"{2 + i % 5} weeks, in what locals called report number {i}."
    )
    return {
        "id": f"inv-{i:03d}",
        "title": f"{topic.title()} in {town}: {n} affected",
        "outlet": ["Town Crier", "Valley Post", "Harbour Times"][i % 3],
        "published": f"2025-0{1 + i % 9}-{10 + i % 18:02d}",
        "text": text,
    }


WIRE_STORY = (
    "Engineers in the port city of Marlow Bay began pumping water out of the flooded harbour "
    "tunnel on Wednesday, two days after a storm surge broke through a sea wall that had been "
    "repaired only last spring. The regional transport authority said that at least 140 "
    "vehicles were trapped in the tunnel when the water rose, and that all of the drivers had "
    "been brought out safely by rescue crews working through the night. Dana Whitlock, who "
    "speaks for the authority, said the tunnel would stay closed for at least three weeks "
    'while the damage was assessed. "We will not reopen it until every pump and every fan has '
    'been checked," she said. Traders at the harbour market said the closure was costing them '
    "customers, and the chamber of commerce put the daily loss at about 2 million dollars. The "
    "city council is due to meet on Friday to decide whether to pay for a higher sea wall, a "
    "project that engineers have estimated at 85 million dollars and that residents have "
    "asked for since the last great flood. Ferry operators said they would add crossings in "
    "the meantime, and the authority asked commuters to leave extra time for their journeys."
)


def wire_copies() -> tuple[str, str, str]:
    """The wire story as three outlets ran it: bylines, a dateline and a trimmed last line."""
    first = "By Omar Castellan, Wire Service\n\n" + WIRE_STORY
    second = "MARLOW BAY (Wire) — " + WIRE_STORY.replace(
        " Ferry operators said they would add crossings in the meantime, and the authority "
        "asked commuters to leave extra time for their journeys.",
        "",
    )
    third = "Staff and wire reports.\n" + WIRE_STORY + " Updated at 6 pm."
    return first, second, third


SAME_TOPIC_OWN_WORDS = (
    "A storm surge that smashed through the Marlow Bay sea wall on Monday has left the harbour "
    "tunnel under water, and the transport authority now says it cannot promise a reopening "
    "date. Rescue teams spent the night leading drivers out of the tunnel, where the authority "
    "counted about 140 cars and vans stranded by the flood. Market traders near the harbour "
    "told our reporter that trade had halved since the closure. Local business groups want the "
    "council to fund a taller wall, but councillors are divided over the 85 million dollar cost. "
    "Dana Whitlock of the authority warned that pumps and fans must be inspected before any "
    "traffic returns, a process she expects to take weeks rather than days."
)


def article_html(
    title: str,
    paragraphs: list[str],
    site: str | None = None,
    published: str | None = None,
) -> str:
    """A plain news page: title, optional site name and date metadata, paragraphs of text."""
    meta = ""
    if site:
        meta += f'<meta property="og:site_name" content="{escape(site)}">\n'
    if published:
        meta += f'<meta property="article:published_time" content="{published}T08:00:00Z">\n'
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n{meta}</head>\n<body>\n"
        f'<nav><a href="/">Home</a> <a href="/news">News</a></nav>\n'
        f"<article><h1>{escape(title)}</h1>\n{body}\n</article>\n"
        f"<footer>Copyright the invented outlet</footer>\n</body></html>\n"
    )


def page_for(i: int, site: str | None = None, dated: bool = True) -> str:
    """The invented article `i` as an HTML page."""
    art = invented_article(i)
    sentences = art["text"].split(". ")
    half = len(sentences) // 2
    paragraphs = [". ".join(sentences[:half]) + ".", ". ".join(sentences[half:])]
    return article_html(art["title"], paragraphs, site, art["published"] if dated else None)


# --- WARC ---------------------------------------------------------------------------------


def warc_record(
    uri: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    record_type: str = "response",
) -> bytes:
    """One gzipped WARC/1.1 record holding an HTTP response (each record its own gzip member)."""
    http = (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode() + body
    headers = (
        f"WARC/1.1\r\nWARC-Type: {record_type}\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2025-03-01T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\n"
        f"Content-Type: application/http; msgtype={record_type}\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(headers + http + b"\r\n\r\n")


def warcinfo_record() -> bytes:
    payload = b"software: storyledger tests\r\n"
    headers = (
        f"WARC/1.1\r\nWARC-Type: warcinfo\r\nWARC-Date: 2025-03-01T12:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>\r\nContent-Type: application/warc-fields\r\n"
        f"Content-Length: {len(payload)}\r\n\r\n"
    ).encode()
    return gzip.compress(headers + payload + b"\r\n\r\n")


# --- a loopback HTTP server -----------------------------------------------------------------


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    fail_first: int = 0  # answer 503 to this many requests before serving the body
    status: int = 200


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class LocalServer:
    """http.server on 127.0.0.1 in a thread, serving routes and recording every request."""

    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)

    def start(self) -> LocalServer:
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                route = server.routes.get(self.path)
                status = self._status(route)
                server.requests.append(Seen(self.path, dict(self.headers.items()), status))
                self.send_response(status)
                if route is not None and status == 200:
                    self.send_header("Content-Type", route.content_type)
                    if route.etag:
                        self.send_header("ETag", route.etag)
                    if route.last_modified:
                        self.send_header("Last-Modified", route.last_modified)
                    self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                else:
                    self.send_header("Content-Length", "0")
                    self.end_headers()

            def _status(self, route: Route | None) -> int:
                if route is None:
                    return 404
                if route.fail_first > 0:
                    route.fail_first -= 1
                    return 503
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    return 304
                return route.status

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def paths(self, predicate: Callable[[Seen], bool] = lambda s: True) -> list[str]:
        return [s.path for s in self.requests if predicate(s)]
