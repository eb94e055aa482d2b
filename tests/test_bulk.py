"""Bulk export across every story of a store built from project-made articles, with the
outlet table's tags on each row; CSV and Parquet hold the same rows."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from storyledger import bulk
from storyledger.cli import main
from storyledger.store import Store

from .collections_data import build_store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, nlp) -> str:
    return build_store(tmp_path_factory.mktemp("bulk") / "c.db")


def _csv_rows(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_facts_of_all_stories_as_csv_and_the_same_rows_as_parquet(db: str, tmp_path: Path):
    import pyarrow.parquet as pq

    out_csv, out_parquet = tmp_path / "facts.csv", tmp_path / "facts.parquet"
    for fmt, out in (("csv", out_csv), ("parquet", out_parquet)):
        result = CliRunner().invoke(
            main, ["export", "facts", "--db", db, "--format", fmt, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
    rows = _csv_rows(out_csv)
    with Store(db) as store:
        stories = [r[0] for r in store.conn.execute("SELECT id FROM stories")]
        from storyledger import api

        expected = sum(len(f.entries) for s in stories for f in api.story(store, s).facts)
    assert len(rows) == expected and len({r["story"] for r in rows}) == 2
    assert {"outlet", "outlet_type", "tag_lean", "published", "text", "start", "end"} <= set(
        rows[0]
    )
    lean = {r["outlet"]: r["tag_lean"] for r in rows}
    assert lean == {
        "Orchard Tribune": "left",
        "Lakeside Herald": "left",
        "Granite Post": "right",
        "Upland Voice": "right",  # linked by the article's URL domain
    }
    toll = [r for r in rows if r["label"].startswith("kill (soldiers)")]
    assert {(r["outlet"], r["text"].lower()) for r in toll} >= {
        ("Granite Post", "up to 20"),
        ("Orchard Tribune", "at least 12"),
    }
    table = pq.read_table(out_parquet).to_pylist()
    assert len(table) == len(rows)
    for got, want in zip(table, rows, strict=True):
        assert got["item"] == want["item"] and got["tag_lean"] == want["tag_lean"]
        assert got["text"] == want["text"] and str(got["start"]) == want["start"]
        assert (got["value"] is None) == (want["value"] == "")


def test_filters_outlet_collection_words_dates(db: str) -> None:
    with Store(db) as store:

        def items(kind: str, **kw) -> list[dict]:
            return list(bulk.export_rows(store, kind, bulk.ExportFilter(**kw))[1])

        right = items("facts", collection=("lean", "right"))
        assert right and {r["outlet"] for r in right} == {"Granite Post", "Upland Voice"}
        assert {r["outlet"] for r in items("quotes", outlet="Upland Voice")} == {"Upland Voice"}
        ferry = items("stories", query="ferry")
        assert [r["text"] for r in ferry] == [
            "Ferry fire at Elsby harbour forces passengers into the water"
        ]
        dated = items("articles", date_from="2031-05-03", date_to="2031-05-03")
        assert {r["article"] for r in dated} == {"granite-dunmore", "upland-dunmore"}
        page = list(bulk.export_rows(store, "facts", limit=3, offset=2)[1])
        assert [r["item"] for r in page] == [r["item"] for r in items("facts")][2:5]
    with pytest.raises(bulk.ExportError, match="TAG=VALUE"):
        bulk.ExportFilter.parse_collection("lean")


def test_jsonl_rows_are_one_object_per_line(db: str, tmp_path: Path) -> None:
    out = tmp_path / "d.jsonl"
    with Store(db) as store:
        n = bulk.export_file(store, "discrepancies", "jsonl", out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == n > 0
    first = json.loads(lines[0])
    assert first["discrepancy_kind"] in {
        "number",
        "qualifier",
        "attribution",
        "wording",
        "coverage",
    }
