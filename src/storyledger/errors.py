"""One hierarchy for every error the library raises; only the CLI turns them into messages.

Each class carries the CLI's `exit_code` and the web app's `http_status`, so neither front end
decides by matching messages.
"""

from __future__ import annotations


class StoryledgerError(Exception):
    """Base of every error storyledger raises on purpose."""

    exit_code = 1
    http_status = 500


class InputError(StoryledgerError):
    """An input (file, record, URL) that cannot be read as an article.

    `source` names the input so the message can say which one failed and why.
    """

    exit_code = 3
    http_status = 422

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self) -> tuple:
        # Rebuilt from (source, reason), so the error crosses a process boundary (the web
        # app's ingest worker, Spark) as itself, not as a TypeError.
        return (type(self), (self.source, self.reason))


class StoreError(StoryledgerError):
    """The embedded store cannot be opened, migrated or written."""

    exit_code = 5
    http_status = 503


class NotFoundError(StoryledgerError):
    """A story or article id that the store does not hold."""

    exit_code = 4
    http_status = 404


class ModelError(StoryledgerError):
    """The spaCy model is missing or unusable."""

    exit_code = 6
    http_status = 503  # the server cannot analyse anything until its model is installed


class EvalDataError(StoryledgerError):
    """An evaluation corpus is missing or malformed."""

    exit_code = 7


class FetchError(InputError):
    """A feed or page could not be fetched (refused, 4xx, unreadable answer)."""


class TransientFetchError(FetchError):
    """The network or the server failed in a way that may pass (timeout, 5xx, 429), and the
    retries ran out: worth asking again on the next poll. `retry_after` is the server's own
    Retry-After in seconds, when it gave one."""

    http_status = 502

    def __init__(self, source: str, reason: str, retry_after: float | None = None) -> None:
        super().__init__(source, reason)
        self.retry_after = retry_after

    def __reduce__(self) -> tuple:
        return (type(self), (self.source, self.reason, self.retry_after))


class BlockedAddressError(FetchError):
    """The URL's host is, or resolves to, an address a user must not make us fetch
    (loopback, private, link-local, multicast, unspecified, reserved): server-side request
    forgery. Allowed only when the operator says so (`--allow-private-feeds`)."""

    http_status = 403


class TooLargeError(FetchError):
    """The answer is larger than an article can be; the download was aborted at the cap."""

    http_status = 413


class UsageError(StoryledgerError):
    """A request that cannot run as asked (an unknown export kind, a malformed filter)."""

    exit_code = 2
    http_status = 422


class MissingExtraError(UsageError):
    """A setting that needs an optional extra which is not installed (the place penalty needs
    `places`): one message naming the setting and the install command."""

    def __init__(self, setting: str, extra: str) -> None:
        super().__init__(
            f"{setting} needs the optional extra {extra!r}, which is not installed: "
            f"pip install 'storyledger[{extra}]' (or set it to 0)"
        )
        self.setting = setting
        self.extra = extra

    def __reduce__(self) -> tuple:
        return (type(self), (self.setting, self.extra))


class WriteRefused(StoryledgerError):
    """A write without the right token (401, 403), or from another site's page (403)."""

    http_status = 403

    def __init__(self, reason: str, status: int = 403) -> None:
        super().__init__(reason)
        self.reason = reason
        self.http_status = status

    def __reduce__(self) -> tuple:
        return (type(self), (self.reason, self.http_status))


class BelowFloorError(EvalDataError):
    """An evaluation figure fell below its recorded floor (eval/baseline.json)."""
