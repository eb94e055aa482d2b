"""An article's "who says what": each reported proposition once, with its source chain."""

from __future__ import annotations

from storyledger.model import Article, Claim, Ledger, Quote
from storyledger.report import views
from storyledger.report.html import render_html
from storyledger.report.markdown import render_markdown
from storyledger.report.text import render_text

T = (
    'Hydrovar said an inspection in March had found "no structural concerns", '
    "according to local lawmakers. The mayor's office said repairs would start in May. "
    "Residents say the levee is sinking."
)


def _span(text: str) -> tuple[int, int]:
    start = T.index(text)
    return start, start + len(text)


def _article() -> Article:
    indirect = 'an inspection in March had found "no structural concerns"'
    partial = "no structural concerns"
    mayor = "repairs would start in May"
    quotes = [
        Quote(indirect, "Hydrovar", "said", "indirect", *_span(indirect), sources=["Hydrovar"]),
        Quote(partial, None, "found", "partial", *_span(partial), "an inspection in March"),
    ]
    claims = [
        Claim(indirect, ["Hydrovar", "local lawmakers"], *_span(indirect), "said", quote=0),
        Claim(mayor, ["The mayor's office"], *_span(mayor), "said"),
    ]
    return Article(id="lev", text=T, outlet="Daily Lark", quotes=quotes, claims=claims)


def test_a_restated_quote_is_one_row_with_the_claims_chain():
    rows = views.statements(_article())
    assert [r.kind for r in rows] == ["indirect", "claim"]
    first, second = rows
    assert first.who == "Hydrovar"
    assert first.chain == "Hydrovar \u2190 local lawmakers"  # from the claim restating it
    assert first.quoted == ["no structural concerns"]  # the partial quote folded in
    assert second.text == "repairs would start in May"
    assert second.chain == "The mayor's office"


def test_reports_show_the_words_once():
    ledger = Ledger(articles=[_article()], stories=[], threads=[])
    md = render_markdown(ledger)
    text = render_text(ledger, width=200)
    html = render_html(ledger)
    table = html[html.index("<h3>Who says what</h3>") :]
    table = table[: table.index("</table>")]  # the article's text follows, highlighted
    for out in (md, text, table):
        assert out.count("had found") == 1, out
        assert "repairs would start in May" in out
        assert "local lawmakers" in out


def test_a_partial_quote_inside_a_partial_quote_folds_into_the_outermost_row():
    outer = 'an inspection in March had found "no structural concerns"'
    middle = 'an inspection in March had found "no structural'  # starts where the outer does
    inner = "no structural"
    quotes = [  # in text order (start, end), as extraction gives them
        Quote(middle, None, "said", "partial", *_span(middle)),
        Quote(outer, "Hydrovar", "said", "indirect", *_span(outer), sources=["Hydrovar"]),
        Quote(inner, None, "found", "partial", *_span(inner)),
    ]
    article = Article(id="lev", text=T, outlet="Daily Lark", quotes=quotes, claims=[])
    (row,) = views.statements(article)
    assert row.who == "Hydrovar" and row.quoted == [middle, inner]
