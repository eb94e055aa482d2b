"""MEANTIME (English Wikinews): TIMEX3 extraction and normalisation, scored like TempEval-3.

The CAT XML gives tokens, not text: they are detokenised (one line per sentence, no space
before closing punctuation) and gold TIMEX3 token anchors become character spans. The DCT is
the CREATION_TIME TIMEX3; its own mention in the text (the dateline) is left out of gold and
predictions alike. Only the title, dateline and first sentences (sentence numbers 0-5) carry
TIMEX3 annotation, so only they are scored. MEANTIME has no official split; storyledger
uses the airbus and apple sub-corpora (60 docs) as dev for tuning (`run_dev`) and reports on
gm and stock (60 docs) as test.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from storyledger.errors import EvalDataError
from storyledger.eval import Metric
from storyledger.eval.tempeval3 import TimexDoc, metrics
from storyledger.nlp.dates import normalise

SUITE = "meantime"
ANNOTATED_SENTENCES = 5  # the last sentence number with TIMEX3 annotation
_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]|'s|'|n't|'re|'ve|'ll|'d|'m)$", re.I)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#"}


def read_cat(path: Path) -> TimexDoc:
    """One CAT XML document as text, DCT and gold TIMEX3 spans."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise EvalDataError(f"{path}: {exc}") from exc
    parts: list[str] = []
    spans: dict[str, tuple[int, int]] = {}
    pos = 0
    last_sentence = None
    prev = ""
    for tok in root.iter("token"):
        word = tok.text or ""
        sentence = tok.get("sentence")
        if int(sentence or 0) > ANNOTATED_SENTENCES:
            break
        if last_sentence is not None:
            if sentence != last_sentence:
                sep = "\n"
            elif _NO_SPACE_BEFORE.match(word) or prev in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        spans[tok.get("t_id", "")] = (pos, pos + len(word))
        parts.append(word)
        pos += len(word)
        last_sentence, prev = sentence, word
    text = "".join(parts)
    dct = None
    gold: list[tuple[int, int, str, str]] = []
    exclude: list[tuple[int, int]] = []
    markables = root.find("Markables")
    for timex in markables.iter("TIMEX3") if markables is not None else []:
        anchors = [
            spans[a.get("t_id", "")] for a in timex.iter("token_anchor") if a.get("t_id") in spans
        ]
        value = timex.get("value", "")
        span = (min(a[0] for a in anchors), max(a[1] for a in anchors)) if anchors else None
        if timex.get("functionInDocument") == "CREATION_TIME":
            dct = _iso(value)
            if span:
                exclude.append(span)
        elif span:
            gold.append((span[0], span[1], value, timex.get("type", "DATE")))
    if dct is None:  # two files lack the CREATION_TIME markable: read their dateline instead
        lines = text.split("\n")
        if len(lines) > 1:
            _, value = normalise(lines[1], None)
            if value and re.fullmatch(r"\d{4}-\d\d-\d\d", value):
                dct = value  # (these files annotate the dateline as an ordinary TIMEX3)
    return TimexDoc(path.stem, text, dct, sorted(gold), exclude)


def _iso(value: str) -> str | None:
    """The DCT as YYYY-MM-DD; one file writes it DD-MM-YYYY."""
    if re.fullmatch(r"\d{4}-\d\d-\d\d.*", value):
        return value[:10]
    m = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value)
    return f"{m.group(3)}-{m.group(2)}-{m.group(1)}" if m else None


DEV = ("corpus_airbus", "corpus_apple")
TEST = ("corpus_gm", "corpus_stock")


def load(shared: Path, corpora: tuple[str, ...] = TEST) -> list[TimexDoc]:
    folder = shared / "eval" / "meantime-en" / "intra_cross-doc_annotation"
    files = sorted(p for c in corpora for p in (folder / c).glob("*.xml"))
    if not files:
        raise EvalDataError(f"{folder}: no MEANTIME XML files (see ../shared/eval/meantime-en)")
    return [read_cat(p) for p in files]


def run(shared: Path) -> list[Metric]:
    return metrics(
        SUITE,
        load(shared, TEST),
        0.80,
        "MEANTIME English test part (gm, stock); tuned on airbus, apple",
    )


def run_dev(shared: Path) -> list[Metric]:
    """The same scores on airbus and apple, the tuning half (not reported)."""
    note = "MEANTIME English dev part (airbus, apple)"
    return metrics(SUITE + "-dev", load(shared, DEV), None, note)
