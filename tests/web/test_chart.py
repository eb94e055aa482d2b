"""A figure's chart marks the open side of a hedged value: 'at least' up, 'up to' down."""

from __future__ import annotations

import re

from storyledger.model import Article, Fact, FactEntry
from storyledger.web.chart import figure_charts
from storyledger.web.pages import Column


def test_hedged_values_get_a_caret_exact_ones_none() -> None:
    a = Article(id="a", text="x", outlet="Orchard Tribune", published="2031-05-02")
    b = Article(id="b", text="x", outlet="Granite Post", published="2031-05-03")
    c = Article(id="c", text="x", outlet="Upland Voice", published="2031-05-04")
    columns = [Column(x.id, x.outlet, x, i) for i, x in enumerate((a, b, c))]
    toll = Fact(
        "f",
        "quantity",
        "kill (people)",
        "update",
        [
            FactEntry(
                "a", None, "2031-05-02", "at least 900", 0, 3, 900.0, 900.0, None, "at_least"
            ),
            FactEntry(
                "b", None, "2031-05-03", "up to 1,400", 0, 3, 1400.0, None, 1400.0, "at_most"
            ),
            FactEntry("c", None, "2031-05-04", "1,200", 0, 3, 1200.0, None, None, "exact"),
        ],
    )
    (series,) = figure_charts([toll], columns)
    svg = str(series.svg)
    carets = re.findall(
        r'<path d="M[\d.]+,([\d.]+) L[\d.]+,([\d.]+) [^"]*" class="hedge o(\d)"', svg
    )
    assert len(carets) == 2
    by_color = {int(color): float(tip) - float(base) for base, tip, color in carets}
    assert by_color[0] < 0  # at least: the tip points up (smaller y)
    assert by_color[1] > 0  # up to: the tip points down
