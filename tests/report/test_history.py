"""A figure's history in the HTML report: value, hedge band, outlet, date, source, in order."""

from __future__ import annotations

from html.parser import HTMLParser

from storyledger.model import Article, Fact, FactEntry, Ledger, Story
from storyledger.report import render
from storyledger.report.history import figure_history


def entry(article: str, published: str | None, qualifier: str, value, low=None, high=None):
    return FactEntry(
        article,
        None,
        published,
        "x",
        0,
        1,
        value,
        low,
        high,
        qualifier,
        ["the ministry"],
        "2031-05-01",
    )


def ledger() -> Ledger:
    articles = [
        Article(id="a", text="x", outlet="Orchard Tribune", published="2031-05-02"),
        Article(id="b", text="x", outlet="Granite Post", published="2031-05-03"),
        Article(id="c", text="x", outlet="Upland Voice", published=None),
    ]
    toll = Fact(
        "f-1",
        "quantity",
        "kill (people) on 2031-05-01",
        "update",
        [
            entry("b", "2031-05-03", "more_than", 1400.0),
            entry("c", None, "range", None, 900.0, 1400.0),
            entry("a", "2031-05-02", "at_least", 900.0),
        ],
    )
    story = Story("s-1", "Dam collapse", ["a", "b", "c"], [toll])
    return Ledger(articles, [story])


class Rows(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.inside = False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("class", "history") in attrs:
            self.inside = True
        elif self.inside and tag == "tr":
            self.rows.append([])
        elif self.inside and tag in ("td", "th"):
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if tag == "table":
            self.inside = False

    def handle_data(self, data):
        if self.inside and self.rows and self.rows[-1]:
            self.rows[-1][-1] += data


def test_history_orders_reports_and_gives_hedge_bands() -> None:
    data = ledger()
    by_id = {a.id: a for a in data.articles}
    ((fact, rows),) = figure_history(data.stories[0], by_id)
    assert fact.id == "f-1"
    assert [(r.value, r.band, r.outlet, r.date) for r in rows] == [
        ("at least 900", "≥ 900", "Orchard Tribune", "2031-05-02"),
        ("more than 1,400", "> 1,400", "Granite Post", "2031-05-03"),
        ("900–1,400", "900–1,400", "Upland Voice", "refers to 2031-05-01"),
    ]


def test_html_report_has_the_history_table() -> None:
    parser = Rows()
    parser.feed(render(ledger(), "html"))
    header, *body = [[c.strip() for c in row] for row in parser.rows]
    assert header == ["value", "hedge band", "outlet", "date", "source", "as written"]
    assert [r[:4] for r in body] == [
        ["at least 900", "≥ 900", "Orchard Tribune", "2031-05-02"],
        ["more than 1,400", "> 1,400", "Granite Post", "2031-05-03"],
        ["900–1,400", "900–1,400", "Upland Voice", "refers to 2031-05-01"],
    ]
    assert all(r[4] == "the ministry" for r in body)
