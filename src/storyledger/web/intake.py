"""Submissions (pasted text, uploaded files, JSON records, a feed URL) turned into RawArticles.

Policy: a submission is all or nothing. If any file or record in it cannot be read, nothing
is stored and every problem is listed, so a user fixes the file and sends it again without
wondering which half landed. Articles whose text the store already holds are not problems:
they are reported as duplicates and left as they are.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storyledger.errors import InputError
from storyledger.ingest import read_named_bytes
from storyledger.ingest.common import content_hash
from storyledger.ingest.compression import COMPRESSIONS
from storyledger.ingest.records import read_record
from storyledger.ingest.registry import suffixes
from storyledger.ingest.text import split_header
from storyledger.model import Problem, RawArticle
from storyledger.published import parse_published

UPLOAD_SUFFIXES = tuple(s for s in suffixes() if s != ".warc")  # crawls go through the CLI
MAX_FIELD = 500  # characters in a title, outlet, id or URL
log = logging.getLogger(__name__)


@dataclass
class Submission:
    raws: list[RawArticle] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def extend(self, items: Iterable[RawArticle | Problem]) -> None:
        for item in items:
            (self.problems if isinstance(item, Problem) else self.raws).append(item)


def _clean(value: str | None, name: str, source: str) -> str | None:
    """A metadata field as stored: trimmed, bounded, encodable; None when blank."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > MAX_FIELD:
        raise InputError(source, f"'{name}' is longer than {MAX_FIELD} characters")
    _check_encodable(value, source, name)
    return value


def _check_encodable(text: str, source: str, name: str = "text") -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(source, f"'{name}' holds characters that are not valid Unicode") from exc
    if "\x00" in text:
        raise InputError(source, f"'{name}' holds NUL characters")


def _fallback_id(text: str) -> str:
    return f"web-{content_hash(text)[:12]}"


def from_record(record: object, source: str) -> RawArticle:
    """One JSON record ({text, id?, title?, outlet?, published?, url?}) as a RawArticle."""
    return next(item for item in from_record_items(record, source) if isinstance(item, RawArticle))


def from_record_items(record: object, source: str) -> list[RawArticle | Problem]:
    """The record's article and the warnings about it (an unreadable date, kept undated)."""
    if not isinstance(record, dict):
        raise InputError(source, "record is not a JSON object")
    text = record.get("text")
    if isinstance(text, str):
        _check_encodable(text, source)
    cleaned = dict(record)
    for name in ("id", "title", "outlet", "published", "url"):
        value = record.get(name)
        if isinstance(value, str):
            cleaned[name] = _clean(value, name, source)
    fallback = _fallback_id(text) if isinstance(text, str) else "web"
    found = read_record(cleaned, source, fallback)
    return [found.article, *found.warnings]


def from_paste(
    text: str,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
) -> RawArticle:
    """Pasted text; header lines (Source:, a date line, a title line) are read off the top,
    and the form's own fields win over them."""
    source = "pasted text"
    _check_encodable(text, source)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    meta, body = split_header(text)
    date = _clean(published, "published", source)
    if date is not None and parse_published(date) is None:  # the form is there to fix it
        raise InputError(source, f"'published' is not a date storyledger can read: {date!r}")
    record = {
        "text": body if body.strip() else text,
        "title": _clean(title, "title", source) or meta.get("title"),
        "outlet": _clean(outlet, "outlet", source) or meta.get("outlet"),
        "published": date or meta.get("published"),
        "url": _clean(url, "url", source),
    }
    return from_record(record, source)


def from_upload(name: str, data: bytes) -> list[RawArticle | Problem]:
    """Articles in one uploaded file, typed by its name; problems keep their line numbers."""
    name = Path(name or "upload.txt").name or "upload.txt"
    lower = name.lower()
    packed = next((s for s in COMPRESSIONS if lower.endswith(s)), "")
    if not lower.removesuffix(packed).endswith(UPLOAD_SUFFIXES):
        allowed = ", ".join(s.lstrip(".") for s in UPLOAD_SUFFIXES)
        return [Problem(name, f"unsupported file type (upload {allowed}, or gz/bz2/xz/zst of one)")]
    results: list[RawArticle | Problem] = []
    for result in read_named_bytes(name, data):
        if isinstance(result, RawArticle):
            try:
                _check_encodable(result.text, name)
            except InputError as exc:
                results.append(Problem(name, exc.reason))
                continue
        results.append(result)
    return results


def from_feed(url: str, allow_private: bool = False) -> list[RawArticle | Problem]:
    """A feed's articles, through the feed reader when this installation has it.

    The feed and every page it links are fetched under `fetch.Fetcher`'s rules: internal
    addresses are refused unless the operator allowed them (`allow_private`). Each refusal
    or failure is listed in the answer and logged on the server's stderr, so the operator
    sees what users tried.
    """
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")):
        return [Problem(url or "feed URL", "a feed URL starts with http:// or https://")]
    try:
        from storyledger.ingest.feeds import fetch_feed
    except ImportError:
        return [Problem(url, "feed reading is not available in this installation")]
    try:
        items = list(fetch_feed(url, allow_private=allow_private))
    except InputError as exc:
        items = [Problem(url, exc.reason)]
    for item in items:
        if isinstance(item, Problem) and item.source == url:
            log.warning("feed %s not added: %s", url, item.reason)
        elif isinstance(item, Problem):
            log.warning("feed %s: page %s not added: %s", url, item.source, item.reason)
    return items
