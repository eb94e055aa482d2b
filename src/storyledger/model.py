"""The records storyledger produces: plain dataclasses, JSON-ready, no spaCy objects.

Field names follow the JSON contract of `storyledger analyze --format json`;
fields beyond the contract are additions, never renames.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

QuoteKind = Literal["direct", "partial", "indirect"]
Qualifier = Literal[
    "exact", "at_least", "more_than", "at_most", "less_than", "approximately", "vague", "range"
]
DiscrepancyKind = Literal["number", "qualifier", "attribution", "wording", "coverage"]
FactStatus = Literal["consistent", "update", "conflict", "single"]


@dataclass
class RawArticle:
    """An article as read from its input, before any language processing."""

    id: str
    text: str
    path: str | None = None
    outlet: str | None = None
    published: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY as stated; never guessed
    title: str | None = None
    url: str | None = None
    # Every outlet that ran this text (syndicated copies fold into one article).
    also_in: list[str] = field(default_factory=list)
    # The text's language (a code of data/languages.json); readers take it from a record's
    # language field where there is one, and refuse a language storyledger does not read.
    lang: str = "en"


@dataclass
class Entity:
    text: str
    label: str  # spaCy label: PERSON, ORG, GPE, NORP, ...
    canonical: str  # the fullest name the article gives this referent
    start: int
    end: int
    role: str | None = None  # "spokesperson for the Ministry of Foreign Affairs", when stated


@dataclass
class Quote:
    text: str
    speaker: str | None  # canonical name, or None when it cannot be resolved
    cue: str | None  # "said", "told", "according to", ...
    kind: QuoteKind
    start: int
    end: int
    speaker_mention: str | None = None  # the raw words naming the speaker ("he", "the ministry")
    sources: list[str] = field(default_factory=list)  # innermost first, speaker included


@dataclass
class Claim:
    text: str
    sources: list[str]  # innermost first: ["Hamas", "Hossein Amir-Abdollahian", "The National"]
    start: int
    end: int
    cue: str | None = None
    # Index in the article's `quotes` of the quote this claim restates (its words, or the
    # indirect report on the same span), so a reader shows one item, not two; None if none.
    quote: int | None = None


@dataclass
class Quantity:
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    unit: str | None  # "USD", "%", "km", ... None for plain counts
    counts: str | None  # the counted noun: "hostages", "Palestinians"
    attributed_to: str | None  # innermost source; None when the outlet asserts it
    start: int
    end: int
    sources: list[str] = field(default_factory=list)  # the whole chain, innermost first
    event: str | None = None  # the verb the count hangs on: killed, held, taken, released
    source_mention: str | None = None  # an unresolved source's words ("he"): an unnamed speaker


@dataclass
class DateMention:
    text: str
    value: (
        str | None
    )  # YYYY-MM-DD (or YYYY-MM / YYYY when that is all the text says); None if unresolvable
    start: int
    end: int
    kind: str = "date"  # date | time | duration | set
    timex: str | None = None  # the TIMEX3 value where `value` cannot hold it: P3Y, 2013-W11, P1W


@dataclass
class Descriptor:
    """How an article names an actor or an event: the raw material of framing."""

    actor: str  # canonical actor, or the event noun
    text: str  # "its proxy", "the Palestinian militant group", "massacred"
    kind: str  # apposition | modifier | title | verb | adjective | noun
    start: int
    end: int


@dataclass
class Article(RawArticle):
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    descriptors: list[Descriptor] = field(default_factory=list)


@dataclass
class FactEntry:
    """One outlet's report of an aligned fact."""

    article: str
    outlet: str | None
    published: str | None
    text: str
    start: int
    end: int
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str | None = None
    sources: list[str] = field(default_factory=list)
    date: str | None = None


@dataclass
class Fact:
    id: str
    kind: str  # quantity | claim
    label: str  # "killed (people) on 2023-10-07", "Hamas is ready to release civilian prisoners"
    status: FactStatus
    entries: list[FactEntry] = field(default_factory=list)


@dataclass
class Evidence:
    article: str
    text: str
    start: int
    end: int


@dataclass
class Discrepancy:
    kind: DiscrepancyKind
    summary: str
    articles: list[str]
    evidence: list[Evidence] = field(default_factory=list)
    fact: str | None = None  # the Fact id it concerns, when there is one
    # coverage only: how much a reader should see it first (compare/salience.py); higher first
    salience: float | None = None


@dataclass
class TimelineEntry:
    date: str
    article: str
    text: str
    start: int | None = None
    end: int | None = None


@dataclass
class Story:
    id: str
    title: str
    articles: list[str]
    facts: list[Fact] = field(default_factory=list)
    discrepancies: list[Discrepancy] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)


@dataclass
class StorySketch:
    """What story grouping keeps of a story between runs (opaque `features`, JSON-ready)."""

    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)
    features: dict[str, Any] = field(default_factory=dict)
    first_date: str | None = None
    last_date: str | None = None


@dataclass
class WindowEntry:
    """One article of the grouper's recent window as the store keeps it, so a grouper
    reloaded from the store re-clusters that window exactly as one that never stopped."""

    article_id: str
    seq: int  # arrival order
    counts: dict[str, float]  # weighted term counts, before idf
    embedding: bytes  # float32 sentence embedding
    published: str | None = None
    title: str | None = None
    stated: int | None = None  # the day (ordinal) the lead says it happened
    people: list[str] = field(default_factory=list)


@dataclass
class StorySummary:
    """A story as listed: enough to choose one to read."""

    id: str
    title: str
    n_articles: int
    outlets: list[str]
    first_date: str | None
    last_date: str | None
    n_discrepancies: int = 0


OutletType = Literal["wire", "public broadcaster", "state-owned", "private", "aggregator"]
OUTLET_TYPES: tuple[str, ...] = (
    "wire",
    "public broadcaster",
    "state-owned",
    "private",
    "aggregator",
)


@dataclass
class Outlet:
    """An outlet's neutral facts and the user's own tags (lean, owner, region, ...).

    storyledger rates nothing: `tags` only ever hold what a user imported.
    """

    name: str
    domains: list[str] = field(default_factory=list)
    country: str | None = None
    language: str | None = None
    type: OutletType | None = None
    tags: dict[str, str] = field(default_factory=dict)
    source: str = "store"  # store (imported by the user) | shipped (the neutral table)


@dataclass
class FigureReport:
    """One event's report of a counted thing in a thread: the value with its hedge, and when."""

    event: str  # the story (event) id
    date: str | None  # publication date of the latest article of the event giving this value
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None  # the hedge: exact, at_least, up to (at_most), about, ...
    text: str  # the words of the first report: "at least 4", "Seventeen"
    outlets: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    refers_to: str | None = None  # the date the figure is about, when the text gives one


@dataclass
class ThreadFigure:
    """How one counted thing (dead, missing, hostages) moved across a thread's events."""

    label: str  # "kill (people)": the aligned event and counted noun, as facts label them
    event: str  # the event class: kill, miss, take, ...
    counts: str  # the counted-noun class: people, home, ...
    unit: str | None
    moved: str  # rose | fell | unchanged | mixed | unknown (from each event's latest report)
    values: list[FigureReport] = field(default_factory=list)  # in event order


@dataclass
class Thread:
    """A developing story: the events (stories) that follow one happening over days or weeks."""

    id: str
    title: str  # the earliest event's title
    events: list[StorySummary]  # in date order (undated last)
    first_date: str | None
    last_date: str | None
    outlets: list[str] = field(default_factory=list)
    figures: list[ThreadFigure] = field(default_factory=list)  # counted in two events or more


@dataclass
class ThreadSummary:
    """A thread as listed: enough to choose one to read."""

    id: str
    title: str
    n_events: int
    n_articles: int
    outlets: list[str]
    first_date: str | None
    last_date: str | None


@dataclass
class Ledger:
    articles: list[Article]
    stories: list[Story]
    threads: list[Thread] = field(default_factory=list)  # every story's thread


@dataclass
class Problem:
    """An input that was skipped, with the reason; the run goes on without it.

    `kept` marks a warning instead: the input was read, only the part named was not
    (an unreadable publication date), so it neither refuses a batch nor counts as skipped.
    """

    source: str
    reason: str
    kept: bool = False


def _fields_written(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A record's fields as written: an article's language only when it is not the default
    (English), so outputs and stores from before the language seam stay byte-identical."""
    return {k: v for k, v in pairs if not (k == "lang" and v == "en")}


def to_dict(record: Any) -> Any:
    """A record (or list of records) as plain JSON-ready data."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return dataclasses.asdict(record, dict_factory=_fields_written)
    if isinstance(record, list):
        return [to_dict(r) for r in record]
    return record


def _build(cls: type, data: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


# An Article's list fields and the record type each holds.
ARTICLE_LISTS: dict[str, type] = {
    "entities": Entity,
    "quotes": Quote,
    "claims": Claim,
    "quantities": Quantity,
    "dates": DateMention,
    "descriptors": Descriptor,
}


def article_from_dict(data: dict[str, Any]) -> Article:
    """Rebuild an Article from `to_dict` output (store rows, Parquet rows, JSON reports)."""
    fields = dict(data)
    if fields.get("lang") is None:  # written without one (to_dict leaves English out)
        fields.pop("lang", None)
    for name, cls in ARTICLE_LISTS.items():
        fields[name] = [_build(cls, item) for item in (fields.get(name) or [])]
    return _build(Article, fields)


def story_from_dict(data: dict[str, Any]) -> Story:
    fields = dict(data)
    facts = []
    for f in fields.get("facts") or []:
        fd = dict(f)
        fd["entries"] = [_build(FactEntry, e) for e in fd.get("entries") or []]
        facts.append(_build(Fact, fd))
    fields["facts"] = facts
    discs = []
    for d in fields.get("discrepancies") or []:
        dd = dict(d)
        dd["evidence"] = [_build(Evidence, e) for e in dd.get("evidence") or []]
        discs.append(_build(Discrepancy, dd))
    fields["discrepancies"] = discs
    fields["timeline"] = [_build(TimelineEntry, t) for t in fields.get("timeline") or []]
    return _build(Story, fields)


@dataclass
class SearchHit:
    """An article holding every word searched; `snippet` as (text, is_match) runs."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None
    story: str | None
    snippet: list[tuple[str, bool]]  # never raw HTML
