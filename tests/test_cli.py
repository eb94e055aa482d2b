"""The command line end to end on real inputs: outputs, messages and exit codes."""

from __future__ import annotations

import json

from click.testing import CliRunner

from storyledger.cli import main

from .conftest import EXAMPLES, shared_path

ENGLISH = (
    "The council voted on Tuesday to close the old bridge after engineers said the steel "
    "supports were corroded. The mayor said the city would pay for a temporary crossing."
)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_analyze_seeds_json_follows_the_contract(nlp):
    result = run(
        "analyze", *map(str, sorted(shared_path("seeds").glob("*.txt"))), "--format", "json"
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"articles", "stories"} <= set(data)
    first, second = data["articles"]
    assert first["published"] == "2023-10-16" and second["published"] is None
    for article in data["articles"]:
        for name in ("entities", "quotes", "claims", "quantities", "dates"):
            assert isinstance(article[name], list)
        for q in article["quotes"]:
            assert article["text"][q["start"] : q["end"]] == q["text"]
        for q in article["quantities"]:
            assert article["text"][q["start"] : q["end"]] == q["text"]
    (story,) = data["stories"]
    assert sorted(story["articles"]) == sorted(a["id"] for a in data["articles"])


def test_bad_input_is_named_and_the_rest_still_analyzed(tmp_path, nlp):
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH)
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("analyze", str(good), str(empty), "--format", "json")
    assert result.exit_code == 1
    assert f"{empty}: empty file" in result.stderr
    assert [a["id"] for a in json.loads(result.stdout)["articles"]] == ["good"]


def test_nothing_readable_exits_3(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("analyze", str(empty))
    assert result.exit_code == 3


def test_ingest_is_idempotent_and_show_reads_the_story(tmp_path, nlp):
    db = str(tmp_path / "ledger.db")
    first = run("ingest", str(EXAMPLES), "--db", db)
    assert first.exit_code == 0, first.stderr
    assert "3 added" in first.stderr
    again = run("ingest", str(EXAMPLES), "--db", db)
    assert again.exit_code == 0 and "0 added, 3 already stored" in again.stderr
    listed = run("stories", "--db", db, "--json")
    stories = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(stories) == 1 and stories[0]["n_articles"] == 3
    shown = run("show", stories[0]["id"], "--db", db, "--format", "json")
    assert shown.exit_code == 0
    assert len(json.loads(shown.stdout)["articles"]) == 3


def test_ingest_folds_a_wire_copy_into_one_article_with_both_outlets(tmp_path, nlp):
    from .scale.invented import wire_copies

    first, second, _ = wire_copies()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-valley.txt").write_text(f"Source: Valley Post\n\n{first}")
    (folder / "b-harbour.txt").write_text(f"Source: Harbour Times\n\n{second}")
    (folder / "c-own.txt").write_text(ENGLISH)
    db = str(tmp_path / "ledger.db")
    result = run("ingest", str(folder), "--db", db)
    assert result.exit_code == 0, result.stderr
    assert "2 added, 0 already stored, 1 folded into a copy" in result.stderr
    listed = [json.loads(line) for line in run("stories", "--db", db, "--json").stdout.splitlines()]
    wire = next(s for s in listed if s["outlets"] == ["Valley Post"])
    shown = json.loads(run("show", wire["id"], "--db", db, "--format", "json").stdout)
    (article,) = shown["articles"]
    assert (article["outlet"], article["also_in"]) == ("Valley Post", ["Harbour Times"])


def test_unknown_story_exits_4(tmp_path):
    db = str(tmp_path / "ledger.db")
    run("ingest", str(EXAMPLES / "northern-courier.txt"), "--db", db)
    result = run("show", "s-nope", "--db", db)
    assert result.exit_code == 4
    assert "no story 's-nope'" in result.stderr


def test_stories_on_a_missing_store_says_so(tmp_path):
    result = run("stories", "--db", str(tmp_path / "none.db"))
    assert result.exit_code == 5
    assert "no store there" in result.stderr


def test_html_report_is_one_offline_page(tmp_path, nlp):
    out = tmp_path / "report.html"
    result = run("analyze", str(EXAMPLES), "--format", "html", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    html = out.read_text()
    assert html.startswith("<!doctype html>")
    assert "<script" not in html and "http://" not in html.split("</head>")[0]
    assert "Kessel Dam" in html


def test_analyze_folds_a_wire_copy_like_ingest(tmp_path, nlp):
    from .scale.invented import wire_copies

    first, second, _ = wire_copies()
    (tmp_path / "a-valley.txt").write_text(f"Source: Valley Post\n\n{first}")
    (tmp_path / "b-harbour.txt").write_text(f"Source: Harbour Times\n\n{second}")
    result = run("analyze", str(tmp_path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    (article,) = json.loads(result.stdout)["articles"]
    assert (article["outlet"], article["also_in"]) == ("Valley Post", ["Harbour Times"])


SIX_DATES = {
    "2023-11-22T10:00:00+01:00": "2023-11-22",
    "2023-11": "2023-11",
    "2023": "2023",
    "Wed, 22 Nov 2023 10:00:00 GMT": "2023-11-22",
    "November 22, 2023": "2023-11-22",
    "1700647200": "2023-11-22",
}


def test_analyze_keeps_every_date_form_at_its_precision(tmp_path, nlp):
    from .ingest.invented import TEXTS

    path = tmp_path / "dates.jsonl"
    records = [
        {"id": f"d{n}", "text": text, "published": given}
        for n, (text, given) in enumerate(zip(TEXTS, SIX_DATES, strict=True))
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    result = run("analyze", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    published = {a["id"]: a["published"] for a in json.loads(result.stdout)["articles"]}
    assert published == {f"d{n}": want for n, want in enumerate(SIX_DATES.values())}


def test_an_unreadable_date_is_one_warning_and_the_article_stays(tmp_path, nlp):
    from .ingest.invented import FERRY

    path = tmp_path / "odd.jsonl"
    path.write_text(json.dumps({"id": "ferry", "text": FERRY, "published": "soon-ish"}) + "\n")
    result = run("analyze", str(path), "--format", "json")
    assert result.exit_code == 0, result.stderr
    (article,) = json.loads(result.stdout)["articles"]
    assert article["id"] == "ferry" and article["published"] is None
    warnings = [line for line in result.stderr.splitlines() if "soon-ish" in line]
    assert warnings == [f"warning {path}:1: unreadable publication date 'soon-ish'; kept undated"]


def test_field_option_maps_an_unusual_column(tmp_path, nlp):
    from .ingest.invented import LIBRARY

    path = tmp_path / "export.jsonl"
    path.write_text(json.dumps({"story_body": LIBRARY, "paper": "Grenmoor Gazette"}) + "\n")
    unmapped = run("analyze", str(path), "--format", "json")
    assert unmapped.exit_code == 3 and "record has no 'text'" in unmapped.stderr
    result = run(
        "analyze", str(path), "--format", "json", "--field", "text=story_body",
        "--field", "outlet=PAPER",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    (article,) = json.loads(result.stdout)["articles"]
    assert article["outlet"] == "Grenmoor Gazette" and article["text"].startswith("The city")
    bad = run("analyze", str(path), "--field", "body")
    assert bad.exit_code == 3 and "expected FIELD=COLUMN" in bad.stderr


def test_ingest_stores_an_undated_article_with_one_warning(tmp_path, nlp):
    from .ingest.invented import MARKET

    path = tmp_path / "odd.csv"
    path.write_text(f'text,date\n"{MARKET}",next-ish\n')
    result = run("ingest", str(path), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 0, result.stderr
    warning = f"warning {path}:2: unreadable publication date 'next-ish'; kept undated"
    assert warning in result.stderr
    assert "1 added, 0 already stored, 0 skipped" in result.stderr
