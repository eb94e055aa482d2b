"""Every input format a newsroom or a researcher holds: tables, JSON shapes, extractor
records, Parquet, compressed files; an outlet from a URL; a real set's month-only dates."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma

import pytest

from storyledger.ingest import read_inputs, read_named_bytes

from ..conftest import shared_path
from .invented import BRIDGE, FERRY, LIBRARY, MARKET, ORCHARD, SCHOOL


def _csv(sep: str) -> str:
    rows = [
        ("Headline", "Body", "Media_Name", "Publish_Date", "URL"),
        ("Ferry crews walk out", FERRY, "Harbour Ledger", "2023-11-20", "https://example.org/1"),
        ("Frost hits orchards", ORCHARD, "Valley Courier", "2023-04", "https://example.org/2"),
        ("Library opens Sundays", LIBRARY.replace(",", ";"), "Grenmoor Gazette", "", ""),
    ]
    quoted = [[f'"{cell}"' if sep == "," else cell for cell in row] for row in rows]
    return "\n".join(sep.join(row) for row in quoted) + "\n"


@pytest.mark.parametrize(("name", "sep"), [("export.csv", ","), ("export.tsv", "\t")])
def test_a_table_gives_one_titled_article_per_row(tmp_path, name, sep):
    path = tmp_path / name
    path.write_text(_csv(sep))
    raws, problems = read_inputs([str(path)])
    assert problems == []
    assert [r.title for r in raws] == [
        "Ferry crews walk out",
        "Frost hits orchards",
        "Library opens Sundays",
    ]
    assert [r.outlet for r in raws] == ["Harbour Ledger", "Valley Courier", "Grenmoor Gazette"]
    assert [r.published for r in raws] == ["2023-11-20", "2023-04", None]
    assert raws[0].text == FERRY and raws[0].url == "https://example.org/1"
    assert len({r.id for r in raws}) == 3


def test_a_row_without_text_is_named_by_its_line_and_the_rest_are_read(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text(f'title,text\nFirst,"{FERRY}"\nEmpty,\nThird,"{MARKET}"\n')
    raws, problems = read_inputs([str(path)])
    assert [r.title for r in raws] == ["First", "Third"]
    assert [(p.source, p.reason) for p in problems] == [(f"{path}:3", "row has no text")]


def test_a_table_without_a_text_column_says_how_to_map_one(tmp_path):
    path = tmp_path / "mediacloud.csv"
    path.write_text("stories_id,publish_date,title,url\n1,2023-11-20,Ferry,https://x.org/a\n")
    raws, (problem,) = read_inputs([str(path)])
    assert raws == [] and "--field text=COLUMN" in problem.reason


def test_pretty_printed_json_object_and_array(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"title": "Bridge shut", "text": BRIDGE}, indent=2))
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": FERRY}, {"text": ORCHARD}], indent=4))
    raws, problems = read_inputs([str(one), str(many)])
    assert problems == []
    assert [r.text for r in raws] == [BRIDGE, FERRY, ORCHARD]
    assert raws[0].title == "Bridge shut" and raws[0].id == "one-1"


def test_a_broken_pretty_printed_document_is_one_message(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n  "text": "unfinished,\n  "title": 3\n')
    raws, problems = read_inputs([str(path)])
    assert raws == [] and len(problems) == 1
    assert problems[0].source == str(path) and "malformed JSON" in problems[0].reason


def test_news_please_record():
    record = {
        "authors": ["A. Writer"],
        "date_download": "2023-11-23 08:00:00",
        "date_publish": "2023-11-22 10:00:00",
        "description": "Crews walk out.",
        "language": "en",
        "maintext": FERRY,
        "source_domain": "harbourledger.example",
        "title": "Ferry crews walk out",
        "url": "https://harbourledger.example/ferry",
    }
    (raw,) = read_named_bytes("np.json", json.dumps(record).encode())
    assert raw.text == FERRY and raw.title == "Ferry crews walk out"
    assert (raw.outlet, raw.published) == ("harbourledger.example", "2023-11-22")


def test_fundus_record():
    record = {
        "title": "Frost hits orchards",
        "authors": [],
        "publishing_date": "2023-04-18T06:30:00+02:00",
        "body": {
            "summary": ["Growers fear a poor harvest."],
            "sections": [{"headline": [], "paragraphs": [ORCHARD]}],
        },
        "publisher": "Valley Courier",
        "html": {"requested_url": "https://valley.example/frost"},
    }
    (raw,) = read_named_bytes("fundus.jsonl", json.dumps(record).encode())
    assert raw.text == "Growers fear a poor harvest.\n\n" + ORCHARD
    assert (raw.outlet, raw.published) == ("Valley Courier", "2023-04-18")
    assert raw.url == "https://valley.example/frost"


def test_newspaper4k_record_takes_its_outlet_from_the_url():
    record = {
        "url": "https://www.reuters.com/world/invented-story",
        "title": "Library opens Sundays",
        "text": LIBRARY,
        "publish_date": "2023-06-01T09:00:00",
        "authors": [],
        "keywords": [],
    }
    (raw,) = read_named_bytes("n4k.json", json.dumps(record).encode())
    assert (raw.outlet, raw.published) == ("Reuters", "2023-06-01")


def test_outlet_is_the_registered_domain_when_not_a_known_one():
    lines = [
        {"text": FERRY, "url": "https://news.marlowbay.co.uk/ferry"},
        {"text": ORCHARD, "url": "http://10.0.0.7/frost"},
        {"text": LIBRARY, "url": "https://grenmoor.example/lib", "outlet": "Grenmoor Gazette"},
    ]
    data = "\n".join(json.dumps(r) for r in lines).encode()
    raws = list(read_named_bytes("urls.jsonl", data))
    assert [r.outlet for r in raws] == ["marlowbay.co.uk", None, "Grenmoor Gazette"]


def test_parquet_is_read_locally(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import datetime as dt

    import pyarrow.parquet as pq

    path = tmp_path / "corpus.parquet"
    table = pa.table(
        {
            "maintext": [SCHOOL, "", MARKET],
            "title": ["School stays shut", "Blank", "Market charges"],
            "date_publish": [dt.datetime(2023, 2, 6, 9), None, dt.datetime(2023, 3, 1)],
        }
    )
    pq.write_table(table, path)
    raws, problems = read_inputs([str(path)])
    assert [(r.title, r.published) for r in raws] == [
        ("School stays shut", "2023-02-06"),
        ("Market charges", "2023-03-01"),
    ]
    assert [(p.source, p.reason) for p in problems] == [(f"{path}[2]", "record has no 'text'")]


@pytest.mark.parametrize(
    ("suffix", "pack"),
    [
        (".gz", gzip.compress),
        (".bz2", bz2.compress),
        (".xz", lzma.compress),
        (".zst", lambda b: __import__("zstandard").ZstdCompressor().compress(b)),
    ],
)
def test_compressed_inputs(tmp_path, suffix, pack):
    jsonl = "\n".join(json.dumps({"text": t}) for t in (FERRY, ORCHARD)).encode()
    (tmp_path / f"batch.jsonl{suffix}").write_bytes(pack(jsonl))
    (tmp_path / f"bridge.txt{suffix}").write_bytes(pack(BRIDGE.encode()))
    raws, problems = read_inputs([str(tmp_path)])
    assert problems == []
    assert sorted(r.text for r in raws) == sorted([FERRY, ORCHARD, BRIDGE])
    assert {r.id for r in raws} == {"batch-1", "batch-2", "bridge"}


def test_unknown_suffix_is_sniffed():
    jsonl = json.dumps({"text": FERRY, "title": "Ferry"}).encode()
    (raw,) = read_named_bytes("download", gzip.compress(jsonl))
    assert raw.title == "Ferry" and raw.id == "download-1"
    table = f"title\tcontent\nOrchards\t{ORCHARD}\n".encode()
    (raw,) = read_named_bytes("export.dat", table)
    assert raw.title == "Orchards"
    (raw,) = read_named_bytes("note", BRIDGE.encode())
    assert raw.text == BRIDGE


def test_realnews_dev_month_only_dates_keep_their_records():
    path = shared_path("eval", "realnews-dev", "articles.jsonl")
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    raws, problems = read_inputs([str(path)], fields={"text": "excerpt"})
    month_only = [r["id"] for r in records if r.get("date") and len(r["date"]) == 7]
    assert month_only, "the set has month-only dates"
    by_id = {r.id: r for r in raws}
    for rid in month_only:
        wanted = next(r["date"] for r in records if r["id"] == rid)
        assert by_id[rid].published == wanted
    assert not [p for p in problems if "date" in p.reason]
    assert all(by_id[r["id"]].outlet for r in records if r["id"] in by_id)


def test_prose_that_starts_like_json_or_a_header_is_still_text():
    for opening in ("[Updated] ", "Body, mind, title and text: "):
        (raw,) = read_named_bytes("note", (opening + FERRY).encode())
        assert raw.text == opening + FERRY


def test_a_compression_suffix_on_plain_bytes_reads_them_as_they_are():
    (raw,) = read_named_bytes("unpacked-in-transit.txt.gz", FERRY.encode())
    assert raw.text == FERRY and raw.id == "unpacked-in-transit"
    (raw,) = read_named_bytes(
        "note.txt", ("BZh9 is the code the harbour board uses. " + FERRY).encode()
    )
    assert raw.text.endswith(FERRY)
