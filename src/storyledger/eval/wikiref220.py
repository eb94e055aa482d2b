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


def halves(gold: dict[str, str]) -> dict[str, str]:
    """Document -> "even" or "odd": WikiRef220 has no split, so one is made by topic. The main
    topics alternate in name order, and so do the noise documents; the even half is for tuning
    (`bench/tune_grouping.py --threads`), the odd half is held out."""
    sizes = Counter(gold.values())
    mains = sorted(g for g in sizes if sizes[g] > NOISE_MAX)
    noise = sorted(a for a in gold if sizes[gold[a]] <= NOISE_MAX)
    rank = {g: i for i, g in enumerate(mains)} | {a: i for i, a in enumerate(noise)}
    return {a: "odd" if rank[g if g in rank else a] % 2 else "even" for a, g in gold.items()}


def half_thread_scores(arts: list[Article], gold: dict[str, str]) -> dict[str, tuple]:
    """Per half, grouped on its own (noise docs as singletons): the threads' B-cubed (P, R, F)
    and the peer's F1 on the same half."""
    side = halves(gold)
    singles = noise_as_singletons(gold)
    out = {}
    for name in ("even", "odd"):
        part = [a for a in arts if side[a.id] == name]
        part_gold = {a.id: singles[a.id] for a in part}
        grouper, story = group_articles(part)
        topic = {a: grouper.topic_of(s) for a, s in story.items()}
        peer = grouping_baseline.cluster(part, grouping_baseline.TOPIC_SIMILARITY)
        out[name] = (*bcubed(part_gold, topic), bcubed(part_gold, peer)[2])
    return out


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
    for name, (p, r, f, peer_f) in half_thread_scores(arts, gold).items():
        role = "tuning half" if name == "even" else "held-out half"
        out.append(
            Metric(
                SUITE,
                f"thread_bcubed_f1_{name}_half",
                f,
                peer=grouping_baseline.PEER,
                peer_value=peer_f,
                note=f"{role}, grouped on its own (split by topic); P {p:.3f} R {r:.3f}",
            )
        )
    return out
