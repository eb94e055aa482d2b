"""Align what several articles report: the same figure, the same claim.

Figures: a reported number is an interval (see ../shared/notes/comparison-semantics.md); two
figures are the same quantity when their event class (kill, take, hold, ...), counted-noun class
(people / Israelis vs Palestinians), unit and event date (when both give one) agree. The source
is never part of the key: two sources disagreeing on one quantity is what must be found.

Status of an aligned figure, given its entries from different articles:
- consistent: every pair of intervals meets (and the hedges do not point opposite ways);
- conflict on the hedge: the intervals meet only at one point with one bounded below and the
  other above ("at least 1,400" vs "up to 1,400");
- update: some pair does not meet, the quantity is one that only grows (tolls, hostages taken),
  and the higher figure is not dated earlier than the lower one. Order rule: two publication
  dates decide; when either article is undated the order is unknown, and a rising figure for a
  growing quantity is read as the later report (the summary says the order is inferred). Both
  dated the same day, or the figure falling as time goes on, is a conflict. A quantity that
  moves either way (people missing, people held) is an update whenever the two reports are
  dated on different days, the later report carrying the newer figure;
- conflict: otherwise, when some pair does not meet.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import math
from dataclasses import dataclass, field

from storyledger.compare.datafiles import data_json
from storyledger.compare.sentences import event_date
from storyledger.compare.stories import stem, terms
from storyledger.hedges import Interval, hedges_opposed, interval  # noqa: F401 (re-exported)
from storyledger.model import Article, Claim, Entity, FactEntry, Quantity, Quote


@functools.lru_cache(maxsize=1)
def rules() -> dict:
    data = data_json("alignment.json", "en")
    events = {w: cls for cls, words in data["events"].items() for w in words}
    nouns = {w: cls for cls, words in data["nouns"].items() for w in words}
    return {**data, "event_of": events, "noun_of": nouns}


@functools.lru_cache(maxsize=1)
def claim_synonyms() -> dict[str, str]:
    data = data_json("claim_synonyms.json", "en")
    return {stem(w): key for key, words in data.items() if not key.startswith("_") for w in words}


# --- intervals: storyledger/hedges.py defines them once -------------------------------------


# --- the same quantity ---------------------------------------------------------------------


def event_class(q: Quantity) -> str | None:
    if not q.event:
        return None
    word = q.event.lower().strip()
    r = rules()["event_of"]
    return r.get(word) or r.get(stem(word)) or stem(word)


def noun_class(q: Quantity) -> str | None:
    if not q.counts:
        return None
    noun = q.counts.lower().strip()
    r = rules()["noun_of"]
    if noun in r:
        return r[noun]
    last = noun.split()[-1]
    return r.get(last) or stem(last)


def quantity_key(q: Quantity) -> tuple[str, str, str] | None:
    """(event class, noun class, unit): None when the figure cannot be identified safely."""
    noun = noun_class(q)
    event = event_class(q)
    if noun is None and q.unit:  # "$100m a year": an amount, known by its unit and verb
        noun = "amount"
    if noun is None or event is None:
        return None
    merged = rules()["merge_events"].get(noun, [])
    if event in merged:
        event = "+".join(merged)
    return (event, noun, q.unit or "")


def _listed(key: tuple[str, str, str], name: str) -> bool:
    listed = set(rules()[name])
    event, noun, _ = key
    return noun in listed or any(e in listed for e in event.split("+"))


def is_growing(key: tuple[str, str, str]) -> bool:
    """A count that only rises (a toll): a higher figure is the later one."""
    return _listed(key, "growing")


def is_changing(key: tuple[str, str, str]) -> bool:
    """A count that moves either way (people missing): only the dates can order two figures."""
    return _listed(key, "changing")


# --- aligned groups ------------------------------------------------------------------------


@dataclass
class Item:
    """One article's report of something, before alignment."""

    article: Article
    text: str
    start: int
    end: int
    sources: list[str] = field(default_factory=list)
    quantity: Quantity | None = None
    date: str | None = None
    keys: frozenset[str] = frozenset()  # content keys (claims)
    names: frozenset[str] = frozenset()  # entity names inside the span (claims)

    def entry(self) -> FactEntry:
        q = self.quantity
        return FactEntry(
            article=self.article.id,
            outlet=self.article.outlet,
            published=self.article.published,
            text=self.text,
            start=self.start,
            end=self.end,
            value=q.value if q else None,
            low=q.low if q else None,
            high=q.high if q else None,
            qualifier=q.qualifier if q else None,
            sources=list(self.sources),
            date=self.date,
        )


@dataclass
class Group:
    kind: str  # quantity | claim
    key: tuple
    items: list[Item]

    @property
    def article_ids(self) -> list[str]:
        return list(dict.fromkeys(i.article.id for i in self.items))

    def fact_id(self) -> str:
        first = self.items[0]
        raw = f"{self.kind}|{self.key}|{first.article.id}|{first.start}"
        return "f-" + hashlib.sha1(raw.encode()).hexdigest()[:10]


def quantity_groups(articles: list[Article]) -> tuple[list[Group], list[Item]]:
    """Figures grouped by quantity key (and event date when both give one).

    Returns the groups and the figures that could not be keyed (reported as they are).
    """
    groups: list[Group] = []
    unkeyed: list[Item] = []
    for article in articles:
        for q in article.quantities:
            item = Item(
                article,
                q.text,
                q.start,
                q.end,
                list(q.sources),
                q,
                event_date(article, q.start, q.end),
            )
            key = quantity_key(q)
            if key is None or interval(q) is None:
                unkeyed.append(item)
                continue
            for g in groups:
                if g.key == key and all(
                    i.date is None or item.date is None or i.date == item.date for i in g.items
                ):
                    g.items.append(item)
                    break
            else:
                groups.append(Group("quantity", key, [item]))
    return groups, unkeyed


def _claim_keys(text: str) -> frozenset[str]:
    syn = claim_synonyms()
    return frozenset(syn.get(t, t) for t in terms(text))


NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _names_in(entities: list[Entity], starts: list[int], start: int, end: int) -> frozenset[str]:
    """Names of the entities starting inside [start, end); `entities` sorted by start."""
    names = set()
    for e in entities[bisect.bisect_left(starts, start) :]:
        if e.start >= end:
            break
        if e.label in NAME_LABELS:
            names.add((e.canonical or e.text).lower())
    return frozenset(names)


def _inside_one_of(spans: list[tuple[int, int]], longest: int, start: int, end: int) -> bool:
    """Whether [start, end) lies inside one of `spans` (sorted); only spans starting within
    `longest` before it can hold it, so a long article's check stays short."""
    i = bisect.bisect_right(spans, (start, math.inf))
    while i > 0 and spans[i - 1][0] >= start - longest:
        i -= 1
        if spans[i][1] >= end:
            return True
    return False


def claim_items(article: Article) -> list[Item]:
    """Claims and quotes of an article as items (a quote inside a claim's span, or one a
    claim restates, is dropped: the claim stands for it)."""
    items: list[Item] = []
    spans: list[tuple[int, int]] = []  # sorted
    longest = 0
    entities = sorted(article.entities, key=lambda e: e.start)
    starts = [e.start for e in entities]
    restated = {c.quote for c in article.claims if c.quote is not None}
    records: list[Claim | Quote] = [
        *article.claims,
        *(q for i, q in enumerate(article.quotes) if i not in restated),
    ]
    for rec in records:
        if _inside_one_of(spans, longest, rec.start, rec.end):
            continue
        if isinstance(rec, Quote):
            sources = list(rec.sources) or ([rec.speaker] if rec.speaker else [])
        else:
            sources = list(rec.sources)
        bisect.insort(spans, (rec.start, rec.end))
        longest = max(longest, rec.end - rec.start)
        items.append(
            Item(
                article,
                rec.text,
                rec.start,
                rec.end,
                sources,
                keys=_claim_keys(rec.text),
                names=_names_in(entities, starts, rec.start, rec.end),
            )
        )
    return items


CLAIM_MIN_SHARED = 3
CLAIM_MIN_OVERLAP = 0.4


def claims_match(a: Item, b: Item) -> bool:
    """Same claim: enough shared content keys (after synonyms), or fewer plus a shared name."""
    shared = a.keys & b.keys
    smaller = min(len(a.keys), len(b.keys)) or 1
    names = (a.names & b.names) or (
        {s.lower() for s in a.sources[:1]} & {s.lower() for s in b.sources[:1]}
    )
    if len(shared) >= CLAIM_MIN_SHARED and len(shared) / smaller >= CLAIM_MIN_OVERLAP:
        return True
    # With a shared name, the name's own words are not shared content: "answers from the
    # utility Hydrovar" and "Hydrovar would face an investigation" share only "utility".
    content = shared - _claim_keys(" ".join(names)) if names else shared
    return (
        bool(names)
        and len(content) >= CLAIM_MIN_SHARED - 1
        and (len(shared) / smaller >= CLAIM_MIN_OVERLAP)
    )


def claim_groups(articles: list[Article]) -> list[Group]:
    """Claims grouped across articles (single link; one article's own repeats fold in too).

    A match needs shared content keys, so only the groups holding an item with one of the
    new item's keys are tried, first-made first as before: comparing every claim with every
    group was quadratic in a long article's claims.
    """
    groups: list[Group] = []
    by_key: dict[str, set[int]] = {}
    for article in articles:
        for item in claim_items(article):
            candidates = sorted(set().union(*(by_key.get(k, ()) for k in item.keys)))
            for n in candidates:
                if any(claims_match(item, other) for other in groups[n].items):
                    groups[n].items.append(item)
                    break
            else:
                n = len(groups)
                groups.append(Group("claim", (item.article.id, item.start), [item]))
            for k in item.keys:
                by_key.setdefault(k, set()).add(n)
    return groups
