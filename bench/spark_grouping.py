"""Spark story grouping: driver peak memory and time as the corpus grows.

Synthetic articles (not real text: their size, not their wording, is measured here; agreement
with the in-process grouping on real corpora is tests/scale/test_spark_grouping.py): article i
reports event i // 4, whose words come from a vocabulary that grows with the events, amid
common filler words; 40 events a day. They are generated on the executors and written as the
`articles/` Parquet of a `storyledger spark` output, so extraction is not part of the figure.
Embeddings are off (GroupingConfig(use_embeddings=False)): the MiniLM model embeds about 33
texts a second per core here, which would make the large sizes take hours; an embedding adds
1.5 kB to each sketch an in-memory grouper keeps, so the old path's figures are a lower bound.

Each (mode, size) runs in its own process, so peak memory is that run's:
  windowed  group_windowed: windows on the executors, border stitching on the driver
  driver    the previous path: one StoryGrouper on the driver over toLocalIterator
Reported: the driver Python process's peak RSS (VmHWM) and the JVM's (in local mode the JVM
hosts the executors' task threads too, so it is not the driver's alone), and wall time.

    PYTHONPATH=src .venv/bin/python bench/spark_grouping.py               # 10k, 40k
    PYTHONPATH=src .venv/bin/python bench/spark_grouping.py --sizes 10000 40000 160000
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import zlib
from datetime import date, timedelta
from pathlib import Path

WORK = Path(os.environ.get("BENCH_WORK", "/tmp/storyledger-bench-spark"))
FILLER = [
    "the",
    "a",
    "said",
    "on",
    "in",
    "of",
    "to",
    "and",
    "for",
    "with",
    "by",
    "at",
    "from",
    "officials",
    "report",
    "people",
    "city",
    "new",
    "year",
    "week",
    "day",
    "local",
    "state",
    "group",
    "part",
    "time",
    "after",
    "before",
    "over",
    "under",
    "about",
    "more",
    "than",
]


def word(n: int) -> str:
    """A pseudo-word for vocabulary index n (letters only, so it survives tokenising)."""
    letters = "bcdfghjklmnprstvz"
    vowels = "aeiou"
    out, k = "", n + 1
    while k:
        k, r = divmod(k, len(letters) * len(vowels))
        out += letters[r % len(letters)] + vowels[r // len(letters)]
    return out + "ex"


def synthetic(i: int) -> dict:
    """Article i: event i // 4, dated 40 events a day from 2020-01-01."""
    event = i // 4
    seed = zlib.crc32(str(i).encode())
    own = [word(event * 12 + k) for k in range(12)]
    shared = [word(5_000_000 + (event // 50) * 8 + k) for k in range(4)]  # a theme per 50
    body = []
    for k in range(80):
        r = (seed >> (k % 24)) + k
        body.append(own[r % 12] if k % 3 == 0 else FILLER[r % len(FILLER)])
    body += shared
    day = date(2020, 1, 1) + timedelta(days=event // 40)
    return {
        "id": f"syn-{i:07d}",
        "title": " ".join(own[:5]),
        "text": " ".join(body) + ".",
        "outlet": f"Outlet {i % 4}",
        "published": day.isoformat(),
    }


def make_corpus(n: int) -> Path:
    """Write n synthetic articles as Parquet (on the executors), once per size."""
    from storyledger.model import article_from_dict
    from storyledger.scale.schema import article_row, article_schema
    from storyledger.scale.spark import spark_session

    path = WORK / f"corpus-{n}"
    if (path / "_SUCCESS").exists():
        return path
    spark = spark_session("local[2]", app="bench-corpus")
    try:
        rows = spark.sparkContext.range(n, numSlices=max(2, n // 20_000)).map(
            lambda i: article_row(i, article_from_dict(synthetic(i)), article_schema())
        )
        spark.createDataFrame(rows, article_schema()).write.mode("overwrite").parquet(str(path))
    finally:
        spark.stop()
    return path


def peak_kb(pid: int | str = "self") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def jvm_pid() -> int | None:
    """The Spark JVM this process started."""
    me = os.getpid()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            status = (proc / "status").read_text()
            cmd = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        ppid = next(int(x.split()[1]) for x in status.splitlines() if x.startswith("PPid:"))
        if ppid == me and b"java" in cmd:
            return int(proc.name)
    return None


def measure(mode: str, n: int) -> dict:
    """One run in this process: group the size-n corpus, report peaks and time."""
    from storyledger.compare.grouping_config import GroupingConfig
    from storyledger.scale.spark import spark_session
    from storyledger.scale.windows import group_windowed

    corpus = make_corpus(n)
    config = GroupingConfig(use_embeddings=False)
    spark = spark_session("local[2]", app=f"bench-{mode}")
    spark.sparkContext.setLogLevel("ERROR")
    jvm = jvm_pid()
    t0 = time.perf_counter()
    frame = spark.read.parquet(str(corpus))
    if mode == "windowed":
        events = group_windowed(spark, frame, str(WORK / f"work-{n}"), config=config)
        stories = events.count()
    else:
        stories = len(driver_grouping(frame, config))
    seconds = time.perf_counter() - t0
    out = {
        "mode": mode,
        "articles": n,
        "stories": stories,
        "seconds": round(seconds, 1),
        "driver_python_peak_mb": round(peak_kb() / 1024, 1),
        "jvm_peak_mb": round(peak_kb(jvm) / 1024, 1) if jvm else None,
    }
    spark.stop()
    return out


def driver_grouping(frame, config) -> list:
    """The path this replaces: every sketch in one StoryGrouper on the driver."""
    from pyspark.sql import functions as F

    from storyledger.compare.stories import StoryGrouper
    from storyledger.scale.schema import articles_of_rows

    grouper = StoryGrouper(config=config)
    grouper.observe(articles_of_rows(frame.orderBy("seq").toLocalIterator()))
    by_date = frame.orderBy(F.col("published").isNull(), "published", "seq")
    for article in articles_of_rows(by_date.toLocalIterator()):
        grouper.add(article)
    grouper.settle()
    return grouper.sketches()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 40_000])
    parser.add_argument("--modes", nargs="+", default=["windowed", "driver"])
    parser.add_argument("--one", nargs=2, metavar=("MODE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]))))
        return
    WORK.mkdir(parents=True, exist_ok=True)
    print("| mode | articles | stories | seconds | driver Python peak MB | JVM peak MB |")
    print("|---|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        for mode in args.modes:
            run = subprocess.run(
                [sys.executable, __file__, "--one", mode, str(n)],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(run.stdout.strip().splitlines()[-1])
            print(
                f"| {r['mode']} | {r['articles']:,} | {r['stories']:,} | {r['seconds']} "
                f"| {r['driver_python_peak_mb']} | {r['jvm_peak_mb']} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
