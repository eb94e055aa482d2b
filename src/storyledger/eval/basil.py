"""BASIL: 100 events x {Fox News, New York Times, HuffPost}.

- Grouping: the 300 articles (title + body, published = date) grouped into stories; gold is
  `triplet-uuid`; B-cubed P/R/F1.
- Wording: the story ledger's `wording` discrepancies and loaded-language descriptors against
  the lexical-bias spans (token overlap P/R); `coverage` discrepancy evidence against the
  informational-bias spans.

BASIL has no split, so the headline figures are not held out: the grouping thresholds were
picked by a small grid that scored all 100 events (and its split/merge errors were read), and
the words added to the loaded-language lexicon came from looking at the lexical spans of the
2010 and 2011 events only. The figures are over all 100 events. For a held-out grouping figure
we split the events in two by sorted id: rerunning the story-threshold grid (0.14 to 0.25) on
the even half and ECB+ topics 1-35 alone, the best mean of their two B-cubed F1 is at the
threshold in use (0.18), and the odd half, grouped on its own, is reported as
`bcubed_f1_held_out_half`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from storyledger.compare.stories import group_articles
from storyledger.errors import EvalDataError
from storyledger.eval import Metric, grouping_baseline
from storyledger.eval.cache import cached_extract
from storyledger.eval.scoring import bcubed, prf
from storyledger.model import Article, Discrepancy, RawArticle

SUITE = "basil"
OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}


def load(shared: Path) -> tuple[list[RawArticle], dict[str, str], dict[str, list[dict]]]:
    """Raw articles, gold triplet per article id, and the phrase annotations per article id."""
    root = shared / "eval" / "basil"
    files = sorted((root / "articles").glob("*/*.json"))
    if not files:
        raise EvalDataError(f"{root}: BASIL articles are not there")
    raws, gold, spans = [], {}, {}
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        body = "\n\n".join(" ".join(p) for p in data["body-paragraphs"])
        source = str(data.get("source", "")).lower()
        aid = path.stem
        raws.append(
            RawArticle(
                id=aid,
                text=body,
                title=data.get("title"),
                path=str(path),
                outlet=OUTLETS.get(source, source or None),
                published=data.get("date"),
                url=data.get("url"),
            )
        )
        gold[aid] = data["triplet-uuid"]
        ann = root / "annotations" / path.parent.name / f"{aid}_ann.json"
        if ann.exists():
            spans[aid] = _locate(json.loads(ann.read_text(encoding="utf-8")), data)
    return raws, gold, spans


def _locate(ann: dict, data: dict) -> list[dict]:
    """Phrase spans as character offsets in the joined body (sentence offsets are local)."""
    sentences: list[tuple[int, str]] = []
    pos = 0
    for para in data["body-paragraphs"]:
        for sent in para:
            sentences.append((pos, sent))
            pos += len(sent) + 1
        pos += 1  # "\n\n" between paragraphs replaces the last " "
    out = []
    for phrase in ann.get("phrase-level-annotations", []):
        txt, start = phrase.get("txt", ""), int(phrase.get("start", -1))
        for offset, sent in sentences:
            if txt and sent[start : start + len(txt)] == txt:
                out.append(
                    {
                        "bias": phrase.get("bias"),
                        "start": offset + start,
                        "end": offset + start + len(txt),
                        "txt": txt,
                    }
                )
                break
    return out


def articles(shared: Path) -> tuple[list[Article], dict[str, str], dict[str, list[dict]]]:
    raws, gold, spans = load(shared)
    return cached_extract(SUITE, raws), gold, spans


_TOKEN = re.compile(r"\w+")


def _tokens(text: str, start: int, end: int) -> set[int]:
    return {m.start() for m in _TOKEN.finditer(text, start, end)}


def span_overlap(
    text: str, predicted: list[tuple[int, int]], gold: list[tuple[int, int]]
) -> tuple[int, int, int]:
    """Token-overlap counts: (tokens in both, predicted tokens, gold tokens)."""
    pred_toks = set().union(*(_tokens(text, s, e) for s, e in predicted)) if predicted else set()
    gold_toks = set().union(*(_tokens(text, s, e) for s, e in gold)) if gold else set()
    return len(pred_toks & gold_toks), len(pred_toks), len(gold_toks)


def held_out(gold: dict[str, str]) -> set[str]:
    """The odd-numbered events (sorted by id): a half kept out of threshold tuning."""
    return {e for i, e in enumerate(sorted(set(gold.values()))) if i % 2}


def run(shared: Path) -> list[Metric]:
    arts, gold, spans = articles(shared)
    _, story = group_articles(arts)
    p, r, f = bcubed(gold, story)
    out = [
        Metric(
            SUITE,
            "bcubed_f1",
            f,
            target=0.97,
            peer=grouping_baseline.PEER,
            peer_value=bcubed(gold, grouping_baseline.cluster(arts))[2],
            note=f"{len(arts)} articles, {len(set(story.values()))} stories",
        ),
        Metric(SUITE, "bcubed_p", p),
        Metric(SUITE, "bcubed_r", r),
    ]
    held = held_out(gold)
    sub = [a for a in arts if gold[a.id] in held]
    _, sub_story = group_articles(sub)
    out.append(
        Metric(
            SUITE,
            "bcubed_f1_held_out_half",
            bcubed({a.id: gold[a.id] for a in sub}, sub_story)[2],
            target=0.97,
            peer=grouping_baseline.PEER,
            peer_value=bcubed({a.id: gold[a.id] for a in sub}, grouping_baseline.cluster(sub))[2],
            note=f"odd-numbered events only ({len(held)} events, {len(sub)} articles), "
            "grouped alone; threshold chosen without them",
        )
    )
    out += _framing_metrics(arts, gold, spans)
    return out


def _framing_metrics(
    arts: list[Article], gold: dict[str, str], spans: dict[str, list[dict]]
) -> list[Metric]:
    """Wording flags vs lexical spans, coverage items vs informational spans (gold triplets)."""
    from storyledger.compare.ledger import compare_story

    by_id = {a.id: a for a in arts}
    triplets: dict[str, list[Article]] = {}
    for aid, t in gold.items():
        triplets.setdefault(t, []).append(by_id[aid])
    pred: dict[str, dict[str, list[tuple[int, int]]]] = {"wording": {}, "coverage": {}}
    covered: list[list[Discrepancy]] = []
    for t, members in triplets.items():
        story = compare_story(t, members[0].title or t, members)
        covered.append([d for d in story.discrepancies if d.kind == "coverage"])
        for d in story.discrepancies:
            if d.kind in pred:
                for ev in d.evidence:
                    pred[d.kind].setdefault(ev.article, []).append((ev.start, ev.end))
    n_all = sum(len(_tokens(a.text, 0, len(a.text))) for a in arts)
    out = []
    for kind, bias in (("wording", "lex"), ("coverage", "inf")):
        tp = n_pred = n_gold = 0
        for a in arts:
            g = [(s["start"], s["end"]) for s in spans.get(a.id, []) if s["bias"] == bias]
            c = span_overlap(a.text, pred[kind].get(a.id, []), g)
            tp, n_pred, n_gold = tp + c[0], n_pred + c[1], n_gold + c[2]
        p, r, f = prf(tp, n_pred, n_gold)
        out += [
            Metric(
                SUITE,
                f"{kind}_vs_{bias}_precision",
                p,
                note=f"token overlap over gold triplets; {n_pred} predicted tokens",
            ),
            Metric(SUITE, f"{kind}_vs_{bias}_recall", r, note=f"{n_gold} gold tokens"),
            Metric(SUITE, f"{kind}_vs_{bias}_f1", f),
            Metric(
                SUITE,
                f"{kind}_vs_{bias}_base_rate",
                n_gold / max(n_all, 1),
                note="share of all article tokens in these spans: random flags' precision",
            ),
        ]
    held = {aid for aid, t in gold.items() if t in held_out(gold)}
    return out + _ranked_coverage_metrics(by_id, covered, spans, held)


def informational_tokens(
    by_id: dict[str, Article], spans: dict[str, list[dict]]
) -> dict[str, set[int]]:
    """Per article, the word offsets inside its informational-bias spans."""
    return {
        aid: set().union(
            *(
                _tokens(a.text, s["start"], s["end"])
                for s in spans.get(aid, [])
                if s["bias"] == "inf"
            )
        )
        for aid, a in by_id.items()
    }


def evidence_tokens(d: Discrepancy, by_id: dict[str, Article]) -> set[tuple[str, int]]:
    """The words (article, offset) an item's evidence covers."""
    return {
        (ev.article, t)
        for ev in d.evidence
        if ev.article in by_id
        for t in _tokens(by_id[ev.article].text, ev.start, ev.end)
    }


def ranked_curve(
    items: list[Discrepancy], by_id: dict[str, Article], gold: dict[str, set[int]], n_gold: int
) -> list[tuple[float, float, float]]:
    """(recall, precision, salience cut) at every salience cut, most salient first; each word
    counted once however many items cover it."""
    ranked = sorted(items, key=lambda d: -(d.salience or 0.0))
    seen: set[tuple[str, int]] = set()
    tp = 0
    curve = []
    for i, d in enumerate(ranked):
        for aid, t in evidence_tokens(d, by_id) - seen:
            seen.add((aid, t))
            tp += t in gold[aid]
        if seen and (i + 1 == len(ranked) or ranked[i + 1].salience != d.salience):
            curve.append((tp / max(n_gold, 1), tp / len(seen), d.salience or 0.0))
    return curve


def precision_at(curve: list[tuple[float, float, float]], recall: float) -> tuple[float, ...]:
    """The best (precision, recall, cut) among cuts reaching `recall`; zeros when none does."""
    reach = [(p, r, c) for r, p, c in curve if r >= recall]
    return max(reach) if reach else (0.0, 0.0, 0.0)


def _ranked_coverage_metrics(
    by_id: dict[str, Article],
    covered: list[list[Discrepancy]],
    spans: dict[str, list[dict]],
    held: set[str],
) -> list[Metric]:
    """Coverage items as a reader meets them: the top `shown` of each story (what a report
    shows before "more"), and all items in salience order, cut where the precision is best at
    a recall of at least 0.35 (the issue's operating point), over all events and over the
    held-out half (the odd events: the ranker's weights were fitted on the even ones)."""
    from storyledger.compare.salience import shown_count

    gold = informational_tokens(by_id, spans)
    n_gold = sum(len(g) for g in gold.values())
    k = shown_count()
    top = set().union(*(evidence_tokens(d, by_id) for story in covered for d in story[:k]))
    tp = sum(1 for aid, t in top if t in gold[aid])
    p_top, r_top, _ = prf(tp, len(top), n_gold)
    best = precision_at(ranked_curve([d for s in covered for d in s], by_id, gold, n_gold), 0.35)
    in_held = [s for s in covered if s and s[0].articles[0] in held]
    n_held = sum(len(gold[aid]) for aid in held)
    curve = ranked_curve([d for s in in_held for d in s], by_id, gold, n_held)
    at = {r: precision_at(curve, r) for r in (0.1, 0.2, 0.3, 0.35)}
    points = ", ".join(f"R {r:.2f}: P {at[r][0]:.3f}" for r in at)
    return [
        Metric(
            SUITE,
            "coverage_top_vs_inf_precision",
            p_top,
            note=f"the top {k} coverage items of each story (shown before 'more'); "
            f"{len(top)} predicted tokens",
        ),
        Metric(SUITE, "coverage_top_vs_inf_recall", r_top),
        Metric(
            SUITE,
            "coverage_ranked_precision_at_recall_035",
            best[0],
            target=0.297,
            note=f"items of all stories by salience, best cut with recall >= 0.35 "
            f"(salience >= {best[2]:.2f}, recall {best[1]:.3f}); target 3x the base rate; "
            "the even half trained the ranker",
        ),
        Metric(
            SUITE,
            "coverage_ranked_precision_at_recall_035_held_out_half",
            at[0.35][0],
            target=0.297,
            note=f"odd events only (the ranker never saw them); curve {points}; "
            f"all items reach recall {curve[-1][0] if curve else 0.0:.3f}",
        ),
        Metric(SUITE, "coverage_ranked_precision_at_recall_010_held_out_half", at[0.1][0]),
        Metric(SUITE, "coverage_ranked_precision_at_recall_020_held_out_half", at[0.2][0]),
        Metric(SUITE, "coverage_ranked_precision_at_recall_030_held_out_half", at[0.3][0]),
    ]
