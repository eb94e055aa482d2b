"""Which coverage items (what only some outlets carry) a reader should see first.

Every item stays in the story; the rank only decides the order and which ones a report shows
before "more". Salience adds, with weights from data/salience.json:
- the item's kind: a figure before a claim or a source;
- a named source (a person or body with a name, not "officials" or "a source");
- prominence: how near the item is to its article's lead (1 at the top, 0 at the end);
- a neighbour: another outlet carries a fact reported close by in the same article, so the
  item is a detail the other outlets left out of a point they do cover, not a tangent.
"""

from __future__ import annotations

import functools

from storyledger.compare.alignment import Group
from storyledger.compare.datafiles import data_json
from storyledger.model import Article, Discrepancy, Fact


@functools.lru_cache(maxsize=1)
def weights() -> dict:
    return data_json("salience.json")


def shown_count() -> int:
    """How many coverage items a story shows before "more"."""
    return int(weights()["shown"])


def rank_coverage(
    discs: list[Discrepancy],
    facts_groups: list[tuple[Fact, Group]],
    articles: list[Article],
    named: dict[int, bool],
) -> list[Discrepancy]:
    """The coverage items with `salience` set, most salient first (stable on ties).

    `named` tells, by the position of an item in `discs`, whether its source is named."""
    w = weights()
    length = {a.id: max(len(a.text), 1) for a in articles}
    kinds = {
        fact.id: ("figure" if group.kind == "quantity" else "claim") for fact, group in facts_groups
    }
    shared: dict[str, list[tuple[int, int]]] = {}
    for _, group in facts_groups:
        if len(group.article_ids) < 2:
            continue
        for item in group.items:
            shared.setdefault(item.article.id, []).append((item.start, item.end))
    reach = int(w["neighbour_chars"])
    for k, d in enumerate(discs):
        ev = d.evidence[0] if d.evidence else None
        kind = kinds.get(d.fact or "", "source")
        score = float(w["kind"].get(kind, 0.0))
        if named.get(k):
            score += float(w["named_source"])
        if ev is not None and ev.article in length:
            score += float(w["lead"]) * (1.0 - min(ev.start / length[ev.article], 1.0))
            near = any(
                s - reach <= ev.end and ev.start <= e + reach for s, e in shared.get(ev.article, [])
            )
            if near:
                score += float(w["neighbour"])
        d.salience = round(score, 3)
    return sorted(discs, key=lambda d: -(d.salience or 0.0))
