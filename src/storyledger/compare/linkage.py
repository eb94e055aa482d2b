"""Average-link clustering over weighted items, cut at a similarity threshold.

Why our own: scipy's linkage has no item weights, and the grouper clusters a mix of single
articles (weight 1) and the remembered part of an older event (weight = its size), whose mean
similarity is exact because every similarity used here is a dot product of unit vectors.
Clusters are found inside the connected components of the graph of pairs at or above the
threshold (an average-link cluster never spans two components), so the cost follows the size
of the components, not of the window.
"""

from __future__ import annotations

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial.distance import squareform


def average_link(sims: np.ndarray, weights: np.ndarray, threshold: float) -> np.ndarray:
    """Cluster label per item: merge while some two clusters' mean similarity >= threshold.

    Ties break on the lowest index, so the result depends on the items' order only through
    exact ties; callers sort the items by a key that does not depend on arrival.
    """
    n = sims.shape[0]
    labels = np.arange(n)
    if n < 2:
        return labels
    adj = sims >= threshold
    np.fill_diagonal(adj, False)
    n_comp, comp = connected_components(csr_matrix(adj), directed=False)
    for c in range(n_comp):
        idx = np.flatnonzero(comp == c)
        if len(idx) < 2:
            continue
        sub, w = sims[np.ix_(idx, idx)], weights[idx].astype(float)
        groups = _scipy_cluster(sub, threshold) if np.all(w == 1.0) else None
        for group in groups if groups is not None else _cluster(sub, w, threshold):
            labels[idx[group]] = idx[group].min()
    return labels


def _scipy_cluster(s: np.ndarray, threshold: float) -> list[list[int]]:
    """Unweighted items: scipy's average link (C), cut at the same threshold."""
    dist = np.maximum(1.0 - (s + s.T) / 2.0, 0.0)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        groups.setdefault(int(lab), []).append(i)
    return list(groups.values())


def _cluster(s: np.ndarray, w: np.ndarray, threshold: float) -> list[list[int]]:
    s = s.astype(float).copy()
    np.fill_diagonal(s, -np.inf)
    members = [[i] for i in range(len(w))]
    alive = np.ones(len(w), dtype=bool)
    while True:
        flat = int(np.argmax(s))
        i, j = divmod(flat, s.shape[0])
        if s[i, j] < threshold:
            break
        if j < i:
            i, j = j, i
        # Lance-Williams for average link: the merged row is the weighted mean of the two
        row = (w[i] * s[i] + w[j] * s[j]) / (w[i] + w[j])
        s[i, :], s[:, i] = row, row
        s[i, i] = -np.inf
        s[j, :], s[:, j] = -np.inf, -np.inf
        w[i] += w[j]
        members[i] += members[j]
        alive[j] = False
    return [members[i] for i in np.flatnonzero(alive)]


def join_lone(
    sims: np.ndarray,
    weights: np.ndarray,
    labels: np.ndarray,
    threshold: float,
    movable: np.ndarray,
) -> np.ndarray:
    """Each cluster of one movable item joins the cluster of highest mean similarity, when that
    mean reaches `threshold` (below the clustering's own).

    Why: a report alone in the window is more often an odd angle on a happening others report
    (a profile, a reaction, a page mostly chrome) than a happening one outlet alone saw; two
    or more such reports that agree still form their own event, since only lone items move.
    `movable` marks the items that may move (the window's articles); any other item (the part
    of an event older than the window, whatever its weight) is a group a lone item may join,
    never a lone item itself. Each lone item is placed against the clusters as average link
    left them, so the result does not depend on the order of the lone items. Ties: means are
    compared rounded to 9 decimals (so the order of a sum cannot decide), then the larger
    cluster (total weight) wins, then the cluster holding the lowest item index.
    """
    if threshold <= 0:
        return labels
    members: dict[int, list[int]] = {}
    for i, lab in enumerate(labels):
        members.setdefault(int(lab), []).append(i)
    lone = [m[0] for m in members.values() if len(m) == 1 and movable[m[0]]]
    groups = [np.array(m) for m in members.values() if len(m) > 1 or not movable[m[0]]]
    if not lone or not groups:
        return labels
    out = labels.copy()
    for i in lone:
        ranked = [
            (
                -round(float(sims[i, m] @ weights[m] / weights[m].sum()), 9),
                -weights[m].sum(),
                m.min(),
            )
            for m in groups
        ]
        best = min(range(len(groups)), key=ranked.__getitem__)
        if -ranked[best][0] >= threshold:
            out[i] = labels[groups[best][0]]
    return out
