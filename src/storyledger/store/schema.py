"""Migrations: numbered SQL files applied in order, tracked by SQLite's user_version."""

from __future__ import annotations

import re
import sqlite3
from importlib import resources

from storyledger.errors import StoreError


def migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for every file in store/migrations, in order."""
    folder = resources.files("storyledger.store").joinpath("migrations")
    found = []
    for entry in folder.iterdir():
        match = re.match(r"^(\d{4})_.*\.sql$", entry.name)
        if match:
            found.append((int(match.group(1)), entry.name, entry.read_text("utf-8")))
    return sorted(found)


def latest_version() -> int:
    return max((v for v, _, _ in migrations()), default=0)


def migrate(conn: sqlite3.Connection) -> int:
    """Bring the schema up to date, each migration in its own transaction; returns the version.

    Each migration runs under the write lock (BEGIN IMMEDIATE, waiting out the busy timeout)
    and re-reads the version inside it, so two processes opening a new store at once apply
    each migration once: the second finds it done and goes on.
    """
    current = _version(conn)
    for version, name, sql in migrations():
        if version <= current:
            continue
        try:
            conn.execute("BEGIN IMMEDIATE")
            current = _version(conn)
            if version <= current:  # another process applied it while this one waited
                conn.execute("COMMIT")
                continue
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if not isinstance(exc, sqlite3.Error) or "locked" in str(exc):
                raise  # a busy store gets the store's own message, naming the cause
            raise StoreError(f"migration {name} failed: {exc}") from exc
        current = version
    return current


def _version(conn: sqlite3.Connection) -> int:
    """The store's schema version; refuses a store newer than this storyledger."""
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > latest_version():
        raise StoreError(
            f"the store's schema (version {current}) is newer than this storyledger "
            f"(version {latest_version()}); upgrade storyledger"
        )
    return current


def _statements(sql: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    statements, buffer = [], []
    for line in sql.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        buffer.append(line)
        joined = "\n".join(buffer)
        if joined.rstrip().endswith(";") and sqlite3.complete_statement(joined):
            statements.append(joined)
            buffer = []
    if buffer:
        statements.append("\n".join(buffer))
    return statements
