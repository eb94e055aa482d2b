"""TF-IDF weights for grouping: the document-frequency table and an article's weighted vector.

Why a table of its own: document frequencies are the grouper's one piece of global state (the
store keeps it beside the sketches), and the table must stay bounded on a long-running feed,
so past its cap the rarest terms leave it. The store writes it incrementally: `changes()` gives
the terms counted since the last call (or, after a prune, the whole table to write afresh).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping

from storyledger.compare.grouping_config import GroupingConfig


class TermWeights:
    """Document frequencies (`df`, `n_docs`) and the weighing of raw counts with them."""

    def __init__(self, config: GroupingConfig, df: Mapping[str, int], n_docs: int) -> None:
        self.config = config
        self.df: Counter[str] = Counter(df)
        self.n_docs = n_docs
        self._changed: set[str] = set()  # terms counted since the last `changes()`
        self._rewrite = False  # pruned since then: the whole table replaces the stored one

    def count(self, terms: Iterable[str]) -> None:
        """One more document holding these (distinct) terms."""
        self.n_docs += 1
        self.df.update(terms)
        if not self._rewrite:
            self._changed.update(terms)
        if len(self.df) > self.config.df_max_terms:
            self._prune()
            self._rewrite, self._changed = True, set()

    def changes(self) -> tuple[dict[str, int], bool]:
        """(term -> count for the terms counted since the last call, replace): with `replace`
        the table was pruned and the mapping is the whole table, to store in place of the old."""
        if self._rewrite:
            out = dict(self.df), True
        else:
            out = {t: self.df[t] for t in self._changed}, False
        self._changed, self._rewrite = set(), False
        return out

    def _prune(self) -> None:
        """Drop the rarest terms, in one pass, until the table is at most half its cap."""
        by_count = Counter(self.df.values())
        left, floor = len(self.df), 0
        for count in sorted(by_count):
            if left <= self.config.df_max_terms // 2:
                break
            left, floor = left - by_count[count], count
        self.df = Counter({t: c for t, c in self.df.items() if c > floor})

    def idf(self, term: str) -> float:
        # pseudo-documents without the term: in a batch of two or three articles idf says
        # nothing, and this keeps shared words from being weighed down
        n = self.n_docs + self.config.idf_prior_docs
        return math.log((n + 1) / (self.df.get(term, 0) + 1)) + 1.0

    def weigh(self, counts: Mapping[str, float]) -> dict[str, float]:
        """Top weighted features of raw counts, L2-normalised, with the current idf."""
        weighted = {t: (1.0 + math.log(c)) * self.idf(t) for t, c in counts.items() if c > 0}
        top = sorted(weighted.items(), key=lambda kv: -kv[1])[: self.config.article_terms]
        norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
        return {t: v / norm for t, v in top}
