"""Sentence embeddings for grouping: all-MiniLM-L6-v2 (int8 ONNX), torch-free.

Why: two reports of one event often share few words (rewrites, translations, wire copies
retitled), and a sentence embedding still places them close. The model and its tokenizer ship
inside registry packages (data/embedding_model.json names them and their sha256); nothing is
downloaded, and a missing or altered file raises ModelError before any grouping happens.

An article is embedded once, on its title and lead (128 word pieces), mean-pooled over the
attention mask and L2-normalised; vectors are cached by text hash, so a re-grouping or a
second grouper never embeds the same text twice.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import logging
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from storyledger.compare.datafiles import data_json
from storyledger.errors import ModelError
from storyledger.model import Article

log = logging.getLogger(__name__)
LEAD_CHARS = 700  # more than 128 word pieces of English: the tokenizer cuts, not us
CACHE_SIZE = 20_000  # vectors kept by text hash (384 float32 each: about 30 MB at most)


def _spec() -> dict:
    return data_json("embedding_model.json")


def _locate(entry: dict) -> Path:
    """The installed file a spec entry names, checked by sha256."""
    found = importlib.util.find_spec(entry["package"])
    if found is None or not found.submodule_search_locations:
        raise ModelError(
            f"the sentence-embedding files are missing: package {entry['package']!r} is not "
            f"installed (install it with `{entry['install']}`)"
        )
    path = Path(next(iter(found.submodule_search_locations))) / entry["path"]
    name = f"{entry['package']}/{entry['path']}"  # no absolute path: messages reach the web
    if not path.is_file():
        raise ModelError(f"{name}: the sentence-embedding file is missing ({entry['install']})")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != entry["sha256"]:
        raise ModelError(
            f"{name}: sha256 {digest} is not the expected {entry['sha256']}; "
            f"reinstall with `{entry['install']}`"
        )
    return path


class Embedder:
    """The ONNX session and tokenizer, loaded once per process (see `embedder()`)."""

    def __init__(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        spec = _spec()
        model_path, tok_path = _locate(spec["model"]), _locate(spec["tokenizer"])
        self.dim = int(spec["dim"])
        self.max_tokens = int(spec["max_tokens"])
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # grouping runs beside extraction; one core each
        options.inter_op_num_threads = 1
        try:
            self._session = onnxruntime.InferenceSession(
                str(model_path), options, providers=["CPUExecutionProvider"]
            )
            self._tok = Tokenizer.from_file(str(tok_path))
        except Exception as exc:  # onnxruntime and tokenizers raise their own types
            log.error("cannot load the embedding model %s: %s", model_path, exc)
            raise ModelError(
                f"cannot load the embedding model ({type(exc).__name__}); "
                f"reinstall with `{spec['model']['install']}`"
            ) from exc
        self._tok.enable_truncation(max_length=self.max_tokens)
        self._tok.enable_padding(pad_id=0, pad_token="[PAD]")
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str], batch: int = 16) -> np.ndarray:
        """Unit vectors (float32, one row per text); cached by text hash."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        todo: dict[str, list[int]] = {}
        for i, text in enumerate(texts):
            key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
            hit = self._cache.get(key)
            if hit is not None:
                self._cache.move_to_end(key)
                out[i] = hit
            else:
                todo.setdefault(key, []).append(i)
        keys = list(todo)
        for start in range(0, len(keys), batch):
            chunk = keys[start : start + batch]
            vecs = self._run([texts[todo[k][0]] for k in chunk])
            for k, v in zip(chunk, vecs, strict=True):
                for i in todo[k]:
                    out[i] = v
                self._cache[k] = v
                if len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        return out

    def remember(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Put vectors computed elsewhere (another process, a benchmark) in the cache."""
        for text, vec in zip(texts, vectors, strict=True):
            key = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
            self._cache[key] = np.asarray(vec, dtype=np.float32)
            if len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)

    def _run(self, texts: list[str]) -> np.ndarray:
        encs = self._tok.encode_batch(texts)
        ids = np.array([e.ids for e in encs], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encs], dtype=np.int64)
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, {k: v for k, v in feed.items() if k in self._inputs})[0]
        m = mask[..., None].astype(np.float32)
        pooled = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


@functools.lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The process's one embedder (loading the model costs about a second)."""
    return Embedder()


def article_text(article: Article) -> str:
    """What is embedded: the title and the lead of the text."""
    lead = (article.text or "")[:LEAD_CHARS]
    return f"{article.title}. {lead}" if article.title else lead


def embed_articles(articles: Sequence[Article]) -> np.ndarray:
    """One unit vector per article (title + lead, 128 word pieces)."""
    return embedder().encode([article_text(a) for a in articles])
