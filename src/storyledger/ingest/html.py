"""HTML pages: main text and metadata through trafilatura; no article text, no article."""

from __future__ import annotations

from storyledger.errors import InputError
from storyledger.ingest.common import (
    MAX_BYTES,
    check_article_text,
    decode,
    outlet_name,
    too_large,
)
from storyledger.ingest.source import Items, Source
from storyledger.model import RawArticle
from storyledger.published import normalise_published


def parse_html(html: str, source: str, article_id: str, url: str | None = None) -> RawArticle:
    """The article in an HTML page. Dates come only from the page's own metadata, never guessed."""
    import trafilatura

    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        raise InputError(source, "no article text found in the HTML page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = data.get("text") or ""
    if len(text.split()) < 3:
        raise InputError(source, "no article text found in the HTML page")
    text = check_article_text(text, source)
    return RawArticle(
        id=article_id,
        text=text,
        path=source if url is None else None,
        outlet=outlet_name(data.get("sitename") or data.get("hostname")),
        published=normalise_published(data.get("date")),
        title=data.get("title") or None,
        url=url or data.get("url") or None,
    )


def sniff(head: str) -> bool:
    low = head.lstrip().lower()
    return low.startswith("<") and ("<html" in low or "<!doctype html" in low)


def read_html(data: bytes, src: Source) -> Items:
    """The article in one HTML page."""
    try:
        if len(data) > MAX_BYTES:
            raise too_large(src.name, len(data))
        article = parse_html(decode(data, src.name), src.name, src.stem)
    except InputError as exc:
        yield exc
        return
    yield article
