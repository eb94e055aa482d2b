"""JSON Lines (or a JSON array) of article records: `text` required; id, title, outlet,
published, url optional. A bad record is skipped with its line number; the rest are read."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from storyledger.errors import InputError
from storyledger.ingest.common import check_article_text, decode, normalise_date, read_bytes
from storyledger.model import RawArticle

FIELDS = ("id", "title", "outlet", "published", "url")


def record_to_article(record: object, source: str, fallback_id: str) -> RawArticle:
    if not isinstance(record, dict):
        raise InputError(source, "record is not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "record has no 'text'")
    for name in FIELDS:
        if record.get(name) is not None and not isinstance(record[name], str | int):
            raise InputError(source, f"'{name}' must be a string")
    published = record.get("published")
    date = normalise_date(published)
    if published not in (None, "") and date is None:
        raise InputError(source, f"'published' is not a YYYY-MM-DD date: {published!r}")
    return RawArticle(
        id=str(record.get("id") or fallback_id),
        text=check_article_text(text, source),
        path=source.rsplit(":", 1)[0],
        outlet=(str(record["outlet"]).strip() or None) if record.get("outlet") else None,
        published=date,
        title=str(record["title"]).strip() or None if record.get("title") else None,
        url=str(record["url"]) if record.get("url") else None,
    )


def iter_jsonl(path: Path) -> Iterator[RawArticle | InputError]:
    """Each record as an article, or the error that record raised (the file goes on)."""
    source = str(path)
    text = decode(read_bytes(path, max_bytes=512 * 1024 * 1024), source)
    stripped = text.lstrip()
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except json.JSONDecodeError as exc:
            yield InputError(source, f"malformed JSON ({exc.msg} at line {exc.lineno})")
            return
        for n, record in enumerate(records, 1):
            try:
                yield record_to_article(record, f"{source}[{n}]", f"{path.stem}-{n}")
            except InputError as exc:
                yield exc
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(where, f"malformed JSON line ({exc.msg})")
            continue
        try:
            yield record_to_article(record, where, f"{path.stem}-{n}")
        except InputError as exc:
            yield exc
