"""One long article through extraction: time, characters a second, peak memory (not a test).

    .venv/bin/python bench/long_articles.py                    # 1.2 million characters
    .venv/bin/python bench/long_articles.py --chars 300000     # quicker

The article is invented (tests/scale/invented.py paragraphs, blank lines between them), so
the figure is the pipeline's cost per character on news-like prose; it is what bounds the
hard cap in nlp/chunks.py (MAX_CHARS). Extraction runs in a child process, so the peak RSS
(VmHWM) is that extraction's alone. Then the story of that one article is compared, as
`ingest` does at its end (CPU seconds). Prints one markdown table row per piece size.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def long_text(chars: int) -> str:
    sys.path.insert(0, str(ROOT))
    from tests.scale.invented import invented_article

    paragraphs, size, i = [], 0, 0
    while size < chars:
        paragraphs.append(invented_article(i)["text"])
        size += len(paragraphs[-1]) + 2
        i += 1
    return "\n\n".join(paragraphs)


def child(chars: int, piece_chars: int) -> None:
    from storyledger.model import RawArticle
    from storyledger.nlp.pipeline import extract, load_nlp

    nlp = load_nlp()
    list(extract([RawArticle(id="warm", text=long_text(2_000))], nlp))
    text = long_text(chars)
    start, cpu = time.perf_counter(), time.process_time()
    (article,) = extract([RawArticle(id="long", text=text)], nlp, piece_chars=piece_chars)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    from storyledger.compare.ledger import compare_story

    compared = time.process_time()
    compare_story("s-long", "long", [article])  # the story of this one article, as ingest does
    compared = time.process_time() - compared
    status = Path("/proc/self/status").read_text().splitlines()
    peak = next(int(x.split()[1]) / 1024 for x in status if x.startswith("VmHWM:"))
    print(
        json.dumps(
            {
                "chars": len(text),
                "seconds": seconds,
                "cpu": cpu,
                "peak_mb": peak,
                "quotes": len(article.quotes),
                "compare_cpu": compared,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=1_200_000)
    parser.add_argument("--pieces", type=int, nargs="*", default=[100_000])
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.chars, args.child)
        return
    print(
        "| characters | piece | extract s | extract CPU s | characters/s | peak RSS MB "
        "| quotes | compare CPU s |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for piece in args.pieces:
        cmd = [sys.executable, __file__, "--chars", str(args.chars), "--child", str(piece)]
        out = json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
        print(
            f"| {out['chars']:,} | {piece:,} | {out['seconds']:.0f} | {out['cpu']:.0f} "
            f"| {out['chars'] / out['seconds']:,.0f} | {out['peak_mb']:.0f} | {out['quotes']} "
            f"| {out['compare_cpu']:.1f} |"
        )


if __name__ == "__main__":
    main()
