"""What every reader shares: decoding bytes safely, checks that reject non-articles, ids."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from importlib import resources
from pathlib import Path

from storyledger.errors import InputError

MAX_BYTES = 10 * 1024 * 1024  # a news article is well under this; larger inputs are not articles
MIN_ENGLISH_RATIO = 0.12  # share of function words; English news runs at 0.3-0.5
# Bytes that are undefined in cp1252: their presence means the text is not cp1252 either.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def data_lines(name: str) -> list[str]:
    """Non-comment lines of a data file in ingest/data."""
    text = resources.files("storyledger.ingest").joinpath("data", name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(data_lines("english_function_words.txt"))


@functools.cache
def outlet_aliases() -> dict[str, str]:
    pairs = (line.split("\t") for line in data_lines("outlets.tsv"))
    return {alias.lower(): name for alias, name in pairs}


def outlet_name(raw: str | None) -> str | None:
    """The outlet's usual name for a known alias; otherwise the name as given."""
    if not raw or not raw.strip():
        return None
    raw = raw.strip()
    return outlet_aliases().get(raw.lower(), raw)


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from exc
    if size > max_bytes:
        raise InputError(
            str(path),
            f"too large for an article ({size / 1e6:.1f} MB > {max_bytes / 1e6:.0f} MB limit)",
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot be read ({exc.strerror or exc})") from exc


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), UTF-16 with a BOM, or cp1252; anything else is refused.

    cp1252 is the one legacy encoding news archives still ship (WikiRef220 is in it);
    guessing further would turn unknown bytes into wrong letters silently.
    """
    if not data.strip():
        raise InputError(source, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, "broken UTF-16") from exc
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if any(b in _CP1252_UNDEFINED for b in data):
        raise InputError(source, "unknown text encoding (neither UTF-8, UTF-16 nor cp1252)")
    text = data.decode("cp1252")
    if _control_ratio(text) > 0.01:
        raise InputError(source, "binary file, not text")
    return text


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    return controls / max(len(text), 1)


def check_article_text(text: str, source: str) -> str:
    """Normalise line ends and refuse text that is not an English article."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    if not text.strip():
        raise InputError(source, "no article text")
    if _control_ratio(text) > 0.01:
        raise InputError(source, "binary content, not text")
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        raise InputError(source, "too short to be an article")
    if len(words) >= 20:
        ratio = sum(1 for w in words if w in _function_words()) / len(words)
        if ratio < MIN_ENGLISH_RATIO:
            raise InputError(source, "not English (storyledger reads English-language articles)")
    return text


def content_hash(text: str) -> str:
    """Identity of an article's text: re-ingesting the same text changes nothing."""
    normalised = " ".join(text.split()).lower()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


def normalise_date(value: object) -> str | None:
    """YYYY-MM-DD from an ISO date or datetime string; None when it is not one."""
    if value is None:
        return None
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not match:
        return None
    import datetime as dt

    try:
        return dt.date(*map(int, match.groups())).isoformat()
    except ValueError:
        return None
