"""The bad-input corpus (tests/data/bad-inputs): each class of input a reader meets, with the
one message it must give and the articles it must keep. Classes git cannot store (a symlink
loop, a FIFO, an unreadable file, a dangling link) are made here at run time."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from storyledger.ingest import read_inputs
from storyledger.ingest.compression import decompress

CORPUS = Path(__file__).resolve().parent.parent / "data" / "bad-inputs"

# file -> (ids kept, [(where, reason)]): "F" stands for the file's path; a reason ending in
# "..." is matched as a prefix. Warnings (kept articles) are marked "warning: ".
CASES: dict[str, tuple[list[str], list[tuple[str, str]]]] = {
    "empty.txt": ([], [("F", "empty file")]),
    "blank-lines.txt": ([], [("F", "empty file")]),
    "binary.txt": ([], [("F", "binary file, not text")]),
    "utf16-no-bom.txt": (["utf16-no-bom"], []),
    "utf16-be-no-bom.txt": (["utf16-be-no-bom"], []),
    "utf16-broken.txt": ([], [("F", "broken UTF-16")]),
    "cp1252.txt": (["cp1252"], []),
    "unknown-encoding.txt": (
        [],
        [("F", "unknown text encoding (neither UTF-8, UTF-16 nor cp1252)")],
    ),
    "not-english.txt": ([], [("F", "not English (storyledger reads English-language articles)")]),
    "too-short.txt": ([], [("F", "too short to be an article")]),
    "html-no-article.html": ([], [("F", "no article text found in the HTML page")]),
    "mixed-records.jsonl": (
        ["ok-1", "ok-3"],
        [
            ("F:2", "malformed JSON line (Expecting property name enclosed in double quotes)"),
            ("F:3", "record is not a JSON object"),
            ("F:4", "record has no 'text'"),
            ("F:5", "'title' must be a string"),
        ],
    ),
    "dates-every-form.jsonl": (["d0", "d1", "d2", "d3", "d4", "d5"], []),
    "date-unreadable.jsonl": (
        ["undated"],
        [("F:1", "warning: unreadable publication date 'the other day'; kept undated")],
    ),
    "markup-title.jsonl": (["markup"], []),
    "pretty-object.json": (["pretty-object-1"], []),
    "pretty-broken.json": ([], [("F", "malformed JSON (Invalid control character at line 3)")]),
    "news-please.json": (["news-please-1"], []),
    "fundus.jsonl": (["fundus-1"], []),
    "newspaper4k.json": (["newspaper4k-1"], []),
    "table.csv": (["table-2", "table-4"], [("F:3", "row has no text")]),
    "table.tsv": (["table-2"], []),
    "table-no-text.csv": (
        [],
        [
            (
                "F",
                "CSV header names no text column (text, maintext, body or content; "
                "map one with --field text=COLUMN)",
            )
        ],
    ),
    "compressed.jsonl.gz": (["compressed-1", "compressed-2"], []),
    "compressed.txt.bz2": (["compressed"], []),
    "truncated.jsonl.gz": ([], [("F", "broken gzip data (...")]),
    "not-parquet.parquet": ([], [("F", "broken Parquet file (...")]),
}


def _seen(path: Path) -> tuple[list[str], list[tuple[str, str]]]:
    raws, problems = read_inputs([str(path)])
    named = [
        (p.source.replace(str(path), "F", 1), ("warning: " if p.kept else "") + p.reason)
        for p in problems
    ]
    return [r.id for r in raws], named


def test_every_file_in_the_corpus_has_a_case():
    assert sorted(p.name for p in CORPUS.iterdir() if p.name != "README.md") == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gives_its_one_message(name):
    ids, named = _seen(CORPUS / name)
    want_ids, want = CASES[name]
    assert ids == want_ids
    assert len(named) == len(want), named
    for (where, reason), (want_where, want_reason) in zip(named, want, strict=True):
        assert where == want_where
        if want_reason.endswith("..."):
            assert reason.startswith(want_reason[:-3]), reason
        else:
            assert reason == want_reason


def test_dates_in_every_form_keep_their_precision():
    raws, problems = read_inputs([str(CORPUS / "dates-every-form.jsonl")])
    assert problems == []
    assert [r.published for r in raws] == [
        "2023-11",
        "2023",
        "2023-11-22",
        "2023-11-22",
        "2023-11-22",
        "2023-11-22",
    ]


def test_markup_in_a_title_is_kept_verbatim():
    (raw,), _ = read_inputs([str(CORPUS / "markup-title.jsonl")])
    assert raw.title == "School [/] roof [bold]repairs"
    assert raw.outlet == "[red]Westerby[/] Post"


def _read_with_deadline(paths: list[str], seconds: float = 20.0):
    """read_inputs in a thread: a reader that blocks (on a FIFO) fails instead of hanging."""
    done: dict = {}
    thread = threading.Thread(target=lambda: done.update(result=read_inputs(paths)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert "result" in done, "reading blocked"
    return done["result"]


def test_a_fifo_is_named_as_one_and_never_opened(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text((CORPUS / "cp1252.txt").read_bytes().decode("cp1252"))
    raws, problems = _read_with_deadline([str(fifo), str(tmp_path)])
    assert [(p.source, p.reason) for p in problems] == [
        (str(fifo), "not a regular file (a FIFO (named pipe)); not read"),
        (str(fifo), "not a regular file (a FIFO (named pipe)); not read"),
    ]  # named on its own and found again in its folder; the good file is read
    assert [r.id for r in raws] == ["good"]


def test_a_symlink_loop_and_a_dangling_link_are_named(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nothing-here.txt")
    _, problems = _read_with_deadline([str(loop), str(dangling)])
    assert [(p.source, p.reason) for p in problems] == [
        (str(loop), "symbolic link loop (the link points back at itself)"),
        (str(dangling), "broken symbolic link"),
    ]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file: no permission to deny")
def test_an_unreadable_file_says_permission_denied(tmp_path):
    locked = tmp_path / "locked.txt"
    locked.write_text("The council said the bridge would close for repairs on Monday.")
    locked.chmod(0)
    _, problems = read_inputs([str(locked)])
    assert [(p.source, p.reason) for p in problems] == [(str(locked), "permission denied")]


def test_decompression_stops_at_its_cap():
    import gzip

    from storyledger.errors import InputError

    bomb = gzip.compress(b"\0" * (3 * 1024 * 1024))
    with pytest.raises(InputError, match="gzip data expands beyond 1 MB; not read"):
        decompress(bomb, ".gz", "bomb.gz", limit=1_000_000)
