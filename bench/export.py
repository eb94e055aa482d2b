"""Bulk export of facts: time and peak memory at 20,000 and 100,000 fact rows.

The store is synthetic and made here (invented outlets, texts and figures, written through
the store's one writer with cached story ledgers), so the bench measures the export alone:
each story has 4 articles from 4 outlets (tagged `lean` by an imported outlet table) and
5 figures reported by all 4, i.e. 20 fact rows per story. Time is measured untraced; peak
memory is the Python heap peak (tracemalloc) during a second, traced run of the same export,
which stays flat as the store grows if rows are streamed.

    .venv/bin/python bench/export.py                 # 20k and 100k facts, CSV and Parquet
    .venv/bin/python bench/export.py --sizes 20000   # one size
"""

from __future__ import annotations

import argparse
import tempfile
import time
import tracemalloc
from pathlib import Path

from storyledger import bulk, research
from storyledger.model import Article, Fact, FactEntry, Quantity, Story, StorySketch
from storyledger.store import Store

OUTLETS = ["Orchard Tribune", "Lakeside Herald", "Granite Post", "Upland Voice"]
LEANS = ["left", "left", "right", "right"]
FACTS_PER_STORY = 5
BATCH = 200  # stories per transaction


def make_story(n: int) -> tuple[list[Article], StorySketch, Story]:
    sid = f"s-{n:07d}"
    articles, entries = [], {k: [] for k in range(FACTS_PER_STORY)}
    for j, outlet in enumerate(OUTLETS):
        aid = f"a-{n:07d}-{j}"
        body = " ".join(
            f"In report {n} from {outlet}, at least {10 * k + j + n % 7} people were counted "
            f"in district {k}, officials said."
            for k in range(FACTS_PER_STORY)
        )
        quantities = []
        pos = 0
        for k in range(FACTS_PER_STORY):
            text = f"at least {10 * k + j + n % 7}"
            start = body.index(text, pos)
            pos = start + len(text)
            value = float(10 * k + j + n % 7)
            quantities.append(
                Quantity(
                    text,
                    value,
                    value,
                    None,
                    "at_least",
                    None,
                    "people",
                    "officials",
                    start,
                    pos,
                    ["officials"],
                )
            )
            entries[k].append(
                FactEntry(
                    aid,
                    outlet,
                    "2031-05-02",
                    text,
                    start,
                    pos,
                    value,
                    value,
                    None,
                    "at_least",
                    ["officials"],
                    None,
                )
            )
        articles.append(
            Article(
                id=aid,
                text=body,
                outlet=outlet,
                published="2031-05-02",
                title=f"Report {n}",
                quantities=quantities,
            )
        )
    facts = [
        Fact(f"f-{n:07d}-{k}", "quantity", f"count (people) in district {k}", "conflict", e)
        for k, e in entries.items()
    ]
    sketch = StorySketch(
        sid, f"Story {n}", [a.id for a in articles], {}, "2031-05-02", "2031-05-02"
    )
    return articles, sketch, Story(sid, f"Story {n}", [a.id for a in articles], facts)


def build(path: Path, n_facts: int) -> None:
    n_stories = n_facts // (FACTS_PER_STORY * len(OUTLETS))
    with Store(path) as store:
        for first in range(0, n_stories, BATCH):
            arts, sketches, ledgers, assign = [], [], [], {}
            for n in range(first, min(first + BATCH, n_stories)):
                a, sk, st = make_story(n)
                arts += a
                sketches.append(sk)
                ledgers.append(st)
                assign.update({x.id: sk.id for x in a})
            store.write_batch(arts, assign, sketches, None, ledgers)
        table = path.parent / "outlets.csv"
        table.write_text(
            "name,type,lean\n"
            + "".join(f"{o},private,{le}\n" for o, le in zip(OUTLETS, LEANS, strict=True)),
            encoding="utf-8",
        )
        research.import_outlets(store, table)


def measure(path: Path, fmt: str) -> tuple[int, float, float]:
    """(rows, seconds untraced, peak Python heap in MB in a second, traced run)."""
    out = path.parent / f"facts.{fmt}"
    with Store(path) as store:
        t0 = time.perf_counter()
        n = bulk.export_file(store, "facts", fmt, out)
        elapsed = time.perf_counter() - t0
        tracemalloc.start()
        bulk.export_file(store, "facts", fmt, out)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return n, elapsed, peak / 1e6


def warm_up(folder: Path) -> None:
    """Import every module an export touches, so the first size measures no imports."""
    path = folder / "warm.db"
    build(path, FACTS_PER_STORY * len(OUTLETS))
    for fmt in ("csv", "parquet"):
        with Store(path) as store:
            bulk.export_file(store, "facts", fmt, folder / f"warm.{fmt}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="slbench-warm-") as tmp:
        warm_up(Path(tmp))
    print("| fact rows | format | seconds | rows/s | peak Python heap (MB) | file (MB) |")
    print("|---:|---|---:|---:|---:|---:|")
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="slbench-export-") as tmp:
            path = Path(tmp) / "bench.db"
            build(path, size)
            for fmt in ("csv", "parquet"):
                n, secs, peak = measure(path, fmt)
                mb = (path.parent / f"facts.{fmt}").stat().st_size / 1e6
                print(f"| {n:,} | {fmt} | {secs:.1f} | {n / secs:,.0f} | {peak:.1f} | {mb:.1f} |")


if __name__ == "__main__":
    main()
