"""Submissions (pasted text, uploaded files, JSON records, a feed URL) turned into RawArticles.

Policy: a submission is all or nothing. If any file or record in it cannot be read, nothing
is stored and every problem is listed, so a user fixes the file and sends it again without
wondering which half landed. Articles whose text the store already holds are not problems:
they are reported as duplicates and left as they are.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storyledger.errors import InputError
from storyledger.ingest import read_path
from storyledger.ingest.common import content_hash, normalise_date
from storyledger.ingest.jsonl import record_to_article
from storyledger.ingest.text import split_header
from storyledger.model import Problem, RawArticle

UPLOAD_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm", ".jsonl", ".json", ".ndjson")
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
    return record_to_article(cleaned, source, fallback)


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
    if date is not None and normalise_date(date) is None:
        raise InputError(source, f"'published' is not a YYYY-MM-DD date: {date!r}")
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
    if not lower.endswith(UPLOAD_SUFFIXES):
        allowed = ", ".join(s.lstrip(".") for s in UPLOAD_SUFFIXES)
        return [Problem(name, f"unsupported file type (upload {allowed})")]
    suffix = "".join(Path(lower).suffixes[-1:])
    stem = Path(name).stem
    results: list[RawArticle | Problem] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        for result in read_path(path):
            if isinstance(result, InputError):
                where = result.source.replace(str(path), name, 1)
                results.append(Problem(where, result.reason))
                continue
            if result.path and result.path.startswith(str(path)):
                result.path = name + result.path[len(str(path)) :]
            if result.id == "upload" or result.id.startswith("upload-"):
                result.id = stem + result.id[len("upload") :]
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
