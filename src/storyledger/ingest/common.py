"""What every reader shares: decoding bytes safely, checks that reject non-articles, ids."""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources
from pathlib import Path

from storyledger import languages
from storyledger.errors import InputError
from storyledger.identity import content_hash as content_hash  # re-exported: older callers
from storyledger.identity import outlet_aliases as outlet_aliases
from storyledger.identity import outlet_name as outlet_name

MAX_BYTES = 10 * 1024 * 1024  # a news article is well under this; larger inputs are not articles
MAX_STRAY_CONTROLS = 0.1  # valid UTF-8 with more control characters than this is binary
MIN_ENGLISH_RATIO = languages.language("en")["min_function_word_ratio"]  # news: 0.3-0.5
# Bytes that are undefined in cp1252: their presence means the text is not cp1252 either.
_CP1252_UNDEFINED = {0x81, 0x8D, 0x8F, 0x90, 0x9D}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def data_lines(name: str, lang: str | None = None) -> list[str]:
    """Non-comment lines of a data file in ingest/data, or of a language's word list in
    ingest/data/<lang> (function words, page chrome)."""
    folder = resources.files("storyledger.ingest").joinpath("data")
    text = (folder.joinpath(lang) if lang else folder).joinpath(name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


@functools.cache
def _function_words(lang: str) -> frozenset[str]:
    return frozenset(data_lines("function_words.txt", lang))


@functools.cache
def _suffix_list():
    from publicsuffixlist import PublicSuffixList  # ships its own list: no fetch

    return PublicSuffixList()


def outlet_from_url(url: str) -> str | None:
    """The outlet a URL names: its registered domain, or that domain's usual outlet name."""
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return None
    if not host or host.replace(".", "").isdigit() or ":" in host:
        return None  # no host, or an IP address: no outlet name in it
    domain = _suffix_list().privatesuffix(host) or host
    return outlet_aliases().get(domain, domain)


def file_problem(path: Path) -> str | None:
    """Why `path` cannot be read as a file, without opening it (a FIFO would block), or None."""
    import errno
    import stat

    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link points back at itself)"
        if exc.errno == errno.EACCES:
            return "permission denied"
        if exc.errno == errno.ENOENT:
            return "broken symbolic link" if path.is_symlink() else "no such file or folder"
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    kinds = {stat.S_ISFIFO: "a FIFO (named pipe)", stat.S_ISSOCK: "a socket"}
    kind = next((name for test, name in kinds.items() if test(mode)), "a device")
    return f"not a regular file ({kind}); not read"


def too_large(source: str, size: int, limit: int = MAX_BYTES) -> InputError:
    what = "an article" if limit == MAX_BYTES else "an input"
    sizes = f"{size / 1e6:.1f} MB > {limit / 1e6:.0f} MB limit"
    return InputError(source, f"too large for {what} ({sizes})")


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    problem = file_problem(path)
    if problem:
        raise InputError(str(path), problem)
    size = path.stat().st_size
    if size > max_bytes:
        raise too_large(str(path), size, max_bytes)
    try:
        return path.read_bytes()
    except PermissionError as exc:
        raise InputError(str(path), "permission denied") from exc
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
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            try:
                return data.decode(utf16)
            except UnicodeDecodeError as exc:
                reason = f"broken {utf16.upper()} text (no byte-order mark)"
                raise InputError(source, reason) from exc
        try:  # stray NULs in UTF-8 text: the record or article holding them answers for them
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError(source, "binary file, not text") from None
        if _control_ratio(text) > MAX_STRAY_CONTROLS:
            raise InputError(source, "binary file, not text")
        return text
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


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le"/"utf-16-be" when the NULs fall on every other byte, as in UTF-16 text.

    Latin-script UTF-16 has a NUL in the high byte of nearly every character; binary data
    has its NULs anywhere.
    """
    sample = data[:8192]
    pairs = len(sample) // 2
    if pairs < 4:
        return None
    odd_nul = sum(1 for b in sample[1 : 2 * pairs : 2] if b == 0) / pairs
    even_nul = sum(1 for b in sample[0 : 2 * pairs : 2] if b == 0) / pairs
    if odd_nul > 0.7 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.7 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _control_ratio(text: str) -> float:
    controls = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    return controls / max(len(text), 1)


def check_article_text(text: str, source: str, lang: str = languages.DEFAULT) -> str:
    """Normalise line ends and refuse text that is not an article in `lang` (a code of
    data/languages.json): too few of the language's function words is another language."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    if not text.strip():
        raise InputError(source, "no article text")
    if _control_ratio(text) > 0.01:
        raise InputError(source, "binary content, not text")
    words = _WORD.findall(text.lower())
    if len(words) < 3:
        raise InputError(source, "too short to be an article")
    if len(words) >= 20:
        entry = languages.language(lang)
        ratio = sum(1 for w in words if w in _function_words(lang)) / len(words)
        if ratio < entry["min_function_word_ratio"]:
            raise InputError(source, entry["not_in_language"])
    return text


def normalise_date(value: object) -> str | None:
    """YYYY-MM-DD when `value` is a date known to the day, else None (a month or a year too).

    For day-only inputs such as filter bounds; articles keep partial dates through
    `storyledger.published`, which this defers to."""
    from storyledger.published import parse_published

    found = parse_published(value)
    return found.value if found and found.date else None
