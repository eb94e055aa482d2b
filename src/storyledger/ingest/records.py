"""One article record (a JSON object, a table row) as a RawArticle, whatever its field names.

The names each field goes by (storyledger's own, news-please, Fundus, newspaper4k, Media Cloud,
GDELT) are in data/record_fields.tsv; `fields` maps an unusual column by hand
(`--field text=maintext`). A record without text is an error naming it; a publication date
that cannot be read costs the date, never the article: it comes back as one warning.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field

from storyledger import languages
from storyledger.errors import InputError
from storyledger.ingest.common import check_article_text, data_lines, outlet_from_url
from storyledger.model import Problem, RawArticle
from storyledger.published import parse_published

FIELDS = ("text", "id", "title", "outlet", "published", "url", "lang")


@dataclass
class Record:
    """A record read: the article and the warnings about it (kept, not skipped)."""

    article: RawArticle
    warnings: list[Problem] = field(default_factory=list)


@functools.cache
def field_names() -> dict[str, tuple[str, ...]]:
    """Our field -> the names records use for it, most preferred first."""
    rows = (line.split("\t") for line in data_lines("record_fields.tsv"))
    return {row[0]: tuple(name.lower() for name in row[1:]) for row in rows}


def parse_field_options(options: list[str] | tuple[str, ...] | None) -> dict[str, str]:
    """`["text=maintext"]` -> {"text": "maintext"}; a malformed option is an InputError."""
    mapping: dict[str, str] = {}
    for option in options or ():
        ours, sep, theirs = option.partition("=")
        ours, theirs = ours.strip().lower(), theirs.strip()
        if not sep or ours not in FIELDS or not theirs:
            raise InputError(
                f"--field {option}", f"expected FIELD=COLUMN with FIELD one of {', '.join(FIELDS)}"
            )
        mapping[ours] = theirs
    return mapping


def pick(record: Mapping[str, object], name: str, fields: Mapping[str, str]) -> object:
    """The record's value for our field `name`: a mapped column first, then the usual names."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    names = (fields[name].lower(),) if name in fields else field_names()[name]
    for key in names:
        value = lowered.get(key)
        if isinstance(value, str) and not value.strip():
            continue  # a blank cell is no value
        if value not in (None, [], {}):
            return value
    if name == "url" and "url" not in fields and isinstance(lowered.get("html"), dict):
        return pick(lowered["html"], "url", {})  # Fundus keeps the URLs under "html"
    return None


def _text(value: object) -> str | None:
    """Text as a string, a list of paragraphs, or Fundus's body {summary, sections}."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(p, str) for p in value):
        return "\n\n".join(value)
    if isinstance(value, dict):
        parts: list[str] = []
        for key in ("summary", "sections"):
            part = value.get(key)
            if isinstance(part, list):
                for item in part:
                    if isinstance(item, dict):
                        parts += [p for p in item.get("paragraphs", []) if isinstance(p, str)]
                    elif isinstance(item, str):
                        parts.append(item)
        return "\n\n".join(parts) or None
    return None


def _scalar(value: object, name: str, source: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict) and name == "outlet" and isinstance(value.get("name"), str):
        value = value["name"]  # {"source": {"id": ..., "name": "..."}}
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InputError(source, f"'{name}' must be a string")
    return str(value).strip() or None


def read_record(
    record: object, source: str, fallback_id: str, fields: Mapping[str, str] | None = None
) -> Record:
    """The article in one record; InputError when it holds none."""
    fields = fields or {}
    if not isinstance(record, dict):
        raise InputError(source, "record is not a JSON object")
    text = _text(pick(record, "text", fields))
    if text is None or not text.strip():
        wanted = fields.get("text") or "text"
        raise InputError(source, f"record has no '{wanted}'")
    values = {
        name: _scalar(pick(record, name, fields), name, source)
        for name in ("id", "title", "outlet", "url", "lang")
    }
    lang = languages.DEFAULT
    if values["lang"] is not None:  # a record stating its language is read in it, or refused
        lang = languages.code_of(values["lang"]) or ""
        if not lang:
            raise InputError(source, languages.unsupported(values["lang"]))
    warnings = []
    raw_date = pick(record, "published", fields)
    published = parse_published(raw_date)
    if raw_date is not None and published is None:
        warnings.append(
            Problem(source, f"unreadable publication date {raw_date!r}; kept undated", kept=True)
        )
    url = values["url"]
    article = RawArticle(
        id=values["id"] or fallback_id,
        text=check_article_text(text, source, lang),
        path=source.rsplit(":", 1)[0],
        outlet=values["outlet"] or (outlet_from_url(url) if url else None),
        published=published.value if published else None,
        title=values["title"],
        url=url,
        lang=lang,
    )
    return Record(article, warnings)


def record_to_article(
    record: object, source: str, fallback_id: str, fields: Mapping[str, str] | None = None
) -> RawArticle:
    """The article alone, for callers that refuse rather than warn (its date unread is None)."""
    return read_record(record, source, fallback_id, fields).article
