"""The outlet table: neutral facts shipped with storyledger, and what users import on top.

Articles are linked to outlets at read time (by name or alias, else by URL domain), so an
import never rewrites stored articles and a user's tags apply to everything already stored.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import resources
from urllib.parse import urlsplit

from storyledger.errors import StoreError
from storyledger.identity import outlet_name
from storyledger.model import Outlet


@functools.cache
def shipped_outlets() -> tuple[Outlet, ...]:
    """The neutral table in store/data/outlets.tsv: name, domains, country, language, type."""
    text = resources.files("storyledger.store").joinpath("data", "outlets.tsv").read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    found = []
    for line in lines[1:]:
        row = dict(zip(header, line.split("\t"), strict=True))
        found.append(
            Outlet(
                name=row["name"],
                domains=row["domains"].split(),
                country=row["country"] or None,
                language=row["language"] or None,
                type=row["type"] or None,  # type: ignore[arg-type]
                source="shipped",
            )
        )
    return tuple(found)


def stored_outlets(conn: sqlite3.Connection) -> list[Outlet]:
    """Every outlet users imported, with domains and tags, by name."""
    domains: dict[int, list[str]] = {}
    for oid, domain in conn.execute("SELECT outlet_id, domain FROM outlet_domains ORDER BY domain"):
        domains.setdefault(oid, []).append(domain)
    tags: dict[int, dict[str, str]] = {}
    for oid, key, value in conn.execute(
        "SELECT outlet_id, key, value FROM outlet_tags ORDER BY key"
    ):
        tags.setdefault(oid, {})[key] = value
    rows = conn.execute(
        "SELECT id, name, country, language, type FROM outlets ORDER BY name COLLATE NOCASE"
    )
    return [
        Outlet(r[1], domains.get(r[0], []), r[2], r[3], r[4], tags.get(r[0], {}), "store")
        for r in rows
    ]


def all_outlets(conn: sqlite3.Connection) -> list[Outlet]:
    """Imported outlets, then shipped ones not imported under the same name."""
    stored = stored_outlets(conn)
    names = {o.name.lower() for o in stored}
    merged = stored + [o for o in shipped_outlets() if o.name.lower() not in names]
    return sorted(merged, key=lambda o: o.name.lower())


def upsert_outlets(conn: sqlite3.Connection, outlets: Iterable[Outlet]) -> int:
    """Store outlets in one transaction; a field left empty keeps what is stored (or shipped).

    A tag given an empty value is removed; tags not named are kept.
    """
    shipped = {o.name.lower(): o for o in shipped_outlets()}
    now = datetime.now(UTC).isoformat()  # to the microsecond: page caches follow it
    count = 0
    try:
        conn.execute("BEGIN IMMEDIATE")
        for o in outlets:
            base = shipped.get(o.name.lower())
            row = conn.execute(
                "SELECT id, country, language, type FROM outlets WHERE name = ?", (o.name,)
            ).fetchone()
            old = (row[1], row[2], row[3]) if row else (None, None, None)
            if base is not None and row is None:
                old = (base.country, base.language, base.type)
            values = (o.country or old[0], o.language or old[1], o.type or old[2])
            if row is None:
                cur = conn.execute(
                    "INSERT INTO outlets(name, country, language, type, updated_at) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (o.name, *values, now),
                )
                oid = cur.lastrowid
                domains = list(o.domains) or (list(base.domains) if base else [])
            else:
                oid = row[0]
                conn.execute(
                    "UPDATE outlets SET country = ?, language = ?, type = ?, updated_at = ? "
                    "WHERE id = ?",
                    (*values, now, oid),
                )
                domains = list(o.domains)
            for domain in domains:
                conn.execute(
                    "INSERT INTO outlet_domains(domain, outlet_id) VALUES (?, ?) "
                    "ON CONFLICT(domain) DO UPDATE SET outlet_id = excluded.outlet_id",
                    (normalise_domain(domain), oid),
                )
            for key, value in o.tags.items():
                if value:
                    conn.execute(
                        "INSERT INTO outlet_tags(outlet_id, key, value) VALUES (?, ?, ?) "
                        "ON CONFLICT(outlet_id, key) DO UPDATE SET value = excluded.value",
                        (oid, key, value),
                    )
                else:
                    conn.execute(
                        "DELETE FROM outlet_tags WHERE outlet_id = ? AND key = ?", (oid, key)
                    )
            count += 1
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise StoreError(f"cannot store outlets: {exc}") from exc
    return count


def tag_keys(conn: sqlite3.Connection) -> list[str]:
    """The tag keys users have imported (lean, owner, ...), sorted."""
    rows = conn.execute("SELECT DISTINCT lower(key) FROM outlet_tags ORDER BY 1")
    return [r[0] for r in rows]


def normalise_domain(value: str) -> str:
    """example.com from 'https://www.Example.com/path', 'www.example.com' or 'example.com'."""
    value = value.strip().lower()
    host = urlsplit(value).hostname if "//" in value else value.split("/")[0]
    host = (host or "").rstrip(".")
    return host[4:] if host.startswith("www.") else host


class OutletResolver:
    """Which outlet an article belongs to: its outlet name (or a known alias), else its URL."""

    def __init__(self, outlets: Iterable[Outlet]) -> None:
        self.by_name: dict[str, Outlet] = {}
        self.by_domain: dict[str, Outlet] = {}
        for o in outlets:
            self.by_name.setdefault(o.name.lower(), o)
            for d in o.domains:
                self.by_domain.setdefault(normalise_domain(d), o)
                self.by_name.setdefault(normalise_domain(d), o)  # "Source: example.com"
        # Cached per outlet name and per host (not per URL), so a scan of a million articles
        # holds as many entries as there are outlets and sites, not articles.
        self._names: dict[str, Outlet | None] = {}
        self._hosts: dict[str, Outlet | None] = {}

    @classmethod
    def from_store(cls, conn: sqlite3.Connection) -> OutletResolver:
        return cls(all_outlets(conn))

    def resolve(self, name: str | None, url: str | None = None) -> Outlet | None:
        if name:
            if name not in self._names:
                self._names[name] = self._by_name(name)
            if self._names[name] is not None:
                return self._names[name]
        if url:
            host = normalise_domain(url)
            if host not in self._hosts:
                self._hosts[host] = self._by_host(host)
            return self._hosts[host]
        return None

    def _by_name(self, name: str) -> Outlet | None:
        for candidate in (name, outlet_name(name)):
            found = self.by_name.get((candidate or "").strip().lower())
            if found:
                return found
        return None

    def _by_host(self, host: str) -> Outlet | None:
        """The outlet of this host or of a parent domain (news.example.com → example.com)."""
        while "." in host:
            if host in self.by_domain:
                return self.by_domain[host]
            _, _, host = host.partition(".")
        return None

    def group(self, by: str, name: str | None, url: str | None = None) -> str | None:
        """The outlet's value for a tag or field (country, type, language); None if unknown."""
        outlet = self.resolve(name, url)
        return outlet_value(outlet, by) if outlet else None


def outlet_value(outlet: Outlet, by: str) -> str | None:
    key = by.lower()
    if key in ("country", "language", "type"):
        return getattr(outlet, key)
    if key == "outlet":
        return outlet.name
    return next((v for k, v in outlet.tags.items() if k.lower() == key), None)


__all__ = [
    "OutletResolver",
    "all_outlets",
    "normalise_domain",
    "outlet_value",
    "shipped_outlets",
    "stored_outlets",
    "tag_keys",
    "upsert_outlets",
]
