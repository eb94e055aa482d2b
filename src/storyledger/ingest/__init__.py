"""Reading inputs into RawArticles: files, folders and globs of text, HTML, JSON Lines, WARC.

A bad input becomes a Problem naming it and the reason; every other input is still read.
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

from storyledger.errors import InputError
from storyledger.ingest.common import content_hash
from storyledger.ingest.html import read_html_file
from storyledger.ingest.jsonl import iter_jsonl
from storyledger.ingest.text import read_text_file
from storyledger.model import Problem, RawArticle

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".json", ".ndjson"}
WARC_SUFFIXES = (".warc", ".warc.gz")
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}


def expand(paths: Iterable[str]) -> Iterator[Path | Problem]:
    """Files named, found under folders (sorted), or matched by globs."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            if not files:
                yield Problem(given, "folder holds no files")
            yield from files
        elif path.is_file():
            yield path
        elif any(ch in given for ch in "*?["):
            matches = sorted(Path(m) for m in glob.glob(given, recursive=True) if Path(m).is_file())
            if not matches:
                yield Problem(given, "no file matches this pattern")
            yield from matches
        else:
            yield Problem(given, "no such file or folder")


def read_path(path: Path) -> Iterator[RawArticle | InputError]:
    name = path.name.lower()
    try:
        if name.endswith(WARC_SUFFIXES):
            from storyledger.ingest.warc import iter_warc

            yield from iter_warc(path)
        elif path.suffix.lower() in JSON_SUFFIXES:
            yield from iter_jsonl(path)
        elif path.suffix.lower() in HTML_SUFFIXES:
            yield read_html_file(path)
        else:
            yield read_text_file(path)
    except InputError as exc:
        yield exc


def read_named_bytes(name: str, data: bytes) -> Iterator[RawArticle | Problem]:
    """Articles in an upload or a download, typed by its name (txt, html, jsonl, warc)."""
    import tempfile

    suffix = "".join(Path(name).suffixes[-2:]) or ".txt"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        for result in read_path(path):
            if isinstance(result, InputError):  # keep a record's ":LINE" or "[N]" suffix
                yield Problem(result.source.replace(str(path), name, 1), result.reason)
            else:
                if result.path == str(path):
                    result.path = name
                if result.id == "upload" or result.id.startswith("upload-"):
                    result.id = Path(name).stem + result.id[len("upload") :]
                yield result


def iter_inputs(paths: Iterable[str]) -> Iterator[RawArticle | Problem]:
    """Stream articles and problems in input order; the same text twice is read once."""
    seen_hashes: set[str] = set()
    seen_ids: set[str] = set()
    for item in expand(paths):
        if isinstance(item, Problem):
            yield item
            continue
        for result in read_path(item):
            if isinstance(result, InputError):
                yield Problem(result.source, result.reason)
                continue
            digest = content_hash(result.text)
            if digest in seen_hashes:
                continue
            seen_hashes.add(digest)
            if result.id in seen_ids:  # two files with one name in different folders
                result.id = f"{result.id}-{digest[:8]}"
            seen_ids.add(result.id)
            yield result


def read_inputs(paths: Iterable[str]) -> tuple[list[RawArticle], list[Problem]]:
    raws: list[RawArticle] = []
    problems: list[Problem] = []
    for item in iter_inputs(paths):
        (problems if isinstance(item, Problem) else raws).append(item)
    return raws, problems


__all__ = ["content_hash", "iter_inputs", "read_inputs", "read_named_bytes"]
