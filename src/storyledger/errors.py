"""One hierarchy for every error the library raises; only the CLI turns them into messages."""

from __future__ import annotations


class StoryledgerError(Exception):
    """Base of every error storyledger raises on purpose."""

    exit_code = 1


class InputError(StoryledgerError):
    """An input (file, record, URL) that cannot be read as an article.

    `source` names the input so the message can say which one failed and why.
    """

    exit_code = 3

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class StoreError(StoryledgerError):
    """The embedded store cannot be opened, migrated or written."""

    exit_code = 5


class NotFoundError(StoryledgerError):
    """A story or article id that the store does not hold."""

    exit_code = 4


class ModelError(StoryledgerError):
    """The spaCy model is missing or unusable."""

    exit_code = 6


class EvalDataError(StoryledgerError):
    """An evaluation corpus is missing or malformed."""

    exit_code = 7


class FetchError(InputError):
    """A feed or page could not be fetched."""


class UsageError(StoryledgerError):
    """A request that cannot run as asked (an unknown export kind, a malformed filter)."""

    exit_code = 2
