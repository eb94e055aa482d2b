"""Load the spaCy model with storyledger's components and turn raw articles into Articles."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyledger import languages
from storyledger.errors import InputError, ModelError
from storyledger.model import ARTICLE_LISTS, Article, Problem, RawArticle
from storyledger.nlp import chunks, components

MODEL = languages.model()  # English's model; each language's is in data/languages.json


@functools.lru_cache(maxsize=2)
def load_nlp(model: str = MODEL) -> Language:
    """The model plus storyledger's components, loaded once per process."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # not installed
        raise ModelError(f"spaCy model {model!r} is not installed: {exc}") from exc
    for name in components.COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def nlp_for(lang: str) -> Language:
    """The pipeline for a language, its model named in data/languages.json (KeyError for a
    language storyledger does not read)."""
    return load_nlp(languages.model(lang))


def _make_doc(nlp: Language, text: str, published: str | None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.sl_published = published
    return doc


def article_from_doc(raw: RawArticle, doc: Doc) -> Article:
    """Copy the component results off the Doc into a plain record."""
    return Article(
        id=raw.id,
        text=raw.text,
        path=raw.path,
        outlet=raw.outlet,
        published=raw.published,
        title=raw.title,
        url=raw.url,
        also_in=list(raw.also_in),
        lang=raw.lang,
        entities=list(doc._.sl_entities or []),
        quotes=list(doc._.sl_quotes or []),
        claims=list(doc._.sl_claims or []),
        quantities=list(doc._.sl_quantities or []),
        dates=list(doc._.sl_dates or []),
        descriptors=list(doc._.sl_descriptors or []),
    )


def extract(
    raws: Iterable[RawArticle],
    nlp: Language | None = None,
    batch_size: int = 16,
    on_problem: Callable[[Problem], None] | None = None,
    piece_chars: int = chunks.CHUNK_CHARS,
) -> Iterator[Article]:
    """Extract every raw article, streaming, in input order.

    An article the pipeline cannot take (longer than `chunks.MAX_CHARS`, or any error while
    extracting it) goes to `on_problem` as a Problem naming it, and the rest go on; without
    `on_problem` it raises InputError. Texts longer than `piece_chars` are extracted in
    paragraph-aligned pieces, offsets mapped back to the whole text.
    """
    it = iter(raws)
    while batch := list(islice(it, batch_size)):
        yield from delivered(_by_language(nlp, batch, batch_size, piece_chars), on_problem)


def delivered(
    outcomes: Iterable[Article | Problem], on_problem: Callable[[Problem], None] | None
) -> Iterator[Article]:
    """Articles passed on, Problems handed to `on_problem` (or raised when there is none)."""
    for outcome in outcomes:
        if isinstance(outcome, Article):
            yield outcome
        elif on_problem is not None:
            on_problem(outcome)
        else:
            raise InputError(outcome.source, outcome.reason)


def _by_language(
    nlp: Language | None, batch: list[RawArticle], size: int, piece_chars: int
) -> list[Article | Problem]:
    """The batch's outcomes in order, each article through its language's pipeline (or
    `nlp` when the caller gives one); an unsupported language is a Problem naming it."""
    if nlp is not None:
        return _extract_batch(nlp, batch, size, piece_chars)
    done: dict[int, Article | Problem] = {}
    for lang in dict.fromkeys(raw.lang for raw in batch):
        part = [raw for raw in batch if raw.lang == lang]
        if lang not in languages.table():
            reason = languages.unsupported(lang)
            for raw in part:
                done[id(raw)] = Problem(chunks.source_of(raw), reason)
            continue
        outcomes = _extract_batch(nlp_for(lang), part, size, piece_chars)
        done.update((id(raw), o) for raw, o in zip(part, outcomes, strict=True))
    return [done[id(raw)] for raw in batch]


def _extract_batch(
    nlp: Language, batch: list[RawArticle], size: int, piece_chars: int
) -> list[Article | Problem]:
    """One outcome per raw article; a failure costs only its own article."""
    short = [raw for raw in batch if len(raw.text) <= piece_chars]
    done: dict[int, Article | Problem] = {}
    try:
        docs = nlp.pipe((_make_doc(nlp, r.text, r.published) for r in short), batch_size=size)
        for raw, doc in zip(short, docs, strict=True):
            done[id(raw)] = article_from_doc(raw, doc)
    except Exception:  # one article broke the batch: find it, one at a time
        for raw in short:
            done[id(raw)] = _extract_pieces(nlp, raw, [(0, len(raw.text))])
    for raw in batch:
        if id(raw) not in done:
            done[id(raw)] = _extract_long(nlp, raw, piece_chars)
    return [done[id(raw)] for raw in batch]


def _extract_long(nlp: Language, raw: RawArticle, piece_chars: int) -> Article | Problem:
    """A long article piece by piece (one Doc alive at a time), or refused over the cap."""
    refused = chunks.refusal(raw)
    if refused is not None:
        return refused
    return _extract_pieces(nlp, raw, chunks.pieces(raw.text, piece_chars))


def _extract_pieces(
    nlp: Language, raw: RawArticle, spans: list[tuple[int, int]]
) -> Article | Problem:
    """The article from its pieces (one piece: the whole text), or a Problem naming it."""
    try:
        docs = nlp.pipe(
            (_make_doc(nlp, raw.text[a:b], raw.published) for a, b in spans), batch_size=1
        )
        parts = [
            chunks.shifted(article_from_doc(raw, doc), a)
            for (a, _), doc in zip(spans, docs, strict=True)
        ]
    except Exception as exc:
        reason = " ".join(str(exc).split())[:300] or type(exc).__name__
        return Problem(chunks.source_of(raw), f"could not be extracted ({reason})")
    whole = parts[0]
    for part in parts[1:]:
        for name in ARTICLE_LISTS:
            getattr(whole, name).extend(getattr(part, name))
    return whole


def extract_one(raw: RawArticle, nlp: Language | None = None) -> Article:
    return next(extract([raw], nlp))
