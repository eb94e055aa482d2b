"""The one entry for every input: bytes with a name, or a path, to the reader for its format.

The format comes from the name's suffix (after a compression suffix is taken off: gzip,
bzip2, xz, zstd); an unknown suffix is settled by sniffing the content, and what looks like
nothing else is read as plain text. The CLI, the web upload and Spark all come here.

Adding a format is one module with `read(data, source)` (and a `sniff` if its content can
be told apart) plus one line in READERS.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from storyledger.errors import InputError
from storyledger.ingest import compression, html, jsonl, parquet, tabular, text, warc
from storyledger.ingest.common import (
    MAX_BYTES,
    file_problem,
    outlet_from_url,
    read_bytes,
    too_large,
)
from storyledger.ingest.source import Items, Source
from storyledger.model import RawArticle

MAX_INPUT = compression.MAX_DECOMPRESSED  # a JSON Lines or table file may be this large


@dataclass(frozen=True)
class Reader:
    name: str
    suffixes: tuple[str, ...]
    read: Callable[[bytes, Source], Items]
    sniff: Callable[[bytes, str], bool] | None = None  # (first bytes, first text) -> is it?
    read_path: Callable[[Path, Source], Items] | None = None  # a streaming reader for files
    max_bytes: int = MAX_INPUT


READERS: tuple[Reader, ...] = (
    Reader("warc", (".warc",), warc.read_warc, lambda b, _: warc.sniff(b), warc.read_warc_path),
    Reader("parquet", (".parquet", ".pq"), parquet.read_parquet, lambda b, _: parquet.sniff(b)),
    Reader("json", (".jsonl", ".json", ".ndjson"), jsonl.read_json, lambda _, t: jsonl.sniff(t)),
    Reader("csv", (".csv",), tabular.read_csv, lambda _, t: tabular.sniff(t, ",")),
    Reader("tsv", (".tsv", ".tab"), tabular.read_tsv, lambda _, t: tabular.sniff(t, "\t")),
    Reader("html", (".html", ".htm", ".xhtml"), html.read_html, lambda _, t: html.sniff(t)),
    Reader("text", (".txt", ".text", ".md"), text.read_text, max_bytes=MAX_BYTES),
)
TEXT = READERS[-1]


def reader_named(name: str) -> Reader:
    return next(r for r in READERS if r.name == name)


def suffixes() -> tuple[str, ...]:
    """Every suffix a reader claims, for messages and upload forms."""
    return tuple(s for r in READERS for s in r.suffixes)


def _split(name: str) -> tuple[str, str | None, Reader | None]:
    """(stem, compression suffix, reader by suffix) for a file name."""
    base = Path(name).name
    packed = compression.by_suffix(base)
    if packed:
        base = base[: -len(packed)]
    lower = base.lower()
    reader = next((r for r in READERS for s in r.suffixes if lower.endswith(s)), None)
    if reader is not None:
        suffix = next(s for s in reader.suffixes if lower.endswith(s))
        base = base[: -len(suffix)]
    elif "." in base.strip("."):
        base = base.rsplit(".", 1)[0]
    return base or "upload", packed, reader


def _sniff(data: bytes) -> Reader:
    head = data[:4096]
    try:
        start = head.decode("utf-8-sig", errors="ignore")
    except ValueError:  # pragma: no cover - errors="ignore" never raises
        start = ""
    for reader in READERS:
        if reader.sniff is not None and reader.sniff(head, start):
            return reader
    return TEXT


def _finish(items: Items, src: Source) -> Items:
    """What every article leaving a reader gets: its file's name, an outlet from its URL."""
    for item in items:
        if isinstance(item, RawArticle):
            if item.path is None and item.url is None:
                item.path = src.name
            if item.outlet is None and item.url:
                item.outlet = outlet_from_url(item.url)
        yield item


def read_named_bytes(
    name: str, data: bytes, fields: Mapping[str, str] | None = None, fmt: str | None = None
) -> Items:
    """Articles, errors and warnings in `data`, read as the file `name` (or as `fmt`)."""
    stem, _, reader = _split(name)
    src = Source(name, stem, dict(fields or {}))
    packed = compression.by_magic(data)  # a ".gz" already unpacked in transit reads as it is
    warc_gz = packed == ".gz" and (fmt or (reader.name if reader else "")) == "warc"
    if packed and not warc_gz:  # FastWARC reads gzip itself, record by record
        try:
            data = compression.decompress(data, packed, name)
        except InputError as exc:
            yield exc
            return
    if fmt:
        reader = reader_named(fmt)
    reader = reader or _sniff(data)
    if len(data) > reader.max_bytes:
        yield too_large(name, len(data), reader.max_bytes)
        return
    yield from _finish(reader.read(data, src), src)


def read_path(path: Path, fields: Mapping[str, str] | None = None) -> Items:
    """Articles, errors and warnings in one file; a file that cannot be opened is one error."""
    name = str(path)
    problem = file_problem(path)
    if problem:
        yield InputError(name, problem)
        return
    stem, packed, reader = _split(path.name)
    if reader is not None and reader.read_path is not None and packed in (None, ".gz"):
        src = Source(name, stem, dict(fields or {}))
        yield from _finish(reader.read_path(path, src), src)
        return
    try:
        data = read_bytes(path, max_bytes=MAX_INPUT)
    except InputError as exc:
        yield exc
        return
    yield from read_named_bytes(name, data, fields)
