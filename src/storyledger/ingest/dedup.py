"""Near-duplicate folding: a wire story run by ten outlets is one article with ten outlets.

Syndicated copies differ by a byline, a dateline, a first line or a trimmed last paragraph, so
exact hashes miss them. Each text gets a MinHash signature over 5-word shingles; an LSH index
(bands of signature rows) finds candidate copies in constant time per article, and a candidate
folds when the signatures' estimated Jaccard similarity reaches the threshold.

Use it between reading and extraction, so copies are extracted once::

    from storyledger import api
    from storyledger.ingest import iter_inputs
    from storyledger.ingest.dedup import fold_near_duplicates
    from storyledger.model import Problem

    items = iter_inputs(paths)
    raws = fold_near_duplicates(r for r in items if not isinstance(r, Problem))
    api.ingest(None, store, raws=raws)

Streaming with bounded memory: an article is held back for at most `window` later articles,
so copies arriving within that window fold into it (the first seen is kept, in input order; the
others' outlets go to its `also_in`). The index remembers at most `memory` signatures; a copy of
an article already emitted passes through unfolded (nothing is dropped that was not folded).
"""

from __future__ import annotations

import re
import zlib
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from storyledger.model import RawArticle

NUM_PERM = 128
SHINGLE = 5
_SHIFT = np.uint64(32)
_WORD = re.compile(r"\w+", re.UNICODE)


def _permutations(num_perm: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 1 << 63, size=num_perm, dtype=np.uint64) | np.uint64(1)  # odd
    b = rng.integers(0, 1 << 63, size=num_perm, dtype=np.uint64)
    return a, b


_A, _B = _permutations(NUM_PERM)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Lower-cased k-word shingles; a text shorter than k words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words)}
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def minhash(text: str) -> np.ndarray:
    """MinHash signature (NUM_PERM values below 2**32) of the text's shingles.

    Shingles hash to 32 bits with CRC-32 (stable across processes and runs); each permutation
    is multiply-shift hashing, (a*x + b) mod 2**64 >> 32, which numpy computes without a
    division (five times faster than a prime modulus).
    """
    found = shingles(text)
    hashed = np.fromiter(
        (zlib.crc32(s.encode("utf-8")) for s in found), dtype=np.uint64, count=len(found)
    )
    return ((np.outer(hashed, _A) + _B) >> _SHIFT).min(axis=0)


def similarity(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)


def lsh_shape(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) whose S-curve midpoint sits a little below the threshold (few misses)."""
    target = threshold * 0.85
    best = (num_perm, 1)
    best_gap = float("inf")
    for rows in range(1, num_perm + 1):
        if num_perm % rows:
            continue
        bands = num_perm // rows
        gap = abs((1 / bands) ** (1 / rows) - target)
        if gap < best_gap:
            best, best_gap = (bands, rows), gap
    return best


@dataclass
class _Entry:
    raw: RawArticle
    sig: np.ndarray
    keys: list[int]
    pending: bool = True


class NearDuplicateIndex:
    """LSH buckets over MinHash signatures, forgetting the oldest beyond `memory` entries."""

    def __init__(self, threshold: float = 0.8, memory: int = 20_000) -> None:
        self.threshold = threshold
        self.memory = memory
        self.bands, self.rows = lsh_shape(threshold)
        self.entries: OrderedDict[int, _Entry] = OrderedDict()
        self.buckets: dict[int, list[int]] = {}
        self._next = 0

    def _keys(self, sig: np.ndarray) -> list[int]:
        return [
            hash((band, sig[band * self.rows : (band + 1) * self.rows].tobytes()))
            for band in range(self.bands)
        ]

    def match(self, sig: np.ndarray, keys: list[int]) -> _Entry | None:
        """The most similar remembered entry at or above the threshold, if any."""
        seen: set[int] = set()
        best, best_sim = None, self.threshold
        for key in keys:
            for slot in self.buckets.get(key, ()):
                if slot in seen:
                    continue
                seen.add(slot)
                entry = self.entries[slot]
                sim = similarity(sig, entry.sig)
                if sim >= best_sim:
                    best, best_sim = entry, sim
        return best

    def add(self, raw: RawArticle, sig: np.ndarray, keys: list[int]) -> _Entry:
        slot = self._next
        self._next += 1
        entry = _Entry(raw, sig, keys)
        self.entries[slot] = entry
        for key in keys:
            self.buckets.setdefault(key, []).append(slot)
        while len(self.entries) > self.memory:
            self._forget()
        return entry

    def _forget(self) -> None:
        slot, entry = self.entries.popitem(last=False)
        for key in entry.keys:
            bucket = self.buckets.get(key)
            if bucket is None:
                continue
            bucket.remove(slot)
            if not bucket:
                del self.buckets[key]


def _fold(kept: RawArticle, copy: RawArticle) -> None:
    """Record the copy's outlets on the kept article (never its own outlet twice)."""
    for outlet in [copy.outlet, *copy.also_in]:
        if outlet and outlet != kept.outlet and outlet not in kept.also_in:
            kept.also_in.append(outlet)


def fold_near_duplicates(
    raws: Iterable[RawArticle],
    threshold: float = 0.8,
    window: int = 1000,
    memory: int = 20_000,
    on_fold: Callable[[RawArticle, RawArticle], None] | None = None,
) -> Iterator[RawArticle]:
    """Yield each article once, with the outlets of its near-identical copies in `also_in`.

    Input order is kept (copies are removed from it). `threshold` is the estimated Jaccard
    similarity of 5-word shingles at which two texts are one article: 0.8 folds a wire copy
    with a new byline or first line, and leaves two reports of one event in their own words.
    `on_fold(kept, copy)` is told of every copy folded away.
    """
    index = NearDuplicateIndex(threshold, max(memory, window))
    held: deque[_Entry] = deque()
    for raw in raws:
        sig = minhash(raw.text)
        keys = index._keys(sig)
        found = index.match(sig, keys)
        if found is not None and found.pending:
            _fold(found.raw, raw)
            if on_fold:
                on_fold(found.raw, raw)
            continue
        held.append(index.add(raw, sig, keys))
        while len(held) > window:
            entry = held.popleft()
            entry.pending = False
            yield entry.raw
    while held:
        entry = held.popleft()
        entry.pending = False
        yield entry.raw
