"""One self-contained HTML page (inline CSS, no script, no fonts or CDNs): works offline."""

from __future__ import annotations

import functools

from jinja2 import Environment, PackageLoader, select_autoescape

from storyledger.model import Ledger
from storyledger.report import threadviews, views


@functools.cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storyledger.report", "templates"),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(views=views, threadviews=threadviews)
    return env


def render_html(ledger: Ledger, title: str = "storyledger report") -> str:
    from storyledger.report.history import figure_history

    template = environment().get_template("report.html")
    by_id = views.articles_by_id(ledger)
    return template.render(
        title=title,
        figure_history=figure_history,
        ledger=ledger,
        by_id=by_id,
        stories=[(s, views.story_outlets(s, by_id)) for s in ledger.stories],
        by_stories={s.id: s for s in ledger.stories},
    )
