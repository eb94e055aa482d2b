"""The named-entity part of the thread decision: a saga keeps naming the same places, bodies
and people (a flight's search names the airline, the ocean, the ministers), while two events of
one kind (two earthquakes, two shootings) name different ones.

Why a separate term: in the events' mean vectors the entity names (`@name` features) are a few
terms among a hundred content words and an embedding, so two stories of one kind still look
alike. Their cosine over the entity names alone, mixed in at `thread_entity_weight`, tells
them apart (measured in docs/evaluation.md, "Thread level, third pass"). Kept apart from
window.py so the event decision there stays untouched, and free of imports that would cycle.
"""

from __future__ import annotations

import numpy as np
from scipy.sparse import csr_matrix

ENTITY_PREFIX = "@"  # how compare/features.py marks an entity name among the terms


def entity_cosine(vecs: list[dict[str, float]]) -> np.ndarray:
    """Pairwise cosine of the items' entity-name terms (0 where either names none)."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for i, vec in enumerate(vecs):
        for t, w in vec.items():
            if t.startswith(ENTITY_PREFIX) and w > 0:
                rows.append(i)
                cols.append(vocab.setdefault(t, len(vocab)))
                vals.append(w)
    n = len(vecs)
    if not vocab:
        return np.zeros((n, n))
    m = csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    unit = csr_matrix(m.multiply(1.0 / norms[:, None]))
    return (unit @ unit.T).toarray()


def mix_entities(sims: np.ndarray, vecs: list[dict[str, float]], weight: float) -> np.ndarray:
    """Topical similarity (with its date penalty) and entity cosine, mixed `1 - weight : weight`."""
    if not weight:
        return sims
    return (1.0 - weight) * sims + weight * entity_cosine(vecs)
