"""Opening a store file safely, and SQLite's errors as one message a user can act on."""

from __future__ import annotations

import functools
import inspect
import os
import random
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from storyledger.errors import StoreError


def guarded(method: Callable) -> Callable:
    """The method with SQLite's errors turned into one StoreError naming the store."""
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def rows(self: Any, *args: Any, **kwargs: Any) -> Iterator:
            try:
                yield from method(self, *args, **kwargs)
            except sqlite3.DatabaseError as exc:
                raise store_error(self.path, exc) from exc

        return rows

    @functools.wraps(method)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            raise store_error(self.path, exc) from exc

    return call


def guard_methods(cls: type) -> type:
    """Every public method of `cls` and its bases guarded: a damaged store is a message, not
    a traceback."""
    for name in dir(cls):
        value = inspect.getattr_static(cls, name)
        if inspect.isfunction(value) and not name.startswith("_"):
            setattr(cls, name, guarded(value))
    return cls


def check_file(path: Path, readonly: bool, create: bool) -> None:
    """Refuse, with the real reason, a path that cannot be a store before SQLite touches it."""
    if path.is_dir():
        raise StoreError(f"{path} is a folder; a store is one file")
    if not path.exists():
        if readonly or not create:
            raise StoreError(f"no store at {path} (run `storyledger ingest` first)")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot write in {path.parent} ({exc.strerror or exc})") from exc
    elif not path.is_file():
        raise StoreError(f"{path} is not a regular file, so it cannot be a store")
    if readonly:
        if not os.access(path, os.R_OK):
            raise StoreError(f"cannot read {path}: permission denied")
        return
    folder = path.parent
    if not os.access(folder, os.W_OK):  # SQLite keeps its journal (-wal, -shm) beside the file
        raise StoreError(f"cannot write in {folder}: the folder is read-only")
    if path.exists() and not os.access(path, os.W_OK):
        raise StoreError(f"cannot write {path}: the file is read-only")


def check_is_store(conn: sqlite3.Connection, path: str, readonly: bool) -> None:
    """A SQLite file another program made is refused, never migrated into a store."""
    conn.execute("BEGIN")  # one snapshot: another process may be migrating this new file
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.execute("COMMIT")
    if version == 0 and not tables and not readonly:
        return  # a new (or empty) file: becomes a store
    if version == 0 or "articles" not in tables:
        held = ", ".join(sorted(tables)[:5])
        reason = f"a SQLite database of other tables: {held}" if held else "it holds no tables"
        raise StoreError(f"{path}: not a storyledger store ({reason})")


def use_wal(conn: sqlite3.Connection, timeout: float = 30.0) -> None:
    """Switch the file to WAL, retrying while another process holds it.

    SQLite answers SQLITE_BUSY at once, without the busy handler, when two connections change
    a new file's journal mode together (each holds the shared lock the other must wait out),
    so processes opening one new store at once would fail; they wait their turn instead.
    """
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause * (1 + random.random()))
            pause = min(pause * 2, 0.2)


def store_error(path: str, exc: sqlite3.Error) -> StoreError:
    """SQLite's error as one message naming the store and the cause a user can act on."""
    message = str(exc)
    low = message.lower()
    if "file is not a database" in low:
        return StoreError(f"{path}: not a storyledger store (not a SQLite file, or a damaged one)")
    if "malformed" in low or "corrupt" in low:
        return StoreError(f"{path}: the store is damaged ({message}); restore it from a copy")
    if "locked" in low or "busy" in low:
        return StoreError(f"{path}: the store stayed busy (another process is writing to it)")
    if "readonly" in low or "read-only" in low or "unable to open" in low:
        folder = Path(path).resolve().parent
        if not os.access(folder, os.W_OK):
            return StoreError(f"cannot write in {folder}: the folder is read-only")
        return StoreError(f"{path}: cannot be opened for writing ({message})")
    return StoreError(f"{path}: {message}")


def fts_query(text: str) -> str:
    """User words as an FTS5 query of quoted terms (no FTS syntax from users reaches SQLite)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words) or '""'


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_").replace('"', '\\"')
