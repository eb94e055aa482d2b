"""`storyledger eval`: the table, the Markdown/JSON copies, and floors that fail loudly."""

from __future__ import annotations

import json

from click.testing import CliRunner

from storyledger import eval as ev
from storyledger.cli import main

from ..conftest import SHARED, shared_path


def test_a_figure_below_its_floor_exits_7(tmp_path, monkeypatch, nlp):
    shared_path("seeds")
    floors = tmp_path / "baseline.json"
    floors.write_text(json.dumps({"seeds/one_story": 2.0}))
    monkeypatch.setattr(ev, "BASELINE", floors)
    out_json, out_md = tmp_path / "m.json", tmp_path / "m.md"
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "seeds",
            "--shared",
            str(SHARED),
            "--json",
            str(out_json),
            "--markdown",
            str(out_md),
        ],
    )
    assert result.exit_code == 7, result.output
    assert "below floor seeds/one_story" in result.stderr
    metrics = json.loads(out_json.read_text())
    assert {"suite": "seeds", "name": "one_story"}.items() <= metrics[0].items()
    assert out_md.read_text().startswith("| suite | metric |")


def test_unknown_suite_is_named():
    result = CliRunner().invoke(main, ["eval", "nonesuch"])
    assert result.exit_code == 7
    assert "unknown eval suite 'nonesuch'" in result.stderr
