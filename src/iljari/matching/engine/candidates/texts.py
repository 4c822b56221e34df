"""A space of distinct short texts (vacancy titles, seekers' 희망직종) with their embeddings.

Vacancies repeat titles ("사출성형원" a thousand times), so each distinct text is embedded
and indexed once and rows point to it. Up to ``EXACT_LIMIT`` texts the search is an exact
matrix product; above it, an HNSW index (usearch) answers in well under a millisecond.
"""

from pathlib import Path

import numpy as np

from iljari.matching.engine.embeddings import DOCUMENT, QUERY, CachedEmbedder, for_embedding

EXACT_LIMIT = 20_000
ROWS_AT_ONCE = 512  # text vectors multiplied by many queries while they stay in the CPU's cache


class TextSpace:
    def __init__(self, embedder: CachedEmbedder | None) -> None:
        self.embedder = embedder
        self.texts: list[str] = []
        self.position: dict[str, int] = {}
        self.vectors = np.zeros((0, embedder.dim if embedder else 0), dtype=np.float32)
        self._ann = None
        self._ann_size = 0
        self._recent: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}

    def __len__(self) -> int:
        return len(self.texts)

    def ids(self, texts: list[str]) -> np.ndarray:
        """Positions of the texts, adding (and embedding) the ones not seen before."""
        new = [t for t in dict.fromkeys(texts) if t not in self.position]
        if new:
            for t in new:
                self.position[t] = len(self.texts)
                self.texts.append(t)
            if self.embedder is not None:
                added = self.embedder.embed([for_embedding(t) for t in new], DOCUMENT).astype(np.float32)
                self.vectors = np.vstack([self.vectors, added])
        return np.array([self.position[t] for t in texts], dtype=np.int32)

    def query_vector(self, text: str) -> np.ndarray | None:
        if self.embedder is None or not text.strip():
            return None
        return self.embedder.embed([for_embedding(text)], QUERY)[0]

    def similarities(self, vector: np.ndarray | None) -> np.ndarray:
        """Cosine similarity of every text to the query vector (zeros without a query)."""
        if vector is None or not len(self.texts):
            return np.zeros(len(self.texts), dtype=np.float32)
        return self.vectors @ vector

    def similarities_many(self, vectors: list[np.ndarray]) -> list[np.ndarray]:
        """``similarities`` of each query vector, bit for bit, several times faster for many.

        One query's product streams every text vector from memory; here a block of text vectors is
        multiplied by every query while it is in cache. Each value is still one matrix-vector product
        of the same rows (a matrix-matrix product would round differently), so batch and page agree.
        """
        same = [v.dtype == self.vectors.dtype and v.ndim == 1 for v in vectors]
        if sum(same) < 2:  # one query (a counselor's refresh): its product as it always was
            return [self.similarities(v) for v in vectors]
        out = np.empty((sum(same), len(self.texts)), dtype=self.vectors.dtype)
        alike = [v for v, ok in zip(vectors, same, strict=True) if ok]
        for start in range(0, len(self.texts), ROWS_AT_ONCE):
            block = self.vectors[start : start + ROWS_AT_ONCE]
            for i, vector in enumerate(alike):
                np.matmul(block, vector, out=out[i, start : start + ROWS_AT_ONCE])
        rows = iter(out)
        return [next(rows) if ok else self.similarities(v) for v, ok in zip(vectors, same, strict=True)]

    @staticmethod
    def highest(sims: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` (≤ len) highest of an exact space's similarities: what ``nearest`` answers there."""
        top = np.argpartition(-sims, k - 1)[:k]
        return top, sims[top]

    def nearest(self, vector: np.ndarray | None, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` most similar texts: (positions, similarities)."""
        if vector is None or not len(self.texts):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        k = min(k, len(self.texts))
        if len(self.texts) <= EXACT_LIMIT:
            return self.highest(self.similarities(vector), k)
        key = vector.tobytes() + k.to_bytes(4, "little")
        if key not in self._recent:
            found = self._index().search(vector, k)
            if len(self._recent) > 20_000:  # many seekers share a 희망직종: remember recent answers
                self._recent.clear()
            self._recent[key] = (found.keys.astype(np.int64), (1.0 - found.distances).astype(np.float32))
        return self._recent[key]

    def _index(self):
        from usearch.index import Index

        if self._ann is None:
            self._ann = Index(ndim=self.vectors.shape[1], metric="cos", dtype="i8")
            self._ann_size = 0
        if self._ann_size < len(self.texts):
            keys = np.arange(self._ann_size, len(self.texts))
            # one thread: HNSW built by several links its graph in whatever order the threads run, so two
            # workers (or a worker and the web process) would find different neighbours for the same title
            self._ann.add(keys, self.vectors[self._ann_size :], threads=1)
            self._ann_size = len(self.texts)
        return self._ann

    def save(self, folder: Path, name: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / f"{name}.vectors.npy", self.vectors)
        (folder / f"{name}.texts.txt").write_text("\n".join(t.replace("\n", " ") for t in self.texts), encoding="utf-8")

    def load(self, folder: Path, name: str) -> None:
        self.vectors = np.load(folder / f"{name}.vectors.npy")
        content = (folder / f"{name}.texts.txt").read_text(encoding="utf-8")
        self.texts = content.split("\n") if content else []
        self.position = {t: i for i, t in enumerate(self.texts)}
        self._ann, self._ann_size = None, 0
