"""Extracted articles cached on disk, so evals and benches re-run grouping without re-parsing.

The key covers the corpus name, the input texts and the extraction code and data (every file
under storyledger/nlp and storyledger/data, plus the model name), so any change to an
extractor invalidates it. It lives in eval/ (it runs extraction, which compare must not). The
cache lives outside the repository (STORYLEDGER_CACHE, else ~/.cache/storyledger).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from storyledger.model import Article, RawArticle, article_from_dict, to_dict


def cache_dir() -> Path:
    env = os.environ.get("STORYLEDGER_CACHE")
    base = Path(env) if env else Path.home() / ".cache" / "storyledger"
    base.mkdir(parents=True, exist_ok=True)
    return base


BASE_MODULES = (
    "errors",
    "model",
    "published",
    "hedges",
    "identity",
    "wording",
    "languages",
    "labels",
)


def pipeline_version() -> str:
    """A hash of the extraction code and its data files."""
    from storyledger.nlp import pipeline

    root = Path(pipeline.__file__).parent
    h = hashlib.sha1(pipeline.MODEL.encode())
    # nlp/, the shared data, and the base modules nlp reads (tests/test_layers.py: BASE)
    base = [root.parent / f"{name}.py" for name in BASE_MODULES]
    files = [*root.rglob("*"), *(root.parent / "data").rglob("*"), *base]
    for path in sorted(files):
        if path.is_file() and path.suffix in {".py", ".txt", ".json", ".tsv"}:
            h.update(path.relative_to(root.parent).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:12]


def _inputs_hash(raws: list[RawArticle]) -> str:
    h = hashlib.sha1()
    for raw in raws:
        h.update(f"{raw.id}\0{raw.published}\0{raw.title}\0".encode())
        h.update(raw.text.encode("utf-8", "replace"))
    return h.hexdigest()[:12]


def cached_extract(corpus: str, raws: list[RawArticle]) -> list[Article]:
    """Extract `raws` with the full pipeline once per (corpus, inputs, pipeline version)."""
    path = cache_dir() / f"{corpus}-{_inputs_hash(raws)}-{pipeline_version()}.jsonl"
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            return [article_from_dict(json.loads(line)) for line in fh]
    from storyledger.nlp.pipeline import extract

    articles = list(extract(raws))
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # two processes may extract at once
    with tmp.open("w", encoding="utf-8") as fh:
        for article in articles:
            fh.write(json.dumps(to_dict(article)) + "\n")
    tmp.replace(path)
    return articles
