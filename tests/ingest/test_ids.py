"""The one identity rule: the same text once; a repeated id gets its text's hash appended."""

from __future__ import annotations

from storyledger.ingest import read_inputs
from storyledger.ingest.common import content_hash
from storyledger.ingest.ids import suffixed_id, unique_ids
from storyledger.model import RawArticle

from .invented import FERRY, ORCHARD


def test_same_text_once_and_a_repeated_id_renamed():
    raws = [
        RawArticle(id="a", text=FERRY),
        RawArticle(id="b", text=" ".join(FERRY.upper().split())),  # same text, other case
        RawArticle(id="a", text=ORCHARD),
    ]
    assert [r.id for r in unique_ids(raws)] == ["a", f"a-{content_hash(ORCHARD)[:8]}"]
    assert suffixed_id("a", ORCHARD) == f"a-{content_hash(ORCHARD)[:8]}"


def test_two_folders_with_one_file_name_keep_both(tmp_path):
    for folder, text in (("one", FERRY), ("two", ORCHARD)):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "story.txt").write_text(text)
    raws, _ = read_inputs([str(tmp_path)])
    assert [r.id for r in raws] == ["story", suffixed_id("story", ORCHARD)]
