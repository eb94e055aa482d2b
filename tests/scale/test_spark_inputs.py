"""Spark executors read files through the one ingest entry: the same articles, ids, dates
and messages as a local run, whatever the format (no Spark needed to check that)."""

from __future__ import annotations

import gzip
import json

from storyledger.ingest import read_inputs
from storyledger.scale.inputs import read_file

from ..ingest.invented import FERRY, LIBRARY, ORCHARD


def test_executor_reads_like_a_local_run(tmp_path):
    table = tmp_path / "rows.csv"
    table.write_text(f'title,body,date\nFerry,"{FERRY}",2023-11\nBlank,,2023\n')
    packed = tmp_path / "more.jsonl.gz"
    lines = [{"text": ORCHARD, "published": "soon"}, {"text": LIBRARY, "date": "1700647200"}]
    packed.write_bytes(gzip.compress("\n".join(json.dumps(r) for r in lines).encode()))
    for path in (table, packed):
        local = list(read_inputs([str(path)]))
        items = [item for _, item in read_file((f"file:{path}", path.read_bytes()))]
        remote = (
            [i for i in items if not hasattr(i, "reason")],
            [i for i in items if hasattr(i, "reason")],
        )
        assert remote == (local[0], local[1])
    raws, problems = read_inputs([str(table), str(packed)])
    assert [(r.id, r.published) for r in raws] == [
        ("rows-2", "2023-11"),
        ("more-1", None),
        ("more-2", "2023-11-22"),
    ]
    assert [(p.source, p.kept) for p in problems] == [(f"{table}:3", False), (f"{packed}:1", True)]
