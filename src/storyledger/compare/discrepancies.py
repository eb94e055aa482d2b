"""Turn aligned groups into Facts with a status, and the discrepancies between outlets.

Kinds: number (values differ), qualifier (same number, different hedge), attribution (same
claim, different chain of sources), coverage (only some outlets report a figure, claim or
source). Wording lives in framing.py. Summaries name outlets, or article ids when the outlet is
unknown, and give the values.
"""

from __future__ import annotations

import re
from itertools import combinations

from storyledger.compare.alignment import (
    Group,
    Item,
    hedges_opposed,
    interval,
    is_changing,
    is_growing,
)
from storyledger.compare.salience import rank_coverage
from storyledger.model import Article, Discrepancy, DiscrepancyKind, Evidence, Fact, FactStatus
from storyledger.published import compare_published

QUALIFIER_WORDS = {
    "exact": "exactly",
    "at_least": "at least",
    "more_than": "more than",
    "at_most": "at most",
    "less_than": "less than",
    "approximately": "about",
    "vague": "vaguely",
    "range": "a range of",
}


def name_of(article: Article) -> str:
    """How a summary names an article: its outlet, else its id."""
    return article.outlet or article.id


def others_named(article: Article, articles: list[Article]) -> tuple[str, int]:
    """The other articles of a story as a summary names them, each outlet once, and how many
    names that is (for "does"/"do"). An outlet with two articles is one name; the reporting
    outlet's own other article is "another X article", not X again."""
    own = name_of(article)
    names = list(
        dict.fromkeys(
            f"another {own} article" if name_of(b) == own else name_of(b)
            for b in articles
            if b.id != article.id
        )
    )
    return ", ".join(names), len(names)


def _evidence(item: Item) -> Evidence:
    return Evidence(article=item.article.id, text=item.text, start=item.start, end=item.end)


def _fmt(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,g}"


def _quoted(item: Item) -> str:
    return f"{name_of(item.article)} \u201c{item.text}\u201d"


def quantity_label(group: Group) -> str:
    event, noun, unit = group.key
    date = next((i.date for i in group.items if i.date), None)
    label = f"{event.replace('+', '/')} ({noun})"
    if unit:
        label += f" [{unit}]"
    return label + (f" on {date}" if date else "")


def _order(a: Item, b: Item) -> int | None:
    """-1 if a was published before b, 1 if after, 0 same day, None when unknown."""
    return compare_published(a.article.published, b.article.published)


def _mid(item: Item) -> float:
    iv = interval(item.quantity)  # type: ignore[arg-type]
    if iv is None:
        return 0.0
    return iv.low if iv.high == float("inf") else (iv.low + iv.high) / 2


def quantity_fact(group: Group) -> tuple[Fact, list[Discrepancy]]:
    """A figure reported by one or more articles: its status and what differs."""
    fact_id = group.fact_id()
    label = quantity_label(group)
    fact = Fact(
        id=fact_id,
        kind="quantity",
        label=label,
        status="single",
        entries=[i.entry() for i in group.items],
    )
    if len(group.article_ids) < 2:
        return fact, []
    discs: list[Discrepancy] = []
    status: FactStatus = "consistent"
    updates: list[tuple[Item, Item]] = []
    conflicts: list[tuple[Item, Item]] = []
    hedge_pairs: list[tuple[Item, Item]] = []
    qualifier_pairs: list[tuple[Item, Item]] = []
    for a, b in combinations(group.items, 2):
        if a.article.id == b.article.id:
            continue
        qa, qb = a.quantity, b.quantity
        ia, ib = interval(qa), interval(qb)  # type: ignore[arg-type]
        if ia is None or ib is None:
            continue
        if ia.meets(ib):
            if ia.single_point_with(ib) and hedges_opposed(qa, qb):  # type: ignore[arg-type]
                hedge_pairs.append((a, b))
            elif qa.value == qb.value and qa.qualifier != qb.qualifier:  # type: ignore[union-attr]
                qualifier_pairs.append((a, b))
            continue
        order = _order(a, b)
        low, high = (a, b) if _mid(a) < _mid(b) else (b, a)
        rising = order is None or (order != 0 and _order(low, high) == -1)
        if order in (-1, 1) and is_changing(group.key):
            updates.append((a, b) if order == -1 else (b, a))  # (earlier, later)
        elif is_growing(group.key) and rising:
            updates.append((low, high))
        else:
            conflicts.append((a, b))
    if conflicts or hedge_pairs:
        status = "conflict"
    elif updates:
        status = "update"
    fact.status = status

    def pair(kind: DiscrepancyKind, summary: str, a: Item, b: Item) -> Discrepancy:
        return Discrepancy(
            kind=kind,
            summary=f"{label}: {summary}",
            articles=[a.article.id, b.article.id],
            evidence=[_evidence(a), _evidence(b)],
            fact=fact_id,
        )

    for a, b in conflicts:
        same_day = " on the same day" if _order(a, b) == 0 else ""
        discs.append(
            pair(
                "number", f"{_quoted(a)} vs {_quoted(b)}: the figures do not agree{same_day}", a, b
            )
        )
    for old, new in updates:
        known = _order(old, new) is not None
        how = "later" if known else "presumably later (order inferred: the count only grows)"
        discs.append(
            pair("number", f"{_quoted(old)} updated to {_quoted(new)} in a {how} report", old, new)
        )
    for a, b in hedge_pairs:
        qa, qb = a.quantity, b.quantity
        summary = (
            f"{name_of(a.article)} says "
            f"{QUALIFIER_WORDS.get(qa.qualifier, qa.qualifier)} {_fmt(qa.value)}, "  # type: ignore[union-attr]
            f"{name_of(b.article)} says "
            f"{QUALIFIER_WORDS.get(qb.qualifier, qb.qualifier)} {_fmt(qb.value)}: "  # type: ignore[union-attr]
            "the hedges point opposite ways and meet only at that one value"
        )
        discs.append(pair("qualifier", summary, a, b))
    for a, b in qualifier_pairs:
        qa = a.quantity
        summary = (
            f"same figure {_fmt(qa.value)}, hedged differently: "  # type: ignore[union-attr]
            f"{_quoted(a)} vs {_quoted(b)}"
        )
        discs.append(pair("qualifier", summary, a, b))
    return fact, discs


def _chain(item: Item) -> str:
    return " \u2190 ".join(item.sources) if item.sources else "the outlet itself"


def claim_fact(group: Group) -> tuple[Fact, list[Discrepancy]]:
    """A claim made or relayed by one or more articles, every chain of attribution kept."""
    first = group.items[0]
    label = first.text if len(first.text) <= 160 else first.text[:157] + "..."
    fact = Fact(
        id=group.fact_id(),
        kind="claim",
        label=label,
        status="single" if len(group.article_ids) < 2 else "consistent",
        entries=[i.entry() for i in group.items],
    )
    discs: list[Discrepancy] = []
    if len(group.article_ids) < 2:
        return fact, discs
    chains: dict[str, dict[tuple[str, ...], Item]] = {}
    for item in group.items:
        chains.setdefault(item.article.id, {}).setdefault(
            tuple(x.lower() for x in item.sources), item
        )
    distinct = [set(c) for c in chains.values()]
    if any(d != distinct[0] for d in distinct[1:]):
        by_name: dict[str, dict[tuple[str, ...], Item]] = {}  # an outlet's articles, named once
        for c in chains.values():
            name = name_of(next(iter(c.values())).article)
            for key, i in c.items():
                by_name.setdefault(name, {}).setdefault(key, i)
        parts = "; ".join(
            f"{name} attributes it to " + " and to ".join(_chain(i) for i in c.values())
            for name, c in by_name.items()
        )
        items = [i for c in chains.values() for i in c.values()]
        relayers = list(dict.fromkeys(s for i in items for s in i.sources[1:]))  # not origins
        discs.append(
            Discrepancy(
                kind="attribution",
                summary=f"The same claim comes through different sources: {parts}"
                + (f" (relayed by {', '.join(relayers)})" if relayers else ""),
                articles=list(chains),
                evidence=[_evidence(i) for i in items],
                fact=fact.id,
            )
        )
    return fact, discs


def coverage(facts_groups: list[tuple[Fact, Group]], articles: list[Article]) -> list[Discrepancy]:
    """Figures and claims only one of several outlets reports, and sources only some quote,
    most salient first (compare/salience.py)."""
    discs, named = coverage_items(facts_groups, articles)
    return rank_coverage(discs, facts_groups, articles, named)


def coverage_items(
    facts_groups: list[tuple[Fact, Group]], articles: list[Article]
) -> tuple[list[Discrepancy], dict[int, bool]]:
    """The coverage items unranked, and by position whether each one's source is named.

    A named source only one article cites is said once: on the claim only that article
    carries whose words hold the source's citing words ("no other article cites X"), not
    again as an item of its own repeating them; otherwise it stays an item of its own."""
    if len({a.id for a in articles}) < 2:
        return [], {}
    singles = [(f, g) for f, g in facts_groups if f.status == "single"]
    alone = {(aid, key): (name, d) for name, aid, key, d in _source_coverage(articles)}
    notes: dict[int, list[str]] = {}
    for k, (_, group) in enumerate(singles):
        item = group.items[0]
        if group.kind != "claim":
            continue
        for source in item.sources:
            key = (item.article.id, (_named_source(source) or "").lower())
            if key not in alone or alone[key][0] in notes.get(k, []):
                continue
            ev = alone[key][1].evidence[0]
            if item.start <= ev.start and ev.end <= item.end:  # the same words: say it once
                notes.setdefault(k, []).append(alone[key][0])
    said = {(singles[k][1].items[0].article.id, n.lower()) for k, ns in notes.items() for n in ns}
    discs: list[Discrepancy] = []
    named: dict[int, bool] = {}
    rest: dict[str, str] = {}
    for k, (fact, group) in enumerate(singles):
        item = group.items[0]
        named[len(discs)] = any(_named_source(s) for s in item.sources)
        if item.article.id not in rest:  # once per article: a story may hold hundreds
            rest[item.article.id] = others_named(item.article, articles)[0]
        missing = rest[item.article.id]
        what = "figure" if group.kind == "quantity" else "claim"
        sourced = ""
        if item.sources:
            only = "".join(f"; no other article cites {n}" for n in notes.get(k, []))
            sourced = f" (from {_chain(item)}{only})"
        discs.append(
            Discrepancy(
                kind="coverage",
                summary=f"Only {name_of(item.article)} reports the {what} \u201c{item.text}\u201d"
                f"{sourced}; not in {missing}",
                articles=[item.article.id],
                evidence=[_evidence(i) for i in group.items],
                fact=fact.id,
            )
        )
    for key, (_, d) in alone.items():
        if key not in said:
            named[len(discs)] = True
            discs.append(d)
    return discs, named


_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they", "who"})


def _named_source(name: str) -> str | None:
    """The name a source goes by, or None for a description ("the regional ministry").

    "Hydrovar, which runs the dam" is Hydrovar; a capital after a sentence-initial "The" does
    not make "The company" a name, so the article is dropped before the test.
    """
    name = _LEADING_THE.sub("", name.split(",")[0].strip())
    if name.lower() in _PRONOUNS:
        return None  # "We" names no one
    return name if name[:1].isupper() else None


def _source_coverage(articles: list[Article]) -> list[tuple[str, str, str, Discrepancy]]:
    """A named source (speaker or claim source) that only one article cites: its name, the
    article, its key (the name in lower case) and the item saying so."""
    cited: dict[str, dict[str, Item]] = {}
    for a in articles:
        for rec in [*a.quotes, *a.claims]:
            names = list(getattr(rec, "sources", []) or [])
            speaker = getattr(rec, "speaker", None)
            if speaker:
                names.append(speaker)
            for name in names:
                name = _named_source(name)
                if name is None:
                    continue
                cited.setdefault(name.lower(), {}).setdefault(
                    a.id, Item(a, rec.text, rec.start, rec.end, [name])
                )
    out = []
    rests: dict[str, tuple[str, int]] = {}
    for key, per_article in cited.items():
        if len(per_article) != 1:
            continue
        ((aid, item),) = per_article.items()
        name = item.sources[0]
        if aid not in rests:  # once per article: a story may hold hundreds
            rests[aid] = others_named(item.article, articles)
        rest, n_rest = rests[aid]
        verb = "does" if n_rest == 1 else "do"
        summary = f"Only {name_of(item.article)} cites {name}; {rest} {verb} not"
        disc = Discrepancy(
            kind="coverage", summary=summary, articles=[aid], evidence=[_evidence(item)]
        )
        out.append((name, aid, key, disc))
    return out
