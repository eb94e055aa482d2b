"""Load on the web app: story pages and the API read by many connections while articles arrive.

Starts `storyledger.web` (uvicorn, one process) on loopback over a fresh store, fills it with
invented articles, then for a bounded time runs N concurrent readers (a bounded asyncio/httpx
client) over the story list, story pages, article pages, search and the JSON API, while one
writer posts new articles. Reports p50/p95/p99 latency per kind of request, errors, and
whether every article the server acknowledged is in the store afterwards.

    .venv/bin/python bench/load_web.py --seconds 30 --connections 50
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
# Invented events (no real outlet's text): each has its own place, people and words, so
# story grouping makes one story per event, a few articles each, as in a real news week.
EVENTS = [
    ("Rivermouth", "flood", "Anna Berg", "homes were flooded", "families", "levee", "rain"),
    ("Pinecrest", "wildfire", "Tomas Reyes", "hectares of pine forest burned", "firefighters",
     "evacuation", "drought"),
    ("Portvale", "dock strike", "Lena Okafor", "dock workers walked out", "container ships",
     "wage offer", "union"),
    ("Northfield", "mayoral election", "Piet Jansen", "ballots were counted", "voters",
     "recount", "turnout"),
    ("Eastbank", "bridge collapse", "Maya Lindqvist", "cars were trapped", "commuters",
     "inspection", "girder"),
    ("Lakeside", "measles outbreak", "Omar Haddad", "cases were confirmed", "children",
     "vaccination", "clinic"),
    ("Cliffhaven", "winter storm", "Greta Novak", "houses lost power", "households",
     "snowfall", "generators"),
    ("Millbrook", "teachers' protest", "Samuel Ito", "teachers marched downtown", "pupils",
     "pay dispute", "ministry"),
    ("Saltmarsh", "chemical spill", "Irene Costa", "fish were found dead", "fishermen",
     "pipeline", "river"),
    ("Goldcrest", "mine accident", "Viktor Hale", "miners were trapped", "rescuers",
     "shaft", "methane"),
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
        f"had asked for help. \"The {thing} is our first concern, and the {people} of {town} "
        f"will not be left alone,\" {official} said. According to the regional government, "
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


async def run_load(url: str, seconds: float, connections: int, write_every: float, seed: int):
    rng = random.Random(seed)
    pool = connections + 1
    limits = httpx.Limits(max_connections=pool, max_keepalive_connections=pool)
    timings: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    acknowledged: list[str] = []
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        listing = (await client.get("/api/stories", params={"limit": 200})).json()["stories"]
        story_ids = [s["id"] for s in listing]
        article_ids: list[str] = []
        for sid in story_ids[:20]:
            ledger = (await client.get(f"/api/stories/{sid}")).json()
            article_ids += [a["id"] for a in ledger["articles"]]
        words = ["flood", "Rivermouth", "wildfire", "ballots", "bridge", "Okafor", "measles"]
        requests = [
            ("page: stories", lambda: "/"),
            ("page: story", lambda: f"/stories/{rng.choice(story_ids)}"),
            ("page: article", lambda: f"/articles/{rng.choice(article_ids)}"),
            ("api: stories", lambda: f"/api/stories?q={rng.choice(words)}"),
            ("api: story", lambda: f"/api/stories/{rng.choice(story_ids)}"),
            ("api: search", lambda: f"/api/search?q={rng.choice(words)}"),
        ]
        stop = time.monotonic() + seconds

        async def reader(n: int) -> None:
            local = random.Random(seed + n)
            while time.monotonic() < stop:
                kind, path = local.choice(requests)
                started = time.perf_counter()
                try:
                    response = await client.get(path())
                    ok = response.status_code == 200
                    if not ok:
                        errors.append(f"{kind} {response.status_code}")
                except httpx.HTTPError as exc:
                    errors.append(f"{kind} {type(exc).__name__}")
                    continue
                timings[kind].append(time.perf_counter() - started)

        async def writer() -> None:
            serial = 0
            while time.monotonic() < stop:
                serial += 1
                body = {"articles": [invented_article(rng, 10_000 + serial)]}
                started = time.perf_counter()
                try:
                    response = await client.post("/api/articles", json=body)
                except httpx.HTTPError as exc:
                    errors.append(f"write {type(exc).__name__}")
                    continue
                timings["write: add article"].append(time.perf_counter() - started)
                if response.status_code == 201:
                    acknowledged.extend(response.json()["added"])
                elif response.status_code != 200:
                    errors.append(f"write {response.status_code}: {response.text[:200]}")
                await asyncio.sleep(max(0.0, min(write_every, stop - time.monotonic())))

        await asyncio.gather(writer(), *(reader(n) for n in range(connections)))
    return timings, errors, acknowledged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--articles", type=int, default=60, help="invented articles loaded first")
    parser.add_argument("--write-every", type=float, default=0.2, help="pause between writes (s)")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

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
            started = time.monotonic()
            timings, errors, acknowledged = asyncio.run(
                run_load(url, args.seconds, args.connections, args.write_every, args.seed)
            )
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
        with sqlite3.connect(db) as conn:
            stored = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
            stored_ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    lost = [a for a in acknowledged if a not in stored_ids]
    total = sum(len(v) for v in timings.values())
    print("## Web under load\n")
    print(
        f"{args.connections} concurrent readers for {args.seconds:.0f} s on 127.0.0.1 (one uvicorn "
        f"process, bounded asyncio/httpx client in a second process) while one writer added "
        f"articles; store preloaded with {before} invented articles.\n"
    )
    print("| request | count | p50 ms | p95 ms | p99 ms |")
    print("|---|---:|---:|---:|---:|")
    everything: list[float] = []
    for kind in sorted(timings):
        values = timings[kind]
        everything += values if not kind.startswith("write") else []
        print(
            f"| {kind} | {len(values)} | {percentile(values, 50) * 1000:.0f} | "
            f"{percentile(values, 95) * 1000:.0f} | {percentile(values, 99) * 1000:.0f} |"
        )
    print(
        f"| all reads | {len(everything)} | {percentile(everything, 50) * 1000:.0f} | "
        f"{percentile(everything, 95) * 1000:.0f} | {percentile(everything, 99) * 1000:.0f} |"
    )
    print()
    print(f"- throughput: {total / elapsed:.0f} requests/s over {elapsed:.1f} s")
    print(f"- errors: {len(errors)}" + (f" (first: {errors[:5]})" if errors else ""))
    print(
        f"- articles: {before} preloaded + {len(acknowledged)} added under load = "
        f"{before + len(acknowledged)} acknowledged; {stored} stored; lost: {len(lost)}"
    )
    if errors or lost or stored != before + len(acknowledged):
        sys.exit(1)


if __name__ == "__main__":
    main()
