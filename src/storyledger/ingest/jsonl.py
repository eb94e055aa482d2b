"""JSON records: one per line (JSON Lines), an array, or objects pretty-printed across lines.

Each record goes through `records.read_record`, so news-please, Fundus and newspaper4k output
reads as it is. A bad record is named `FILE:LINE` (or `FILE[N]` inside an array) and the rest
are read; a broken pretty-printed document (its first line a lone "{" or "[") is one message
with the line it breaks at.
"""

from __future__ import annotations

import json

from storyledger.errors import InputError
from storyledger.ingest.common import decode
from storyledger.ingest.records import read_record
from storyledger.ingest.source import Items, Source

WRAPPERS = ("articles", "records", "items", "data", "results")  # {"articles": [...]}


def sniff(head: str) -> bool:
    """Starts like a JSON object or array of records (not "[Updated] Council votes...")."""
    start = head.lstrip()
    if start[:1] not in ("{", "["):
        return False
    rest = start[1:].lstrip()
    return not rest or rest[0] in '"{}[]'


def _records_follow(text: str, start: int) -> bool:
    """Whether a later line is a whole JSON object: then this is JSON Lines with a bad line,
    not one pretty-printed document broken part-way."""
    for line in text[start:].splitlines():
        line = line.strip()
        if line.startswith("{") and line.endswith("}"):
            try:
                if isinstance(json.loads(line), dict):
                    return True
            except json.JSONDecodeError:
                continue
    return False


def _record(record: object, where: str, fallback_id: str, src: Source) -> Items:
    try:
        found = read_record(record, where, fallback_id, src.fields)
    except InputError as exc:
        yield exc
        return
    yield found.article
    yield from found.warnings


def read_json(data: bytes, src: Source) -> Items:
    """Each record as an article (plus its warnings), or the error that record raised."""
    try:
        text = decode(data, src.name)
    except InputError as exc:
        yield exc
        return
    decoder = json.JSONDecoder()
    pos, line, counted, first = 0, 1, 0, True
    while True:
        while pos < len(text) and text[pos] in " \t\r\n\ufeff":
            pos += 1
        if pos >= len(text):
            return
        line += text.count("\n", counted, pos)
        counted = pos
        end_of_line = text.find("\n", pos)
        end_of_line = len(text) if end_of_line < 0 else end_of_line
        try:
            value, end = decoder.raw_decode(text, pos)
        except json.JSONDecodeError as exc:
            lone = text[pos:end_of_line].strip() in ("{", "[")
            if exc.pos <= end_of_line or not lone or _records_follow(text, end_of_line):
                yield InputError(src.line(line), f"malformed JSON line ({exc.msg})")
                pos, first = end_of_line, False  # one bad line in JSON Lines: the next goes on
                continue
            msg = exc.msg.removesuffix(" at")
            yield InputError(src.name, f"malformed JSON ({msg} at line {exc.lineno})")
            return
        if isinstance(value, dict):
            inner = next((value[k] for k in WRAPPERS if isinstance(value.get(k), list)), None)
            if inner is not None and not any(k in value for k in ("text", "maintext")):
                value = inner
        if isinstance(value, list) and first:  # a document that is one array of records
            for n, record in enumerate(value, 1):
                yield from _record(record, src.index(n), f"{src.stem}-{n}", src)
        else:
            yield from _record(value, src.line(line), f"{src.stem}-{line}", src)
        pos, first = end, False
