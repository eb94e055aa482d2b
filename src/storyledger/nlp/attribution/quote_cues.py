"""The cue of a quote: its ancestors in the parse, a colon, a dash or handle after it, or
the sentence before or after a quote standing alone."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from storyledger.nlp.attribution.cues import _Cue
from storyledger.nlp.attribution.lexicon import cue_verbs, intro_verbs, quote_nouns
from storyledger.nlp.attribution.marks import _QUOTE_MARKS
from storyledger.nlp.attribution.speakers import _NAME_ORDER, Source, _Context, _resolve, _subject


def _cue_for_quote(doc: Doc, span: Span, by_token: dict[int, _Cue], qs: int, qe: int):
    """The cue a quote hangs on: nearest cue ancestor (or its "according to"), else a cue verb
    in the quote's last sentence outside the quote."""
    by_token = {i: c for i, c in by_token.items() if c.speech}
    best: tuple[int, _Cue] | None = None
    for t in span:
        if span.start <= t.head.i < span.end and t.head.i != t.i:
            continue
        depth = 0
        anc = t
        while True:
            if not (qs <= anc.idx < qe) and anc.i in by_token:
                cand = by_token[anc.i]
                if best is None or depth < best[0]:
                    best = (depth, cand)
                break
            according = next(
                (c for c in anc.children if by_token.get(c.i) and c.lower_ == "according"),
                None,
            )
            if according is not None and not (qs <= according.idx < qe):
                if best is None or depth < best[0]:
                    best = (depth, by_token[according.i])
                break
            if anc.head.i == anc.i:
                break
            anc = anc.head
            depth += 1
    if best is not None:
        return best[1]
    sent = doc[span.end - 1].sent
    near = [
        c
        for i, c in by_token.items()
        if sent.start <= i < sent.end and not (qs <= c.start < qe) and c.source is not None
    ]
    if near:
        return min(near, key=lambda c: min(abs(c.start - qe), abs(c.start - qs)))
    return None


_HANDLE = re.compile(r"[\"”'`]*\s*[-―—–]+\s*@(\w{2,30})")


def _handle_cue(ctx: _Context, qe: int) -> _Cue | None:
    """'"..."-@DrHalvorsen' (a post quoted with its author's handle): the speaker is the
    person whose name the handle spells, else the handle itself."""
    m = _HANDLE.match(ctx.text, qe)
    if m is None:
        return None
    handle = m.group(1).lower()
    name = next(
        (
            e.canonical
            for e in ctx.entities
            if e.label in ("PERSON", "ORG")
            and any(len(w) >= 4 and w.lower() in handle for w in e.canonical.split())
        ),
        None,
    )
    span = ctx.doc.char_span(m.start(1) - 1, m.end(1), alignment_mode="expand")
    if span is None:
        return None
    tok = span[0]
    cue = _Cue(tok, "@", m.start(1) - 1, m.start(1), None, None)
    cue.source = Source("@" + m.group(1), m.start(1) - 1, m.end(1), name)
    return cue


def _dash_cue(ctx: _Context, qe: int) -> _Cue | None:
    """'“...” ― Sonya Herridge': a name after a dash closing the quote's line."""
    handle = _handle_cue(ctx, qe)
    if handle is not None:
        return handle
    doc = ctx.doc
    span = ctx.doc.char_span(qe, qe + 1, alignment_mode="expand")
    if span is None:
        return None
    i = span.start
    while i < len(doc) and (
        doc[i].text in _QUOTE_MARKS
        or doc[i].text in ",."
        or (doc[i].is_space and "\n" not in doc[i].text)
    ):
        i += 1
    if i + 1 >= len(doc) or doc[i].text.lstrip("”\"'") not in ("―", "—", "–", "-", "--"):
        return None  # ("”―" comes as one token)
    first = i + 1
    while first < len(doc) and doc[first].is_space and "\n" not in doc[first].text:
        first += 1
    end = first
    while end < len(doc) and "\n" not in doc[end].text and doc[end].text not in ",.;(":
        end += 1
    if end <= first or (not doc[first].is_title and not doc[first].is_upper):
        return None
    name_span = doc[first:end]
    ent = ctx.entity_at(first)
    name = ent.canonical if ent is not None and ent.label in _NAME_ORDER else None
    dash = doc[i]
    cue = _Cue(dash, dash.text, dash.idx, dash.idx + len(dash), None, None)
    cue.source = Source(name_span.text, name_span.start_char, name_span.end_char, name)
    return cue


def _colon_cue(ctx: _Context, qs: int, by_token: dict[int, _Cue]) -> _Cue | None:
    """The cue of "X continued:" right before a quote (across a line break too): any verb
    with a subject introduces the quote its colon opens ("made the following comment:")."""
    doc = ctx.doc
    span = doc.char_span(qs, qs, alignment_mode="expand")
    i = (span.start if span is not None else len(doc)) - 1
    while i >= 0 and (doc[i].is_space or doc[i].text in _QUOTE_MARKS):
        i -= 1
    if i < 1 or doc[i].text != ":":
        return None
    k = i - 1
    while k >= 0 and doc[k].pos_ in ("ADV", "PART", "ADP", "NOUN", "PROPN", "DET", "ADJ"):
        k -= 1  # "said in a statement:", "told reporters:"
    for j in (i - 1, k):
        if j >= 0 and j in by_token and by_token[j].source is not None:
            return by_token[j]
    for j in (i - 1, k):
        if j < 0 or doc[j].pos_ not in ("VERB", "AUX"):
            continue
        subj = _subject(doc[j])
        if subj is not None:
            verb = doc[j]
            cue = _Cue(verb, verb.text, verb.idx, verb.idx + len(verb), None, None)
            cue.source = _resolve(ctx, subj)
            if verb.pos_ == "AUX" and cue.source.name is None:
                continue  # "The problem is: ..." names no one; "Hochul was blunt: ..." does
            return cue
    return None


_DEMONSTRATIVES = frozenset({"this", "that", "these", "those"})


def neighbour_cue(ctx: _Context, qs: int, qe: int, by_token: dict[int, _Cue]) -> _Cue | None:
    """The speaker of a quote that stands as a sentence of its own, named in the sentence
    before it ("Governor X spoke to reporters on Friday. “...”", across one paragraph break
    too) or only in the sentence after it ("“...” Those were the words of Mayor X.",
    "“...” That is what X told reporters."). Only a resolved name counts."""
    doc = ctx.doc
    span = doc.char_span(qs, qe, alignment_mode="expand")
    if span is None:
        return None
    text = ctx.text
    before = span.start - 1
    while before >= 0 and (doc[before].is_space or doc[before].text in _QUOTE_MARKS):
        before -= 1
    if before >= 0 and doc[before].text.rstrip("\"”'")[-1:] in (".", "!", "?", ":"):
        gap = text[doc[before].idx + 1 : qs - 1]
        if not gap.strip(" \n\"“”'") and gap.count("\n") <= 2:
            cue = _intro_cue(ctx, doc[before].sent, by_token)
            if cue is not None:
                return cue
    after = span.end
    while after < len(doc) and (
        doc[after].is_space or doc[after].text in _QUOTE_MARKS or doc[after].text in ".!?"
    ):
        after += 1
    if after >= len(doc) or text[qe : doc[after].idx].count("\n") > 2:
        return None
    if any(c in text[qe : doc[after].idx] for c in ",;"):
        return None  # '“...,” she said' is the quote's own sentence, read elsewhere
    return _outro_cue(ctx, doc[after].sent, by_token)


def _intro_cue(ctx: _Context, sent: Span, by_token: dict[int, _Cue]) -> _Cue | None:
    root = sent.root
    cue = by_token.get(root.i)
    if cue is not None and cue.source is not None and cue.source.name and cue.speech:
        return cue
    if root.pos_ != "VERB" or root.lemma_.lower() not in intro_verbs() | cue_verbs():
        return None
    subj = _subject(root)
    if subj is None:
        return None
    cue = _Cue(root, root.text, root.idx, root.idx + len(root), None, None)
    cue.source = _resolve(ctx, subj)
    return cue if cue.source.name else None


def _outro_cue(ctx: _Context, sent: Span, by_token: dict[int, _Cue]) -> _Cue | None:
    pointing = any(t.lower_ in _DEMONSTRATIVES and t.i - sent.start < 3 for t in sent)
    for t in sent:
        cue = by_token.get(t.i)
        if pointing and cue is not None and cue.speech and cue.source and cue.source.name:
            return cue
        if t.lemma_.lower() in quote_nouns() and (pointing or t.i - sent.start < 3):
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ in ("of", "from", "by"):
                    obj = next((c for c in p.children if c.dep_ == "pobj"), None)
                    if obj is None:
                        continue
                    cue = _Cue(t, t.text, t.idx, t.idx + len(t), None, None)
                    cue.source = _resolve(ctx, obj)
                    if cue.source.name:
                        return cue
    return None
