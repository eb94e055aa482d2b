"""Plain-text articles, with the header layout scraped pages often carry sniffed off.

The layout (all optional, in this order, blank lines between): page-chrome lines such as
"top of page", a "Source: NAME" line, a line that is only a date, a title line, the body,
and trailing page chrome. Only lines that match exactly are taken; the rest is body.
"""

from __future__ import annotations

import functools
import re

from storyledger.errors import InputError
from storyledger.ingest.common import (
    MAX_BYTES,
    check_article_text,
    data_lines,
    decode,
    outlet_name,
    too_large,
)
from storyledger.ingest.source import Items, Source
from storyledger.model import RawArticle
from storyledger.published import parse_published

_SOURCE = re.compile(r"^(?:source|outlet|publisher)\s*:\s*(.+)$", re.IGNORECASE)
MAX_TITLE = 200


@functools.cache
def _chrome() -> frozenset[str]:
    return frozenset(line.lower() for line in data_lines("page_chrome.txt", "en"))


def parse_date_line(line: str) -> str | None:
    """A line that is nothing but a full date (day, month and year); never a partial one."""
    line = line.strip().rstrip(".")
    line = re.sub(r"^(?:published|updated|date)\s*:?\s*", "", line, flags=re.IGNORECASE)
    line = re.sub(r"\s+", " ", line)
    line = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", line)
    if line.isdigit():
        return None  # a bare number in a text is not its dateline
    found = parse_published(line)
    return found.value if found and found.precision == "day" else None


_BYLINE = re.compile(r"^(?:By|BY)\s+[A-Z]")


def _is_title(line: str) -> bool:
    """Short, unpunctuated at the end, and not a byline ("By Jane Roe, Wire Service")."""
    line = line.strip()
    return (
        0 < len(line) <= MAX_TITLE
        and not line.endswith((".", "!", "?", ":", ";", ",", '"', "”"))
        and not _BYLINE.match(line)
    )


def split_header(text: str) -> tuple[dict[str, str | None], str]:
    """Take the header lines off a plain-text article: (metadata, body)."""
    lines = text.split("\n")
    while lines and (not lines[0].strip() or lines[0].strip().lower() in _chrome()):
        lines.pop(0)
    while lines and (not lines[-1].strip() or lines[-1].strip().lower() in _chrome()):
        lines.pop()
    # Trailing chrome glued to the last sentence ("...Palestinians.bottom of page").
    if lines:
        for chrome in _chrome():
            if lines[-1].lower().endswith(chrome) and len(lines[-1]) > len(chrome):
                candidate = lines[-1][: -len(chrome)]
                if candidate.rstrip().endswith((".", "!", "?", '"', "”")):
                    lines[-1] = candidate.rstrip()
                    break

    meta: dict[str, str | None] = {"outlet": None, "published": None, "title": None}

    def next_nonblank() -> str | None:
        while lines and not lines[0].strip():
            lines.pop(0)
        return lines[0] if lines else None

    line = next_nonblank()
    if line is not None and (m := _SOURCE.match(line.strip())):
        meta["outlet"] = outlet_name(m.group(1))
        lines.pop(0)
        line = next_nonblank()
    if line is not None and (published := parse_date_line(line)):
        meta["published"] = published
        lines.pop(0)
        line = next_nonblank()
    # A title is a short unpunctuated line standing alone above more text.
    if line is not None and _is_title(line) and len(lines) > 2 and not lines[1].strip():
        meta["title"] = line.strip()
        lines.pop(0)
        next_nonblank()
    return meta, "\n".join(lines).strip("\n")


def read_text(data: bytes, src: Source) -> Items:
    """One plain-text article, its header lines read off the top."""
    try:
        if len(data) > MAX_BYTES:
            raise too_large(src.name, len(data))
        text = check_article_text(decode(data, src.name), src.name)
        meta, body = split_header(text)
        body = check_article_text(body, src.name)
    except InputError as exc:
        yield exc
        return
    yield RawArticle(
        id=src.stem,
        text=body,
        path=src.name,
        outlet=meta["outlet"],
        published=meta["published"],
        title=meta["title"],
    )
