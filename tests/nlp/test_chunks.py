"""Long articles: paragraph-aligned pieces, offsets that index the whole text, and one
article that cannot be extracted costing only itself."""

from __future__ import annotations

import itertools

import pytest

from storyledger.model import ARTICLE_LISTS, Problem, RawArticle
from storyledger.nlp import chunks
from storyledger.nlp.parallel import extract_parallel
from storyledger.nlp.pipeline import extract

from ..scale.invented import invented_article

CLOSING = (
    'Harriet Ames, who chairs the Quillon harbour board, said "The new sea wall will be '
    'finished before the autumn storms arrive."'
)


def long_text(n_paragraphs: int) -> str:
    """Invented reports as paragraphs, then a closing paragraph holding a quote."""
    paragraphs = [invented_article(i)["text"] for i in range(n_paragraphs)]
    return "\n\n".join([*paragraphs, CLOSING]) + "\n"


def test_pieces_end_at_paragraph_breaks_and_cover_the_text():
    text = long_text(40)
    spans = chunks.pieces(text, size=2_000)
    assert len(spans) > 10
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert end == start  # nothing dropped, nothing twice
    for start, end in spans:
        assert end - start <= 2_000
    for _, end in spans[:-1]:
        assert text[end - 2 : end] == "\n\n"  # every cut right after a blank line


def test_a_text_without_blank_lines_is_cut_at_sentence_ends():
    text = " ".join(invented_article(i)["text"] for i in range(30))
    spans = chunks.pieces(text, size=3_000)
    assert len(spans) > 3
    for _, end in spans[:-1]:
        assert text[end - 2] in ".!?\"'" and text[end - 1] == " "


def test_a_long_article_in_pieces_keeps_every_span_on_the_whole_text(nlp):
    text = long_text(25)
    raw = RawArticle(id="long", text=text, published="2025-03-04")
    (whole,) = extract([raw], nlp, piece_chars=4_000)
    assert whole.text == text
    for name in ARTICLE_LISTS:
        records = getattr(whole, name)
        assert records, name
        for r in records:
            assert text[r.start : r.end] == r.text, (name, r)
    closing = text.index(CLOSING)
    last = [q for q in whole.quotes if q.start > closing]
    assert last and all(q.speaker == "Harriet Ames" for q in last)
    assert all(q.text.startswith("The new sea wall will be finished") for q in last)
    # the same records as extracting the article whole, in a text short enough for that
    (direct,) = extract([raw], nlp)
    assert len(whole.quotes) == len(direct.quotes)
    assert {(q.start, q.end, q.speaker) for q in whole.quotes} == {
        (q.start, q.end, q.speaker) for q in direct.quotes
    }


def test_an_article_the_pipeline_refuses_is_a_problem_and_the_batch_goes_on(nlp):
    """Pieces larger than spaCy's own limit make spaCy raise (E088): that article only."""
    big = RawArticle(id="big", text=long_text(1_700), path="in/big.txt")
    small = [RawArticle(id=f"s{i}", text=invented_article(i)["text"]) for i in (1, 2)]
    problems: list[Problem] = []
    done = list(
        extract(
            [small[0], big, small[1]],
            nlp,
            on_problem=problems.append,
            piece_chars=2 * nlp.max_length,
        )
    )
    assert [a.id for a in done] == ["s1", "s2"]
    (problem,) = problems
    assert problem.source == "in/big.txt"
    assert "could not be extracted" in problem.reason and "E088" in problem.reason


@pytest.mark.slow  # a pool of spaCy workers
def test_an_article_over_the_hard_cap_is_refused_by_name_in_every_process():
    over = "x " * (chunks.MAX_CHARS // 2) + "and more words."
    assert len(over) > chunks.MAX_CHARS
    raws = [
        RawArticle(id="a1", text=invented_article(1)["text"]),
        RawArticle(id="huge", text=over, path="in/huge.txt"),
        RawArticle(id="a3", text=invented_article(3)["text"]),
    ]
    problems: list[Problem] = []
    done = list(extract_parallel(iter(raws), processes=2, batch_size=1, on_problem=problems.append))
    assert [a.id for a in done] == ["a1", "a3"]
    assert [p.source for p in problems] == ["in/huge.txt"]
    assert "too long to extract" in problems[0].reason
    assert f"{chunks.MAX_CHARS:,}" in problems[0].reason
