"""Wire-copy folding: datasketch's MinHash (ingest/dedup.py) against the hand-written
MinHash it replaced (kept below as REFERENCE), on one stream, in one run: the same folds?
how fast?

The stream is the real articles under ../shared/eval (bench/corpora.py, read at run time),
repeated with fresh vocabulary until it holds --articles texts (in copy k about half the
words of three or more letters get a letters-only suffix, so a copy is a new article), and
one in five articles followed, a few articles later, by a wire copy of it as another outlet
ran it: a byline added, a dateline, or the last paragraph cut. Both implementations fold the
same stream (threshold 0.8, window 1000); the bench reports how many copies each folded,
how many copies at an exact shingle Jaccard of 0.8 or more each missed, whether their
outputs are identical (ids in order and every `also_in`), every copy decided differently
with its exact Jaccard, and the CPU time per article (best of --repeat runs). The two estimate
the Jaccard with different hash families, so a copy within the estimate's error of 0.8 (about
0.03 at 128 permutations) may go either way in either.

    .venv/bin/python bench/dedup.py                  # 5,000 articles
    .venv/bin/python bench/dedup.py --articles 20000
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import re
import sys
import time
import zlib
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpora

from storyledger.ingest import dedup
from storyledger.model import RawArticle


class REFERENCE:
    """The hand-written MinHash + LSH that ingest/dedup.py used before datasketch (same
    shingles, CRC-32 shingle hashes, numpy multiply-shift permutations, own LSH buckets)."""

    NUM_PERM = 128
    _SHIFT = np.uint64(32)
    _rng = np.random.default_rng(1)
    _A = _rng.integers(1, 1 << 63, size=NUM_PERM, dtype=np.uint64) | np.uint64(1)
    _B = _rng.integers(0, 1 << 63, size=NUM_PERM, dtype=np.uint64)

    @classmethod
    def minhash(cls, text: str) -> np.ndarray:
        found = dedup.shingles(text)
        hashed = np.fromiter(
            (zlib.crc32(s.encode("utf-8")) for s in found), dtype=np.uint64, count=len(found)
        )
        return ((np.outer(hashed, cls._A) + cls._B) >> cls._SHIFT).min(axis=0)

    @classmethod
    def fold(
        cls,
        raws: Iterable[RawArticle],
        threshold: float = 0.8,
        window: int = 1000,
        memory: int = 20_000,
        on_fold: Callable | None = None,
    ) -> Iterator[RawArticle]:
        bands, rows = dedup.lsh_shape(threshold, cls.NUM_PERM)
        entries: OrderedDict[int, list] = OrderedDict()  # slot -> [raw, sig, keys, pending]
        buckets: dict[int, list[int]] = {}
        held: deque[list] = deque()
        memory = max(memory, window)
        for n, raw in enumerate(raws):
            sig = cls.minhash(raw.text)
            keys = [hash((b, sig[b * rows : (b + 1) * rows].tobytes())) for b in range(bands)]
            best, best_sim, seen = None, threshold, set()
            for key in keys:
                for slot in buckets.get(key, ()):
                    if slot in seen:
                        continue
                    seen.add(slot)
                    entry = entries[slot]
                    sim = float(np.count_nonzero(sig == entry[1])) / len(sig)
                    if sim >= best_sim:
                        best, best_sim = entry, sim
            if best is not None and best[3]:
                dedup._fold(best[0], raw)
                if on_fold:
                    on_fold(best[0], raw)
                continue
            entry = [raw, sig, keys, True]
            entries[n] = entry
            for key in keys:
                buckets.setdefault(key, []).append(n)
            while len(entries) > memory:
                slot, old = entries.popitem(last=False)
                for key in old[2]:
                    buckets[key].remove(slot)
                    if not buckets[key]:
                        del buckets[key]
            held.append(entry)
            while len(held) > window:
                done = held.popleft()
                done[3] = False
                yield done[0]
        while held:
            done = held.popleft()
            done[3] = False
            yield done[0]


_WORD = re.compile(r"\b[A-Za-z]{3,}\b")


def _fresh(text: str, k: int, rng: random.Random) -> str:
    if k == 0:
        return text
    tag = "".join("abcdefghij"[int(d)] for d in str(k))
    return _WORD.sub(lambda m: m.group(0) + tag if rng.random() < 0.5 else m.group(0), text)


def _wire_copy(text: str, rng: random.Random) -> str:
    paragraphs = text.split("\n\n")
    kind = rng.randrange(3)
    if kind == 0:
        return "By a staff writer, with wire reports\n\n" + text
    if kind == 1:
        return "CAPITAL CITY (Wire) — " + text
    return "\n\n".join(paragraphs[:-1]) if len(paragraphs) > 3 else text + " Updated at 6 pm."


def stream(n: int, seed: int = 7) -> list[RawArticle]:
    rng = random.Random(seed)
    base = [r for r in corpora.load() if len(r.text.split()) >= 80]
    out: list[RawArticle] = []
    pending: list[tuple[int, RawArticle]] = []
    k = 0
    while len(out) < n:
        for raw in base:
            if len(out) >= n:
                break
            text = _fresh(raw.text, k, rng)
            out.append(RawArticle(id=f"{raw.id}-{k}", text=text, outlet=f"Outlet {k % 7}"))
            if rng.random() < 0.2:
                copy = RawArticle(f"{raw.id}-{k}-wire", _wire_copy(text, rng), outlet="Wire")
                pending.append((len(out) + rng.randrange(1, 20), copy))
            while pending and pending[0][0] <= len(out) and len(out) < n:
                out.append(pending.pop(0)[1])
        k += 1
    return out


def _run(fold: Callable, raws: list[RawArticle], repeat: int) -> tuple[list, set, float]:
    """(output ids and also_in, the (kept, copy) id pairs folded, best seconds)."""
    best = float("inf")
    result: list = []
    pairs: set[tuple[str, str]] = set()
    for _ in range(repeat):
        copies = [dataclasses.replace(r, also_in=[]) for r in raws]
        found: set[tuple[str, str]] = set()
        start = time.process_time()  # CPU: the machine may be shared
        kept = list(fold(copies, on_fold=lambda a, b, found=found: found.add((a.id, b.id))))
        best = min(best, time.process_time() - start)
        pairs = found
        result = [(a.id, tuple(a.also_in)) for a in kept]
    return result, pairs, best


def _jaccard(a: str, b: str) -> float:
    sa, sb = dedup.shingles(a), dedup.shingles(b)
    return len(sa & sb) / len(sa | sb)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    raws = stream(args.articles)
    by_id = {r.id: r for r in raws}
    wires = [r for r in raws if r.id.endswith("-wire")]
    # the truth per wire copy: its exact shingle Jaccard with the article it copies
    should = {w.id for w in wires if _jaccard(by_id[w.id[: -len("-wire")]].text, w.text) >= 0.8}
    old_s = new_s = float("inf")
    for _ in range(args.repeat):  # interleaved, so a busy spell on the machine hits both
        old, old_pairs, secs = _run(REFERENCE.fold, raws, 1)
        old_s = min(old_s, secs)
        new, new_pairs, secs = _run(dedup.fold_near_duplicates, raws, 1)
        new_s = min(new_s, secs)
    print(f"{len(raws)} articles; {len(wires)} wire copies, {len(should)} of them at an exact")
    print("shingle Jaccard >= 0.8 with their original (the rest cut more than 20%)")
    print("\n| implementation | folded | of those >= 0.8 | missed (>= 0.8) | CPU ms / article |")
    print("|---|---:|---:|---:|---:|")
    for name, pairs, secs in (
        ("hand-written (before)", old_pairs, old_s),
        ("datasketch MinHash (ingest/dedup.py)", new_pairs, new_s),
    ):
        copies = {c for _, c in pairs}
        print(
            f"| {name} | {len(pairs)} | {len(copies & should)} | {len(should - copies)} "
            f"| {1000 * secs / len(raws):.3f} |"
        )
    differ = sorted({c for _, c in old_pairs ^ new_pairs})
    print(f"\nidentical output: {'yes' if old == new else 'no'}")
    for copy in differ:  # decided differently: how close to the threshold was it?
        j = _jaccard(by_id[copy[: -len("-wire")]].text, by_id[copy].text) if copy in by_id else 0
        print(f"  decided differently: {copy} (exact Jaccard {j:.3f})")


if __name__ == "__main__":
    main()
