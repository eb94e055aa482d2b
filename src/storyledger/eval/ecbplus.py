"""ECB+: group documents into topics (coarse: the thread level) and seminal events (the ecb /
ecbplus halves).

Test = topics 36-45 (the standard split); thresholds were tuned on topics 1-35 only. The corpus
is stored compressed; it is unpacked once into the cache folder, outside the repository. The
documents are tokenised XML without dates or titles: the text is rebuilt from the tokens.
"""

from __future__ import annotations

import re
import tarfile
import xml.etree.ElementTree as ET
from pathlib import Path

from storyledger.compare.stories import group_articles
from storyledger.errors import EvalDataError
from storyledger.eval import Metric, grouping_baseline
from storyledger.eval.cache import cache_dir, cached_extract
from storyledger.eval.scoring import bcubed
from storyledger.model import Article, RawArticle

SUITE = "ecbplus"
TEST_TOPICS = tuple(range(36, 46))
_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def unpack(shared: Path) -> Path:
    archive = shared / "eval" / "ecbplus" / "ECBplus.tar.xz"
    if not archive.exists():
        raise EvalDataError(f"{archive}: ECB+ is not there")
    root = cache_dir() / "ecbplus"
    done = root / ".unpacked"
    if not done.exists():
        root.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive, "r:xz") as tar:
            tar.extractall(root, filter="data")
        done.write_text("ok")
    return root / "ECB+"


def doc_text(path: Path) -> str:
    """Sentences rebuilt from the tokens, one per line, with light detokenisation."""
    sentences: dict[int, list[str]] = {}
    for tok in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(tok.get("sentence", 0)), []).append(tok.text or "")
    lines = []
    for n in sorted(sentences):
        line = " ".join(sentences[n])
        line = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", line))
        lines.append(line)
    return "\n".join(lines)


def load(
    shared: Path, topics: tuple[int, ...] = TEST_TOPICS
) -> tuple[list[RawArticle], dict[str, str]]:
    """Raw documents and their sub-event label `<topic>ecb` / `<topic>ecbplus`."""
    root = unpack(shared)
    raws, gold = [], {}
    for topic in topics:
        folder = root / str(topic)
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.xml")):
            m = re.match(r"(\d+)_(\d+)(ecbplus|ecb)\.xml$", path.name)
            if not m:
                continue
            raws.append(RawArticle(id=path.stem, text=doc_text(path), path=str(path)))
            gold[path.stem] = f"{m.group(1)}{m.group(3)}"
    return raws, gold


def articles(
    shared: Path, topics: tuple[int, ...] = TEST_TOPICS
) -> tuple[list[Article], dict[str, str]]:
    raws, gold = load(shared, topics)
    name = f"{SUITE}-{topics[0]}-{topics[-1]}-{len(topics)}"
    return cached_extract(name, raws), gold


def score(arts: list[Article], gold: dict[str, str]) -> dict[str, tuple[float, float, float]]:
    grouper, story = group_articles(arts)
    topic = {a: grouper.topic_of(s) for a, s in story.items()}
    gold_topic = {a: re.match(r"\d+", g).group(0) for a, g in gold.items()}
    return {"topic": bcubed(gold_topic, topic), "subtopic": bcubed(gold, story)}


def baseline_scores(arts: list[Article], gold: dict[str, str]) -> dict[str, float]:
    """The TF-IDF average-link peer's F1 at both levels (its two cuts)."""
    gold_topic = {a: re.match(r"\d+", g).group(0) for a, g in gold.items()}
    return {
        "topic": bcubed(
            gold_topic, grouping_baseline.cluster(arts, grouping_baseline.TOPIC_SIMILARITY)
        )[2],
        "subtopic": bcubed(gold, grouping_baseline.cluster(arts))[2],
    }


def run(shared: Path) -> list[Metric]:
    arts, gold = articles(shared)
    scores = score(arts, gold)
    peer = baseline_scores(arts, gold)
    out = []
    # ECB+ topics are scored as threads (StoryGrouper topics), sub-topics as stories (events).
    for level, name, target in (("topic", "thread", 0.95), ("subtopic", "subtopic", 0.90)):
        p, r, f = scores[level]
        what = "thread level: gold ECB+ topics; " if name == "thread" else ""
        out += [
            Metric(
                SUITE,
                f"{name}_bcubed_f1",
                f,
                target=target,
                peer=grouping_baseline.PEER,
                peer_value=peer[level],
                note=f"{what}test topics 36-45, {len(arts)} docs",
            ),
            Metric(SUITE, f"{name}_bcubed_p", p),
            Metric(SUITE, f"{name}_bcubed_r", r),
        ]
    return out
