"""Quotation marks: where quotes open and close, partial or direct, and char ranges."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

_OPEN = "“"


_CLOSE = "”"


_STRAIGHT = '"'


_QUOTE_MARKS = frozenset({'"', "“", "”", "``", "''"})


_MARKS = re.compile(r"\n|''|``|[\"“”]")


_TRIM = frozenset(",.;:—–-\"“”'`")


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].text in _TRIM or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _TRIM or doc[end - 1].is_space):
        end -= 1
    return start, end


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (“ ”, straight ", and '' as some wires write
    it). Inner quotes stay inside the outer one; a quote left open at a paragraph end
    continues only when the next paragraph opens with a mark; a ” opening a paragraph opens."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    opener = ""  # "curly" or "straight": marks of the other kind inside are nested quotes
    depth = 0
    pending_break = False
    for m in _MARKS.finditer(text):
        mark, i = m.group(), m.start()
        if mark == "\n":
            if open_at is not None:
                pending_break = True
            continue
        at_para_start = not text[text.rfind("\n", 0, i) + 1 : i].strip()
        if pending_break:
            pending_break = False
            if at_para_start and mark in (_OPEN, _STRAIGHT, "''", "``", _CLOSE):
                continue  # the quote runs on into this paragraph
            open_at, depth = None, 0
        straight = mark in (_STRAIGHT, "''")
        if open_at is None:
            if mark in (_OPEN, "``") or straight or (mark == _CLOSE and at_para_start):
                open_at, opener, depth = m.end(), ("straight" if straight else "curly"), 0
            continue
        closes_para = not text[m.end() : m.end() + 80].split("\n", 1)[0].strip()
        mixed_close = (opener == "curly" and straight and closes_para) or (
            opener == "straight" and mark == _CLOSE  # "...,” said X: no curly quote is open
        )
        if mixed_close and not depth and i > open_at:
            # “frightening." at a paragraph's end: pages mix curly and straight marks
            end = i
            while end > open_at and (text[end - 1].isspace() or text[end - 1] == ","):
                end -= 1
            if end > open_at:
                spans.append((open_at, end))
            open_at = None
            continue
        if (opener == "curly" and straight) or (opener == "straight" and not straight):
            if mark in (_OPEN, "``"):
                depth += 1
            elif mark == _CLOSE and depth:
                depth -= 1
            continue  # a quote inside the quote
        if mark in (_OPEN, "``"):
            depth += 1
            continue
        if depth:
            depth -= 1
            continue
        end = i
        while end > open_at and (text[end - 1].isspace() or text[end - 1] == ","):
            end -= 1  # the comma before a closing mark stands for the quote's full stop
        if end > open_at:
            spans.append((open_at, end))
        open_at = None
    return spans


def _is_title(span: Span) -> bool:
    words = [t for t in span if t.is_alpha]
    return len(words) >= 2 and all(t.is_title or t.is_stop for t in words) and words[0].is_title


def _is_partial(text: str, start: int) -> bool:
    """A quote is partial when a word runs into its opening mark ("the need for “...")."""
    k = start - 2  # the char before the opening mark
    while k >= 0 and text[k] in " \t":
        k -= 1
    return k >= 0 and (text[k].isalnum() or text[k] in ")%")


def _whole_paragraph(text: str, qs: int, qe: int) -> bool:
    before = text.rfind("\n", 0, qs)
    after = text.find("\n", qe)
    head = text[before + 1 : qs - 1].strip()
    tail = text[qe + 1 : after if after != -1 else len(text)].strip()
    return not head and len(tail) <= 2


def _char_range(doc: Doc, tokens: tuple[int, int]) -> tuple[int, int]:
    start, end = tokens
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1])
