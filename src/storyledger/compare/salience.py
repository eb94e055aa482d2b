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
  (data/en/salience_words.json), digits, the share of it that names someone (entity records),
  and how many of its content words no other article of the story uses.
Scoring is plain Python; nothing is fitted at run time.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter

from storyledger.compare.alignment import NAME_LABELS, Group
from storyledger.compare.datafiles import data_json
from storyledger.compare.features import stopwords
from storyledger.compare.sentences import sentence_bounds
from storyledger.model import Article, Discrepancy, Fact

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
_DIGIT = re.compile(r"\d")
_CONTENT = re.compile(r"[^\W\d_]{3,}")
_QUOTE_MARKS = re.compile('["\u201c\u201d]')


@functools.lru_cache(maxsize=1)
def weights() -> dict:
    return data_json("salience.json")


@functools.lru_cache(maxsize=1)
def _words() -> dict[str, frozenset[str]]:
    data = data_json("salience_words.json", "en")  # English hedge and stance words
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
    shared_at: dict[str, list[tuple[int, int]]] = {a.id: [] for a in articles}
    for fact, group in facts_groups:
        kinds[fact.id] = "figure" if group.kind == "quantity" else "claim"
        if len(group.article_ids) >= 2:
            for item in group.items:
                shared_at.setdefault(item.article.id, []).append((item.start, item.end))
    spans = {
        a.id: (
            _Spans(shared_at.get(a.id, [])),
            _Spans([(q.start, q.end) for q in a.quotes]),
            _Spans([(x.start, x.end) for x in a.entities if x.label in NAME_LABELS]),
        )
        for a in articles
    }
    vocab = {a.id: _content_words(a.text) for a in articles}
    df = Counter(t for v in vocab.values() for t in v)  # how many articles use each term
    out = []
    for k, d in enumerate(discs):
        kind = kinds.get(d.fact or "", "source")
        f = dict.fromkeys(FEATURES, 0.0)
        f.update(figure=kind == "figure", source=kind == "source")
        f["named_source"] = bool(named.get(k))
        ev = d.evidence[0] if d.evidence else None
        article = by_id.get(ev.article) if ev else None
        if ev is not None and article is not None:
            _item_signals(f, ev.start, ev.end, article, spans[article.id], reach, words)
            own = _content_words(ev.text)
            mine = vocab[article.id]
            alone = sum(df[t] - (t in mine) == 0 for t in own)  # no other article uses it
            f["novelty"] = alone / len(own) if own else 0.0
        out.append({name: float(v) for name, v in f.items()})
    return out


def _item_signals(
    f: dict,
    start: int,
    end: int,
    article: Article,
    spans: tuple[_Spans, _Spans, _Spans],
    reach: float,
    words: dict[str, frozenset[str]],
) -> None:
    """Position, neighbour, shape and wording signals of the span [start, end); `spans` are
    the article's facts other outlets carry, its quotes and its names."""
    shared, quotes, names = spans
    text = article.text
    span = text[start:end]
    tokens = _WORD.findall(span)
    s, e = sentence_bounds(text, start, end)
    s, e = min(s, start), max(e, end)
    sentence = set(_WORD.findall(text[s:e].lower()))
    f["lead"] = 1.0 - min(start / max(len(text), 1), 1.0)
    gap = shared.gap(start, end)
    f["neighbour"] = math.exp(-gap / reach) if gap is not None else 0.0
    f["length"] = math.log1p(len(tokens))
    f["sentence_share"] = (end - start) / max(e - s, 1)
    f["in_quote"] = quotes.holds(start, end, slack=1)
    f["quote_marks"] = bool(_QUOTE_MARKS.search(text, s, e))
    f["hedge"] = bool(sentence & words["hedge"])
    f["stance"] = bool(sentence & words["stance"])
    f["digits"] = _DIGIT.search(span) is not None
    f["names"] = names.overlap(start, end) / max(end - start, 1)


class _Spans:
    """An article's character spans of one sort, searched by bisection: a long article has
    thousands of records, and scanning them all for each item would be quadratic."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]
        self.ends = sorted(e for _, e in self.spans)
        self.longest = max((e - s for s, e in self.spans), default=0)

    def _near(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that can touch [start, end): those starting at most `longest` before it."""
        i = bisect.bisect_left(self.starts, start - self.longest)
        return self.spans[i : bisect.bisect_right(self.starts, end)]

    def gap(self, start: int, end: int) -> int | None:
        """Characters between [start, end) and the nearest span (0 when one touches it)."""
        if not self.spans:
            return None
        if any(b >= start for _, b in self._near(start, end)):
            return 0
        gaps = []
        i = bisect.bisect_left(self.starts, end)
        if i < len(self.starts):
            gaps.append(self.starts[i] - end)
        j = bisect.bisect_right(self.ends, start) - 1
        if j >= 0:
            gaps.append(start - self.ends[j])
        return min(gaps)

    def holds(self, start: int, end: int, slack: int = 0) -> bool:
        return any(a <= start and end <= b + slack for a, b in self._near(start, end))

    def overlap(self, start: int, end: int) -> int:
        """Characters of [start, end) covered by spans (spans of one sort do not overlap)."""
        return sum(
            min(b, end) - max(a, start) for a, b in self._near(start, end) if a < end and start < b
        )


def _content_words(text: str) -> set[str]:
    """Lower-case words of three letters or more that are not stop words (no stemming: a
    whole article's words are read for every story, and this must stay cheap)."""
    stops = stopwords()
    return {w for w in _CONTENT.findall(text.lower()) if w not in stops}


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
