"""Run every bench script in bench/ in turn and print one summary table (`make bench`).

    .venv/bin/python bench/run.py            # small sizes: a few minutes in all
    .venv/bin/python bench/run.py --full     # each script's own defaults (the published runs)
    .venv/bin/python bench/run.py grouping dedup   # only these

Each script runs in its own process with this interpreter; its output streams through as it
runs, and the table at the end gives its exit status, wall time and CPU time (the child's
user + system). Small runs write their markdown to a temporary folder, so the committed
results in bench/results/ change only with --full. A script added to bench/ runs with its
defaults until it gets a line in SMALL. There are no speed assertions here: figures go to
docs/benchmarks.md by hand, with the command that produced them.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOT_BENCHES = {
    "run": "this runner",
    "corpora": "a library of corpus readers the benches share",
    "tune_grouping": "a tuning grid over grouping constants, not a measurement",
    "train_salience": "fits the coverage ranker's weights (writes compare/data/salience.json)",
}
# Small arguments per script ({out}: a temporary folder); --full runs the script's defaults.
SMALL: dict[str, list[str]] = {
    "dedup": ["--articles", "2000"],
    "export": ["--sizes", "2000"],
    "figure_marks": ["--articles", "2000"],
    "extraction": [
        "--limit",
        "40",
        "--peer-limit",
        "10",
        "--stream",
        "200",
        "--group-repeat",
        "1",
        "--output",
        "{out}/extraction.md",
    ],
    "grouping": [],  # 1k and 10k; --full adds 100k
    "grouping_scale": ["--n", "5000", "--max-active", "500"],
    "grouping_state_bytes": ["--synthetic", "2000"],
    "load_web": ["--seconds", "5", "--connections", "5", "--articles", "12"],
    "long_articles": ["--chars", "100000"],
    "threads_store": ["--stories", "2000"],
}
FULL: dict[str, list[str]] = {"grouping": ["--full"], "dedup": ["--articles", "20000"]}


def scripts(only: list[str]) -> list[str]:
    names = sorted(p.stem for p in HERE.glob("*.py") if p.stem not in NOT_BENCHES)
    unknown = set(only) - set(names)
    if unknown:
        raise SystemExit(f"no bench script named {', '.join(sorted(unknown))} in {HERE}")
    return [n for n in names if not only or n in only]


def run_one(name: str, full: bool, out: str) -> tuple[int, float, float]:
    """(exit status, wall seconds, CPU seconds) of one bench script."""
    args = FULL.get(name, []) if full else [a.format(out=out) for a in SMALL.get(name, [])]
    cmd = [sys.executable, str(HERE / f"{name}.py"), *args]
    print(f"\n=== {name}: {' '.join(cmd[1:])}", flush=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    status = subprocess.run(cmd, env=os.environ.copy()).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return status, wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("only", nargs="*", help="bench scripts to run (default: all)")
    parser.add_argument("--full", action="store_true", help="each script's full defaults")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="storyledger-bench-") as out:
        for name in scripts(args.only):
            rows.append((name, *run_one(name, args.full, out)))
    print("\n| bench | status | wall s | CPU s |\n|---|---|---:|---:|")
    for name, status, wall, cpu in rows:
        print(f"| {name} | {'ok' if status == 0 else f'exit {status}'} | {wall:.1f} | {cpu:.1f} |")
    for name, why in sorted(NOT_BENCHES.items()):
        print(f"(not run: {name}.py, {why})")
    sys.exit(1 if any(status for _, status, _, _ in rows) else 0)


if __name__ == "__main__":
    main()
