"""A story's facts as CSV: one row per outlet's report of each fact (long format: filter and
pivot at will). The story page's CSV export and `analyze --format csv` both render this."""

from __future__ import annotations

import csv
import io

from storyledger.model import Ledger
from storyledger.tables import safe_cell

CSV_FIELDS = [
    "fact",
    "kind",
    "label",
    "status",
    "article",
    "outlet",
    "published",
    "value",
    "low",
    "high",
    "qualifier",
    "sources",
    "date",
    "text",
    "start",
    "end",
]


def render_csv(ledger: Ledger) -> str:
    """Every fact of every story of the ledger, a row per report; cells safe for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    for story in ledger.stories:
        for fact in story.facts:
            for e in fact.entries:
                row = [
                    fact.id,
                    fact.kind,
                    fact.label,
                    fact.status,
                    e.article,
                    e.outlet,
                    e.published,
                    e.value,
                    e.low,
                    e.high,
                    e.qualifier,
                    " ← ".join(e.sources),
                    e.date,
                    e.text,
                    e.start,
                    e.end,
                ]
                writer.writerow([safe_cell(v) for v in row])
    return out.getvalue()
