"""HTML pages: main text and metadata through trafilatura; no article text, no article."""

from __future__ import annotations

from pathlib import Path

from storyledger.errors import InputError
from storyledger.ingest.common import (
    check_article_text,
    decode,
    normalise_date,
    outlet_name,
    read_bytes,
)
from storyledger.model import RawArticle


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
        published=normalise_date(data.get("date")),
        title=data.get("title") or None,
        url=url or data.get("url") or None,
    )


def read_html_file(path: Path, article_id: str | None = None) -> RawArticle:
    source = str(path)
    html = decode(read_bytes(path), source)
    return parse_html(html, source, article_id or path.stem)
