"""Grid over GroupingConfig, scored on tuning data only; the TF-IDF baseline beside it.

Scores: realnews-dev events (a dev set), BASIL's even half (events), ECB+ topics 1-35 at
sub-event and topic (thread) level, and WikiRef220 threads (no split exists, so it is in the
grid; see docs/evaluation.md). The test sets (ECB+ 36-45, BASIL's odd half) are never read.
Extractions and embeddings are computed once; each grid point regroups them.

    .venv/bin/python bench/tune_grouping.py '{"event_threshold": [0.38, 0.42, 0.46]}'
    .venv/bin/python bench/tune_grouping.py --baseline   # the peer's thresholds
    .venv/bin/python bench/tune_grouping.py --threads '{"thread_entity_threshold": [0.14, 0.15]}'

`--threads` groups the events once and grids only the thread fields (`thread_*`), scored on
ECB+ 1-35 topics and on WikiRef220 split by topic: the even half (main topics 0, 2, 4 in name
order and every other noise document) for tuning, the odd half held out, and all 220.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
from pathlib import Path

from storyledger.compare.stories import GroupingConfig, group_articles
from storyledger.compare.window import _settle_threads
from storyledger.eval import basil, default_shared, ecbplus, realnews, wikiref220
from storyledger.eval.cache import cached_extract
from storyledger.eval.grouping_baseline import cluster
from storyledger.eval.scoring import bcubed


def load(shared: Path) -> dict:
    raws, rn_gold, _ = realnews.load(shared)
    wiki, wiki_gold = wikiref220.articles(shared)
    ecb, ecb_gold = ecbplus.articles(shared, tuple(range(1, 36)))
    bas, bas_gold, _ = basil.articles(shared)
    held = basil.held_out(bas_gold)
    bas = [a for a in bas if bas_gold[a.id] not in held]
    return {
        "realnews": (cached_extract(realnews.SUITE, raws), rn_gold),
        "basil": (bas, {a.id: bas_gold[a.id] for a in bas}),
        "ecb": (ecb, ecb_gold),
        "ecb_topic": (ecb, {a: re.match(r"\d+", g).group(0) for a, g in ecb_gold.items()}),
        "wiki": (wiki, wikiref220.noise_as_singletons(wiki_gold)),
    }


COLUMNS = [
    "realnews-dev",
    "BASIL even",
    "ECB+ 1-35 sub",
    "ECB+ 1-35 topic",
    "WikiRef topic",
    "WikiRef story P",  # events must not take in unrelated pages (its floor decided lone_threshold)
]


def scores(data: dict, config: GroupingConfig) -> list[float]:
    out = []
    for key in ("realnews", "basil", "ecb"):
        arts, gold = data[key]
        grouper, story = group_articles(arts, config=config)
        out.append(bcubed(gold, story)[2])
        if key == "ecb":
            topic = {a: grouper.topic_of(s) for a, s in story.items()}
            out.append(bcubed(data["ecb_topic"][1], topic)[2])
    arts, gold = data["wiki"]
    grouper, story = group_articles(arts, config=config)
    out.append(bcubed(gold, {a: grouper.topic_of(s) for a, s in story.items()})[2])
    out.append(bcubed(gold, story)[0])
    return out


def baseline_rows(data: dict) -> None:
    for t in (0.1, 0.15, 0.2, 0.25):
        row = [bcubed(data[k][1], cluster(data[k][0], t))[2] for k in ("realnews", "basil", "ecb")]
        print(f"| baseline event cut {t} | " + " | ".join(f"{x:.3f}" for x in row) + " | | | |")
    for t in (0.04, 0.06, 0.08, 0.1):
        row = [bcubed(data[k][1], cluster(data[k][0], t))[2] for k in ("ecb_topic", "wiki")]
        print(f"| baseline topic cut {t} | | | | " + " | ".join(f"{x:.3f}" for x in row) + " | |")


THREAD_COLUMNS = [
    "ECB+ 1-35 topic",
    "WikiRef even (tuning)",
    "WikiRef odd (held out)",
    "WikiRef all",
]


def wiki_halves(arts: list, gold: dict[str, str]) -> dict[str, tuple[list, dict[str, str]]]:
    """WikiRef220 split by topic (`wikiref220.halves`); each half is grouped on its own."""
    side = wikiref220.halves(gold)
    singles = wikiref220.noise_as_singletons(gold)
    out = {}
    for name in ("even", "odd"):
        half = [a for a in arts if side[a.id] == name]
        out[name] = (half, {a.id: singles[a.id] for a in half})
    return out


def thread_rows(data: dict, grid: dict[str, list]) -> None:
    """Events once per set; each grid point re-decides only the threads over them."""
    arts, gold = data["wiki"]
    raw_gold = {a.id: wikiref220.gold_label(a.id) for a in arts}
    halves = wiki_halves(arts, raw_gold)
    sets = [data["ecb"][0], halves["even"][0], halves["odd"][0], arts]
    golds = [data["ecb_topic"][1], halves["even"][1], halves["odd"][1], gold]
    grouped = [group_articles(a) for a in sets]
    print("| setting | " + " | ".join(THREAD_COLUMNS) + " |")
    print("|---|" + "---:|" * len(THREAD_COLUMNS))
    for values in itertools.product(*grid.values()):
        setting = dict(zip(grid, values, strict=True))
        row = []
        for (grouper, story), g in zip(grouped, golds, strict=True):
            grouper.config = GroupingConfig().with_values(**setting)
            _settle_threads(grouper, sorted(set(story.values())))
            p, r, f = bcubed(g, {a: grouper.topic_of(s) for a, s in story.items()})
            row.append(f"{f:.3f} ({p:.2f}/{r:.2f})")
        print(
            f"| {json.dumps(setting) if setting else 'as shipped'} | {' | '.join(row)} |",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("grid", nargs="?", default="{}", help='JSON: {"field": [values], ...}')
    parser.add_argument("--baseline", action="store_true", help="grid the peer's cut instead")
    parser.add_argument("--threads", action="store_true", help="grid only the thread fields")
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args()
    grid: dict[str, list] = json.loads(args.grid)
    base = GroupingConfig()
    base.with_values(**{k: v[0] for k, v in grid.items()})  # unknown names fail here
    data = load(args.shared or default_shared())
    if args.threads:
        if any(not k.startswith("thread_") for k in grid):
            parser.error("--threads grids thread_* fields only (the events stay as grouped)")
        thread_rows(data, grid)
        return
    print("| setting | " + " | ".join(COLUMNS) + " |")
    print("|---|" + "---:|" * len(COLUMNS))
    if args.baseline:
        baseline_rows(data)
        return
    for values in itertools.product(*grid.values()):
        setting = dict(zip(grid, values, strict=True))
        row = " | ".join(f"{x:.3f}" for x in scores(data, base.with_values(**setting)))
        print(f"| {json.dumps(setting) if setting else 'as shipped'} | {row} |", flush=True)


if __name__ == "__main__":
    main()
