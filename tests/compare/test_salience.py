"""Coverage items ranked by salience, on the invented dam-collapse articles in examples/."""

from __future__ import annotations

import pytest

from storyledger import api
from storyledger.compare.salience import shown_count
from storyledger.report import views
from storyledger.report.html import render_html
from storyledger.report.markdown import render_markdown
from storyledger.report.text import render_text

from ..conftest import EXAMPLES


@pytest.fixture(scope="module")
def ledger(nlp):
    ledger, problems = api.analyze([str(EXAMPLES)])
    assert not problems and len(ledger.stories) == 1
    return ledger


def _coverage(ledger):
    return [d for d in ledger.stories[0].discrepancies if d.kind == "coverage"]


def test_every_item_stays_and_the_most_salient_come_first(ledger):
    cov = _coverage(ledger)
    assert len(cov) > shown_count()
    scores = [d.salience for d in cov]
    assert all(s is not None for s in scores)
    assert scores == sorted(scores, reverse=True)


def test_a_one_sided_quote_outranks_every_bare_figure(ledger):
    """What BASIL's annotators mark as informational bias is mostly one side's words and
    charges, rarely a bare count: the quoted warning only one outlet carries comes before any
    figure given without a source."""
    cov = _coverage(ledger)
    warned = next(d for d in cov if "We warned them for years" in d.summary)
    bare = [d for d in cov if "reports the figure" in d.summary and "(from " not in d.summary]
    assert bare and warned.salience > max(d.salience for d in bare)
    assert cov.index(warned) < shown_count()  # shown before "more"


def test_reports_show_the_top_items_and_keep_the_rest_behind_more(ledger):
    story = ledger.stories[0]
    shown, more = views.split_discrepancies(story)
    n_cov = len(_coverage(ledger))
    assert sum(d.kind == "coverage" for d in shown) == shown_count()
    assert len(more) == n_cov - shown_count()
    assert all(d.kind == "coverage" for d in more)
    # every other kind of difference is shown at once
    assert sum(d.kind != "coverage" for d in shown) == sum(
        d.kind != "coverage" for d in story.discrepancies
    )
    text = render_text(ledger, width=200)
    md = render_markdown(ledger)
    for out in (text, md):
        assert f"{len(more)} more items only some outlets carry" in out
        assert more[-1].summary not in out.replace("\n", " ")
    assert shown[-1].summary in md
    html = render_html(ledger)
    assert "<details" in html and f"{len(more)} more items only some outlets carry" in html
    assert more[-1].summary in html  # there, behind the summary


def test_the_web_story_page_shows_the_top_items_first(ledger):
    from storyledger.web.pages import story_view

    view = story_view(ledger)
    cov = _coverage(ledger)
    assert view.coverage_top == cov[: shown_count()]
    assert view.n_coverage == len(cov)
    behind = [d for c in view.only_in for d, _ in c.facts] + [
        d for c in view.only_in for d in c.sources
    ]
    behind += view.coverage_notes
    assert len(behind) == len(cov) - shown_count()
    assert not {id(d) for d in behind} & {id(d) for d in view.coverage_top}
