"""The grouping knobs, in one object: thresholds and weights chosen on tuning data only.

Chosen by `bench/tune_grouping.py` over realnews-dev, BASIL's even half and ECB+ topics 1-35
(WikiRef220 for the thread level, which has no split); the test sets (ECB+ 36-45, BASIL's odd
half) are never read by the grid. A caller that wants other values passes its own config.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

ENTITY_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)


@dataclass(frozen=True)
class GroupingConfig:
    # the event decision: average similarity of an article to an event's members
    event_threshold: float = 0.32
    lone_threshold: float = 0.28  # a report alone in the window joins its closest event (linkage)
    embedding_weight: float = 0.35  # the rest is TF-IDF cosine
    event_window_days: int = 7  # reports further apart than this pay the date penalty
    date_penalty: float = 0.25
    person_penalty: float = 0.045  # both leads name people, none in common
    place_penalty: float = 0.0  # both leads name places, none in common (0.03: see evaluation.md)
    figure_penalty: float = 0.05  # one figure, values that cannot meet (see evaluation.md)
    figure_tolerance: float = 0.1  # relative slack before two figures cannot meet
    stated_day_penalty: float = 0.0  # leads stating different days (0.05-0.15 hurt on tuning data)
    # the thread level: average similarity between events
    thread_threshold: float = 0.24
    thread_embedding_weight: float = 0.7
    thread_link: str = "average"  # or "single": a developing story chains its events
    thread_window_days: int = 120
    thread_date_penalty: float = 0.15
    # the entity names two events share, mixed into the thread similarity (thread_entities.py);
    # with it the cut is thread_entity_threshold (thread_threshold stays the provisional join's)
    thread_entity_weight: float = 0.4
    thread_entity_threshold: float = 0.15
    # features
    title_weight: float = 5.0
    lead_weight: float = 2.0
    lead_chars: int = 600
    entity_weight: float = 1.5
    entity_labels: frozenset[str] = field(default=ENTITY_LABELS)
    stemmer: str = "suffix"  # or "snowball" (features.STEMMERS; compared in docs/evaluation.md)
    article_terms: int = 100  # TF-IDF terms kept per article
    story_terms: int = 80  # TF-IDF terms kept per event sketch
    idf_prior_docs: int = 20
    use_embeddings: bool = True
    # bounds: memory follows the active window, not the history
    window_articles: int = 2000  # articles kept with their own features for re-clustering
    settle_every: int = 1000  # the window is re-clustered after this many arrivals
    max_active: int = 20_000  # events kept in the index, the most recently touched
    postings_cap: int = 150  # most recent events kept per term
    df_max_terms: int = 500_000  # past this, the rarest terms leave the df table

    def with_values(self, **values: Any) -> GroupingConfig:
        """A copy with some values changed (the tuning grid's way in)."""
        known = {f.name for f in fields(self)}
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"GroupingConfig has no {', '.join(sorted(unknown))}")
        return replace(self, **values)
