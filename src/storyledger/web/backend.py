"""The web app's access to the store: many concurrent readers, one writer at a time.

Why: SQLite in WAL mode lets readers run while one connection writes, but a connection must
not be shared by threads mid-transaction. Each server thread gets its own read-only
connection. Writes are serialized by one lock: ingests run in a separate process
(web/worker.py) so extraction never stalls page rendering; a story's comparison computed on
its first view goes through this process's writer connection.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from storyledger import api
from storyledger.errors import NotFoundError
from storyledger.ingest.common import content_hash
from storyledger.ingest.ids import unique_ids
from storyledger.model import (
    Article,
    Ledger,
    Problem,
    RawArticle,
    SearchHit,
    Story,
    StorySummary,
    Thread,
)
from storyledger.store import Store
from storyledger.web.worker import IngestWorker


@dataclass
class Outcome:
    """What one submission did: nothing at all when it had problems."""

    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)  # ids of the articles already stored
    problems: list[Problem] = field(default_factory=list)
    stories: list[str] = field(default_factory=list)
    story_of: dict[str, str | None] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # about articles stored anyway

    def as_dict(self) -> dict:
        return {
            "added": self.added,
            "duplicates": self.duplicates,
            "stories": self.stories,
            "story_of": self.story_of,
            "problems": [{"source": p.source, "reason": p.reason} for p in self.problems],
            "warnings": [{"source": p.source, "reason": p.reason} for p in self.warnings],
        }


class Backend:
    def __init__(self, db_path: str) -> None:
        self.db_path = db_path
        self.writer = Store(db_path)  # creates and migrates the store before any reader opens
        self.write_lock = threading.Lock()
        self._local = threading.local()
        self.worker = IngestWorker(db_path, self.writer)

    def close(self) -> None:
        self.worker.close()

    def reader(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.db_path, readonly=True)
            self._local.store = store
        return store

    # reads --------------------------------------------------------------------------------

    def story(self, story_id: str) -> Story:
        """The story's ledger; computed (and cached) under the write lock on first view."""
        reader = self.reader()
        cached = reader.cached_ledger(story_id)
        if cached is not None:
            return cached
        reader.story_title(story_id)  # NotFoundError for unknown ids, before taking the lock
        with self.write_lock:
            return api.story(self.writer, story_id)

    def ledger(self, story_id: str, with_thread: bool = True) -> Ledger:
        """The story's ledger; with its thread (the JSON contract's `threads`) unless a page
        needs only the story."""
        story = self.story(story_id)
        reader = self.reader()
        articles = reader.articles_of_story(story_id)
        threads = [self.thread(reader.thread_of(story_id))] if with_thread else []
        return Ledger(articles=articles, stories=[story], threads=threads)

    def thread(self, thread_id: str) -> Thread:
        """A thread's events and figures; an event's comparison is computed as `story` does."""
        return api.thread(self.reader(), thread_id, story_of=self.story)

    def related_events(self, story_id: str) -> tuple[str, list[StorySummary]]:
        """The story's thread id and the thread's other events, in date order."""
        reader = self.reader()
        return reader.thread_of(story_id), reader.related_events(story_id)

    def article(self, article_id: str) -> tuple[Article, str | None]:
        reader = self.reader()
        return reader.get_article(article_id), reader.story_of(article_id)

    def outlets(self) -> list[str]:
        return self.reader().outlet_names()

    def counts(self) -> tuple[int, int]:
        return self.reader().counts()

    def search(self, query: str, limit: int = 20, offset: int = 0) -> tuple[list[SearchHit], int]:
        """Articles whose title, text or outlet hold every word, best match first."""
        return self.reader().search(query, limit, offset)

    def labels(self, article_ids: list[str]) -> dict[str, tuple[str, str | None, str | None]]:
        """(article title or id, outlet, story title) for each id, to list what was added."""
        return self.reader().labels(article_ids)

    # writes -------------------------------------------------------------------------------

    def ingest(self, raws: list[RawArticle], problems: list[Problem]) -> Outcome:
        """Store the submission's articles in one transaction, or nothing if it had problems.

        Warnings (problems with `kept`: an article stored without its unreadable date) do not
        refuse the submission; they come back in `warnings`.
        """
        warnings = [p for p in problems if p.kept]
        problems = [*(p for p in problems if not p.kept), *api.unextractable(raws)]
        if problems:
            return Outcome(problems=list(problems), warnings=warnings)
        outcome = Outcome(warnings=warnings)
        fresh = list(unique_ids(raws))  # the same text twice in one submission: once
        if not fresh:
            return outcome
        with self.write_lock:
            done = self.worker.ingest(fresh)
        outcome.added = done["added"]
        outcome.stories = done["stories"]
        outcome.problems = [Problem(source, reason) for source, reason in done["problems"]]
        added = set(outcome.added)
        for raw in raws:
            found = done["located"].get(content_hash(raw.text))
            if found is None:
                continue
            article_id, story_id = found
            outcome.story_of[article_id] = story_id
            if article_id not in added and article_id not in outcome.duplicates:
                outcome.duplicates.append(article_id)
        return outcome


__all__ = ["Backend", "NotFoundError", "Outcome", "SearchHit"]
