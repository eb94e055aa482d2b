"""The seed pair's acceptance checks as metrics (1.0 pass / 0.0 fail).

The two seeds (../shared/seeds) are one story told by Iran International on 2023-10-16 and by
a later, undated article. Checks: one story holds both; the Oct 7 toll ("at least 1,400" vs
"up to 1,400") is a conflict on the hedge (a qualifier discrepancy); the hostage count (199 vs
"more than 200") is an update; an attribution discrepancy names both Naser Kanaani and Hossein
Amir-Abdollahian; a wording discrepancy sets "proxy" against "militant group" for Hamas; the
$100m and the 6,000 figures are coverage items.
"""

from __future__ import annotations

from pathlib import Path

from storyledger.errors import EvalDataError
from storyledger.eval import Metric
from storyledger.model import Article, Ledger, Story

SUITE = "seeds"
CHECKS = (
    "one_story",
    "toll_conflict_on_hedge",
    "hostages_update",
    "attribution_names_both_speakers",
    "wording_proxy_vs_militant_group",
    "coverage_100m",
    "coverage_6000",
)


def load_ledger(shared: Path) -> tuple[list[Article], Ledger]:
    from storyledger.compare.ledger import build_ledger
    from storyledger.ingest import read_inputs
    from storyledger.nlp.pipeline import extract

    paths = sorted((shared / "seeds").glob("*.txt"))
    if len(paths) < 2:
        raise EvalDataError(f"{shared / 'seeds'}: the seed articles are not there")
    raws, _ = read_inputs([str(p) for p in paths])
    articles = list(extract(raws))
    return articles, build_ledger(articles)


def checks(articles: list[Article], ledger: Ledger) -> dict[str, bool]:
    ids = {a.id for a in articles}
    story: Story | None = next((s for s in ledger.stories if set(s.articles) == ids), None)
    out = {"one_story": story is not None and len(ledger.stories) == 1}
    if story is None:
        if not ledger.stories:
            return {**out, **dict.fromkeys(CHECKS[1:], False)}
        story = max(ledger.stories, key=lambda s: len(s.articles))
    facts = {f.id: f for f in story.facts}

    def fact_with(values: set[float], status: str) -> bool:
        return any(
            f.status == status and {e.value for e in f.entries} >= values
            for f in facts.values()
            if f.kind == "quantity"
        )

    out["toll_conflict_on_hedge"] = fact_with({1400.0}, "conflict") and any(
        d.kind == "qualifier" and d.fact and {e.value for e in facts[d.fact].entries} == {1400.0}
        for d in story.discrepancies
    )
    out["hostages_update"] = fact_with({199.0, 200.0}, "update")
    out["attribution_names_both_speakers"] = any(
        d.kind == "attribution"
        and "Naser Kanaani" in d.summary
        and "Hossein Amir-Abdollahian" in d.summary
        for d in story.discrepancies
    )
    out["wording_proxy_vs_militant_group"] = any(
        d.kind == "wording" and "proxy" in d.summary and "militant group" in d.summary
        for d in story.discrepancies
    )
    cov = [d for d in story.discrepancies if d.kind == "coverage"]
    out["coverage_100m"] = any("$100m" in d.summary for d in cov)
    out["coverage_6000"] = any("6,000" in d.summary for d in cov)
    return out


def run(shared: Path) -> list[Metric]:
    articles, ledger = load_ledger(shared)
    return [
        Metric(SUITE, name, 1.0 if ok else 0.0, target=1.0)
        for name, ok in checks(articles, ledger).items()
    ]
