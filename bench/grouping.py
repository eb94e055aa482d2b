"""Story grouping time and memory at 1k, 10k, 100k articles.

Articles are extracted once (the BASIL corpus from ../shared, through the on-disk cache), then
copied with new ids, publication dates (copy k dated k * 45 days later; --shift-days sets the
step) and perturbed text: in copy k about half the words of three or more letters (--share
sets how many are kept) and every entity name get a letters-only copy suffix, so a copy is a
new story that shares part of its vocabulary with the original, and the vocabulary keeps
growing, as a long-running feed's would. Grouping is incremental (`StoryGrouper.add`, one
article at a time, in date order), so the per-article cost should stay near constant and the
total grow near-linearly.

    .venv/bin/python bench/grouping.py            # 1k and 10k
    .venv/bin/python bench/grouping.py --full     # also 100k (several minutes)
    .venv/bin/python bench/grouping.py --full --shift-days 0 --share 0   # every copy on one day
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

import numpy as np

from storyledger.compare.embed import article_text, embed_articles, embedder
from storyledger.compare.stories import StoryGrouper
from storyledger.eval import default_shared
from storyledger.eval.basil import articles as basil_articles
from storyledger.model import Article

_LONG_WORD = re.compile(r"[A-Za-z]{3,}")


def suffix(k: int) -> str:
    """A letters-only tag per copy (`xb`, `xc`, ...): digits would fall out of the word."""
    out = ""
    while True:
        k, r = divmod(k, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
        if not k:
            return "x" + out


def perturb(text: str, k: int, share: float = 0.5) -> str:
    """Words of 3+ letters get the copy's suffix in copy k, except a `share` of them (by hash).

    The kept words are the same in every copy; with share 0 copies share only short words
    (one or two letters) and never join one story.
    """
    if k == 0:
        return text

    tag = suffix(k)

    def swap(m: re.Match[str]) -> str:
        kept = zlib.crc32(m.group(0).encode()) % 1000 < share * 1000
        return m.group(0) if kept else m.group(0) + tag

    return _LONG_WORD.sub(swap, text)


def copies(base: list[Article], n: int, shift_days: int = 45, share: float = 0.5) -> list[Article]:
    """n articles: perturbed copies of `base` with new ids, shifted dates, altered words."""
    out = []
    k = 0
    while len(out) < n:
        for a in base:
            if len(out) >= n:
                break
            day = date.fromisoformat(a.published or "2015-01-01") + timedelta(days=shift_days * k)
            ents = [
                dataclasses.replace(e, canonical=f"{e.canonical}{suffix(k)}") if k else e
                for e in a.entities
            ]
            out.append(
                dataclasses.replace(
                    a,
                    id=f"{a.id}~{k}",
                    published=day.isoformat(),
                    text=perturb(a.text, k, share),
                    title=perturb(a.title or "", k, share),
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


def prime_embeddings(base: list[Article], arts: list[Article]) -> None:
    """Copy k's embedding is its original's plus a little noise, put in the embedder's cache:
    embedding itself is measured by bench/grouping_cost.py, not here."""
    vecs = embed_articles(base)
    index = {a.id: i for i, a in enumerate(base)}
    rng = np.random.default_rng(0)
    texts, rows = [], []
    for a in arts:
        v = vecs[index[a.id.split("~")[0]]] + rng.normal(0, 0.02, vecs.shape[1])
        texts.append(article_text(a))
        rows.append(v / np.linalg.norm(v))
    embedder().remember(texts, np.array(rows))


def run(n: int, base: list[Article], shift_days: int = 45, share: float = 0.5) -> dict:
    arts = copies(base, n, shift_days, share)
    gc.collect()
    before = rss_mb()
    grouper = StoryGrouper(keep_cold=False)  # as the store's ingest runs it
    tenths = []  # ms per article in each tenth of the run: the cost curve as the store grows
    elapsed = 0.0
    for i in range(10):
        part = arts[i * n // 10 : (i + 1) * n // 10]
        spent = 0.0
        for k in range(0, len(part), 10_000):  # the embedder's cache holds 20,000 vectors
            chunk = part[k : k + 10_000]
            prime_embeddings(base, chunk)  # not timed: see bench/grouping_cost.py
            t0 = time.perf_counter()
            for a in chunk:
                grouper.add(a)
            spent += time.perf_counter() - t0
        tenths.append(1000 * spent / max(len(part), 1))
        elapsed += spent
    t0 = time.perf_counter()
    grouper.settle()
    grouper.changed()
    elapsed += time.perf_counter() - t0
    sketches = grouper.sketches()  # the active ones: cold events went to the store
    stored = len(json.dumps([dataclasses.asdict(s) for s in sketches]))
    stored += len(json.dumps(grouper.state()))
    return {
        "n": n,
        "seconds": elapsed,
        "per_article_ms": 1000 * elapsed / n,
        "last_tenth_ms": tenths[-1],
        "tenths_ms": tenths,
        "stories": len(sketches),
        "active": grouper.active(),
        "rss_growth_mb": rss_mb() - before,
        "persisted_mb": stored / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true", help="also run 100k articles")
    parser.add_argument("--million", action="store_true", help="also run 1,000,000 articles")
    parser.add_argument(
        "--shift-days",
        type=int,
        default=45,
        help="copy k is dated k times this many days after its original (default 45; "
        "0 puts every copy on its original's day)",
    )
    parser.add_argument(
        "--share",
        type=float,
        default=0.5,
        help="share of the words of 3+ letters a copy keeps from its original (default 0.5)",
    )
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args()
    base, _, _ = basil_articles(args.shared or default_shared())
    sizes = (
        [1_000, 10_000] + ([100_000] if args.full else []) + ([1_000_000] if args.million else [])
    )
    print(
        f"{'articles':>9} {'seconds':>8} {'ms/article':>10} {'last 10% ms':>11} {'stories':>8} "
        f"{'indexed':>8} {'RSS growth MB':>13} {'persisted MB':>12}"
    )
    for n in sizes:
        r = run(n, base, args.shift_days, args.share)
        print(
            f"{r['n']:>9} {r['seconds']:>8.1f} {r['per_article_ms']:>10.2f} "
            f"{r['last_tenth_ms']:>11.2f} {r['stories']:>8} "
            f"{r['active']:>8} "
            f"{r['rss_growth_mb']:>13.0f} {r['persisted_mb']:>12.1f}",
            flush=True,
        )
    print(
        "ms per article in each tenth of the largest run:",
        " ".join(f"{t:.2f}" for t in r["tenths_ms"]),
    )


if __name__ == "__main__":
    main()
