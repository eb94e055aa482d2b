"""Web archives (WARC, plain or gzipped): each HTML response record as one article.

FastWARC reads gzip by itself and streams record by record, so a multi-gigabyte crawl never
sits in memory. Only `response` records with an HTML payload and a 2xx status are articles;
a record that holds no article text becomes an InputError naming the record (the file goes on).
The article id is a short hash of the target URI (the same page crawled twice keeps one id);
`published` comes only from the page's own metadata, never from the crawl date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from storyledger.errors import InputError
from storyledger.ingest.common import MAX_BYTES
from storyledger.ingest.html import parse_html
from storyledger.ingest.source import Items, Source
from storyledger.model import RawArticle

HTML_TYPES = ("text/html", "application/xhtml+xml")


def warc_article_id(uri: str | None, record_id: str | None) -> str:
    """`warc-` plus 16 hex digits of the target URI's hash (or of the record id without one)."""
    key = uri or record_id or ""
    return "warc-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _decode_payload(data: bytes, charset: str | None) -> str:
    """The HTTP charset when it is given and valid; else UTF-8, falling back to cp1252."""
    for encoding in (charset, "utf-8"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    return data.decode("cp1252", errors="replace")


def iter_warc_stream(stream: BinaryIO, source: str) -> Iterator[RawArticle | InputError]:
    """Articles in a WARC byte stream (a file, or the bytes Spark hands an executor)."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    try:
        records = ArchiveIterator(stream, record_types=WarcRecordType.response, parse_http=True)
        for record in records:
            uri = record.headers.get("WARC-Target-URI")
            record_id = record.record_id
            where = f"{source}#{uri or record_id}"
            http = record.http_headers
            if http is None:
                continue
            status = http.status_code or 0
            content_type = (record.http_content_type or "").lower()
            if not 200 <= status < 300 or not content_type.startswith(HTML_TYPES):
                continue  # redirects, errors, images, scripts: not articles, not problems
            data = record.reader.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                yield InputError(where, "page too large for an article")
                continue
            html = _decode_payload(data, record.http_charset)
            try:
                article = parse_html(html, where, warc_article_id(uri, record_id), url=uri)
            except InputError as exc:
                yield exc
                continue
            article.path = source
            yield article
    except OSError as exc:
        yield InputError(source, f"broken WARC file ({exc})")


def iter_warc(path: str | Path) -> Iterator[RawArticle | InputError]:
    """Stream the articles of a `.warc` or `.warc.gz` file, in record order."""
    source = str(path)
    try:
        stream = open(path, "rb")  # noqa: SIM115 - closed below; the generator owns it
    except OSError as exc:
        yield InputError(source, f"cannot be read ({exc.strerror or exc})")
        return
    with stream:
        yield from iter_warc_stream(stream, source)


def sniff(head: bytes) -> bool:
    return head.startswith(b"WARC/")


def read_warc(data: bytes, src: Source) -> Items:
    """The articles in WARC bytes (an upload, or a file Spark hands an executor)."""
    import io

    yield from iter_warc_stream(io.BytesIO(data), src.name)


def read_warc_path(path: Path, src: Source) -> Items:
    """Streamed from disk: a crawl never sits in memory."""
    yield from iter_warc(path)
