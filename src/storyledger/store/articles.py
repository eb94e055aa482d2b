"""Reads of the articles table: what is stored, where each article lives, and search.

A mixin of `Store` (it reads `self.conn`); every query the web app and the ingest need on
articles is a named method here, so no caller writes SQL.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

from storyledger.errors import NotFoundError
from storyledger.identity import content_hash
from storyledger.model import Article, SearchHit, article_from_dict
from storyledger.store.connection import fts_query

MAX_LABELS = 500  # ids labelled at once (a submission lists at most this many)


class ArticleReads:
    conn: sqlite3.Connection

    def _present(self, column: str, values: Iterable[str]) -> set[str]:
        """Which of these values the articles table holds in `column` (id or content_hash)."""
        assert column in ("id", "content_hash")
        items = list(set(values))
        found: set[str] = set()
        for i in range(0, len(items), 500):
            chunk = items[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT {column} FROM articles WHERE {column} IN ({marks})", chunk
            )
            found.update(r[0] for r in rows)
        return found

    def known_hashes(self, texts: Iterable[str]) -> set[str]:
        """Content hashes of these texts that the store already holds."""
        return self._present("content_hash", (content_hash(t) for t in texts))

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids the store already holds."""
        return self._present("id", ids)

    def count_articles(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def counts(self) -> tuple[int, int]:
        """(articles, stories) in the store."""
        stories = self.conn.execute("SELECT count(*) FROM stories").fetchone()[0]
        return self.count_articles(), stories

    def get_article(self, article_id: str) -> Article:
        row = self.conn.execute(
            "SELECT record FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no article {article_id!r} in the store")
        return article_from_dict(json.loads(row[0]))

    def story_of(self, article_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT story_id FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def located_article(self, article_id: str) -> tuple[str | None] | None:
        """(story id,) of a stored article, None when the store does not hold it."""
        row = self.conn.execute(
            "SELECT story_id FROM articles WHERE id = ?", (article_id,)
        ).fetchone()
        return (row[0],) if row is not None else None

    def articles_of_story(self, story_id: str) -> list[Article]:
        rows = self.conn.execute(
            "SELECT record FROM articles WHERE story_id = ? ORDER BY published IS NULL, "
            "published, rowid",
            (story_id,),
        ).fetchall()
        return [article_from_dict(json.loads(r[0])) for r in rows]

    def iter_articles(self) -> Iterable[Article]:
        for row in self.conn.execute("SELECT record FROM articles ORDER BY rowid"):
            yield article_from_dict(json.loads(row[0]))

    def outlet_names(self) -> list[str]:
        """Every outlet an article names, in order (the story list's outlet filter)."""
        rows = self.conn.execute(
            "SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL ORDER BY outlet"
        )
        return [r[0] for r in rows]

    def located(self, texts: Iterable[str]) -> dict[str, tuple[str, str | None]]:
        """Where each of these texts is stored: content hash -> (article id, story id)."""
        found: dict[str, tuple[str, str | None]] = {}
        for digest in dict.fromkeys(content_hash(t) for t in texts):
            row = self.conn.execute(
                "SELECT id, story_id FROM articles WHERE content_hash = ?", (digest,)
            ).fetchone()
            if row is not None:
                found[digest] = (row[0], row[1])
        return found

    def labels(self, article_ids: list[str]) -> dict[str, tuple[str, str | None, str | None]]:
        """(article title or id, outlet, story title) for each stored id, to list what was
        added."""
        found: dict[str, tuple[str, str | None, str | None]] = {}
        for article_id in article_ids[:MAX_LABELS]:
            row = self.conn.execute(
                "SELECT a.title, a.outlet, s.title FROM articles a LEFT JOIN stories s "
                "ON s.id = a.story_id WHERE a.id = ?",
                (article_id,),
            ).fetchone()
            if row is not None:
                found[article_id] = (row[0] or article_id, row[1], row[2])
        return found

    def search(self, query: str, limit: int = 20, offset: int = 0) -> tuple[list[SearchHit], int]:
        """Articles whose title, text or outlet hold every word, best match first; returns
        (page, total matching)."""
        match = fts_query(query)
        if match == '""':
            return [], 0
        total = self.conn.execute(
            "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (match,)
        ).fetchone()[0]
        rows = self.conn.execute(
            """SELECT a.id, a.title, a.outlet, a.published, a.story_id,
                   snippet(articles_fts, 1, char(2), char(3), '…', 16) AS snip
               FROM articles_fts JOIN articles a ON a.rowid = articles_fts.rowid
               WHERE articles_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?""",
            (match, limit, offset),
        ).fetchall()
        hits = [SearchHit(r[0], r[1], r[2], r[3], r[4], _snippet_runs(r[5] or "")) for r in rows]
        return hits, total


def _snippet_runs(snippet: str) -> list[tuple[str, bool]]:
    """SQLite's snippet, its matches marked by \\x02 ... \\x03, as (text, is_match) runs."""
    runs: list[tuple[str, bool]] = []
    for i, part in enumerate(snippet.split("\x02")):
        if i == 0:
            if part:
                runs.append((part, False))
            continue
        hit, _, rest = part.partition("\x03")
        if hit:
            runs.append((hit, True))
        if rest:
            runs.append((rest, False))
    return runs
