"""TempEval-3: TIMEX3 extraction and normalisation on TE3-Platinum (test; tune on TimeBank).

Plain text is the <TEXT> element with the tags stripped (offsets kept); the DCT is the
publication date. Scores: strict and relaxed span P/R/F1, value accuracy on relaxed matches,
and TE3's value F1 (a relaxed match counts only when the TIMEX3 values agree). Peer:
dateparser's `search_dates` with the DCT as RELATIVE_BASE, scored the same way.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from storyledger.errors import EvalDataError
from storyledger.eval import Metric
from storyledger.eval.scoring import overlaps, prf

SUITE = "tempeval3"


@dataclass
class TimexDoc:
    """One document: plain text, DCT (YYYY-MM-DD) and gold (start, end, value, type) spans."""

    name: str
    text: str
    dct: str | None
    gold: list[tuple[int, int, str, str]] = field(default_factory=list)
    exclude: list[tuple[int, int]] = field(default_factory=list)  # e.g. a DCT line in the text


_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>|([^<]+)", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def read_timeml(path: Path) -> TimexDoc:
    """A TimeML file as plain <TEXT> with gold TIMEX3 offsets into it."""
    raw = path.read_text(encoding="utf-8")
    m = re.search(r"<DCT>.*?value=\"([^\"]+)\"", raw, re.S)
    dct = m.group(1)[:10] if m else None
    body = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if body is None:
        raise EvalDataError(f"{path}: no <TEXT> element")
    parts: list[str] = []
    pos = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    gold: list[tuple[int, int, str, str]] = []
    for tm in _TAG.finditer(body.group(1)):
        if tm.group(5) is not None:
            chunk = html.unescape(tm.group(5))
            parts.append(chunk)
            pos += len(chunk)
            continue
        closing, name, attrs = tm.group(1), tm.group(2), tm.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((pos, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, a = open_timex.pop()
            if a.get("functionInDocument") != "CREATION_TIME":
                gold.append((start, pos, a.get("value", ""), a.get("type", "DATE")))
    return TimexDoc(path.stem, "".join(parts), dct, gold)


def load(folder: Path) -> list[TimexDoc]:
    files = sorted(folder.glob("*.tml"))
    if not files:
        raise EvalDataError(f"{folder}: no .tml files (see ../shared/eval/tempeval3/README.md)")
    return [read_timeml(p) for p in files]


def system_predictions(docs: list[TimexDoc]) -> list[list[tuple[int, int, str, str]]]:
    """storyledger's TIMEX3 spans and values for each document."""
    from storyledger.nlp.dates import extract_timexes
    from storyledger.nlp.pipeline import load_nlp

    nlp = load_nlp()
    mine = [n for n in nlp.pipe_names if n.startswith("storyledger_")]
    out = []
    for doc, td in zip(nlp.pipe((d.text for d in docs), disable=mine), docs, strict=True):
        preds = []
        for t in extract_timexes(doc, td.dct):
            m = t.mention
            if any(overlaps((m.start, m.end), x) for x in td.exclude):
                continue
            preds.append((m.start, m.end, t.timex or "", t.type))
        out.append(preds)
    return out


def dateparser_predictions(docs: list[TimexDoc]) -> list[list[tuple[int, int, str, str]]]:
    """The peer: dateparser.search.search_dates with the DCT as its relative base."""
    from dateparser.search import search_dates

    out = []
    for td in docs:
        settings: dict = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DATES_FROM": "past"}
        if td.dct:
            d = dt.date.fromisoformat(td.dct)
            settings["RELATIVE_BASE"] = dt.datetime(d.year, d.month, d.day)
        try:
            found = search_dates(td.text, languages=["en"], settings=settings) or []
        except Exception:  # the peer failing on a document scores it as finding nothing
            found = []
        preds = []
        cursor = 0
        for surface, when in found:
            start = td.text.find(surface, cursor)
            if start < 0:
                continue
            cursor = start + len(surface)
            if any(overlaps((start, cursor), x) for x in td.exclude):
                continue
            preds.append((start, cursor, _peer_value(surface, when), "DATE"))
        out.append(preds)
    return out


def _peer_value(surface: str, when: dt.datetime) -> str:
    """dateparser gives a datetime; keep the granularity the surface states."""
    if re.fullmatch(r"\s*\d{4}\s*", surface):
        return str(when.year)
    has_day = re.search(r"\b\d{1,2}\b|day|today|yesterday|tomorrow|ago", surface, re.I)
    if not has_day and re.search(r"[A-Za-z]{3}", surface):
        return f"{when.year}-{when.month:02d}"
    return when.date().isoformat()


@dataclass
class Scores:
    strict: tuple[float, float, float]
    relaxed: tuple[float, float, float]
    value_accuracy: float
    value_f1: float
    type_accuracy: float
    n_gold: int
    n_pred: int


def _norm(value: str) -> str:
    return value.strip().upper()


def score(
    gold_docs: Iterable[list[tuple[int, int, str, str]]],
    pred_docs: Iterable[list[tuple[int, int, str, str]]],
) -> Scores:
    """Span P/R/F1 (strict and relaxed), value accuracy on matches and TE3 value F1."""
    n_gold = n_pred = strict = relaxed = value_ok = type_ok = 0
    for gold, pred in zip(gold_docs, pred_docs, strict=True):
        n_gold += len(gold)
        n_pred += len(pred)
        gold_spans = {(g[0], g[1]) for g in gold}
        strict += sum(1 for p in pred if (p[0], p[1]) in gold_spans)
        used: set[int] = set()
        for p in pred:
            best, best_overlap = None, 0
            for k, g in enumerate(gold):
                if k in used:
                    continue
                ov = overlaps((p[0], p[1]), (g[0], g[1]))
                if ov > best_overlap:
                    best, best_overlap = k, ov
            if best is None:
                continue
            used.add(best)
            relaxed += 1
            g = gold[best]
            value_ok += _norm(p[2]) == _norm(g[2]) and bool(g[2])
            type_ok += p[3] == g[3]
    return Scores(
        strict=prf(strict, n_pred, n_gold),
        relaxed=prf(relaxed, n_pred, n_gold),
        value_accuracy=value_ok / relaxed if relaxed else 0.0,
        value_f1=prf(value_ok, n_pred, n_gold)[2],
        type_accuracy=type_ok / relaxed if relaxed else 0.0,
        n_gold=n_gold,
        n_pred=n_pred,
    )


def metrics(suite: str, docs: list[TimexDoc], target: float | None, note: str) -> list[Metric]:
    """The standard metric set for a TIMEX3 corpus (shared with the MEANTIME suite)."""
    gold = [d.gold for d in docs]
    mine = score(gold, system_predictions(docs))
    peer = score(gold, dateparser_predictions(docs))
    size = f"{len(docs)} docs, {mine.n_gold} gold TIMEX3 (DCT excluded), {mine.n_pred} predicted"
    return [
        Metric(suite, "strict_f1", mine.strict[2], note=f"{note}; {size}"),
        Metric(suite, "strict_precision", mine.strict[0]),
        Metric(suite, "strict_recall", mine.strict[1]),
        Metric(suite, "relaxed_f1", mine.relaxed[2], peer="dateparser", peer_value=peer.relaxed[2]),
        Metric(suite, "relaxed_precision", mine.relaxed[0]),
        Metric(suite, "relaxed_recall", mine.relaxed[1]),
        Metric(
            suite,
            "value_accuracy",
            mine.value_accuracy,
            peer="dateparser",
            peer_value=peer.value_accuracy,
            note="on relaxed matches",
        ),
        Metric(suite, "type_accuracy", mine.type_accuracy, note="on relaxed matches"),
        Metric(
            suite,
            "value_f1",
            mine.value_f1,
            target=target,
            peer="dateparser",
            peer_value=peer.value_f1,
            note="TE3 value score: relaxed match with equal TIMEX3 value",
        ),
    ]


def run(shared: Path) -> list[Metric]:
    folder = shared / "eval" / "tempeval3" / "te3-platinum"
    return metrics(
        SUITE, load(folder), 0.88, "TE3-Platinum test split; rules tuned on TimeBank (tbaq-cleaned)"
    )


def run_dev(shared: Path) -> list[Metric]:
    """The same scores on TimeBank, the tuning split (not reported)."""
    folder = shared / "eval" / "tempeval3" / "tbaq-cleaned" / "TimeBank"
    return metrics(SUITE + "-dev", load(folder), None, "TimeBank dev split")
