"""Load on the web app: story pages and the API read by many connections while articles arrive.

Starts `storyledger.web` (uvicorn, one process) on loopback over a fresh store, fills it with
invented articles, then for a bounded time runs N concurrent keep-alive readers over the
story list, story pages, article pages, search and the JSON API (Debian's `wrk` when it is
installed, else a bounded asyncio/httpx client that also breaks latency down by page), while
one writer posts new articles. Reports p50/p99 latency, errors, and whether every article
the server acknowledged is in the store afterwards (exit status 1 if not, or on any error).

    .venv/bin/python bench/load_web.py --seconds 30 --connections 50 [--client python]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
# Invented events (no real outlet's text): each has its own place, people and words, so
# story grouping makes one story per event, a few articles each, as in a real news week.
EVENTS = [
    ("Rivermouth", "flood", "Anna Berg", "homes were flooded", "families", "levee", "rain"),
    (
        "Pinecrest",
        "wildfire",
        "Tomas Reyes",
        "hectares of pine forest burned",
        "firefighters",
        "evacuation",
        "drought",
    ),
    (
        "Portvale",
        "dock strike",
        "Lena Okafor",
        "dock workers walked out",
        "container ships",
        "wage offer",
        "union",
    ),
    (
        "Northfield",
        "mayoral election",
        "Piet Jansen",
        "ballots were counted",
        "voters",
        "recount",
        "turnout",
    ),
    (
        "Eastbank",
        "bridge collapse",
        "Maya Lindqvist",
        "cars were trapped",
        "commuters",
        "inspection",
        "girder",
    ),
    (
        "Lakeside",
        "measles outbreak",
        "Omar Haddad",
        "cases were confirmed",
        "children",
        "vaccination",
        "clinic",
    ),
    (
        "Cliffhaven",
        "winter storm",
        "Greta Novak",
        "houses lost power",
        "households",
        "snowfall",
        "generators",
    ),
    (
        "Millbrook",
        "teachers' protest",
        "Samuel Ito",
        "teachers marched downtown",
        "pupils",
        "pay dispute",
        "ministry",
    ),
    (
        "Saltmarsh",
        "chemical spill",
        "Irene Costa",
        "fish were found dead",
        "fishermen",
        "pipeline",
        "river",
    ),
    (
        "Goldcrest",
        "mine accident",
        "Viktor Hale",
        "miners were trapped",
        "rescuers",
        "shaft",
        "methane",
    ),
]
OUTLETS = ["Harbour Gazette", "Valley Times", "Morning Wire", "Coastal Post", "Daily Ledger"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def invented_article(rng: random.Random, serial: int) -> dict:
    """An invented news item about one of EVENTS: numbers, a quote, an attributed claim."""
    index = rng.randrange(len(EVENTS))
    town, event, official, happened, people, thing, cause = EVENTS[index]
    n, m = rng.randint(20, 900), rng.randint(2, 60)
    text = (
        f"Officials in {town} said on {rng.choice(DAYS)} that at least {n} {happened} after "
        f"the {event}, blaming the {cause} and the state of the {thing}. {official}, who "
        f"leads the {town} response to the {event}, told reporters that about {m} {people} "
        f'had asked for help. "The {thing} is our first concern, and the {people} of {town} '
        f'will not be left alone," {official} said. According to the regional government, '
        f"more than {n // 2} {people} were affected by the {event} in {town}. "
        f"(Dispatch {serial}.)"
    )
    return {
        "text": text,
        "title": f"{town} {event}: {n} {happened.split()[0]} affected",
        "outlet": rng.choice(OUTLETS),
        "published": f"2024-{index + 1:02d}-{rng.randint(10, 14):02d}",  # a week per event
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int) -> subprocess.Popen:
    code = (
        "import uvicorn\n"
        "from storyledger.web.app import create_app\n"
        f"uvicorn.run(create_app({db!r}), host='127.0.0.1', port={port}, "
        "log_level='warning', access_log=False, timeout_keep_alive=30)\n"
    )
    return subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)


def wait_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/stories", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not start")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def read_paths(url: str, seed: int) -> dict[str, list[str]]:
    """The URLs readers ask for, by kind: stories, story pages, articles, search, API."""
    rng = random.Random(seed)
    listing = httpx.get(url + "/api/stories", params={"limit": 200}).json()["stories"]
    story_ids = [s["id"] for s in listing]
    article_ids: list[str] = []
    for sid in story_ids[:20]:
        ledger = httpx.get(f"{url}/api/stories/{sid}", timeout=60).json()
        article_ids += [a["id"] for a in ledger["articles"]]
    words = ["flood", "Rivermouth", "wildfire", "ballots", "bridge", "Okafor", "measles"]
    rng.shuffle(article_ids)
    return {
        "page: stories": ["/", *(f"/?q={w}" for w in words[:3])],
        "page: story": [f"/stories/{sid}" for sid in story_ids],
        "page: article": [f"/articles/{aid}" for aid in article_ids[:40]],
        "api: stories": [f"/api/stories?q={w}" for w in words],
        "api: story": [f"/api/stories/{sid}" for sid in story_ids],
        "api: search": [f"/api/search?q={w}" for w in words],
    }


class Writer(threading.Thread):
    """Posts one invented article every `every` seconds until stopped; keeps what it was told."""

    def __init__(self, url: str, every: float, seed: int) -> None:
        super().__init__(daemon=True)
        self.url, self.every, self.rng = url, every, random.Random(seed + 1)
        self.stop = threading.Event()
        self.acknowledged: list[str] = []
        self.errors: list[str] = []
        self.timings: list[float] = []

    def run(self) -> None:
        serial = 0
        with httpx.Client(base_url=self.url, timeout=120) as client:
            while not self.stop.is_set():
                serial += 1
                body = {"articles": [invented_article(self.rng, 10_000 + serial)]}
                started = time.perf_counter()
                try:
                    response = client.post("/api/articles", json=body)
                except httpx.HTTPError as exc:
                    self.errors.append(f"write {type(exc).__name__}")
                    continue
                self.timings.append(time.perf_counter() - started)
                if response.status_code == 201:
                    self.acknowledged.extend(response.json()["added"])
                elif response.status_code != 200:
                    self.errors.append(f"write {response.status_code}: {response.text[:200]}")
                self.stop.wait(self.every)


async def python_readers(
    url: str, paths: dict[str, list[str]], seconds: float, connections: int, seed: int
) -> tuple[dict[str, list[float]], list[str]]:
    """N concurrent keep-alive connections, each reading random URLs back to back."""
    pool = connections
    limits = httpx.Limits(max_connections=pool, max_keepalive_connections=pool)
    timings: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    kinds = sorted(paths)
    stop = time.monotonic() + seconds
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:

        async def reader(n: int) -> None:
            local = random.Random(seed + n)
            while time.monotonic() < stop:
                kind = local.choice(kinds)
                started = time.perf_counter()
                try:
                    response = await client.get(local.choice(paths[kind]))
                except httpx.HTTPError as exc:
                    errors.append(f"{kind} {type(exc).__name__}")
                    continue
                if response.status_code != 200:
                    errors.append(f"{kind} {response.status_code}")
                timings[kind].append(time.perf_counter() - started)

        await asyncio.gather(*(reader(n) for n in range(connections)))
    return timings, errors


WRK_SCRIPT = """
paths = {%s}
math.randomseed(%d)
request = function()
  return wrk.format("GET", paths[math.random(#paths)])
end
"""


def wrk_readers(
    url: str,
    paths: dict[str, list[str]],
    seconds: float,
    connections: int,
    seed: int,
    tmp: str,
) -> tuple[dict[str, float], int, list[str]]:
    """wrk (C, 2 threads) reading the same URL mix; its latency percentiles and errors."""
    mix = [p for kind in sorted(paths) for p in paths[kind][:10]]
    script = Path(tmp) / "mix.lua"
    script.write_text(WRK_SCRIPT % (", ".join(f'"{p}"' for p in mix), seed))
    out = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{connections}",
            f"-d{int(seconds)}s",
            "--latency",
            "--timeout",
            "30s",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
    ).stdout
    stats: dict[str, float] = {}
    for q in ("50%", "75%", "90%", "99%"):
        m = re.search(rf"^\s+{q}\s+([\d.]+)(us|ms|s)\s*$", out, re.MULTILINE)
        if m:
            scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[m.group(2)]
            stats[q] = float(m.group(1)) * scale
    m = re.search(r"(\d+) requests in", out)
    count = int(m.group(1)) if m else 0
    errors = []
    if m := re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        errors.append(f"non-2xx: {m.group(1)}")
    if m := re.search(r"Socket errors: (.*)", out):
        errors.append(f"socket errors: {m.group(1)}")
    return stats, count, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--articles", type=int, default=60, help="invented articles loaded first")
    parser.add_argument("--write-every", type=float, default=0.2, help="pause between writes (s)")
    parser.add_argument("--client", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument(
        "--per-kind",
        type=float,
        default=0.0,
        help="with wrk: then this many seconds of load on each kind of page",
    )
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    client = args.client
    if client == "auto":
        client = "wrk" if shutil.which("wrk") else "python"

    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "load.db")
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server = start_server(db, port)
        try:
            wait_up(url)
            rng = random.Random(args.seed)
            batch = [invented_article(rng, i) for i in range(args.articles)]
            loaded = httpx.post(url + "/api/articles", json={"articles": batch}, timeout=600)
            assert loaded.status_code == 201, loaded.text
            before = len(loaded.json()["added"])
            paths = read_paths(url, args.seed)
            writer = Writer(url, args.write_every, args.seed)
            started = time.monotonic()
            writer.start()
            if client == "wrk":
                wrk_stats, count, errors = wrk_readers(
                    url, paths, args.seconds, args.connections, args.seed, tmp
                )
                timings: dict[str, list[float]] = {}
                per_kind = {
                    kind: wrk_readers(
                        url, {kind: paths[kind]}, args.per_kind, args.connections, args.seed, tmp
                    )
                    for kind in (sorted(paths) if args.per_kind > 0 else [])
                }
                for _, _, kind_errors in per_kind.values():
                    errors += kind_errors
                count += sum(c for _, c, _ in per_kind.values())
            else:
                timings, errors = asyncio.run(
                    python_readers(url, paths, args.seconds, args.connections, args.seed)
                )
                count = sum(len(v) for v in timings.values())
            elapsed = time.monotonic() - started
            writer.stop.set()
            writer.join(timeout=120)
        finally:
            server.terminate()
            server.wait(timeout=60)
        with sqlite3.connect(db) as conn:
            stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            stored_ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    errors += writer.errors
    acknowledged = writer.acknowledged
    lost = [a for a in acknowledged if a not in stored_ids]
    reader_desc = "wrk, 2 threads" if client == "wrk" else "a bounded asyncio/httpx client"
    print("## Web under load\n")
    print(
        f"{args.connections} concurrent keep-alive readers ({reader_desc}) for "
        f"{args.seconds:.0f} s against one uvicorn process on 127.0.0.1, over a random mix of "
        f"the story list, story pages, article pages, search and the JSON API, while one "
        f"writer added an invented article every {args.write_every} s; store preloaded with "
        f"{before} invented articles. Machine: {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f} at the end.\n"
    )
    print("| request | count | p50 ms | p90/p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    if client == "wrk":
        print(
            f"| all reads (wrk) | {count} | {wrk_stats.get('50%', float('nan')):.1f} | "
            f"{wrk_stats.get('90%', float('nan')):.1f} (p90) | "
            f"{wrk_stats.get('99%', float('nan')):.1f} |"
        )
        for kind, (stats, kind_count, _) in per_kind.items():
            print(
                f"| {kind} (alone, {args.per_kind:.0f} s) | {kind_count} | "
                f"{stats.get('50%', float('nan')):.1f} | {stats.get('90%', float('nan')):.1f} "
                f"(p90) | {stats.get('99%', float('nan')):.1f} |"
            )
    else:
        everything: list[float] = []
        for kind in sorted(timings):
            values = timings[kind]
            everything += values
            print(
                f"| {kind} | {len(values)} | {percentile(values, 50) * 1000:.0f} | "
                f"{percentile(values, 95) * 1000:.0f} | {percentile(values, 99) * 1000:.0f} |"
            )
        print(
            f"| all reads | {len(everything)} | {percentile(everything, 50) * 1000:.0f} | "
            f"{percentile(everything, 95) * 1000:.0f} | {percentile(everything, 99) * 1000:.0f} |"
        )
    w = writer.timings
    print(
        f"| write: add article | {len(w)} | {percentile(w, 50) * 1000:.0f} | "
        f"{percentile(w, 95) * 1000:.0f} | {percentile(w, 99) * 1000:.0f} |"
    )
    print()
    print(f"- reads: {count / elapsed:.0f} requests/s over {elapsed:.1f} s")
    print(f"- errors: {len(errors)}" + (f" ({errors[:5]})" if errors else ""))
    print(
        f"- articles: {before} preloaded + {len(acknowledged)} added under load = "
        f"{before + len(acknowledged)} acknowledged; {stored} stored; lost: {len(lost)}"
    )
    if errors or lost or stored != before + len(acknowledged):
        sys.exit(1)


if __name__ == "__main__":
    main()
