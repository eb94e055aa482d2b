"""Bulk export across the store: one row per item, with story, article, outlet and tags.

Part of the library's front door: `storyledger export`, `/api/export` and the export buttons
all call `export_rows`; tables.py writes the rows out. Rows are produced lazily from
store cursors, so memory stays flat however large the store is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from storyledger import labels
from storyledger import tables as render
from storyledger.errors import UsageError
from storyledger.model import Outlet, Story
from storyledger.store import Store, scan
from storyledger.store.outlets import OutletResolver, tag_keys

KINDS = tuple(render.KIND_COLUMNS)


ExportError = UsageError


@dataclass
class ExportFilter:
    query: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    collection: tuple[str, str] | None = None  # (tag key, value)

    @staticmethod
    def parse_collection(text: str | None) -> tuple[str, str] | None:
        """TAG=VALUE (`lean=left`, `country=GB`)."""
        if not text:
            return None
        key, sep, value = text.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ExportError(f"collection {text!r}: expected TAG=VALUE, such as lean=left")
        return key.strip().lower(), value.strip()


def export_rows(
    store: Store,
    kind: str,
    filters: ExportFilter | None = None,
    ledger_of: Callable[[str], Story] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> tuple[list[str], Iterator[dict[str, Any]]]:
    """(columns, rows) of one item kind; rows are lazy and follow store order."""
    if kind not in KINDS:
        raise ExportError(f"unknown export {kind!r}; choose from {', '.join(KINDS)}")
    filters = filters or ExportFilter()
    keys = tag_keys(store.conn)
    cols = render.columns(kind, keys)
    scanner = _Scanner(store, filters, keys, ledger_of)
    rows = getattr(scanner, kind)()
    stop = None if limit is None else offset + limit
    return cols, islice(rows, offset, stop)


def export_file(
    store: Store, kind: str, fmt: str, path: str | Path, filters: ExportFilter | None = None
) -> int:
    """Write an export to a file; returns the number of rows."""
    if fmt not in render.EXPORT_FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose from {', '.join(render.EXPORT_FORMATS)}")
    cols, rows = export_rows(store, kind, filters)
    return render.write_export(rows, cols, fmt, Path(path))


class _Scanner:
    def __init__(
        self,
        store: Store,
        filters: ExportFilter,
        keys: list[str],
        ledger_of: Callable[[str], Story] | None,
    ) -> None:
        from storyledger import api

        self.store = store
        self.f = filters
        self.keys = keys
        self.find = OutletResolver.from_store(store.conn)
        self.ledger_of = ledger_of or (lambda sid: api.story(store, sid))

    # filters and the columns every row shares ------------------------------------------

    def _outlet(self, name: str | None, url: str | None) -> Outlet | None:
        return self.find.resolve(name, url)

    def _passes(self, name: str | None, url: str | None) -> bool:
        if not self.f.outlet and not self.f.collection:
            return True
        outlet = self._outlet(name, url)
        if self.f.outlet:
            wanted = self.f.outlet.strip().lower()
            names = {(name or "").lower(), (outlet.name.lower() if outlet else "")}
            if wanted not in names:
                return False
        if self.f.collection:
            key, value = self.f.collection
            from storyledger.store.outlets import outlet_value

            found = outlet_value(outlet, key) if outlet else None
            if (found or "").lower() != value.lower():
                return False
        return True

    def _common(
        self, item: str, meta: scan.ArticleMeta | None, story: str | None, title: str | None
    ):
        outlet = self._outlet(meta.outlet, meta.url) if meta else None
        row: dict[str, Any] = {
            "item": item,
            "story": story,
            "story_title": title,
            "article": meta.id if meta else None,
            "outlet": outlet.name if outlet else (meta.outlet if meta else None),
            "outlet_country": outlet.country if outlet else None,
            "outlet_language": outlet.language if outlet else None,
            "outlet_type": outlet.type if outlet else None,
            "published": meta.published if meta else None,
        }
        tags = {k.lower(): v for k, v in outlet.tags.items()} if outlet else {}
        for k in self.keys:
            row[f"tag_{k}"] = tags.get(k)
        return row

    def _articles(self, with_record: bool = False, with_text: bool = False):
        for meta in scan.iter_articles(
            self.store.conn, self.f.query, self.f.date_from, self.f.date_to, with_record, with_text
        ):
            if self._passes(meta.outlet, meta.url):
                yield meta

    # item kinds ------------------------------------------------------------------------

    def articles(self) -> Iterator[dict[str, Any]]:
        for meta in self._articles(with_record=True, with_text=True):
            record = json.loads(meta.record or "{}")
            row = self._common(meta.id, meta, meta.story, meta.story_title)
            row.update(
                title=meta.title,
                url=meta.url,
                also_in="; ".join(record.get("also_in") or []),
                text=meta.text,
            )
            yield row

    def quotes(self) -> Iterator[dict[str, Any]]:
        for meta in self._articles(with_record=True):
            for n, q in enumerate(json.loads(meta.record or "{}").get("quotes") or []):
                row = self._common(f"{meta.id}#q{n}", meta, meta.story, meta.story_title)
                row.update(
                    speaker=q.get("speaker"),
                    speaker_mention=q.get("speaker_mention"),
                    cue=q.get("cue"),
                    quote_kind=q.get("kind"),
                    sources=labels.chain(q.get("sources") or []) if q.get("sources") else None,
                    text=q.get("text"),
                    start=q.get("start"),
                    end=q.get("end"),
                )
                yield row

    def claims(self) -> Iterator[dict[str, Any]]:
        for meta in self._articles(with_record=True):
            for n, c in enumerate(json.loads(meta.record or "{}").get("claims") or []):
                row = self._common(f"{meta.id}#c{n}", meta, meta.story, meta.story_title)
                row.update(
                    sources=" ← ".join(c.get("sources") or []),
                    cue=c.get("cue"),
                    text=c.get("text"),
                    start=c.get("start"),
                    end=c.get("end"),
                )
                yield row

    def _stories(self) -> Iterator[tuple[str, str, dict[str, scan.ArticleMeta]]]:
        """Stories with the members that pass every filter (none: the story is left out)."""
        conn = self.store.conn
        for story_id, title in scan.iter_stories(
            conn, self.f.query, self.f.date_from, self.f.date_to
        ):
            members = scan.story_articles(
                conn, story_id, self.f.query, self.f.date_from, self.f.date_to
            )
            members = {k: m for k, m in members.items() if self._passes(m.outlet, m.url)}
            if members:
                yield story_id, title, members

    def stories(self) -> Iterator[dict[str, Any]]:
        for story_id, title, members in self._stories():
            first, last, n = scan.story_dates(self.store.conn, story_id)
            story = self.ledger_of(story_id)
            row = self._common(story_id, None, story_id, title)
            outlets = []
            for m in members.values():
                o = self._outlet(m.outlet, m.url)
                label = o.name if o else m.outlet
                if label and label not in outlets:
                    outlets.append(label)
            for k in self.keys:  # every value among the story's outlets
                values = {
                    (self._outlet(m.outlet, m.url) or Outlet("")).tags.get(k)
                    for m in members.values()
                }
                row[f"tag_{k}"] = "; ".join(sorted(v for v in values if v)) or None
            row.update(
                published=first,
                last_date=last,
                n_articles=n,
                outlets="; ".join(outlets),
                n_discrepancies=len(story.discrepancies),
                text=title,
            )
            yield row

    def facts(self) -> Iterator[dict[str, Any]]:
        for story_id, title, members in self._stories():
            for fact in self.ledger_of(story_id).facts:
                for n, e in enumerate(fact.entries):
                    meta = members.get(e.article)
                    if meta is None:
                        continue
                    row = self._common(f"{fact.id}#{n}", meta, story_id, title)
                    row.update(
                        fact_kind=fact.kind,
                        label=fact.label,
                        status=fact.status,
                        value=e.value,
                        low=e.low,
                        high=e.high,
                        qualifier=e.qualifier,
                        sources=" ← ".join(e.sources),
                        date=e.date,
                        text=e.text,
                        start=e.start,
                        end=e.end,
                    )
                    yield row

    def discrepancies(self) -> Iterator[dict[str, Any]]:
        for story_id, title, members in self._stories():
            for n, d in enumerate(self.ledger_of(story_id).discrepancies):
                spans = [(ev.article, ev.text, ev.start, ev.end) for ev in d.evidence]
                spans = spans or [(a, None, None, None) for a in d.articles]
                for m, (article, text, start, end) in enumerate(spans):
                    meta = members.get(article)
                    if meta is None:
                        continue
                    row = self._common(f"{story_id}#d{n}.{m}", meta, story_id, title)
                    row.update(
                        discrepancy_kind=d.kind,
                        summary=d.summary,
                        fact=d.fact,
                        text=text,
                        start=start,
                        end=end,
                    )
                    yield row
