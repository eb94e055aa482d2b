"""The outlet table as CSV: the same columns `storyledger outlets import` reads back."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from storyledger.model import Outlet
from storyledger.report.cells import safe_cell


def outlets_csv(outlets: Iterable[Outlet], tag_keys: list[str]) -> Iterator[str]:
    """Header then one line per outlet; tags as one column each (lean, owner, ...)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["name", "domains", "country", "language", "type", *tag_keys, "source"])
    for o in outlets:
        tags = {k.lower(): v for k, v in o.tags.items()}
        row = [o.name, " ".join(o.domains), o.country, o.language, o.type]
        writer.writerow(safe_cell(v) for v in [*row, *(tags.get(k) for k in tag_keys), o.source])
        yield out.getvalue()
        out.seek(0)
        out.truncate()
    if out.getvalue():
        yield out.getvalue()
