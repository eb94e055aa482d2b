"""PolNeAR (../shared/eval/polnear): attribution content, source and cue, against textacy.

Scoring rules (fixed here so the numbers stay comparable between runs):
- One annotation file per article: some articles were annotated by several annotators; the
  file whose annotator id sorts first is used (deterministic, and no annotator is favoured
  by how much it annotated).
- Content: token overlap. Tokens are the word-character runs of the text (punctuation and
  quotation marks do not count). The gold token set is every token inside any Content span;
  the predicted set every token inside any predicted content; P/R/F1 are micro-averaged over
  all articles of the split.
- Source: for every gold attribution with a Source, the predicted attribution whose content
  shares the most tokens with the gold Content (at least one) is its match; the source is
  correct when the predicted source words overlap the gold Source span. Accuracy is over the
  matched gold attributions (the note gives how many matched).
- Cue: a predicted cue is right when its span overlaps an unclaimed gold Cue span (1-1).
- Peer: textacy's `direct_quotations` on the same parsed articles, scored the same way.

The strict measure (`strict_*`, beside the token-overlap one): gold and predicted attributions
are matched one to one, a pair only when the word-token Jaccard of their contents is >= 0.5,
best pairs first. Each predicted attribution is one item counted once (identical spans are one
item), and an item that restates a quote may match by its claim's span or by the quote's,
whichever is closer ("best of quotes or claims"). Content P = matched / predicted items,
R = matched / gold attributions. Source, on the matched pairs: right when the predicted source
overlaps the gold Source; P = right / pairs where storyledger names a source, R = right / pairs
where the gold has one.
"""

from __future__ import annotations

import time
from pathlib import Path

from storyledger.eval import Metric
from storyledger.eval.polnear_data import (
    Article,
    GoldAttribution,
    PredAttribution,
    Span,
    load_split,
    parse_ann,
)
from storyledger.eval.polnear_scoring import Tally

SUITE = "polnear"
PEER = "textacy direct_quotations"
__all__ = ["Article", "GoldAttribution", "PredAttribution", "Tally", "load_split", "parse_ann"]


def storyledger_predictions(doc) -> list[PredAttribution]:
    from storyledger.nlp.attribution import find_attributions
    from storyledger.nlp.entities import extract_entities

    attributions, _ = find_attributions(doc, extract_entities(doc))
    preds = [
        (
            PredAttribution(
                (a.content_start, a.content_end),
                (a.source.start, a.source.end) if a.source is not None else None,
                (a.cue_start, a.cue_end),
            ),
            a.kind == "direct",
        )
        for a in attributions
    ]
    return merge_quotes(preds)


def storyledger_strict_items(doc) -> list[PredAttribution]:
    """One item per attribution storyledger outputs, with the span of the quote it restates;
    direct quotes on one cue ("“A,” she said. “B.”") are one item, the passage from the first
    to the last, as PolNeAR annotates them (each quote's own span stays an alternative)."""
    from storyledger.nlp.attribution import find_attributions
    from storyledger.nlp.entities import extract_entities

    attributions, _ = find_attributions(doc, extract_entities(doc))
    items: list[PredAttribution] = []
    by_cue: dict[Span, PredAttribution] = {}
    for a in attributions:
        content = (a.content_start, a.content_end)
        spans = {content} | ({a.quote} if a.quote else set())
        cue = (a.cue_start, a.cue_end)
        if a.kind == "direct" and cue in by_cue:
            item = by_cue[cue]
            item.alternatives = (*item.alternatives, *sorted(spans), item.content)
            item.content = (min(item.content[0], content[0]), max(item.content[1], content[1]))
            continue
        item = PredAttribution(
            content,
            (a.source.start, a.source.end) if a.source is not None else None,
            cue,
            alternatives=tuple(sorted(spans - {content})),
        )
        if a.kind == "direct":
            by_cue[cue] = item
        items.append(item)
    return items


def merge_quotes(preds: list[tuple[PredAttribution, bool]]) -> list[PredAttribution]:
    """Direct quotes that share one cue ("“A,” she said. “B.”") are one Content in PolNeAR:
    the passage from the first quote to the last. Applied to storyledger and textacy alike."""
    merged: dict[Span, PredAttribution] = {}
    out: list[PredAttribution] = []
    for pred, direct in preds:
        if direct and pred.cue is not None and pred.cue in merged:
            first = merged[pred.cue]
            first.content = (
                min(first.content[0], pred.content[0]),
                max(first.content[1], pred.content[1]),
            )
            continue
        if direct and pred.cue is not None:
            merged[pred.cue] = pred
        out.append(pred)
    return out


def textacy_predictions(doc) -> list[PredAttribution]:
    from textacy.extract.triples import direct_quotations

    out: list[tuple[PredAttribution, bool]] = []
    for triple in direct_quotations(doc):
        content = triple.content
        speaker = triple.speaker
        cue = triple.cue
        pred = PredAttribution(
            content=(content.start_char, content.end_char),
            source=(speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None,
            cue=(cue[0].idx, cue[-1].idx + len(cue[-1])) if cue else None,
        )
        out.append((pred, True))
    return merge_quotes(out)


def score(articles: list[Article]) -> tuple[Tally, Tally | None, str, float]:
    """Tallies for storyledger and textacy (None with a reason when textacy is unusable)."""
    from storyledger.nlp import components
    from storyledger.nlp.pipeline import load_nlp

    nlp = load_nlp()
    ours, peer = Tally(), Tally()
    peer_note = ""
    try:
        import textacy.extract.triples  # noqa: F401
    except Exception as exc:  # textacy missing or broken: report, do not fail the suite
        peer_note = f"textacy unavailable: {type(exc).__name__}: {exc}"
    bailed = 0
    started = time.perf_counter()
    docs = nlp.pipe((a.text for a in articles), disable=list(components.COMPONENTS))
    for article, doc in zip(articles, docs, strict=True):
        ours.add(article.text, article.gold, storyledger_predictions(doc))
        ours.add_strict(article.text, article.gold, storyledger_strict_items(doc))
        if not peer_note:
            try:
                predicted = textacy_predictions(doc)
            except ValueError:  # textacy bails out on unbalanced quotation marks
                predicted = []
                bailed += 1
            peer.add(article.text, article.gold, predicted)
            peer.add_strict(article.text, article.gold, predicted)
    elapsed = time.perf_counter() - started
    if bailed and not peer_note:
        peer_note = f"textacy bailed out (unbalanced quotation marks) on {bailed} articles"
    return ours, (None if peer_note.startswith("textacy unavailable") else peer), peer_note, elapsed


def run_split(shared: Path, split: str = "dev", limit: int | None = None) -> list[Metric]:
    """Metrics on one split; `run` reports test, use this on dev for tuning."""
    articles = load_split(shared, split, limit)
    ours, peer, peer_note, elapsed = score(articles)
    p, r, f = ours.content
    cp, cr, cf = ours.cue
    pv = peer.content if peer else (None, None, None)
    note = f"{split}: {len(articles)} articles, first annotator per article, {elapsed:.0f}s"
    if peer_note:
        note = f"{note}; {peer_note}"
    peer_kw = {"peer": PEER, "note": note}
    return [
        Metric(SUITE, "content_f1", f, 0.75, peer_value=pv[2], **peer_kw),
        Metric(SUITE, "content_p", p, None, peer_value=pv[0], **peer_kw),
        Metric(SUITE, "content_r", r, None, peer_value=pv[1], **peer_kw),
        Metric(
            SUITE,
            "source_acc",
            ours.source_acc,
            0.80,
            peer_value=peer.source_acc if peer else None,
            peer=PEER,
            note=f"{note}; {ours.src_total} gold sources matched"
            + (f" (textacy {peer.src_total})" if peer else ""),
        ),
        Metric(
            SUITE,
            "strict_content_f1",
            ours.strict_content[2],
            0.65,
            peer_value=peer.strict_content[2] if peer else None,
            peer=PEER,
            note=f"{note}; one-to-one, token Jaccard >= 0.5; {ours.strict_tp} of "
            f"{ours.strict_gold} gold matched, {ours.strict_pred} predicted items",
        ),
        Metric(
            SUITE,
            "strict_content_p",
            ours.strict_content[0],
            None,
            peer_value=peer.strict_content[0] if peer else None,
            **peer_kw,
        ),
        Metric(
            SUITE,
            "strict_content_r",
            ours.strict_content[1],
            None,
            peer_value=peer.strict_content[1] if peer else None,
            **peer_kw,
        ),
        Metric(
            SUITE,
            "strict_source_f1",
            ours.strict_source[2],
            0.85,
            peer_value=peer.strict_source[2] if peer else None,
            peer=PEER,
            note=f"{note}; on the strict matches: {ours.strict_src_right} right, "
            f"{ours.strict_src_pred} named, {ours.strict_src_gold} gold sources",
        ),
        Metric(
            SUITE,
            "strict_source_p",
            ours.strict_source[0],
            None,
            peer_value=peer.strict_source[0] if peer else None,
            **peer_kw,
        ),
        Metric(
            SUITE,
            "strict_source_r",
            ours.strict_source[1],
            None,
            peer_value=peer.strict_source[1] if peer else None,
            **peer_kw,
        ),
        Metric(SUITE, "cue_f1", cf, None, peer_value=peer.cue[2] if peer else None, **peer_kw),
        Metric(SUITE, "cue_p", cp, None, peer_value=peer.cue[0] if peer else None, **peer_kw),
        Metric(SUITE, "cue_r", cr, None, peer_value=peer.cue[1] if peer else None, **peer_kw),
    ]


def run(shared: Path) -> list[Metric]:
    return run_split(shared, "test")
