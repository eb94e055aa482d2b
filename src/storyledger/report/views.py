"""What every human-facing report shows, computed once: figure cells, statements, highlights.
The short labels (values, outlet names, chains) are `storyledger.labels`, re-exported here."""

from __future__ import annotations

from dataclasses import dataclass, field

from storyledger.compare.salience import shown_count
from storyledger.labels import QUALIFIER_WORDS as QUALIFIER_WORDS
from storyledger.labels import chain, outlet_label, quantity_value
from storyledger.labels import entry_value as entry_value
from storyledger.labels import figure_source as figure_source
from storyledger.labels import number as number
from storyledger.model import Article, Discrepancy, Fact, FactEntry, Ledger, Story


def articles_by_id(ledger: Ledger) -> dict[str, Article]:
    return {a.id: a for a in ledger.articles}


def story_outlets(story: Story, by_id: dict[str, Article]) -> list[tuple[str, str]]:
    """(article id, outlet label) for the story's articles, oldest first, undated last."""

    def order(article_id: str) -> tuple[bool, str, str]:
        published = by_id[article_id].published if article_id in by_id else None
        return (published is None, published or "", article_id)

    ids = sorted(story.articles, key=order)
    return [(i, outlet_label(by_id.get(i), i)) for i in ids]


def fact_cells(fact: Fact, outlets: list[tuple[str, str]]) -> list[list[FactEntry]]:
    """The fact's entries arranged one cell per outlet column."""
    return [[e for e in fact.entries if e.article == article_id] for article_id, _ in outlets]


def highlight_segments(article: Article) -> list[tuple[str, str | None, str | None]]:
    """The article text cut into (text, kind, note) runs for highlighting.

    Numbers and dates win over quotes where they overlap (they sit inside quotes), and the
    cuts follow the records' offsets, so every highlighted span is exactly what was extracted.
    """
    marks: list[tuple[int, int, str, str]] = []
    for q in article.quotes:
        marks.append(
            (q.start, q.end, "quote", f"{q.kind} quote: {q.speaker or 'speaker unresolved'}")
        )
    for e in article.entities:
        if e.label in {"PERSON", "ORG", "GPE", "NORP"}:
            marks.append((e.start, e.end, "entity", f"{e.label}: {e.canonical}"))
    for q in article.quantities:
        marks.append(
            (q.start, q.end, "number", f"{quantity_value(q)} {q.counts or ''} ({chain(q.sources)})")
        )
    for d in article.dates:
        marks.append((d.start, d.end, "date", f"date: {d.value or 'unresolved'}"))
    priority = {"number": 0, "date": 1, "entity": 2, "quote": 3}
    owner: list[tuple[str, str] | None] = [None] * len(article.text)
    for start, end, kind, note in sorted(marks, key=lambda m: -priority[m[2]]):
        for i in range(max(start, 0), min(end, len(owner))):
            owner[i] = (kind, note)
    segments: list[tuple[str, str | None, str | None]] = []
    i = 0
    while i < len(article.text):
        j = i
        while j < len(article.text) and owner[j] == owner[i]:
            j += 1
        kind, note = owner[i] if owner[i] else (None, None)
        segments.append((article.text[i:j], kind, note))
        i = j
    return segments


def quantity_facts(story: Story) -> list[Fact]:
    return [f for f in story.facts if f.kind == "quantity"]


def shared_claims(story: Story) -> list[Fact]:
    """Claims carried by more than one article: the rows worth a side-by-side look.

    Claims only one outlet carries already show up as `coverage` discrepancies.
    """
    return [f for f in story.facts if f.kind == "claim" and len({e.article for e in f.entries}) > 1]


def claim_cell(entries: list[FactEntry]) -> str:
    return "; ".join(chain(e.sources) for e in entries)


def split_discrepancies(
    story: Story, shown: int | None = None
) -> tuple[list[Discrepancy], list[Discrepancy]]:
    """The differences a report shows at once, and the coverage items kept behind "more".

    Every non-coverage difference is shown; of the coverage items (what only some outlets
    carry, ranked by salience when compared) the first `shown` are, the rest wait."""
    limit = shown_count() if shown is None else shown
    first: list[Discrepancy] = []
    more: list[Discrepancy] = []
    n_coverage = 0
    for d in story.discrepancies:
        if d.kind != "coverage":
            first.append(d)
            continue
        n_coverage += 1
        (first if n_coverage <= limit else more).append(d)
    return first, more


@dataclass
class Statement:
    """One row of an article's "who says what": a quote with the claim that restates it, or a
    claim no quote carries. Each reported proposition appears once."""

    who: str  # the speaker, "(unresolved: the mention)", or a claim's innermost source
    chain: str  # the source chain (the restating claim's, when one links to the quote)
    kind: str  # direct | partial | indirect | claim
    cue: str
    text: str
    start: int
    quoted: list[str] = field(default_factory=list)  # quoted words folded into this row


def statements(article: Article) -> list[Statement]:
    """An article's quotes and claims without repeats: a claim that restates a quote
    (`Claim.quote`) lends the quote its source chain instead of a second row, and a partial
    quote inside another quote is shown as that row's quoted words."""
    quotes = article.quotes
    restating = {c.quote: c for c in article.claims if c.quote is not None}

    def inside(i: int) -> int | None:
        """The widest quote holding a partial one: never itself held, so always a row."""
        q = quotes[i]
        if q.kind != "partial":
            return None
        hosts = [
            j
            for j, p in enumerate(quotes)
            if j != i
            and p.start <= q.start
            and q.end <= p.end
            and p.end - p.start > q.end - q.start
        ]
        return max(hosts, key=lambda j: quotes[j].end - quotes[j].start, default=None)

    rows: dict[int, Statement] = {}
    folded: list[tuple[int, int]] = []
    for i, q in enumerate(quotes):
        if (host := inside(i)) is not None:
            folded.append((host, i))
            continue
        claim = restating.get(i)
        sources = claim.sources if claim else (q.sources or ([q.speaker] if q.speaker else []))
        who = q.speaker or f"(unresolved: {q.speaker_mention or '?'})"
        rows[i] = Statement(who, chain(sources), q.kind, q.cue or "", q.text, q.start)
    for host, i in folded:
        rows[host].quoted.append(quotes[i].text)
        if (claim := restating.get(i)) is not None and host not in restating:
            rows[host].chain = chain(claim.sources)
    out = list(rows.values())
    for c in article.claims:
        if c.quote is None or not 0 <= c.quote < len(quotes):
            who = c.sources[0] if c.sources else "outlet's own voice"
            out.append(Statement(who, chain(c.sources), "claim", c.cue or "", c.text, c.start))
    return sorted(out, key=lambda st: st.start)
