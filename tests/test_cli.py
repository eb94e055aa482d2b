"""The command line end to end on real inputs: outputs, messages and exit codes."""

from __future__ import annotations

import json

import pytest
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
    assert f"no store at {tmp_path / 'none.db'}" in result.stderr


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


def _long_article_folder(folder, n_paragraphs: int):
    """Two example articles and one invented report of `n_paragraphs` paragraphs."""
    from .nlp.test_chunks import long_text

    folder.mkdir()
    for name in ("northern-courier.txt", "coastline-daily.txt"):
        (folder / name).write_text((EXAMPLES / name).read_text(encoding="utf-8"))
    header = "Source: Harbour Times\n\n2025-03-04\n\nThe harbour year in full\n\n"
    (folder / "long.txt").write_text(header + long_text(n_paragraphs), encoding="utf-8")
    return folder


def test_an_article_over_the_hard_cap_is_named_and_the_rest_stored(tmp_path):
    from storyledger.nlp.chunks import MAX_CHARS

    folder = _long_article_folder(tmp_path / "in", 3_450)
    assert (folder / "long.txt").stat().st_size > MAX_CHARS
    db = str(tmp_path / "ledger.db")
    result = run("ingest", str(folder), "--db", db)
    assert result.exit_code == 1, result.stderr
    assert f"skipped {folder / 'long.txt'}: too long to extract" in result.stderr
    assert "2 added, 0 already stored, 1 skipped" in result.stderr
    analyzed = run("analyze", str(folder), "--format", "json")
    assert analyzed.exit_code == 1 and "too long to extract" in analyzed.stderr
    ids = sorted(a["id"] for a in json.loads(analyzed.stdout)["articles"])
    assert ids == ["coastline-daily", "northern-courier"]


DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
PLACES = ["harbour road", "old mill", "river path", "market square", "station yard"]


def _harbour_year(chars: int) -> str:
    """An invented year-long chronicle: town prose, every 20th paragraph an invented report
    (quotes, figures, sources), and a closing quote.

    Mostly prose because comparing one article's claims with each other is quadratic
    (compare/alignment.py): a 1.2 MB text of reports only would spend half an hour there.
    """
    from .nlp.test_chunks import CLOSING
    from .scale.invented import TOWNS, invented_article

    paragraphs: list[str] = []
    i = 0
    while sum(len(p) + 2 for p in paragraphs) < chars:
        town, other = TOWNS[i % len(TOWNS)], TOWNS[(i * 3 + 1) % len(TOWNS)]
        place = PLACES[i % len(PLACES)]
        if i % 20 == 0:
            paragraphs.append(invented_article(i // 20)["text"])
        else:
            paragraphs.append(
                f"The streets of {town} were quiet on {DAYS[i % 7]} morning, and the stalls "
                f"along the {place} opened late after a night of rain. Walkers from {other} "
                f"crossed the footbridge, the library put its autumn books in the window, and "
                f"the ferry to {other} left on time. By the afternoon the cafes near the "
                f"{place} were full again and the bells rang over the rooftops of {town}."
            )
        i += 1
    return "\n\n".join([*paragraphs, CLOSING]) + "\n"


@pytest.mark.slow  # 1.2 million characters through the whole pipeline: minutes
def test_a_long_article_is_stored_whole_with_spans_on_its_text(tmp_path):
    from storyledger.store import Store

    from .nlp.test_chunks import CLOSING

    folder = _long_article_folder(tmp_path / "in", 0)
    header = "Source: Harbour Times\n\n2025-03-04\n\nThe harbour year in full\n\n"
    (folder / "long.txt").write_text(header + _harbour_year(1_200_000), encoding="utf-8")
    assert (folder / "long.txt").stat().st_size > 1_200_000
    db = tmp_path / "ledger.db"
    result = run("ingest", str(folder), "--db", str(db))
    assert result.exit_code == 0, result.stderr
    assert "3 added, 0 already stored, 0 skipped" in result.stderr
    with Store(db, readonly=True) as store:
        article = store.get_article("long")
    text = article.text
    assert len(text) > 1_000_000  # over spaCy's own limit
    last = [q for q in article.quotes if q.start > text.index(CLOSING)]
    assert last and all(text[q.start : q.end] == q.text for q in last)
    assert all(q.speaker == "Harriet Ames" for q in last)
    for name in ("entities", "claims", "quantities", "dates"):
        records = getattr(article, name)
        assert records and all(text[r.start : r.end] == r.text for r in records), name
