"""PolNeAR's files (../shared/eval/polnear/<split>): brat annotations and article texts, one
annotator per article (the one whose id sorts first), as gold attributions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from storyledger.errors import EvalDataError

Span = tuple[int, int]


@dataclass
class GoldAttribution:
    content: Span
    source: Span | None
    cue: Span | None


@dataclass
class PredAttribution:
    content: Span
    source: Span | None
    cue: Span | None
    alternatives: tuple[Span, ...] = ()  # other spans of the same item (the quote it restates)


@dataclass
class Article:
    name: str
    text: str
    gold: list[GoldAttribution] = field(default_factory=list)


def _span(field_text: str) -> Span:
    """brat offsets "12 40" or discontiguous "12 20;25 40" as one covering span."""
    nums = [int(x) for x in re.split(r"[ ;]", field_text) if x]
    return min(nums), max(nums)


def parse_ann(text: str) -> list[GoldAttribution]:
    """The Content/Source/Cue triples of a brat .ann file."""
    spans: dict[str, tuple[str, Span]] = {}
    events: list[dict[str, str]] = []
    for line in text.splitlines():
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            kind, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = (kind, _span(offsets))
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            roles = dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
            events.append(roles)
    out: list[GoldAttribution] = []
    for roles in events:
        content = roles.get("Content")
        if content not in spans:
            continue
        src = roles.get("Source")
        cue = roles.get("Cue")
        out.append(
            GoldAttribution(
                content=spans[content][1],
                source=spans[src][1] if src in spans else None,
                cue=spans[cue][1] if cue in spans else None,
            )
        )
    return out


def load_split(shared: Path, split: str, limit: int | None = None) -> list[Article]:
    """Articles of a split with the gold attributions of their first annotator."""
    base = shared / "eval" / "polnear" / split
    text_dir, ann_dir = base / "text", base / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise EvalDataError(f"{base}: PolNeAR {split} split is not there")
    chosen: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name = ann.stem.rsplit("_", 1)[0]
        chosen.setdefault(name, ann)
    articles: list[Article] = []
    for name in sorted(chosen):
        txt = text_dir / f"{name}.txt"
        if not txt.exists():
            raise EvalDataError(f"{txt}: text missing for {chosen[name].name}")
        text = txt.read_text(encoding="utf-8")
        articles.append(Article(name, text, parse_ann(chosen[name].read_text(encoding="utf-8"))))
        if limit is not None and len(articles) >= limit:
            break
    return articles
