"""Story grouping time and memory at 1k, 10k, 100k articles.

Articles are extracted once (the BASIL corpus from ../shared, through the on-disk cache), then
copied with new ids and publication dates (copy k dated k * 45 days later; --shift-days sets the
step) and perturbed text:
in copy k about half the longer words and every entity name get a copy-specific suffix, so a
copy is a new story that shares part of its vocabulary with the original, and the vocabulary
keeps growing, as a long-running feed's would. Grouping is
incremental (`StoryGrouper.add`, one article at a time, in date order), so the per-article cost
should stay near constant and the total grow near-linearly.

    .venv/bin/python bench/grouping.py            # 1k and 10k
    .venv/bin/python bench/grouping.py --full     # also 100k (several minutes)
    .venv/bin/python bench/grouping.py --full --shift-days 1   # a crowded active window
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import re
import resource
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

from storyledger.compare.stories import StoryGrouper
from storyledger.eval import default_shared
from storyledger.eval.basil import articles as basil_articles
from storyledger.model import Article

_LONG_WORD = re.compile(r"[A-Za-z]{5,}")


def perturb(text: str, k: int) -> str:
    """About half the words of 5+ letters get the suffix `x<k>` (none for copy 0)."""
    if k == 0:
        return text
    return _LONG_WORD.sub(
        lambda m: m.group(0) + f"x{k}" if zlib.crc32(m.group(0).encode()) % 2 else m.group(0), text
    )


def copies(base: list[Article], n: int, shift_days: int = 45) -> list[Article]:
    """n articles: perturbed copies of `base` with new ids, shifted dates, altered words."""
    out = []
    k = 0
    while len(out) < n:
        for a in base:
            if len(out) >= n:
                break
            day = date.fromisoformat(a.published or "2015-01-01") + timedelta(days=shift_days * k)
            ents = [
                dataclasses.replace(e, canonical=f"{e.canonical}x{k}") if k else e
                for e in a.entities
            ]
            out.append(
                dataclasses.replace(
                    a,
                    id=f"{a.id}~{k}",
                    published=day.isoformat(),
                    text=perturb(a.text, k),
                    title=perturb(a.title or "", k),
                    entities=ents,
                )
            )
        k += 1
    out.sort(key=lambda a: a.published or "")
    return out


def rss_mb() -> float:
    """Resident memory now (Linux /proc), in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1e6


def run(n: int, base: list[Article], shift_days: int = 45) -> dict:
    arts = copies(base, n, shift_days)
    gc.collect()
    before = rss_mb()
    grouper = StoryGrouper()
    start = time.perf_counter()
    for a in arts:
        grouper.add(a)
    elapsed = time.perf_counter() - start
    sketches = grouper.sketches()
    stored = len(json.dumps([dataclasses.asdict(s) for s in sketches]))
    stored += len(json.dumps(grouper.state()))
    return {
        "n": n,
        "seconds": elapsed,
        "per_article_ms": 1000 * elapsed / n,
        "stories": len(sketches),
        "active": grouper.active(),
        "rss_growth_mb": rss_mb() - before,
        "persisted_mb": stored / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also run 100k articles")
    parser.add_argument(
        "--shift-days",
        type=int,
        default=45,
        help="copy k is dated k times this many days after its original (default 45; "
        "1 crowds the 180-day active window with about 180 copies of every event)",
    )
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args()
    base, _, _ = basil_articles(args.shared or default_shared())
    sizes = [1_000, 10_000] + ([100_000] if args.full else [])
    print(
        f"{'articles':>9} {'seconds':>8} {'ms/article':>10} {'stories':>8} {'indexed':>8} "
        f"{'RSS growth MB':>13} {'persisted MB':>12}"
    )
    for n in sizes:
        r = run(n, base, args.shift_days)
        print(
            f"{r['n']:>9} {r['seconds']:>8.1f} {r['per_article_ms']:>10.2f} {r['stories']:>8} "
            f"{r['active']:>8} "
            f"{r['rss_growth_mb']:>13.0f} {r['persisted_mb']:>12.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
