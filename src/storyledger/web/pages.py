"""What the story and article pages show, arranged from the records (no new facts made up).

The story page puts outlets in columns; every cell links to the span of article text it
came from (`/articles/ID#at-START`), and every highlighted span in an article links back to
the story row it feeds (`/stories/ID#fact-...`, `#quote-...`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise
from urllib.parse import quote as urlquote

from markupsafe import Markup, escape

from storyledger.model import Article, Discrepancy, Fact, FactEntry, Ledger, Quote, Story
from storyledger.report import views

PALETTE_SIZE = 8  # outlet colours o0..o7 in style.css, reused in the charts


def dom_id(*parts: object) -> str:
    """An HTML id from record ids and offsets (ids may hold any character)."""
    text = "-".join(str(p) for p in parts)
    return re.sub(r"[^A-Za-z0-9_-]", lambda m: f"_{ord(m.group()):x}", text)


def article_href(article_id: str, start: int | None = None) -> str:
    base = f"/articles/{urlquote(article_id, safe='')}"
    return base if start is None else f"{base}#at-{start}"


def story_href(story_id: str, anchor: str | None = None) -> str:
    base = f"/stories/{urlquote(story_id, safe='')}"
    return base if anchor is None else f"{base}#{anchor}"


def thread_href(thread_id: str) -> str:
    return f"/threads/{urlquote(thread_id, safe='')}"


@dataclass
class Column:
    article_id: str
    label: str
    article: Article | None
    color: int

    @property
    def published(self) -> str | None:
        return self.article.published if self.article else None

    @property
    def title(self) -> str:
        return (self.article.title if self.article and self.article.title else None) or (
            self.article_id
        )


@dataclass
class QuoteItem:
    column: Column
    quote: Quote
    anchor: str


@dataclass
class WordingRow:
    actor: str
    cells: list[list[tuple[str, str]]]  # per column: distinct (descriptor, kind)
    differs: bool


@dataclass
class CoverageColumn:
    """What only this outlet has: facts (linked to their rows) and sources it alone cites."""

    column: Column
    facts: list[tuple[Discrepancy, Fact | None]]
    sources: list[Discrepancy]


@dataclass
class StoryView:
    story: Story
    columns: list[Column]
    quantity_facts: list[tuple[Fact, list[list[FactEntry]]]]
    claim_facts: list[tuple[Fact, list[list[FactEntry]]]]
    speakers: list[tuple[str, list[QuoteItem]]]
    wording: list[WordingRow]
    wording_notes: list[Discrepancy]
    only_in: list[CoverageColumn]
    coverage_notes: list[Discrepancy]  # coverage differences not owned by one outlet
    differences: list[Discrepancy]
    status_counts: dict[str, int] = field(default_factory=dict)
    notes: dict[str, list[Discrepancy]] = field(default_factory=dict)  # by fact id
    coverage_top: list[Discrepancy] = field(default_factory=list)  # most salient, shown first
    n_coverage: int = 0  # coverage items in all; the rest (only_in, coverage_notes) wait

    def column_of(self, article_id: str) -> Column | None:
        for column in self.columns:
            if column.article_id == article_id:
                return column
        return None

    def label(self, article_id: str) -> str:
        column = self.column_of(article_id)
        return column.label if column else f"[{article_id}]"


def story_view(ledger: Ledger) -> StoryView:
    story = ledger.stories[0]
    by_id = views.articles_by_id(ledger)
    outlets = views.story_outlets(story, by_id)
    columns = [
        Column(aid, label, by_id.get(aid), i % PALETTE_SIZE)
        for i, (aid, label) in enumerate(outlets)
    ]
    quantity_facts, claim_facts = [], []
    for fact in story.facts:
        cells = views.fact_cells(fact, outlets)
        (claim_facts if fact.kind == "claim" else quantity_facts).append((fact, cells))
    order = {"conflict": 0, "update": 1, "consistent": 2, "single": 3}
    quantity_facts.sort(key=lambda fc: order.get(fc[0].status, 4))
    claim_facts.sort(key=lambda fc: order.get(fc[0].status, 4))
    status_counts: dict[str, int] = defaultdict(int)
    for fact in story.facts:
        status_counts[fact.status] += 1

    speakers: dict[str, list[QuoteItem]] = defaultdict(list)
    for column in columns:
        for q in column.article.quotes if column.article else []:
            key = q.speaker or ""
            speakers[key].append(QuoteItem(column, q, dom_id("quote", column.article_id, q.start)))
    speaker_list = sorted(
        speakers.items(),
        key=lambda kv: (
            kv[0] == "",
            -len({item.column.article_id for item in kv[1]}),
            -len(kv[1]),
            kv[0].lower(),
        ),
    )

    wording: dict[str, list[list[tuple[str, str]]]] = {}
    for i, column in enumerate(columns):
        for d in column.article.descriptors if column.article else []:
            cells = wording.setdefault(d.actor, [[] for _ in columns])
            if all(text != d.text for text, _ in cells[i]):
                cells[i].append((d.text, d.kind))
    wording_rows = [
        WordingRow(actor, cells, len({tuple(sorted(t for t, _ in c)) for c in cells if c}) > 1)
        for actor, cells in wording.items()
    ]
    wording_rows.sort(key=lambda r: (-sum(1 for c in r.cells if c), not r.differs, r.actor.lower()))

    facts_by_id = {f.id: f for f in story.facts}
    owned: dict[str, CoverageColumn] = {c.article_id: CoverageColumn(c, [], []) for c in columns}
    loose: list[Discrepancy] = []
    shown, more = views.split_discrepancies(story)
    coverage_top = [d for d in shown if d.kind == "coverage"]
    for d in more:
        owners = set(d.articles) or {e.article for e in d.evidence}
        owner = owned.get(next(iter(owners))) if len(owners) == 1 else None
        if owner is None:
            loose.append(d)
        elif d.fact:
            owner.facts.append((d, facts_by_id.get(d.fact)))
        else:
            owner.sources.append(d)
    only_in = [c for c in owned.values() if c.facts or c.sources]

    notes: dict[str, list[Discrepancy]] = defaultdict(list)
    for d in story.discrepancies:
        if d.fact and d.kind != "coverage":
            notes[d.fact].append(d)
    return StoryView(
        story=story,
        columns=columns,
        quantity_facts=quantity_facts,
        claim_facts=claim_facts,
        speakers=[(name, items) for name, items in speaker_list],
        wording=wording_rows,
        wording_notes=[d for d in story.discrepancies if d.kind == "wording"],
        only_in=only_in,
        coverage_notes=loose,
        differences=[d for d in story.discrepancies if d.kind not in ("wording", "coverage")],
        status_counts=dict(status_counts),
        notes=notes,
        coverage_top=coverage_top,
        n_coverage=len(coverage_top) + len(more),
    )


# The article text, highlighted ------------------------------------------------------------


@dataclass
class _Range:
    start: int
    end: int
    kind: str  # quote | claim
    back: str | None  # where on the story page this span is listed
    back_label: str


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def article_text(article: Article, story: Story | None) -> Markup:
    """The article's text with every extracted span marked, anchored and linked.

    Built from `views.highlight_segments` (numbers and dates over names over quotes), cut
    further at every record's start so each one has an `at-START` anchor; quotes and claims
    are wrapped whole, so `:target` lights up the entire quote a story row points at.
    """
    text = article.text
    entries = [
        (fact, e)
        for fact in (story.facts if story else [])
        for e in fact.entries
        if e.article == article.id
    ]

    def fact_for(start: int, end: int, kind: str) -> Fact | None:
        for fact, e in entries:
            if fact.kind == kind and _overlaps(start, end, e.start, e.end):
                return fact
        return None

    ranges: list[_Range] = []
    taken: list[tuple[int, int]] = []
    candidates: list[_Range] = []
    for q in article.quotes:
        back = story_href(story.id, dom_id("quote", article.id, q.start)) if story else None
        candidates.append(_Range(q.start, q.end, "quote", back, "in the story's quotes"))
    for c in article.claims:
        fact = fact_for(c.start, c.end, "claim")
        back = story_href(story.id, dom_id("fact", fact.id)) if story and fact else None
        candidates.append(_Range(c.start, c.end, "claim", back, "in the story's claims"))
    for r in candidates:  # quotes first, then claims that overlap no quote
        if r.start < 0 or r.end > len(text) or r.start >= r.end:
            continue
        if any(_overlaps(r.start, r.end, s, e) for s, e in taken):
            continue
        taken.append((r.start, r.end))
        ranges.append(r)
    range_at = {r.start: r for r in ranges}
    range_end = {r.end: r for r in ranges}

    number_links: list[tuple[int, int, str]] = []
    for q in article.quantities:
        fact = fact_for(q.start, q.end, "quantity")
        if story and fact:
            number_links.append((q.start, q.end, story_href(story.id, dom_id("fact", fact.id))))

    starts = {r.start for r in candidates}
    starts |= {q.start for q in article.quantities} | {d.start for d in article.dates}
    starts |= {e.start for _, e in entries} | {e.start for e in article.entities}
    starts = {s for s in starts if 0 <= s < len(text)}
    cuts = sorted(starts | set(range_at) | set(range_end) | {0, len(text)})

    out: list[str] = []
    pos = 0
    anchored: set[int] = set()
    for seg_text, kind, note in views.highlight_segments(article):
        seg_start, seg_end = pos, pos + len(seg_text)
        pos = seg_end
        inner = [c for c in cuts if seg_start < c < seg_end]
        bounds = [seg_start, *inner, seg_end]
        for a, b in pairwise(bounds):
            _close_range(out, range_end.get(a))
            r = range_at.get(a)
            if r is not None:
                out.append(f'<span class="range range-{r.kind}" id="at-{a}">')
                anchored.add(a)
            piece = escape(text[a:b])
            anchor = ""
            if a in starts and a not in anchored:
                anchor = f' id="at-{a}"'
                anchored.add(a)
            if kind:
                href = next((h for s, e, h in number_links if s <= a < e), None)
                if kind == "number" and href:
                    out.append(
                        f'<a class="mark number"{anchor} href="{escape(href)}" '
                        f'title="{escape(note or "")}">{piece}</a>'
                    )
                else:
                    out.append(
                        f'<mark class="{kind}"{anchor} title="{escape(note or "")}">{piece}</mark>'
                    )
            elif anchor:
                out.append(f'<span class="anchor"{anchor}>{piece}</span>')
            else:
                out.append(str(piece))
    _close_range(out, range_end.get(len(text)))
    return Markup("".join(out))


def _close_range(out: list[str], r: _Range | None) -> None:
    if r is None:
        return
    if r.back:
        out.append(f'<a class="back" href="{escape(r.back)}" title="{escape(r.back_label)}">↗</a>')
    out.append("</span>")
