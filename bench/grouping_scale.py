"""Story grouping at scale: cost per tenth and resident memory, up to 1,000,000 articles.

SYNTHETIC articles (no text from ../shared, no model): a feed of `--per-day` articles a day;
each day opens per-day/6 events that live one to three days; an article belongs to one live
event, its title and text drawn from that event's own words (about 60%) and a Zipf-like
background vocabulary of 200,000 made-up words (the rest), and its sentence embedding is the
event's random unit vector plus noise (given to the grouper through `embed=`, so the ONNX model
is not run: its cost is in bench/grouping_cost.py). Events and embeddings are generated from
seeds, never held, so the bench's own memory does not grow with the run. With `--new-words K`
the last K of an event's 12 words are its own, never seen before (as names are in news), so
the vocabulary keeps growing and the df table's cap (`df_max_terms`) is reached in a long run;
K = 0 is the closed vocabulary of the first runs.

The grouper runs as the store's ingest runs it (`keep_cold=False`): every 32 articles (a batch) its
changed sketches, moves, window changes, state and the df table's changed terms are taken, as
`api.ingest_articles` hands them to the store, and dropped here (the store is not written: its
cost is not the grouper's). What should stay flat: resident memory from the first tenth to the
last, and ms per article.

    .venv/bin/python bench/grouping_scale.py                 # 100,000 articles
    .venv/bin/python bench/grouping_scale.py --n 1000000 --max-active 2000   # 42 min, busy
    .venv/bin/python bench/grouping_scale.py --n 60000 --max-active 2000   # the cap reached
    .venv/bin/python bench/grouping_scale.py --n 1000000 --out /tmp/run.txt   # rows to a file

A row is printed (and appended to `--out`, flushed) at each tenth as the run goes, so a run
stopped early is still evidence: wall and CPU ms per article in that tenth, resident memory,
events held, window, df terms and the df table's own size (keys and dict, estimated).

Memory is bounded by three caps (GroupingConfig): the events in the index (`max_active`,
20,000), the window (2,000 articles) and the df table; past the first, resident memory should
stop growing. At this bench's rate of about one event per six articles the shipped index cap
is reached near 120,000 articles; `--max-active` lowers it to see the plateau in a short run.
"""

from __future__ import annotations

import argparse
import gc
import resource
import sys
import time
import zlib
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from storyledger.compare.stories import GroupingConfig, StoryGrouper
from storyledger.model import Article

DIM = 384
VOCAB = 200_000
LETTERS = "bcfhjklmnprtvz"  # no s, d, g: the stemmer leaves the made-up words whole


def word(i: int) -> str:
    out = ""
    while True:
        i, r = divmod(i, len(LETTERS))
        out += LETTERS[r]
        if not i:
            return "qu" + out + "o"


def centroid(event: int) -> np.ndarray:
    v = np.random.default_rng(event).normal(size=DIM)
    return (v / np.linalg.norm(v)).astype(np.float32)


def embed(article: Article) -> np.ndarray:
    """The event's vector plus noise (cosine about 0.6 between two reports of one event)."""
    event = int(article.id.split("-")[0][1:])
    noise = np.random.default_rng(zlib.crc32(article.id.encode())).normal(0, 0.04, DIM)
    v = centroid(event) + noise
    return (v / np.linalg.norm(v)).astype(np.float32)


def stream(n: int, per_day: int, new_words: int = 0, seed: int = 0) -> Iterator[Article]:
    rng = np.random.default_rng(seed)
    zipf = 1.0 / np.arange(1, VOCAB + 1)
    zipf /= zipf.sum()
    live: list[tuple[int, int, list[str]]] = []  # (event, last day, its words)
    next_event, day, made = 0, 0, 0
    start = date(2020, 1, 1)
    counts: dict[int, int] = {}
    while made < n:
        live = [e for e in live if e[1] >= day]
        for _ in range(max(per_day // 6, 1)):
            words = [word(int(i)) for i in rng.integers(0, VOCAB, 12)]
            for j in range(new_words):  # the event's own words, met for the first time
                words[11 - j] = word(VOCAB + next_event * new_words + j)
            live.append((next_event, day + int(rng.integers(0, 3)), words))
            next_event += 1
        published = (start + timedelta(days=day)).isoformat()
        background = rng.choice(VOCAB, size=(per_day, 18), p=zipf)
        picks = rng.integers(0, len(live), per_day)
        own = rng.integers(0, 12, (per_day, 27))
        for k in range(per_day):
            if made >= n:
                break
            event, _, words = live[int(picks[k])]
            counts[event] = counts.get(event, 0) + 1
            body = [words[int(j)] for j in own[k]] + [word(int(i)) for i in background[k]]
            rng.shuffle(body)
            yield Article(
                id=f"e{event}-{counts[event]}",
                text=" ".join(body) + ".",
                title=" ".join(words[:4]),
                published=published,
            )
            made += 1
        alive = {e for e, _, _ in live}
        counts = {e: c for e, c in counts.items() if e in alive}
        day += 1


def rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / 1e6


def df_mb(df: dict[str, int]) -> float:
    """The df table's own memory: the dict and its key strings (counts are small ints)."""
    return (sys.getsizeof(df) + sum(sys.getsizeof(t) for t in df)) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="articles (default 100,000)")
    parser.add_argument("--per-day", type=int, default=2_000, help="articles a day")
    parser.add_argument("--max-active", type=int, default=GroupingConfig().max_active)
    parser.add_argument("--new-words", type=int, default=4, help="an event's own new words")
    parser.add_argument("--rows", type=int, default=10, help="rows in the run (10: tenths)")
    parser.add_argument(
        "--df-max-terms", type=int, default=GroupingConfig().df_max_terms, help="df table's cap"
    )
    parser.add_argument("--out", type=Path, help="also append each row to this file")
    args = parser.parse_args()
    config = GroupingConfig(max_active=args.max_active, df_max_terms=args.df_max_terms)
    grouper = StoryGrouper(keep_cold=False, embed=embed, config=config)
    gc.collect()
    out = args.out.open("a", encoding="utf-8") if args.out else None

    def say(line: str) -> None:
        print(line, flush=True)
        if out:
            out.write(line + "\n")
            out.flush()

    say(
        f"articles {args.n:,}, {args.per_day:,} a day, index cap {args.max_active:,}, "
        f"df cap {config.df_max_terms:,}, new words per event {args.new_words}; "
        f"RSS at start {rss_mb():.0f} MB; started {time.strftime('%H:%M:%S', time.gmtime())} UTC"
    )
    say(
        f"{'row':>4} {'articles':>9} {'ms/article':>10} {'CPU ms':>7} {'RSS MB':>7} "
        f"{'events held':>11} {'window':>6} {'df terms':>8} {'df MB':>6} {'UTC':>8}"
    )
    tenth, spent, cpu, total = max(args.n // args.rows, 1), 0.0, 0.0, 0.0
    batch: list[Article] = []
    for done, article in enumerate(stream(args.n, args.per_day, args.new_words), start=1):
        batch.append(article)
        if len(batch) < 32 and done % tenth:
            continue
        # the grouper's time only (the clocks read once per batch, not per article)
        t0, c0 = time.perf_counter(), time.process_time()
        for a in batch:
            grouper.add(a)
        # what the store's ingest takes from the grouper after each batch
        grouper.moved(), grouper.changed(), grouper.window_changes()
        grouper.state(df=False), grouper.df_changes()
        spent += time.perf_counter() - t0
        cpu += time.process_time() - c0
        batch = []
        if done % tenth == 0:
            total += spent
            df = grouper.weights.df
            say(
                f"{done // tenth:>4} {done:>9,} {1000 * spent / tenth:>10.2f} "
                f"{1000 * cpu / tenth:>7.2f} "
                f"{rss_mb():>7.0f} {len(grouper._sketches):>11,} {len(grouper.window):>6,} "
                f"{len(df):>8,} {df_mb(df):>6.1f} {time.strftime('%H:%M:%S', time.gmtime()):>8}"
            )
            spent = cpu = 0.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000
    say(f"grouping {total:.0f} s in all; peak RSS {peak:.0f} MB")


if __name__ == "__main__":
    main()
