"""WikiRef220: cluster 220 news articles (5 main topics + 35 noise documents) into stories.

Gold: the file-name prefix before the trailing number. Noise documents (topics with at most 5
articles) are scored as their own stories, one each (README: "expected as singletons"), and,
as a second figure, with their small topics as gold clusters. The main topics are topics, not
single stories (three of five are broad), so the coarse `topic` level of StoryGrouper, the
thread level, is what is scored (`thread_bcubed_*`); the story level is reported beside it.
The files are cp1252 with CRLF line endings.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from storyledger.compare.stories import group_articles
from storyledger.errors import EvalDataError
from storyledger.eval import Metric, grouping_baseline
from storyledger.eval.cache import cached_extract
from storyledger.eval.scoring import bcubed
from storyledger.model import Article, RawArticle

SUITE = "wikiref220"
NOISE_MAX = 5


def gold_label(name: str) -> str:
    """`ParisAttacks2015 (12).txt` -> ParisAttacks2015; `a.b.flight.14.txt` -> a.b.flight."""
    stem = name[:-4] if name.endswith(".txt") else name
    return re.sub(r"[ .]*(\(\d+\)|\d+)$", "", stem)


def load(shared: Path) -> tuple[list[RawArticle], dict[str, str]]:
    folder = shared / "eval" / "wikiref220" / "WikiRef220"
    if not folder.is_dir():
        raise EvalDataError(f"{folder}: WikiRef220 is not there")
    raws, gold = [], {}
    for path in sorted(folder.glob("*.txt")):
        with path.open(encoding="cp1252", newline=None) as fh:
            text = fh.read()
        title, _, body = text.strip().partition("\n")
        raws.append(
            RawArticle(id=path.name, text=body.strip(), title=title.strip(), path=str(path))
        )
        gold[path.name] = gold_label(path.name)
    return raws, gold


def articles(shared: Path) -> tuple[list[Article], dict[str, str]]:
    raws, gold = load(shared)
    return cached_extract(SUITE, raws), gold


def noise_as_singletons(gold: dict[str, str]) -> dict[str, str]:
    """Gold with every noise document (a topic of at most NOISE_MAX) its own cluster."""
    sizes = Counter(gold.values())
    return {a: (g if sizes[g] > NOISE_MAX else f"noise:{a}") for a, g in gold.items()}


def run(shared: Path) -> list[Metric]:
    arts, gold = articles(shared)
    grouper, story = group_articles(arts)
    topic = {a: grouper.topic_of(s) for a, s in story.items()}
    singles = noise_as_singletons(gold)
    peer = bcubed(singles, grouping_baseline.cluster(arts, grouping_baseline.TOPIC_SIMILARITY))[2]
    out = []
    for level, pred in (("thread", topic), ("story", story)):  # a grouper topic is a thread
        p, r, f = bcubed(singles, pred)
        target = 0.92 if level == "thread" else None
        out += [
            Metric(
                SUITE,
                f"{level}_bcubed_f1",
                f,
                target=target,
                peer=grouping_baseline.PEER if level == "thread" else None,
                peer_value=peer if level == "thread" else None,
                note=f"{len(arts)} docs; noise docs as singletons; "
                f"{len(set(pred.values()))} predicted clusters",
            ),
            Metric(SUITE, f"{level}_bcubed_p", p),
            Metric(SUITE, f"{level}_bcubed_r", r),
        ]
    p, r, f = bcubed(gold, topic)
    out.append(
        Metric(
            SUITE,
            "thread_bcubed_f1_noise_topics",
            f,
            note="noise docs gold-grouped by their small topics",
        )
    )
    return out
