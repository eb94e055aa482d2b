"""Thread reads and the cost of keeping them, in a real SQLite store of N stories.

Stories are written through `Store.write_batch` (the one writer) as sketches in batches of
1,000, 70% opening a thread of their own and 30% joining an earlier story's thread, dated
over a year; then one story in twenty is written again (it gained an article). The same
writes are timed a second time with the `threads` triggers dropped, which is the cost the
triggers add per story write. Then: a page of the thread list (first page, a deep page, only
threads of two events or more), a story's related events, a thread's events.

    .venv/bin/python bench/threads_store.py              # 100,000 stories
    .venv/bin/python bench/threads_store.py --stories 200000
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from storyledger.model import StorySketch
from storyledger.store import Store

TRIGGERS = ("stories_thread_ai", "stories_thread_au", "stories_thread_ad")


def sketches(n: int, seed: int = 1) -> list[StorySketch]:
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        topic = f"s-{i}" if rnd.random() < 0.7 else f"s-{rnd.randrange(max(i, 1))}"
        day = f"2025-{1 + i * 12 // n:02d}-{1 + i % 28:02d}"
        out.append(
            StorySketch(
                id=f"s-{i}",
                title=f"Story {i}",
                article_ids=[f"a-{i}"],
                features={"topic": topic, "touched": i},
                first_date=day,
                last_date=day,
            )
        )
    return out


def write_all(store: Store, items: list[StorySketch]) -> tuple[float, float]:
    """(seconds writing every story, seconds writing one in twenty again)."""
    start = time.perf_counter()
    for i in range(0, len(items), 1000):
        store.write_batch([], {}, items[i : i + 1000])
    first = time.perf_counter() - start
    again = items[::20]
    for s in again:
        s.article_ids.append(s.article_ids[0] + "-b")
        s.features["touched"] = int(s.features["touched"]) + len(items)
    start = time.perf_counter()
    for i in range(0, len(again), 1000):
        store.write_batch([], {}, again[i : i + 1000])
    return first, time.perf_counter() - start


def timed(fn, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--stories", type=int, default=100_000)
    args = parser.parse_args()
    n = args.stories
    with tempfile.TemporaryDirectory() as tmp:
        bare = Store(Path(tmp) / "bare.db")
        for name in TRIGGERS:
            bare.conn.execute(f"DROP TRIGGER {name}")
        bare_write, bare_again = write_all(bare, sketches(n))
        bare.close()
        store = Store(Path(tmp) / "threads.db")
        write, again = write_all(store, sketches(n))
        _, total = store.list_threads()
        _, long_total = store.list_threads(min_events=2)
        story = "s-" + str(n // 2)
        thread = store.thread_of(story)
        rows = [
            ("write every story, triggers on", f"{write:.2f} s ({write / n * 1e6:.0f} µs/story)"),
            (
                "write every story, triggers off",
                f"{bare_write:.2f} s ({bare_write / n * 1e6:.0f} µs/story)",
            ),
            ("write 1 in 20 again, triggers on", f"{again:.2f} s"),
            ("write 1 in 20 again, triggers off", f"{bare_again:.2f} s"),
            ("threads / of 2+ events", f"{total} / {long_total}"),
            ("list_threads first page (50)", f"{timed(store.list_threads) * 1e3:.1f} ms"),
            (
                "list_threads page at offset 5000",
                f"{timed(lambda: store.list_threads(offset=5000)) * 1e3:.1f} ms",
            ),
            (
                "list_threads, 2+ events, first page",
                f"{timed(lambda: store.list_threads(min_events=2)) * 1e3:.1f} ms",
            ),
            ("related_events(story)", f"{timed(lambda: store.related_events(story)) * 1e3:.2f} ms"),
            (
                "thread_stories(thread)",
                f"{timed(lambda: store.thread_stories(thread)) * 1e3:.2f} ms",
            ),
        ]
        store.close()
    print(f"| {n:,} stories | |\n|---|---|")
    for name, value in rows:
        print(f"| {name} | {value} |")


if __name__ == "__main__":
    main()
