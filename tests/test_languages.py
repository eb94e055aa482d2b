"""The language seam: one table of languages, word lists per language folder, a record's
language read and a language storyledger does not read refused with one clear Problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyledger import languages
from storyledger.ingest import read_inputs
from storyledger.model import Problem, RawArticle
from storyledger.nlp.pipeline import extract

ROOT = Path(__file__).resolve().parents[1] / "src" / "storyledger"
TEXT = (
    "The council of Marrowby voted on Tuesday to close the old river bridge to lorries, "
    "said a spokesperson for the council, after engineers found that the bridge was not "
    "safe for heavy traffic. The bridge will stay open to cars and to people on foot."
)


def _jsonl(tmp_path: Path, *records: dict) -> str:
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("package", ["nlp", "compare", "ingest"])
def test_language_word_lists_live_in_a_folder_per_language(package):
    """Every nlp data file sits in a language folder; compare and ingest keep only
    language-neutral tables at the top (a new file at nlp/data/NAME is a misplaced one)."""
    data = ROOT / package / "data"
    folders = {p.name for p in data.iterdir() if p.is_dir()}
    assert folders <= set(languages.supported())
    assert "en" in folders
    if package == "nlp":
        loose = [p.name for p in data.iterdir() if p.is_file()]
        assert not loose, f"nlp data files outside a language folder: {loose}"


def test_the_table_names_an_installed_model_and_stop_words_for_english():
    import spacy.util

    assert spacy.util.is_package(languages.model("en"))
    assert {"the", "and", "of"} <= languages.stop_words("en")
    assert languages.code_of("en-GB") == "en"
    assert languages.code_of("English") == "en"
    assert languages.code_of("de") is None


def test_a_record_states_its_language(tmp_path):
    raws, problems = read_inputs([_jsonl(tmp_path, {"id": "a", "text": TEXT, "language": "en-GB"})])
    assert not problems
    assert [r.lang for r in raws] == ["en"]


def test_a_record_in_a_language_storyledger_does_not_read_is_one_problem(tmp_path):
    path = _jsonl(
        tmp_path,
        {"id": "a", "text": TEXT, "lang": "de"},
        {"id": "b", "text": TEXT},
    )
    raws, problems = read_inputs([path])
    assert [r.id for r in raws] == ["b"]  # the rest goes on
    assert len(problems) == 1
    assert problems[0].source == f"{path}:1"
    assert "language 'de' is not supported" in problems[0].reason
    assert "reads: en" in problems[0].reason


def test_english_check_still_refuses_other_text_by_its_words(tmp_path):
    dutch = "De gemeenteraad heeft dinsdag besloten dat de oude brug over de rivier " * 3
    raws, problems = read_inputs([_jsonl(tmp_path, {"id": "a", "text": dutch})])
    assert not raws
    assert [p.reason for p in problems] == [
        "not English (storyledger reads English-language articles)"
    ]


def test_extraction_refuses_an_unsupported_language_without_loading_a_model():
    found: list[Problem] = []
    done = list(extract([RawArticle("x1", TEXT, lang="xx")], on_problem=found.append))
    assert done == []
    assert len(found) == 1
    assert "x1" in found[0].source and "'xx' is not supported" in found[0].reason


def test_english_is_left_out_of_written_records_and_read_back_as_english():
    """Outputs from before the seam stay byte-identical; a Parquet row's null reads as 'en'."""
    from storyledger.model import Article, article_from_dict, to_dict

    english = to_dict(Article("a1", TEXT))
    assert "lang" not in english
    assert article_from_dict({**english, "lang": None}).lang == "en"
    other = to_dict(Article("a2", TEXT, lang="xx"))
    assert other["lang"] == "xx" and article_from_dict(other).lang == "xx"
