"""Reading inputs into RawArticles: files, folders and globs of any format registry.READERS
knows (text, HTML, JSON Lines/JSON, CSV/TSV, Parquet, WARC; compressed or not).

A bad input becomes a Problem naming it and the reason; every other input is still read.
A warning about an article that was kept (an unreadable date) is a Problem with kept=True.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from storyledger.errors import InputError
from storyledger.identity import content_hash
from storyledger.ingest.ids import UniqueIds, unique_ids
from storyledger.ingest.registry import read_named_bytes as _read_named_bytes
from storyledger.ingest.registry import read_path as _read_path
from storyledger.model import Problem, RawArticle


def expand(paths: Iterable[str]) -> Iterator[Path | Problem]:
    """Files named, found under folders (sorted), or matched by globs."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(
                p for p in path.rglob("*") if not p.is_dir() and not p.name.startswith(".")
            )
            if not files:
                yield Problem(given, "folder holds no files")
            yield from files
        elif path.is_file() or os.path.lexists(given):
            yield path  # a FIFO, a link loop, an unreadable file: read_path names why
        elif any(ch in given for ch in "*?["):
            matches = sorted(
                Path(m) for m in glob.glob(given, recursive=True) if not Path(m).is_dir()
            )
            if not matches:
                yield Problem(given, "no file matches this pattern")
            yield from matches
        else:
            yield Problem(given, "no such file or folder")


def _problems(items: Iterable) -> Iterator[RawArticle | Problem]:
    for item in items:
        yield Problem(item.source, item.reason) if isinstance(item, InputError) else item


def read_path(path: Path, fields: Mapping[str, str] | None = None) -> Iterator:
    """Articles, InputErrors and warnings in one file (see registry.read_path)."""
    return _read_path(path, fields)


def read_named_bytes(
    name: str, data: bytes, fields: Mapping[str, str] | None = None, fmt: str | None = None
) -> Iterator[RawArticle | Problem]:
    """Articles and problems in an upload or a download, typed by its name or its content."""
    return _problems(_read_named_bytes(name, data, fields, fmt))


def iter_inputs(
    paths: Iterable[str], fields: Mapping[str, str] | None = None
) -> Iterator[RawArticle | Problem]:
    """Stream articles and problems in input order; the same text twice is read once."""
    seen = UniqueIds()
    for item in expand(paths):
        if isinstance(item, Problem):
            yield item
            continue
        for result in _problems(_read_path(item, fields)):
            if isinstance(result, Problem) or seen.admit(result):
                yield result


def read_inputs(
    paths: Iterable[str], fields: Mapping[str, str] | None = None
) -> tuple[list[RawArticle], list[Problem]]:
    raws: list[RawArticle] = []
    problems: list[Problem] = []
    for item in iter_inputs(paths, fields):
        (problems if isinstance(item, Problem) else raws).append(item)
    return raws, problems


__all__ = [
    "content_hash",
    "expand",
    "iter_inputs",
    "read_inputs",
    "read_named_bytes",
    "read_path",
    "unique_ids",
]
