"""User text is printed verbatim on the terminal: rich never reads it as markup.

A title or outlet holding `[/]` used to crash `stories` and `show` for the whole store
(rich MarkupError), and `[bold]` vanished from titles and from messages naming files.
"""

from __future__ import annotations

import json

from click.testing import CliRunner

from storyledger.cli import main

TEXT = (
    "The harbour board of Kestrel Point voted on Monday to rebuild the north pier, which was "
    "closed in March after a storm cracked two of its pillars. The repairs will cost about "
    '4 million dollars and take eight months, the board said. "We cannot [bold]wait another '
    'winter[/] with the pier shut," said Marta Lind, who chairs the board.'
)


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_markup_in_titles_and_outlets_is_printed_verbatim(tmp_path, nlp):
    record = {
        "id": "pier",
        "title": "[/]",
        "outlet": "[bold]x",
        "published": "2025-02-03",
        "text": TEXT,
    }
    source = tmp_path / "articles.jsonl"
    source.write_text(json.dumps(record) + "\n")
    db = str(tmp_path / "s.db")
    ingested = run("ingest", str(source), "--db", db)
    assert ingested.exit_code == 0, ingested.stderr

    listed = run("stories", "--db", db)
    assert listed.exit_code == 0, listed.stderr
    assert "[/]" in listed.stdout and "[bold]x" in listed.stdout

    as_json = run("stories", "--db", db, "--json").stdout
    (story,) = [json.loads(line) for line in as_json.splitlines()]
    shown = run("show", story["id"], "--db", db)
    assert shown.exit_code == 0, shown.stderr
    assert "[/]" in shown.stdout
    assert "[bold]x" in shown.stdout
    assert "[bold]wait another" in shown.stdout  # a quote keeps its brackets too


def test_a_skipped_file_is_named_verbatim(tmp_path, nlp):
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    odd = tmp_path / "[bold]a.txt"
    odd.write_text("")
    emoji = tmp_path / ":thumbs_up:b.txt"  # rich would print an emoji for the code
    emoji.write_text("")
    result = run("analyze", str(good), str(odd), str(emoji), "--format", "json")
    assert result.exit_code == 1
    assert f"{odd}: empty file" in result.stderr
    assert f"{emoji}: empty file" in result.stderr


def test_a_written_report_is_named_verbatim(tmp_path, nlp):
    good = tmp_path / "good.txt"
    good.write_text(TEXT)
    out = tmp_path / "[bold]:thumbs_up:report.md"
    result = run("analyze", str(good), "--format", "markdown", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out} (" in result.stderr


def test_an_error_naming_a_path_with_brackets_is_printed_verbatim(tmp_path):
    missing = tmp_path / "[/]store.db"
    result = run("stories", "--db", str(missing))
    assert result.exit_code == 5
    assert "[/]store.db" in result.stderr
