"""The CoNLL-2003 reader: documents and entity counts match the official statistics."""

from __future__ import annotations

import pytest

from storyledger.eval import conll2003

from ..conftest import shared_path


@pytest.fixture(scope="module")
def testb():
    return conll2003.load_split(shared_path("eval", "conll2003").parent.parent, "test")


def test_testb_matches_the_official_counts(testb):
    assert len(testb) == 231
    counts = {t: sum(1 for d in testb for g in d.gold if g[2] == t) for t in conll2003.TYPES}
    assert counts == {"LOC": 1668, "ORG": 1661, "PER": 1617}


def test_gold_spans_are_whole_tokens(testb):
    for doc in testb[:20]:
        for start, end, _ in doc.gold:
            assert doc.text[start:end].strip() == doc.text[start:end]
            assert start == 0 or doc.text[start - 1] in " \n"
            assert end == len(doc.text) or doc.text[end] in " \n"


def test_iob1_adjacent_entities_split_on_b_tags():
    raw = (
        "Kohl NNP I-NP I-PER\nBlair NNP I-NP B-PER\nmet VBD I-VP O\nin IN I-PP O\n"
        "Bonn NNP I-NP I-LOC\n"
    )
    (doc,) = conll2003.parse_conll(raw)
    spans = sorted((doc.text[s:e], t) for s, e, t in doc.gold)
    assert spans == [("Blair", "PER"), ("Bonn", "LOC"), ("Kohl", "PER")]


def test_multi_token_entity_is_one_span():
    raw = "Helmut NNP I-NP I-PER\nKohl NNP I-NP I-PER\nspoke VBD I-VP O\n"
    (doc,) = conll2003.parse_conll(raw)
    assert [(doc.text[s:e], t) for s, e, t in doc.gold] == [("Helmut Kohl", "PER")]


@pytest.mark.slow
def test_testb_scores_are_in_a_sane_range():
    metrics = {m.name: m.value for m in conll2003.run(shared_path("eval").parent)}
    assert 0.5 < metrics["micro_f1"] <= 1.0
    assert metrics["per_f1"] > 0.6
