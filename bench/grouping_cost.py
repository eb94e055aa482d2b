"""What grouping (embeddings included) adds to extraction, in CPU time per article.

The same articles (realnews-dev's 67 excerpts and the first BASIL articles, read from
../shared) are extracted, embedded one at a time as a feed would (a fresh embedder, so no
cache hit), and grouped with the embeddings already cached (the grouping's own cost). CPU
time of this process (`time.process_time`), so other jobs on the machine do not count.

    .venv/bin/python bench/grouping_cost.py [--basil 60]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from storyledger.compare.embed import Embedder, article_text, embedder
from storyledger.compare.stories import group_articles
from storyledger.eval import basil, default_shared, realnews
from storyledger.nlp.pipeline import extract


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--basil", type=int, default=60, help="BASIL articles added")
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args()
    shared = args.shared or default_shared()
    raws = realnews.load(shared)[0] + basil.load(shared)[0][: args.basil]
    list(extract(raws[:2]))  # load the spaCy model outside the timing
    t0 = time.process_time()
    arts = list(extract(raws))
    t_extract = time.process_time() - t0
    fresh = Embedder()
    t0 = time.process_time()
    for a in arts:
        fresh.encode([article_text(a)])
    t_embed = time.process_time() - t0
    embedder().encode([article_text(a) for a in arts])  # cached: grouping alone below
    t0 = time.process_time()
    group_articles(arts)
    t_group = time.process_time() - t0
    n = len(arts)
    print(f"articles: {n}")
    print(f"extraction ms/article: {1000 * t_extract / n:.1f}")
    print(f"embedding ms/article (title + lead, 128 word pieces): {1000 * t_embed / n:.1f}")
    print(f"grouping without embedding ms/article: {1000 * t_group / n:.1f}")
    share = (t_embed + t_group) / t_extract
    print(f"grouping incl. embeddings / extraction: {100 * share:.1f}% (target <= 25%)")


if __name__ == "__main__":
    main()
