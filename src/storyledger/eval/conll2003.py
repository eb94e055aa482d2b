"""CoNLL-2003 English NER (../shared/eval/conll2003): the entities the ledger uses.

Each document's sentences are joined (tokens by single spaces, sentences by a line break) and
run through the spaCy model and `extract_entities`, so the scored spans are the trimmed,
relabelled ones the ledger keeps. Labels map PERSON->PER, ORG->ORG, GPE/LOC/FAC->LOC; MISC
and the other spaCy labels are not scored. Exact-span P/R/F1 per type and micro-averaged
(conlleval style). testb is the test split, testa the dev split. Peer: the same model's own
`doc.ents` under the same label map, to show what trimming and relabelling change.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from storyledger.errors import EvalDataError
from storyledger.eval import Metric
from storyledger.eval.scoring import prf

SUITE = "conll2003"
TYPES = ("PER", "ORG", "LOC")
LABEL_MAP = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
FILES = {"test": "eng.testb", "dev": "eng.testa"}
PEER = "spaCy doc.ents (untrimmed, spaCy labels)"


@dataclass
class Document:
    text: str
    gold: set[tuple[int, int, str]] = field(default_factory=set)


def parse_conll(raw: str) -> list[Document]:
    """Documents with their gold entity char spans; IOB1 tags, DOCSTART between documents."""
    docs: list[Document] = []
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []

    def flush_sentence() -> None:
        nonlocal current
        if current:
            sentences.append(current)
            current = []

    def flush_doc() -> None:
        nonlocal sentences
        flush_sentence()
        if sentences:
            docs.append(_build(sentences))
            sentences = []

    for line in raw.splitlines():
        if line.startswith("-DOCSTART-"):
            flush_doc()
            continue
        if not line.strip():
            flush_sentence()
            continue
        parts = line.split()
        current.append((parts[0], parts[-1]))
    flush_doc()
    return docs


def _build(sentences: list[list[tuple[str, str]]]) -> Document:
    pieces: list[str] = []
    gold: set[tuple[int, int, str]] = set()
    pos = 0
    for k, sent in enumerate(sentences):
        if k:
            pieces.append("\n")
            pos += 1
        open_type: str | None = None
        open_start = 0
        last_end = pos
        for j, (tok, tag) in enumerate(sent):
            if j:
                pieces.append(" ")
                pos += 1
            start = pos
            pieces.append(tok)
            pos += len(tok)
            kind = tag[2:] if tag != "O" else None
            begins = tag.startswith("B-") or kind != open_type
            if open_type is not None and (kind is None or begins):
                gold.add((open_start, last_end, open_type))
                open_type = None
            if kind is not None and open_type is None:
                open_type, open_start = kind, start
            last_end = pos
        if open_type is not None:
            gold.add((open_start, last_end, open_type))
    return Document("".join(pieces), {g for g in gold if g[2] in TYPES})


def load_split(shared: Path, split: str) -> list[Document]:
    path = shared / "eval" / "conll2003" / FILES[split]
    if not path.exists():
        raise EvalDataError(f"{path}: CoNLL-2003 {split} file is not there")
    return parse_conll(path.read_text(encoding="utf-8"))


def run_split(shared: Path, split: str = "dev") -> list[Metric]:
    """Per-type and micro F1 on one split (dev = testa for tuning; `run` reports testb)."""
    from storyledger.nlp import components
    from storyledger.nlp.entities import extract_entities
    from storyledger.nlp.pipeline import load_nlp

    docs = load_split(shared, split)
    nlp = load_nlp()
    counts = {t: [0, 0, 0] for t in TYPES}  # tp, pred, gold
    raw = {t: [0, 0, 0] for t in TYPES}  # spaCy's own doc.ents, for comparison
    started = time.perf_counter()
    for d, parsed in zip(
        docs, nlp.pipe((d.text for d in docs), disable=list(components.COMPONENTS)), strict=True
    ):
        pred = {
            (e.start, e.end, LABEL_MAP[e.label])
            for e in extract_entities(parsed)
            if e.label in LABEL_MAP
        }
        plain = {
            (e.start_char, e.end_char, LABEL_MAP[e.label_])
            for e in parsed.ents
            if e.label_ in LABEL_MAP
        }
        _tally(counts, pred, d.gold)
        _tally(raw, plain, d.gold)
    elapsed = time.perf_counter() - started
    note = f"{split} ({FILES[split]}): {len(docs)} documents, exact spans, {elapsed:.0f}s"
    peer = {"peer": PEER, "note": note}
    metrics = [
        Metric(SUITE, f"{t.lower()}_f1", prf(*counts[t])[2], peer_value=prf(*raw[t])[2], **peer)
        for t in TYPES
    ]
    mine, plain_micro = _micro(counts), _micro(raw)
    metrics += [
        Metric(SUITE, name, mine[k], peer_value=plain_micro[k], **peer)
        for k, name in enumerate(("micro_p", "micro_r", "micro_f1"))
    ]
    return metrics


def _tally(counts: dict[str, list[int]], pred: set, gold: set) -> None:
    for t in TYPES:
        p = {x for x in pred if x[2] == t}
        g = {x for x in gold if x[2] == t}
        counts[t][0] += len(p & g)
        counts[t][1] += len(p)
        counts[t][2] += len(g)


def _micro(counts: dict[str, list[int]]) -> tuple[float, float, float]:
    tp, n_pred, n_gold = (sum(c[k] for c in counts.values()) for k in range(3))
    return prf(tp, n_pred, n_gold)


def run(shared: Path) -> list[Metric]:
    return run_split(shared, "test")
