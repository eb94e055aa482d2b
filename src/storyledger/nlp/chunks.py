"""Long articles: cut at paragraph ends into pieces spaCy can take, offsets mapped back.

Why: spaCy refuses a text over `nlp.max_length` (1,000,000 characters, error E088), and its
memory grows with the length of one Doc. A text longer than `CHUNK_CHARS` is processed as
paragraph-aligned pieces, each its own Doc; every record's `start`/`end` is shifted by its
piece's offset, so spans still index the whole text. Quotes, claims and figures live within a
paragraph, so cutting only at paragraph ends loses nothing a reader would attribute across the
cut; an entity's canonical name is the fullest one its own piece gives.

Above `MAX_CHARS` an article is refused. 2,000,000 characters is twice spaCy's own limit,
the most the web API takes as one article's text (so the CLI and the web accept the same
articles), and some 400 long news reports' worth: no single report comes near it (the longest
features run to about 100,000 characters), so a longer text is a book, a dump or many
articles run together. Extraction runs at a few thousand characters a second per process
(a 1.2 MB article took 410 s on the shared 2-core test machine), so the cap also bounds how
long one input can hold a worker: about ten minutes.
"""

from __future__ import annotations

import dataclasses
import re

from storyledger.model import ARTICLE_LISTS, Article, Problem, RawArticle

CHUNK_CHARS = 100_000  # one piece at most: a tenth of spaCy's limit, ~25 long articles
MAX_CHARS = 2_000_000  # longer texts are refused, not extracted

# Where a piece may end, best first: a blank line, a line end, a sentence end, any space.
_CUTS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"[.!?][\"'”’)\]]*\s+"),
    re.compile(r"\s+"),
)


def pieces(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces covering `text`, each at most `size` characters.

    A piece ends after the last paragraph break within `size`; without one, after the last
    line end, sentence end or space, and only a text with no space at all is cut mid-word.
    """
    spans = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = size
        for pattern in _CUTS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() < size]
            if ends and ends[-1] > size // 4:  # a cut near the start would make a tiny piece
                cut = ends[-1]
                break
        spans.append((start, start + cut))
        start += cut
    spans.append((start, len(text)))
    return spans


def shifted(article: Article, offset: int) -> Article:
    """The article with every record's `start`/`end` moved by `offset` characters."""
    if not offset:
        return article
    moved = {
        name: [
            dataclasses.replace(r, start=r.start + offset, end=r.end + offset)
            for r in getattr(article, name)
        ]
        for name in ARTICLE_LISTS
    }
    return dataclasses.replace(article, **moved)


def refusal(raw: RawArticle) -> Problem | None:
    """The Problem for an article over the hard cap; None when it can be extracted."""
    if len(raw.text) <= MAX_CHARS:
        return None
    return Problem(
        source_of(raw),
        f"too long to extract ({len(raw.text):,} characters; the limit is {MAX_CHARS:,})",
    )


def source_of(raw: RawArticle) -> str:
    """The input as a user would name it: the file (and the record in it), the URL, or the id."""
    where = raw.path or raw.url
    if where is None:
        return raw.id
    return where if raw.id in where else f"{where} (article {raw.id})"
