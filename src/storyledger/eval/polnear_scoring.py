"""PolNeAR's two measures: token overlap (content, source, cue) and the strict one-to-one
measure; the rules are in the polnear suite's docstring."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from storyledger.eval.polnear_data import GoldAttribution, PredAttribution, Span
from storyledger.eval.scoring import overlaps, prf

_WORD = re.compile(r"\w+")


def _tokens(text: str, spans: Iterable[Span]) -> set[int]:
    """Start offsets of the word tokens inside any of the spans."""
    spans = sorted(spans)
    if not spans:
        return set()
    out: set[int] = set()
    for m in _WORD.finditer(text):
        s, e = m.span()
        for a, b in spans:
            if a >= e:
                break
            if s < b and a < e:
                out.add(s)
                break
    return out


@dataclass
class Tally:
    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    src_right: int = 0
    src_total: int = 0
    cue_tp: int = 0
    cue_pred: int = 0
    cue_gold: int = 0

    def add(self, text: str, gold: list[GoldAttribution], pred: list[PredAttribution]) -> None:
        g_tok = _tokens(text, [g.content for g in gold])
        p_tok = _tokens(text, [p.content for p in pred])
        self.tp += len(g_tok & p_tok)
        self.n_pred += len(p_tok)
        self.n_gold += len(g_tok)
        pred_tokens = [_tokens(text, [p.content]) for p in pred]
        for g in gold:
            if g.source is None:
                continue
            gt = _tokens(text, [g.content])
            best, best_n = None, 0
            for p, pt in zip(pred, pred_tokens, strict=True):
                n = len(gt & pt)
                if n > best_n:
                    best, best_n = p, n
            if best is None:
                continue
            self.src_total += 1
            if best.source is not None and overlaps(best.source, g.source) > 0:
                self.src_right += 1
        gold_cues = [g.cue for g in gold if g.cue is not None]
        used: set[int] = set()
        pred_cues = {p.cue for p in pred if p.cue is not None}
        for c in sorted(pred_cues):
            for k, gc in enumerate(gold_cues):
                if k not in used and overlaps(c, gc) > 0:
                    used.add(k)
                    self.cue_tp += 1
                    break
        self.cue_pred += len(pred_cues)
        self.cue_gold += len(gold_cues)

    @property
    def content(self) -> tuple[float, float, float]:
        return prf(self.tp, self.n_pred, self.n_gold)

    # the strict measure (see the module docstring)
    strict_tp: int = 0
    strict_pred: int = 0
    strict_gold: int = 0
    strict_src_right: int = 0
    strict_src_pred: int = 0
    strict_src_gold: int = 0

    def add_strict(
        self, text: str, gold: list[GoldAttribution], pred: list[PredAttribution]
    ) -> None:
        items: dict[Span, PredAttribution] = {}
        for p in pred:  # each predicted span once; the one naming a source is kept
            if p.content not in items or (items[p.content].source is None and p.source):
                items[p.content] = p
        preds = list(items.values())
        gold_tok = [_tokens(text, [g.content]) for g in gold]
        pred_tok = [[_tokens(text, [span]) for span in (p.content, *p.alternatives)] for p in preds]
        pairs: list[tuple[float, int, int]] = []
        for gi, gt in enumerate(gold_tok):
            if not gt:
                continue
            for pi, spans in enumerate(pred_tok):
                best = max((len(gt & pt) / len(gt | pt) for pt in spans if pt), default=0.0)
                if best >= 0.5:
                    pairs.append((best, gi, pi))
        used_g: set[int] = set()
        used_p: set[int] = set()
        for _, gi, pi in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g, p = gold[gi], preds[pi]
            self.strict_tp += 1
            self.strict_src_gold += g.source is not None
            self.strict_src_pred += p.source is not None
            if g.source is not None and p.source is not None and overlaps(p.source, g.source):
                self.strict_src_right += 1
        self.strict_pred += len(preds)
        self.strict_gold += sum(1 for gt in gold_tok if gt)

    @property
    def strict_content(self) -> tuple[float, float, float]:
        return prf(self.strict_tp, self.strict_pred, self.strict_gold)

    @property
    def strict_source(self) -> tuple[float, float, float]:
        return prf(self.strict_src_right, self.strict_src_pred, self.strict_src_gold)

    @property
    def source_acc(self) -> float:
        return self.src_right / self.src_total if self.src_total else 0.0

    @property
    def cue(self) -> tuple[float, float, float]:
        return prf(self.cue_tp, self.cue_pred, self.cue_gold)
