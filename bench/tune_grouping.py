"""Grid over the grouping constants, scored on tuning data only.

Scores: WikiRef220 topic level (no split exists, so it is in the grid; see docs/evaluation.md),
ECB+ topics 1-35 at topic and sub-event level, and the even half of BASIL's events. The test
sets (ECB+ 36-45, BASIL's odd half) are never read. Each grid point sets module constants of
`storyledger.compare.stories` and regroups the cached extractions.

    .venv/bin/python bench/tune_grouping.py '{"TOPIC_THRESHOLD": [0.10, 0.12, 0.14]}'
    .venv/bin/python bench/tune_grouping.py '{"STORY_THRESHOLD": [0.16, 0.18, 0.2]}'
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from storyledger.compare import stories
from storyledger.eval import basil, default_shared, ecbplus, wikiref220
from storyledger.eval.scoring import bcubed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("grid", help='JSON: {"CONSTANT": [values, ...], ...}')
    parser.add_argument("--shared", type=Path, default=None)
    args = parser.parse_args()
    grid: dict[str, list] = json.loads(args.grid)
    for name in grid:
        if not hasattr(stories, name):
            parser.error(f"storyledger.compare.stories has no constant {name}")
    shared = args.shared or default_shared()

    wiki, wiki_gold = wikiref220.articles(shared)
    wiki_singles = wikiref220.noise_as_singletons(wiki_gold)
    ecb, ecb_gold = ecbplus.articles(shared, tuple(range(1, 36)))
    bas, bas_gold, _ = basil.articles(shared)
    held = basil.held_out(bas_gold)
    bas = [a for a in bas if bas_gold[a.id] not in held]

    def scores() -> list[float]:
        grouper, story = stories.group_articles(wiki)
        wiki_f = bcubed(wiki_singles, {a: grouper.topic_of(s) for a, s in story.items()})[2]
        ecb_s = ecbplus.score(ecb, ecb_gold)
        _, story = stories.group_articles(bas)
        bas_f = bcubed({a.id: bas_gold[a.id] for a in bas}, story)[2]
        return [wiki_f, ecb_s["topic"][2], ecb_s["subtopic"][2], bas_f]

    defaults = {name: getattr(stories, name) for name in grid}
    print("| setting | WikiRef topic | ECB+ 1-35 topic | ECB+ 1-35 sub-event | BASIL even half |")
    print("|---|---:|---:|---:|---:|")
    print("| as shipped | " + " | ".join(f"{x:.3f}" for x in scores()) + " |")
    for values in itertools.product(*grid.values()):
        setting = dict(zip(grid, values, strict=True))
        for name, value in setting.items():
            setattr(stories, name, value)
        row = " | ".join(f"{x:.3f}" for x in scores())
        print(f"| {json.dumps(setting)} | {row} |", flush=True)
        for name, value in defaults.items():
            setattr(stories, name, value)


if __name__ == "__main__":
    main()
