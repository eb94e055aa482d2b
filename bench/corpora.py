"""The real articles under ../shared/eval as RawArticles, read at run time (never copied).

BASIL (body paragraphs), PolNeAR test+dev (text), MEANTIME (detokenised CAT XML) and
WikiRef220 (cp1252): about 800 news articles of everyday length.
"""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from storyledger.model import RawArticle

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("STORYLEDGER_SHARED", ROOT.parent / "shared"))
EVAL = SHARED / "eval"


def basil() -> Iterator[RawArticle]:
    for path in sorted((EVAL / "basil" / "articles").glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        body = data["body-paragraphs"]
        paragraphs = [" ".join(p) if isinstance(p, list) else str(p) for p in body]
        yield RawArticle(
            id=f"basil-{path.stem}",
            text="\n\n".join(paragraphs),
            outlet=data.get("source"),
            published=(data.get("date") or None),
            title=data.get("title"),
        )


def polnear() -> Iterator[RawArticle]:
    for split in ("test", "dev"):
        for path in sorted((EVAL / "polnear" / split / "text").glob("*.txt")):
            yield RawArticle(
                id=f"polnear-{path.stem}",
                text=path.read_text(encoding="utf-8"),
                outlet=path.stem.split("_")[0],
            )


_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}'’”]|n't|'s)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$“]) ")


def _detokenise(tokens: list[str]) -> str:
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub(r"\1", text)
    return _NO_SPACE_AFTER.sub(r"\1", text)


def meantime() -> Iterator[RawArticle]:
    folder = EVAL / "meantime-en" / "intra_cross-doc_annotation"
    for path in sorted(folder.glob("*/*.xml")):
        root = ET.parse(path).getroot()
        sentences: dict[int, list[str]] = {}
        for tok in root.iter("token"):
            sentences.setdefault(int(tok.get("sentence", "0")), []).append(tok.text or "")
        lines = [_detokenise(sentences[k]) for k in sorted(sentences)]
        yield RawArticle(
            id=f"meantime-{root.get('doc_id', path.stem)}",
            text="\n".join(lines[1:]) if len(lines) > 1 else lines[0],
            title=lines[0],
        )


def wikiref220() -> Iterator[RawArticle]:
    for path in sorted((EVAL / "wikiref220" / "WikiRef220").glob("*.txt")):
        text = path.read_bytes().decode("cp1252", errors="replace").replace("\r\n", "\n")
        yield RawArticle(id=f"wikiref-{path.stem}", text=text)


def load(limit: int | None = None) -> list[RawArticle]:
    """Every corpus, interleaved so a limit still samples all four."""
    sources = [list(basil()), list(polnear()), list(meantime()), list(wikiref220())]
    out: list[RawArticle] = []
    for i in range(max(len(s) for s in sources)):
        for s in sources:
            if i < len(s) and s[i].text.strip():
                out.append(s[i])
    return out[:limit] if limit else out
