"""Story grouping time and memory at 1k, 10k, 100k articles.

Articles are extracted once (the BASIL corpus from ../shared, through the on-disk cache), then
copied with new ids and publication dates: copy k of an article is dated k * 45 days later,
so every copy is a new story in time, as a long-running feed would bring. Grouping is
incremental (`StoryGrouper.add`, one article at a time, in date order), so the per-article cost
should stay near constant and the total grow near-linearly.

    .venv/bin/python bench/grouping.py            # 1k and 10k
    .venv/bin/python bench/grouping.py --full     # also 100k (several minutes)
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import resource
import time
from datetime import date, timedelta
from pathlib import Path

from storyledger.compare.stories import StoryGrouper
from storyledger.eval import default_shared
from storyledger.eval.basil import articles as basil_articles
from storyledger.model import Article


def copies(base: list[Article], n: int) -> list[Article]:
    """n articles: perturbed copies of `base` with new ids and shifted dates."""
    out = []
    k = 0
    while len(out) < n:
        for a in base:
            if len(out) >= n:
                break
            day = date.fromisoformat(a.published or "2015-01-01") + timedelta(days=45 * k)
            out.append(dataclasses.replace(a, id=f"{a.id}~{k}", published=day.isoformat()))
        k += 1
    out.sort(key=lambda a: a.published or "")
    return out


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(n: int, base: list[Article]) -> dict:
    arts = copies(base, n)
    before = rss_mb()
    grouper = StoryGrouper()
    start = time.perf_counter()
    for a in arts:
        grouper.add(a)
    elapsed = time.perf_counter() - start
    sketches = grouper.sketches()
    stored = len(json.dumps([dataclasses.asdict(s) for s in sketches]))
    stored += len(json.dumps(grouper.state()))
    return {"n": n, "seconds": elapsed, "per_article_ms": 1000 * elapsed / n,
            "stories": len(sketches), "peak_rss_growth_mb": rss_mb() - before,
            "persisted_mb": stored / 1e6}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also run 100k articles")
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args()
    base, _, _ = basil_articles(args.shared or default_shared())
    sizes = [1_000, 10_000] + ([100_000] if args.full else [])
    print(f"{'articles':>9} {'seconds':>8} {'ms/article':>10} {'stories':>8} "
          f"{'RSS growth MB':>13} {'persisted MB':>12}")
    for n in sizes:
        r = run(n, base)
        print(f"{r['n']:>9} {r['seconds']:>8.1f} {r['per_article_ms']:>10.2f} {r['stories']:>8} "
              f"{r['peak_rss_growth_mb']:>13.0f} {r['persisted_mb']:>12.1f}", flush=True)


if __name__ == "__main__":
    main()
