"""`storyledger eval NAME`: score storyledger on the external corpora in ../shared/eval.

Each suite is one module here with `run(shared: Path) -> list[Metric]`; one loader per corpus.
Suites score the test split only; dev splits are for tuning (see docs/evaluation.md).
"""

from __future__ import annotations

import importlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from storyledger.errors import EvalDataError

# name -> module under storyledger.eval; registered here and nowhere else.
SUITES: dict[str, str] = {
    "seeds": "storyledger.eval.seeds",
    "basil": "storyledger.eval.basil",
    "wikiref220": "storyledger.eval.wikiref220",
    "ecbplus": "storyledger.eval.ecbplus",
    "polnear": "storyledger.eval.polnear",
    "tempeval3": "storyledger.eval.tempeval3",
    "meantime": "storyledger.eval.meantime",
    "recognizers": "storyledger.eval.recognizers",
    "quantulum3": "storyledger.eval.quantulum3",
    "conll2003": "storyledger.eval.conll2003",
    "realnews": "storyledger.eval.realnews",
}

BASELINE = Path(__file__).with_name("baseline.json")


@dataclass
class Metric:
    suite: str
    name: str
    value: float
    target: float | None = None  # the target, when it sets one
    peer: str | None = None  # the tool compared against in the same run
    peer_value: float | None = None
    note: str = ""

    @property
    def key(self) -> str:
        return f"{self.suite}/{self.name}"

    @property
    def meets_target(self) -> bool | None:
        return None if self.target is None else self.value >= self.target


def default_shared() -> Path:
    env = os.environ.get("STORYLEDGER_SHARED")
    if env:
        return Path(env)
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        candidate = base.parent / "shared"
        if (candidate / "eval").is_dir():
            return candidate
    return Path.cwd().parent / "shared"


def run_suite(name: str, shared: Path | None = None) -> list[Metric]:
    if name not in SUITES:
        raise EvalDataError(f"unknown eval suite {name!r}; choose from {', '.join(SUITES)}")
    shared = shared or default_shared()
    if not shared.is_dir():
        raise EvalDataError(f"{shared}: the shared corpora folder is not there")
    module = importlib.import_module(SUITES[name])
    return module.run(shared)


def load_baseline() -> dict[str, float]:
    if not BASELINE.exists():
        return {}
    return json.loads(BASELINE.read_text())


def below_floor(
    metrics: list[Metric], baseline: dict[str, float], slack: float = 0.005
) -> list[str]:
    """Metrics that dropped below their recorded floor: a change may not lower them silently."""
    return [
        f"{m.key}: {m.value:.3f} < floor {baseline[m.key]:.3f}"
        for m in metrics
        if m.key in baseline and m.value < baseline[m.key] - slack
    ]


def metrics_json(metrics: list[Metric]) -> list[dict]:
    return [asdict(m) for m in metrics]


def metrics_markdown(metrics: list[Metric]) -> str:
    """The metric table as Markdown, for docs/evaluation.md."""

    def num(x: float | None) -> str:
        return "" if x is None else f"{x:.3f}"

    rows = [
        "| suite | metric | storyledger | target | met | peer | peer value | note |",
        "|---|---|---:|---:|---|---|---:|---|",
    ]
    for m in metrics:
        met = "" if m.meets_target is None else ("yes" if m.meets_target else "**no**")
        target = "" if m.target is None else f"{m.target:.2f}"
        note = m.note.replace("|", "\\|")
        rows.append(
            f"| {m.suite} | {m.name} | {num(m.value)} | {target} | {met} | {m.peer or ''} | "
            f"{num(m.peer_value)} | {note} |"
        )
    return "\n".join(rows) + "\n"
