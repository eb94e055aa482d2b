"""Which coverage items (what only some outlets carry) a reader should see first.

Every item stays in the story; the rank only decides the order and which ones a report shows
before "more". Salience is a logistic model over signals read from the records, with its
weights in data/salience.json (fitted by bench/train_salience.py on the tuning half of BASIL:
the chance that a word of the item lies in a span annotators marked as informational bias,
i.e. content other outlets left out that shapes the reader's view). The signals:
- the item's kind (a figure, a claim, or a source only one outlet cites) and whether its
  source is named;
- where it sits: how near its article's lead, and whether another outlet carries a fact
  reported close by in the same article (a detail left out of a point the others do cover);
- what it is: its length and share of its sentence, whether it is inside a quote or its
  sentence holds quotation marks, hedges and stance verbs in the sentence
  (data/salience_words.json), digits, the share of it that names someone (entity records),
  and how many of its content words no other article of the story uses.
Scoring is plain Python; nothing is fitted at run time.
"""

from __future__ import annotations

import functools
import json
import math
import re
from pathlib import Path

from storyledger.compare.alignment import NAME_LABELS, Group
from storyledger.compare.sentences import sentence_bounds
from storyledger.compare.stories import terms
from storyledger.model import Article, Discrepancy, Fact

DATA = Path(__file__).with_name("data")
FEATURES = (
    "figure",
    "source",
    "named_source",
    "lead",
    "neighbour",
    "length",
    "sentence_share",
    "in_quote",
    "quote_marks",
    "hedge",
    "stance",
    "digits",
    "names",
    "novelty",
)
_WORD = re.compile(r"[\w'’-]+")
_QUOTE_MARKS = re.compile('["\u201c\u201d]')


@functools.lru_cache(maxsize=1)
def weights() -> dict:
    return json.loads((DATA / "salience.json").read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    data = json.loads((DATA / "salience_words.json").read_text(encoding="utf-8"))
    return {k: frozenset(v) for k, v in data.items() if not k.startswith("_")}


def shown_count() -> int:
    """How many coverage items a story shows before "more"."""
    return int(weights()["shown"])


def coverage_features(
    discs: list[Discrepancy],
    facts_groups: list[tuple[Fact, Group]],
    articles: list[Article],
    named: dict[int, bool],
) -> list[dict[str, float]]:
    """The signals of each coverage item, by position in `discs` (see the module docstring).

    `named` tells, by the position of an item in `discs`, whether its source is named."""
    by_id = {a.id: a for a in articles}
    words = _words()
    reach = float(weights()["neighbour_chars"])
    kinds: dict[str, str] = {}
    shared: dict[str, list[tuple[int, int]]] = {}
    for fact, group in facts_groups:
        kinds[fact.id] = "figure" if group.kind == "quantity" else "claim"
        if len(group.article_ids) >= 2:
            for item in group.items:
                shared.setdefault(item.article.id, []).append((item.start, item.end))
    vocab = {a.id: set(terms(a.text)) for a in articles}
    elsewhere = {
        a.id: set().union(*(v for aid, v in vocab.items() if aid != a.id)) for a in articles
    }
    out = []
    for k, d in enumerate(discs):
        kind = kinds.get(d.fact or "", "source")
        f = dict.fromkeys(FEATURES, 0.0)
        f.update(figure=kind == "figure", source=kind == "source")
        f["named_source"] = bool(named.get(k))
        ev = d.evidence[0] if d.evidence else None
        article = by_id.get(ev.article) if ev else None
        if ev is not None and article is not None:
            _item_signals(f, ev.start, ev.end, article, shared.get(article.id, []), reach, words)
            own = set(terms(ev.text))
            f["novelty"] = len(own - elsewhere[article.id]) / len(own) if own else 0.0
        out.append({name: float(v) for name, v in f.items()})
    return out


def _item_signals(
    f: dict,
    start: int,
    end: int,
    article: Article,
    shared: list[tuple[int, int]],
    reach: float,
    words: dict[str, frozenset[str]],
) -> None:
    """Position, neighbour, shape and wording signals of the span [start, end)."""
    text = article.text
    span = text[start:end]
    tokens = _WORD.findall(span)
    s, e = sentence_bounds(text, start, end)
    s, e = min(s, start), max(e, end)
    sentence = {w.lower() for w in _WORD.findall(text[s:e])}
    f["lead"] = 1.0 - min(start / max(len(text), 1), 1.0)
    gaps = [max(a - end, start - b, 0) for a, b in shared]
    f["neighbour"] = math.exp(-min(gaps) / reach) if gaps else 0.0
    f["length"] = math.log1p(len(tokens))
    f["sentence_share"] = (end - start) / max(e - s, 1)
    f["in_quote"] = any(q.start <= start and end <= q.end + 1 for q in article.quotes)
    f["quote_marks"] = bool(_QUOTE_MARKS.search(text, s, e))
    f["hedge"] = bool(sentence & words["hedge"])
    f["stance"] = bool(sentence & words["stance"])
    f["digits"] = any(c.isdigit() for c in span)
    inside = sum(
        min(x.end, end) - max(x.start, start)
        for x in article.entities
        if x.label in NAME_LABELS and x.start < end and start < x.end
    )
    f["names"] = inside / max(end - start, 1)


def score(features: dict[str, float]) -> float:
    """The model's probability that the item is content a reader's view turns on."""
    model = weights()["model"]
    z = float(model["intercept"]) + sum(
        float(w) * features.get(name, 0.0) for name, w in model["weights"].items()
    )
    return 1.0 / (1.0 + math.exp(-z))


def rank_coverage(
    discs: list[Discrepancy],
    facts_groups: list[tuple[Fact, Group]],
    articles: list[Article],
    named: dict[int, bool],
) -> list[Discrepancy]:
    """The coverage items with `salience` set, most salient first (stable on ties)."""
    for d, f in zip(discs, coverage_features(discs, facts_groups, articles, named), strict=True):
        d.salience = round(score(f), 3)
    return sorted(discs, key=lambda d: -(d.salience or 0.0))
