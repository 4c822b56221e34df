"""BM25 over token lists (bm25s: sparse matrices, NumPy scoring)."""

from pathlib import Path

import bm25s
import numpy as np

# Slightly below the textbook 1.5: catalogue documents are short and repeat their key terms.
K1, B = 1.2, 0.75


class LexicalIndex:
    """A BM25 index over documents given as token lists."""

    def __init__(self, retriever: bm25s.BM25, size: int) -> None:
        self._retriever = retriever
        self.size = size

    @classmethod
    def build(cls, documents: list[list[str]]) -> "LexicalIndex":
        retriever = bm25s.BM25(k1=K1, b=B)
        # An empty document would break bm25s; a placeholder token keeps positions aligned.
        retriever.index([tokens or ["\x00"] for tokens in documents], show_progress=False)
        return cls(retriever, len(documents))

    def scores(self, query: list[str]) -> np.ndarray:
        """BM25 score of every document for one query (zeros when no token is known)."""
        known = [t for t in query if t in self._retriever.vocab_dict]
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return self._retriever.get_scores(known).astype(np.float32)

    def save(self, folder: Path) -> None:
        self._retriever.save(str(folder))

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        retriever = bm25s.BM25.load(str(folder))
        return cls(retriever, retriever.scores["num_docs"])
