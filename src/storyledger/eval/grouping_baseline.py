"""The peer every grouping figure is reported beside: TF-IDF + average-link clustering.

scikit-learn's TfidfVectorizer (English stop words, sublinear tf) over title and text, cosine
distance, scipy's average-link dendrogram cut at one distance. The event threshold was chosen
on BASIL's even half (`bench/tune_grouping.py --baseline`), the topic threshold on ECB+ topics
1-35; neither sees a test set. It has no dates, no entities, no embeddings: the plain method a
reviewer would try first, so storyledger must beat it on every set.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform
from sklearn.feature_extraction.text import TfidfVectorizer

from storyledger.model import Article

PEER = "tfidf-avglink"
EVENT_SIMILARITY = 0.20  # cosine at which the event dendrogram is cut (BASIL even half)
TOPIC_SIMILARITY = 0.08  # cosine at which the topic dendrogram is cut (ECB+ 1-35)


def cluster(articles: Sequence[Article], similarity: float = EVENT_SIMILARITY) -> dict[str, str]:
    """Article id -> cluster label: average link, cut where mean cosine falls below `similarity`."""
    ids = [a.id for a in articles]
    if len(ids) < 2:
        return {i: "c0" for i in ids}
    texts = [f"{a.title or ''}\n{a.text or ''}" for a in articles]
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    sims = (matrix @ matrix.T).toarray()
    dist = np.clip(1.0 - sims, 0.0, 2.0)
    np.fill_diagonal(dist, 0.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - similarity, criterion="distance")
    return {i: f"c{label}" for i, label in zip(ids, labels, strict=True)}
