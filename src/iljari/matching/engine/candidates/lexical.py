"""BM25 over token lists (bm25s: sparse matrices, NumPy scoring).

Tokens are mapped to integer ids here, with one vocabulary for the index and its queries,
so a query token the corpus never had is simply dropped.
"""

import json
import logging
from pathlib import Path

import bm25s
import numpy as np

# bm25s sets its logger to DEBUG when imported; its progress chatter is not for staff terminals.
logging.getLogger("bm25s").setLevel(logging.WARNING)

# Slightly below the textbook 1.5: catalogue documents are short and repeat their key terms.
K1, B = 1.2, 0.75


class LexicalIndex:
    """A BM25 index over documents given as token lists."""

    def __init__(self, retriever: bm25s.BM25, vocabulary: dict[str, int], size: int) -> None:
        self._retriever = retriever
        self.vocabulary = vocabulary
        self.size = size

    @classmethod
    def build(cls, documents: list[list[str]]) -> "LexicalIndex":
        vocabulary: dict[str, int] = {}
        ids = [[vocabulary.setdefault(token, len(vocabulary)) for token in tokens] for tokens in documents]
        retriever = bm25s.BM25(k1=K1, b=B)
        retriever.index((ids, vocabulary), create_empty_token=False, show_progress=False)
        return cls(retriever, vocabulary, len(documents))

    def scores(self, query: list[str]) -> np.ndarray:
        """BM25 score of every document for one query (zeros when no token is known)."""
        known = list(dict.fromkeys(self.vocabulary[t] for t in query if t in self.vocabulary))
        if not known:
            return np.zeros(self.size, dtype=np.float32)
        return self._retriever.get_scores_from_ids(known).astype(np.float32)

    def save(self, folder: Path) -> None:
        self._retriever.save(str(folder))
        (folder / "iljari_vocabulary.json").write_text(json.dumps(self.vocabulary, ensure_ascii=False))

    @classmethod
    def load(cls, folder: Path) -> "LexicalIndex":
        retriever = bm25s.BM25.load(str(folder))
        vocabulary = json.loads((folder / "iljari_vocabulary.json").read_text())
        return cls(retriever, vocabulary, int(retriever.scores["num_docs"]))
