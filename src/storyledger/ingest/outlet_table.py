"""A user's outlet table (CSV) read into Outlet records, one Problem per bad row.

Columns: `name` (required), `domains` (or `domain`, `url`; several separated by spaces or
semicolons), `country`, `language`, `type`; every other column is a user tag (lean, owner,
region, ...). A bad row is named with its line and reason; the other rows still count.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from storyledger.errors import InputError
from storyledger.ingest.common import decode, read_bytes
from storyledger.model import OUTLET_TYPES, Outlet, Problem

FIELDS = ("name", "domains", "country", "language", "type")
DOMAIN_COLUMNS = ("domains", "domain", "url", "urls")
MAX_CELL = 500


def _type(value: str) -> str | None:
    """'Public broadcaster', 'public_broadcaster', 'STATE OWNED' → the canonical type."""
    cleaned = " ".join(value.replace("_", " ").replace("-", " ").lower().split())
    for known in OUTLET_TYPES:
        if cleaned == known.replace("-", " "):
            return known
    return None


def read_outlets_csv(path: str | Path) -> tuple[list[Outlet], list[Problem]]:
    """Outlets from a CSV file; raises InputError when the file itself cannot be used."""
    source = str(path)
    text = decode(read_bytes(Path(path)), source)
    return parse_outlets_csv(text, source)


def parse_outlets_csv(text: str, source: str) -> tuple[list[Outlet], list[Problem]]:
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise InputError(source, "no header row")
    header = [(h or "").strip().lower() for h in reader.fieldnames]
    if "name" not in header:
        raise InputError(source, "no `name` column (the outlet's display name is required)")
    if len(set(header)) != len(header):
        raise InputError(source, "a column name appears twice")
    outlets: list[Outlet] = []
    problems: list[Problem] = []
    seen: set[str] = set()
    for raw in reader:
        where = f"{source}:{reader.line_num}"
        row = {
            (k or "").strip().lower(): (v or "").strip() if isinstance(v, str) else ""
            for k, v in raw.items()
        }
        if None in raw:
            problems.append(Problem(where, "more cells than columns"))
            continue
        if any(len(v) > MAX_CELL for v in row.values()):
            problems.append(Problem(where, f"a cell is longer than {MAX_CELL} characters"))
            continue
        name = row.get("name", "")
        if not name:
            problems.append(Problem(where, "no outlet name"))
            continue
        if name.lower() in seen:
            problems.append(Problem(where, f"{name!r} is listed twice; the first row counts"))
            continue
        kind = row.get("type", "")
        outlet_type = _type(kind) if kind else None
        if kind and outlet_type is None:
            problems.append(
                Problem(where, f"type {kind!r} is not one of: {', '.join(OUTLET_TYPES)}")
            )
            continue
        domains: list[str] = []
        for column in DOMAIN_COLUMNS:
            domains += row.get(column, "").replace(";", " ").split()
        tags = {k: v for k, v in row.items() if k and k not in FIELDS and k not in DOMAIN_COLUMNS}
        seen.add(name.lower())
        outlets.append(
            Outlet(
                name=name,
                domains=domains,
                country=row.get("country") or None,
                language=row.get("language") or None,
                type=outlet_type,  # type: ignore[arg-type]
                tags=tags,
            )
        )
    return outlets, problems
