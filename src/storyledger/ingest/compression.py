"""Compressed inputs (gzip, bzip2, xz, zstd): known by suffix or by their magic bytes.

Decompression stops at a byte cap, so a small bomb cannot fill memory.
"""

from __future__ import annotations

import io
from typing import BinaryIO

from storyledger.errors import InputError

MAX_DECOMPRESSED = 512 * 1024 * 1024  # as much as one JSON Lines input may hold
# suffix -> (name, magic bytes)
COMPRESSIONS = {
    ".gz": ("gzip", b"\x1f\x8b"),
    ".bz2": ("bzip2", b"BZh"),
    ".xz": ("xz", b"\xfd7zXZ\x00"),
    ".zst": ("zstd", b"\x28\xb5\x2f\xfd"),
    ".zstd": ("zstd", b"\x28\xb5\x2f\xfd"),
}


def by_suffix(name: str) -> str | None:
    """The compression suffix `name` ends with ('.gz', ...), or None."""
    lower = name.lower()
    return next((s for s in COMPRESSIONS if lower.endswith(s)), None)


def by_magic(data: bytes) -> str | None:
    """The compression the first bytes show, whatever the name says (a text may begin "BZh")."""
    if data.startswith(b"BZh"):
        block = data[4:10]  # bzip2: a level digit, then a block or end-of-stream magic
        ok = data[3:4] in tuple(b"123456789"[i : i + 1] for i in range(9))
        return ".bz2" if ok and block in (b"1AY&SY", b"\x17rE8P\x90") else None
    return next((s for s, (_, magic) in COMPRESSIONS.items() if data.startswith(magic)), None)


def _reader(kind: str, data: bytes) -> BinaryIO:
    raw = io.BytesIO(data)
    if kind == "gzip":
        import gzip

        return gzip.GzipFile(fileobj=raw)
    if kind == "bzip2":
        import bz2

        return bz2.BZ2File(raw)
    if kind == "xz":
        import lzma

        return lzma.LZMAFile(raw)
    import zstandard

    return zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True)


def decompress(data: bytes, suffix: str, source: str, limit: int = MAX_DECOMPRESSED) -> bytes:
    """The bytes inside; InputError naming the compression when they are broken or too big."""
    import lzma

    import zstandard

    kind = COMPRESSIONS[suffix][0]
    chunks, size = [], 0
    try:
        with _reader(kind, data) as stream:
            while chunk := stream.read(1024 * 1024):
                size += len(chunk)
                if size > limit:
                    raise InputError(
                        source, f"{kind} data expands beyond {limit / 1e6:.0f} MB; not read"
                    )
                chunks.append(chunk)
    except (OSError, EOFError, ValueError, lzma.LZMAError, zstandard.ZstdError) as exc:
        raise InputError(source, f"broken {kind} data ({exc})") from exc
    return b"".join(chunks)
