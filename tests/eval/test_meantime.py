"""MEANTIME loader: token anchors become character spans over the detokenised text."""

from __future__ import annotations

from storyledger.eval.meantime import read_cat

from ..conftest import shared_path


def test_cat_xml_to_text_and_spans(tmp_path):
    xml = tmp_path / "1_x.xml"
    xml.write_text(
        '<Document doc_id="1"><token t_id="1" sentence="0" number="0">Mill</token>'
        '<token t_id="2" sentence="0" number="1">shuts</token>'
        '<token t_id="3" sentence="1" number="2">May</token>'
        '<token t_id="4" sentence="1" number="3">4</token>'
        '<token t_id="5" sentence="1" number="4">,</token>'
        '<token t_id="6" sentence="1" number="5">2020</token>'
        '<token t_id="7" sentence="2" number="6">It</token>'
        '<token t_id="8" sentence="2" number="7">closed</token>'
        '<token t_id="9" sentence="2" number="8">yesterday</token>'
        '<token t_id="10" sentence="2" number="9">.</token>'
        '<Markables><TIMEX3 m_id="1" functionInDocument="CREATION_TIME" type="DATE" '
        'value="2020-05-04"><token_anchor t_id="3"/><token_anchor t_id="6"/></TIMEX3>'
        '<TIMEX3 m_id="2" functionInDocument="NONE" type="DATE" value="2020-05-03">'
        '<token_anchor t_id="9"/></TIMEX3></Markables></Document>',
        encoding="utf-8",
    )
    doc = read_cat(xml)
    assert doc.text == "Mill shuts\nMay 4, 2020\nIt closed yesterday."
    assert doc.dct == "2020-05-04"
    assert [(doc.text[s:e], v) for s, e, v, _ in doc.gold] == [("yesterday", "2020-05-03")]
    assert [doc.text[s:e] for s, e in doc.exclude] == ["May 4, 2020"]


def test_real_documents_have_a_dct_and_spans_inside_the_text():
    folder = shared_path("eval", "meantime-en", "intra_cross-doc_annotation")
    for path in sorted(folder.glob("corpus_gm/*.xml"))[:5]:
        doc = read_cat(path)
        assert doc.dct and len(doc.dct) == 10
        for s, e, value, _ in doc.gold:
            assert 0 <= s < e <= len(doc.text) and value
