"""The highlighted article text: every character shown once, escaped, every record anchored."""

from __future__ import annotations

from html.parser import HTMLParser

from storyledger.model import (
    Article,
    Claim,
    DateMention,
    Entity,
    Fact,
    FactEntry,
    Quantity,
    Quote,
    Story,
)
from storyledger.web.chart import compact, figure_charts, parse_day
from storyledger.web.pages import Column, article_text, dom_id


class _Reader(HTMLParser):
    """Collects the text, the ids and the open/close balance of a fragment."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.ids: list[str] = []
        self.stack: list[str] = []
        self.links: dict[str, str] = {}
        self.unbalanced = False
        self._href: str | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.stack.append(tag)
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        self._href = attrs.get("href") if tag == "a" else None

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.unbalanced = True

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1] == "a" and data == "↗":
            return  # the back-link marker is not article text
        if self._href and self.stack and self.stack[-1] == "a":
            self.links[data] = self._href
        self.text.append(data)


TEXT = (
    'Officials said <b>"at least 40 people" were hurt</b> on Monday, '
    "Mayor Ana Ruiz told reporters. The council claims that the bridge will reopen."
)


def _article() -> Article:
    def span(fragment: str) -> tuple[int, int]:
        start = TEXT.index(fragment)
        return start, start + len(fragment)

    q0, q1 = span('"at least 40 people" were hurt</b> on Monday')
    n0, n1 = span("at least 40")
    d0, d1 = span("Monday")
    e0, e1 = span("Ana Ruiz")
    c0, c1 = span("that the bridge will reopen")
    return Article(
        id="a<1>",
        text=TEXT,
        outlet="Test & Co",
        entities=[Entity("Ana Ruiz", "PERSON", "Ana Ruiz", e0, e1)],
        quotes=[Quote(TEXT[q0:q1], "Ana Ruiz", "told", "indirect", q0, q1)],
        claims=[Claim(TEXT[c0:c1], ["The council"], c0, c1, "claims")],
        quantities=[
            Quantity("at least 40", 40, None, None, "at_least", None, "people", None, n0, n1)
        ],
        dates=[DateMention("Monday", "2024-03-04", d0, d1)],
    )


def _story(article: Article) -> Story:
    q = article.quantities[0]
    c = article.claims[0]
    return Story(
        id="s/1",
        title="Bridge",
        articles=[article.id],
        facts=[
            Fact(
                "f 1",
                "quantity",
                "hurt (people)",
                "single",
                [
                    FactEntry(
                        article.id,
                        None,
                        None,
                        q.text,
                        q.start,
                        q.end,
                        40.0,
                        None,
                        None,
                        "at_least",
                        [],
                        "2024-03-04",
                    )
                ],
            ),
            Fact(
                "f2",
                "claim",
                "the bridge will reopen",
                "single",
                [
                    FactEntry(
                        article.id, None, None, c.text, c.start, c.end, sources=["The council"]
                    )
                ],
            ),
        ],
    )


def test_highlighted_text_is_the_article_text_escaped_and_balanced() -> None:
    article = _article()
    html = str(article_text(article, _story(article)))
    reader = _Reader()
    reader.feed(html)
    assert "".join(reader.text) == TEXT  # nothing lost, nothing doubled, markup shown as text
    assert "<b>" not in html and "&lt;b&gt;" in html
    assert not reader.unbalanced and not reader.stack
    assert len(reader.ids) == len(set(reader.ids))
    for record in [*article.quotes, *article.claims, *article.quantities, *article.dates]:
        assert f"at-{record.start}" in reader.ids
    # the figure links to its fact row, the claim and quote to their story rows
    assert reader.links["at least 40"] == "/stories/s%2F1#" + dom_id("fact", "f 1")
    assert f'href="/stories/s%2F1#{dom_id("fact", "f2")}"' in html
    assert f'href="/stories/s%2F1#{dom_id("quote", "a<1>", article.quotes[0].start)}"' in html


def test_highlighting_without_a_story_links_nowhere() -> None:
    article = _article()
    html = str(article_text(article, None))
    assert "/stories/" not in html
    reader = _Reader()
    reader.feed(html)
    assert "".join(reader.text) == TEXT


def test_seed_articles_keep_every_character(seed_articles) -> None:
    for article in seed_articles:
        reader = _Reader()
        reader.feed(str(article_text(article, None)))
        assert "".join(reader.text) == article.text
        assert not reader.unbalanced


def test_figure_charts_plot_only_numbers_the_text_gives() -> None:
    article = _article()
    columns = [Column(article.id, "Test & Co", article, 0)]
    vague = Fact(
        "v",
        "quantity",
        "hurt (people)",
        "single",
        [FactEntry(article.id, None, "2024-03-05", "dozens", 0, 6, None, None, None, "vague")],
    )
    dated = Fact(
        "d",
        "quantity",
        "hurt (people)",
        "single",
        [FactEntry(article.id, None, "2024-03-05", "40", 0, 2, 40.0)],
    )
    undated = Fact(
        "u",
        "quantity",
        "hurt (people)",
        "single",
        [FactEntry(article.id, None, None, "40", 0, 2, 40.0)],
    )
    charts = figure_charts([vague, dated, undated], columns)
    assert [c.fact.id for c in charts] == ["d"]  # no number for "dozens", no date for "u"
    assert "hollow" not in str(charts[0].svg) and "<title>Test &amp; Co" in str(charts[0].svg)
    assert parse_day("2023-10") is not None and parse_day("Monday") is None
    assert [compact(v) for v in (1400, 12_500, 2_500_000)] == ["1,400", "12.5k", "2.5M"]
