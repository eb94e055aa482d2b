"""Near-duplicate folding: a wire story run by ten outlets is one article with ten outlets.

Syndicated copies differ by a byline, a dateline, a first line or a trimmed last paragraph, so
exact hashes miss them. Each text gets a MinHash signature over 5-word shingles; an LSH index
(bands of signature rows) finds candidate copies in constant time per article, and a candidate
folds when the signatures' estimated Jaccard similarity reaches the threshold. The MinHash is
datasketch's, the field's library; the LSH buckets stay here (NearDuplicateIndex says why,
measured), with the streaming fold (a window, a bounded memory) and the LSH shape.
bench/dedup.py compares this with the hand-written MinHash it replaced, in one run.

Use it between reading and extraction, so copies are extracted once (`api.ingest` and
`api.analyze` do).

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

from datasketch import MinHash

from storyledger.model import RawArticle

NUM_PERM = 128
SHINGLE = 5
_WORD = re.compile(r"\w+", re.UNICODE)


# Shingles hash with CRC-32 (zlib's, called directly): stable across processes and runs, and
# cheaper than datasketch's default SHA-1. The permutations are drawn once, here.
_SEED = MinHash(num_perm=NUM_PERM, seed=1, hashfunc=zlib.crc32)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    """Lower-cased k-word shingles; a text shorter than k words is one shingle."""
    words = _WORD.findall(text.lower())
    if len(words) <= k:
        return {" ".join(words)}
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def minhash(text: str) -> MinHash:
    """MinHash signature (datasketch, NUM_PERM permutations) of the text's shingles."""
    sig = MinHash(
        num_perm=NUM_PERM,
        hashfunc=zlib.crc32,
        permutations=_SEED.permutations,
        scheme=_SEED.scheme,
    )
    sig.update_batch([s.encode("utf-8") for s in shingles(text)])
    return sig


def similarity(sig_a: MinHash, sig_b: MinHash) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return sig_a.jaccard(sig_b)


def lsh_shape(threshold: float, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """(bands, rows) whose S-curve midpoint sits a little below the threshold (few misses).

    Kept rather than datasketch's own choice (which weighs false positives and negatives
    equally): a missed wire copy costs a duplicated article, a false candidate only one
    signature comparison."""
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
    sig: MinHash
    keys: list[int]
    pending: bool = True


class NearDuplicateIndex:
    """LSH buckets over MinHash signatures, forgetting the oldest beyond `memory` entries.

    The buckets are kept here rather than in datasketch's MinHashLSH: it hashes each band
    twice per article (query, then insert) and checks schemes on every call, which made the
    whole fold 15-20% slower in CPU (bench/dedup.py, 5,000 articles: 0.74 against 0.62 ms an
    article); with the band keys computed once it is no slower than before."""

    def __init__(self, threshold: float = 0.8, memory: int = 20_000) -> None:
        self.threshold = threshold
        self.memory = memory
        self.bands, self.rows = lsh_shape(threshold)
        self.entries: OrderedDict[int, _Entry] = OrderedDict()
        self.buckets: dict[int, list[int]] = {}
        self._next = 0

    def keys(self, sig: MinHash) -> list[int]:
        """One bucket key per band of signature rows."""
        values, rows = sig.hashvalues, self.rows
        return [
            hash((band, values[band * rows : (band + 1) * rows].tobytes()))
            for band in range(self.bands)
        ]

    def match(self, sig: MinHash, keys: list[int]) -> _Entry | None:
        """The most similar remembered entry at or above the threshold, if any (the earliest
        of equals)."""
        slots = {slot for key in keys for slot in self.buckets.get(key, ())}
        best, best_sim = None, self.threshold
        for slot in sorted(slots):
            entry = self.entries[slot]
            sim = similarity(sig, entry.sig)
            if sim >= best_sim and (best is None or sim > best_sim):
                best, best_sim = entry, sim
        return best

    def add(self, raw: RawArticle, sig: MinHash, keys: list[int]) -> _Entry:
        slot = self._next
        self._next += 1
        entry = _Entry(raw, sig, keys)
        self.entries[slot] = entry
        for key in keys:
            self.buckets.setdefault(key, []).append(slot)
        while len(self.entries) > self.memory:
            old, gone = self.entries.popitem(last=False)
            for key in gone.keys:
                bucket = self.buckets[key]
                bucket.remove(old)
                if not bucket:
                    del self.buckets[key]
        return entry


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
        keys = index.keys(sig)
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
