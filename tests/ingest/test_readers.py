"""Reading inputs: the seeds' header layout, JSONL, HTML, and every kind of bad input."""

from __future__ import annotations

import json

from storyledger.ingest import read_inputs, read_named_bytes
from storyledger.ingest.text import parse_date_line, split_header

from ..conftest import shared_path

ENGLISH = (
    "The council voted on Tuesday to close the old bridge after engineers said the steel "
    "supports were corroded. The mayor said the city would pay for a temporary crossing while "
    "a new bridge is built, and that the work would take two years."
)


def test_seed_header_is_sniffed_and_chrome_dropped():
    raws, problems = read_inputs([str(shared_path("seeds"))])
    assert problems == []
    first = raws[0]
    assert first.outlet == "Iran International"  # "Source: Iranintl", a known alias
    assert first.published == "2023-10-16"
    assert first.title == "Iran Claims Hamas Willing To Release Hostages"
    for chrome in ("top of page", "bottom of page", "Source:", "Oct 16, 2023"):
        assert chrome not in first.text
    assert first.text.startswith("As Israel confirmed that 199 hostages")
    assert first.text.endswith('all your might."')


def test_undated_seed_keeps_no_date_and_no_outlet():
    raws, _ = read_inputs([str(shared_path("seeds"))])
    second = raws[1]
    assert second.published is None
    assert second.outlet is None
    assert second.text.startswith("The Palestinian militant group Hamas")
    assert second.id == "004_9515fa750cbec667"


def test_date_line_needs_day_month_and_year():
    assert parse_date_line("Oct 16, 2023") == "2023-10-16"
    assert parse_date_line("16 October 2023") == "2023-10-16"
    assert parse_date_line("October 2023") is None
    assert parse_date_line("Monday") is None


def test_a_byline_is_not_taken_for_a_title():
    text = "Source: Valley Post\n\nBy Omar Castellan, Wire Service\n\n" + ENGLISH
    meta, body = split_header(text)
    assert meta == {"outlet": "Valley Post", "published": None, "title": None}
    assert body.startswith("By Omar Castellan")
    titled = split_header("By the Numbers: A Bridge Budget\n\n" + ENGLISH)[0]
    assert titled["title"] == "By the Numbers: A Bridge Budget"


def test_body_without_header_is_left_whole():
    meta, body = split_header(ENGLISH)
    assert meta == {"outlet": None, "published": None, "title": None}
    assert body == ENGLISH


def test_jsonl_keeps_ids_and_skips_only_the_bad_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps(
            {
                "id": "a-1",
                "text": ENGLISH,
                "outlet": "Town Crier",
                "published": "2025-03-04T10:00:00Z",
            }
        ),
        "{not json",
        json.dumps({"id": "a-3", "title": "no text"}),
        json.dumps({"text": ENGLISH.replace("bridge", "tunnel")}),
    ]
    path.write_text("\n".join(lines) + "\n")
    raws, problems = read_inputs([str(path)])
    assert [r.id for r in raws] == ["a-1", "feed-4"]
    assert raws[0].published == "2025-03-04"
    assert raws[0].outlet == "Town Crier"
    assert [(p.source, p.reason) for p in problems] == [
        (f"{path}:2", "malformed JSON line (Expecting property name enclosed in double quotes)"),
        (f"{path}:3", "record has no 'text'"),
    ]


def test_jsonl_keeps_an_article_whose_date_it_cannot_read(tmp_path):
    path = tmp_path / "bad-date.jsonl"
    path.write_text(json.dumps({"text": ENGLISH, "published": "last week"}) + "\n")
    raws, problems = read_inputs([str(path)])
    assert len(raws) == 1 and raws[0].published is None
    (warning,) = problems
    assert warning.kept and warning.source == f"{path}:1" and "'last week'" in warning.reason


def test_html_page_gives_text_and_title(tmp_path):
    page = tmp_path / "bridge.html"
    page.write_text(
        "<html><head><title>Old bridge to close</title>"
        '<meta property="og:site_name" content="Town Crier"></head><body>'
        "<nav>Home | News | Sport</nav><article><h1>Old bridge to close</h1>"
        f"<p>{ENGLISH}</p><p>{ENGLISH.replace('bridge', 'ferry')}</p></article>"
        "<footer>Copyright</footer></body></html>"
    )
    (raw,), problems = read_inputs([str(page)])
    assert problems == []
    assert raw.title == "Old bridge to close"
    assert raw.outlet == "Town Crier"
    assert "steel supports were corroded" in raw.text
    assert "Home | News" not in raw.text
    assert raw.published is None  # the page states no date; none is guessed


def test_every_bad_input_is_named_with_its_reason_and_the_rest_is_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH)
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "latin.txt").write_bytes(b"caf\x81\x8d " * 40)
    (tmp_path / "french.txt").write_text(
        "Le conseil municipal a vot\u00e9 mardi la fermeture du vieux pont apr\u00e8s que les "
        "ing\u00e9nieurs ont constat\u00e9 que les supports en acier \u00e9taient rouill\u00e9s. "
        "Le maire a d\u00e9clar\u00e9 que la ville paierait un passage provisoire pendant "
        "les travaux."
    )
    (tmp_path / "nav.html").write_text("<html><body><nav>Home</nav></body></html>")
    with open(tmp_path / "huge.txt", "wb") as f:
        f.truncate(50 * 1024 * 1024)
    raws, problems = read_inputs([str(tmp_path)])
    assert [r.id for r in raws] == ["good"]
    reasons = {p.source.rsplit("/", 1)[-1]: p.reason for p in problems}
    assert reasons == {
        "binary.txt": "binary file, not text",
        "empty.txt": "empty file",
        "french.txt": "not English (storyledger reads English-language articles)",
        "huge.txt": "too large for an article (52.4 MB > 10 MB limit)",
        "latin.txt": "unknown text encoding (neither UTF-8, UTF-16 nor cp1252)",
        "nav.html": "no article text found in the HTML page",
    }


def test_missing_paths_and_empty_globs_are_problems(tmp_path):
    raws, problems = read_inputs([str(tmp_path / "nope.txt"), str(tmp_path / "*.md")])
    assert raws == []
    assert [p.reason for p in problems] == [
        "no such file or folder",
        "no file matches this pattern",
    ]


def test_cp1252_files_are_decoded():
    folder = shared_path("eval", "wikiref220", "WikiRef220")
    raws, problems = read_inputs([str(next(iter(sorted(folder.glob("*.txt")))))])
    assert problems == []
    assert "\ufffd" not in raws[0].text


def test_same_text_twice_is_read_once(tmp_path):
    (tmp_path / "a.txt").write_text(ENGLISH)
    (tmp_path / "b.txt").write_text(ENGLISH + "\n")
    raws, problems = read_inputs([str(tmp_path)])
    assert [r.id for r in raws] == ["a"] and problems == []


def test_uploaded_bytes_are_typed_by_name():
    (raw,) = list(read_named_bytes("council.txt", ENGLISH.encode()))
    assert raw.id == "council" and raw.path == "council.txt"
    (problem,) = list(read_named_bytes("blank.txt", b""))
    assert problem.source == "blank.txt" and problem.reason == "empty file"
