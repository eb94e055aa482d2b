"""CSV and TSV tables with a header row: one article per row.

Columns are matched by name, case-insensitively, against the names each field usually goes
by (data/record_fields.tsv: text/maintext/body/content, title/headline, outlet/source/
media_name/source_domain/domain, published/date/publish_date/date_publish/seendate, url/link,
id), or as `--field` maps them. A row without text is one problem named `FILE:LINE`; the other
rows are read. Python's csv module does the parsing (quoted fields, embedded newlines).
"""

from __future__ import annotations

import csv
import io

from storyledger.errors import InputError
from storyledger.ingest.common import decode
from storyledger.ingest.records import field_names, read_record
from storyledger.ingest.source import Items, Source


def _text_columns(src: Source) -> set[str]:
    mapped = src.fields.get("text")
    return {mapped.lower()} if mapped else set(field_names()["text"])


def sniff(head: str, delimiter: str) -> bool:
    """A first line that is a header naming a text column, split by `delimiter`."""
    first = head.lstrip("\ufeff").split("\n", 1)[0]
    if delimiter not in first:
        return False
    cells = [c.strip().strip('"').lower() for c in first.split(delimiter)]
    known = {name for names in field_names().values() for name in names}
    return (
        all(len(c) <= 40 for c in cells)
        and bool(set(cells) & set(field_names()["text"]))
        and len(set(cells) & known) >= 2  # "Body, mind and soul" is prose, not a header
    )


def _read(data: bytes, src: Source, delimiter: str) -> Items:
    try:
        text = decode(data, src.name)
    except InputError as exc:
        yield exc
        return
    csv.field_size_limit(64 * 1024 * 1024)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(rows, None)
    except csv.Error as exc:
        yield InputError(src.line(1), f"malformed header row ({exc})")
        return
    names = [h.strip().lstrip("\ufeff") for h in header or []]
    if not any(n.lower() in _text_columns(src) for n in names):
        wanted = src.fields.get("text") or "text, maintext, body or content"
        kind = "TSV" if delimiter == "\t" else "CSV"
        hint = "map one with --field text=COLUMN"
        yield InputError(src.name, f"{kind} header names no text column ({wanted}; {hint})")
        return
    while True:
        line = rows.line_num + 1
        try:
            row = next(rows)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(src.line(line), f"malformed row ({exc})")
            return
        if not any(cell.strip() for cell in row):
            continue
        record = dict(zip(names, row, strict=False))
        try:
            found = read_record(record, src.line(line), f"{src.stem}-{line}", src.fields)
        except InputError as exc:
            if exc.reason.startswith("record has no"):
                exc = InputError(exc.source, "row has no text")
            yield exc
            continue
        found.article.path = src.name
        yield found.article
        yield from found.warnings


def read_csv(data: bytes, src: Source) -> Items:
    yield from _read(data, src, ",")


def read_tsv(data: bytes, src: Source) -> Items:
    yield from _read(data, src, "\t")
