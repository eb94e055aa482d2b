"""realnews-dev: 67 real multi-outlet excerpts of 17 events, with a hand-made gold ledger.

A development set (its README says so): figures here are tuned against, not held out.

- Grouping: every article (noise included) grouped the way `storyledger analyze` does it
  (near-duplicate folding, then `build_ledger`); a folded copy is in its kept article's story.
  B-cubed P/R/F1 over `event_id`.
- Ledger: each gold check is looked up in the extraction of that one article only (quantities:
  value strict, qualifier strict, counted noun and source lenient, a measure's unit word
  standing for its counted noun, 'about 100 miles' counts miles; quotes: normalised text
  contained and speaker contained; dates: text contained and value strict). Recall overall and
  per type.
- Stories: for each gold story, the tool story holding most of its articles; a `kinds_any_of`
  entry is hit by a flag of any listed kind, a `mentions` entry by any spelling appearing in any
  flag's summary or evidence. Story recall = hits / checks.

Month-only publication dates (`2022-06`) are passed at their precision: the date resolver
reads them as a month anchor (a month-day resolves, a weekday does not), the grouper as
undated. The excerpts are read from ../shared and never copied into the repository.
"""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

from storyledger.errors import EvalDataError
from storyledger.eval import Metric, grouping_baseline
from storyledger.eval.cache import cached_extract
from storyledger.eval.scoring import bcubed
from storyledger.model import Article, Ledger, RawArticle

SUITE = "realnews"
_DATE = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
_PUNCT = re.compile(r"[^\w\s]")


def folder(shared: Path) -> Path:
    return shared / "eval" / "realnews-dev"


def load(shared: Path) -> tuple[list[RawArticle], dict[str, str], dict]:
    """Raw articles (input order), gold event per id, and the gold ledger."""
    root = folder(shared)
    path, gold_path = root / "articles.jsonl", root / "gold-ledger.json"
    if not path.exists() or not gold_path.exists():
        raise EvalDataError(f"{root}: realnews-dev articles or gold ledger are not there")
    raws, gold = [], {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        date = rec.get("date")
        raws.append(
            RawArticle(
                id=rec["id"],
                text=rec["excerpt"],
                path=str(path),
                outlet=rec.get("outlet_domain"),
                published=date if date and _DATE.match(date) else None,
                url=rec.get("url"),
            )
        )
        gold[rec["id"]] = rec["event_id"]
    return raws, gold, json.loads(gold_path.read_text(encoding="utf-8"))


def group(raws: list[RawArticle], extracted: list[Article]) -> tuple[Ledger, dict[str, str]]:
    """The analyze path: fold near-duplicates, build the ledger; article id -> story id."""
    from storyledger.compare.ledger import build_ledger
    from storyledger.ingest.dedup import fold_near_duplicates

    copies = [dataclasses.replace(r, also_in=list(r.also_in)) for r in raws]
    kept_of: dict[str, str] = {}
    kept = list(fold_near_duplicates(copies, on_fold=lambda k, c: kept_of.setdefault(c.id, k.id)))
    by_id = {a.id: a for a in extracted}
    arts = [dataclasses.replace(by_id[r.id], also_in=r.also_in) for r in kept]
    ledger = build_ledger(arts)
    story = {aid: s.id for s in ledger.stories for aid in s.articles}
    for copy, k in kept_of.items():
        while k in kept_of:
            k = kept_of[k]
        story[copy] = story[k]
    return ledger, story


# -- ledger checks -------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(_PUNCT.sub(" ", text.translate(_QUOTES).lower()).split())


def _noun_match(gold: str, got: str | None) -> bool:
    """Lenient: case, plural/singular, stem or prefix of any word of the counted noun."""
    if not got:
        return False
    g = gold.lower()
    for word in re.findall(r"\w+", got.lower()):
        stem = re.sub(r"(ies|es|s)$", "", word)
        gstem = re.sub(r"(ies|y|es|s)$", "", g)
        if len(stem) < 3:
            continue
        if word.startswith(gstem) or g.startswith(stem) or stem.startswith(gstem):
            return True
    return False


def _source_match(gold: str, q) -> bool:
    names = [q.attributed_to or "", *q.sources]
    return any(gold.lower() in n.lower() for n in names if n)


def quantity_hit(check: dict, article: Article) -> bool:
    for q in article.quantities:
        if q.value is None or abs(q.value - float(check["value"])) > 1e-9:
            continue
        if "qualifier" in check and q.qualifier != check["qualifier"]:
            continue
        if "counts" in check and not (
            _noun_match(check["counts"], q.counts)
            or (q.unit and _noun_match(check["counts"], q.text))  # a measure counts its unit
        ):
            continue
        if "attributed_to" in check and not _source_match(check["attributed_to"], q):
            continue
        return True
    return False


def quote_hit(check: dict, article: Article) -> bool:
    want = _norm(check["text"])
    speaker = check["speaker"].lower()
    return any(
        want in _norm(q.text) and speaker in " ".join([q.speaker or "", *q.sources]).lower()
        for q in article.quotes
    )


def date_hit(check: dict, article: Article) -> bool:
    want = check["text"].lower()
    return any(want in d.text.lower() and d.value == check["value"] for d in article.dates)


HITS = {"quantities": quantity_hit, "quotes": quote_hit, "dates": date_hit}


def ledger_checks(
    gold_ledger: dict, by_id: dict[str, Article]
) -> list[tuple[str, str, dict, bool]]:
    """(article id, check type, check, hit) for every per-article gold check."""
    out = []
    for aid, kinds in gold_ledger["articles"].items():
        article = by_id.get(aid)
        for kind, hit in HITS.items():
            for check in kinds.get(kind, []):
                out.append((aid, kind, check, article is not None and hit(check, article)))
    return out


# -- story checks --------------------------------------------------------------------------


def story_checks(
    gold_ledger: dict, ledger: Ledger, story: dict[str, str]
) -> list[tuple[str, bool]]:
    """(description, hit) for every kinds_any_of and mentions entry of every gold story."""
    stories = {s.id: s for s in ledger.stories}
    out = []
    for g in gold_ledger["stories"]:
        counts: dict[str, int] = {}
        for aid in g["articles"]:
            if aid in story:
                counts[story[aid]] = counts.get(story[aid], 0) + 1
        best = stories.get(max(counts, key=counts.get)) if counts else None
        flags = best.discrepancies if best else []
        kinds = {d.kind for d in flags}
        texts = [" ".join([d.summary, *(e.text for e in d.evidence)]) for d in flags]
        for entry in g["kinds_any_of"]:
            out.append((f"{g['name']}: kind {'/'.join(entry)}", bool(kinds & set(entry))))
        for entry in g["mentions"]:
            hit = any(sp in t for sp in entry for t in texts)
            out.append((f"{g['name']}: mentions {'/'.join(entry)}", hit))
    return out


def run(shared: Path) -> list[Metric]:
    raws, gold, gold_ledger = load(shared)
    extracted = cached_extract(SUITE, raws)
    ledger, story = group(raws, extracted)
    p, r, f = bcubed(gold, story)
    n_stories = len(set(story.values()))
    out = [
        Metric(
            SUITE,
            "bcubed_f1",
            f,
            target=0.95,
            peer=grouping_baseline.PEER,
            peer_value=bcubed(gold, grouping_baseline.cluster(extracted))[2],
            note=f"dev set; {len(raws)} articles, {len(set(gold.values()))} gold clusters, "
            f"{n_stories} predicted stories",
        ),
        Metric(SUITE, "bcubed_p", p),
        Metric(SUITE, "bcubed_r", r),
    ]
    checks = ledger_checks(gold_ledger, {a.id: a for a in extracted})
    hits = sum(c[3] for c in checks)
    out.append(
        Metric(
            SUITE,
            "ledger_recall",
            hits / max(len(checks), 1),
            target=0.93,
            note=f"dev set; {hits}/{len(checks)} checks",
        )
    )
    for kind in HITS:
        sub = [c for c in checks if c[1] == kind]
        n = sum(c[3] for c in sub)
        out.append(
            Metric(SUITE, f"ledger_recall_{kind}", n / max(len(sub), 1), note=f"{n}/{len(sub)}")
        )
    sc = story_checks(gold_ledger, ledger, story)
    n = sum(h for _, h in sc)
    out.append(Metric(SUITE, "story_recall", n / max(len(sc), 1), note=f"{n}/{len(sc)} checks"))
    return out
