"""Hybrid retrieval over a catalogue: BM25 on words and on character n-grams, and dense vectors
from one or two multilingual models, fused by weighted z-scores.

Scores are standardized per query before they are weighted, so a signal that says nothing
for a query (no shared token between a Vietnamese query and a Korean catalogue) adds
nothing, instead of adding noise. The weights were tuned on the development sets only.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from iljari.matching.engine.candidates.lexical import LexicalIndex
from iljari.matching.engine.embeddings import DOCUMENT, QUERY, CachedEmbedder, E5Embedder, USEEmbedder, for_embedding
from iljari.matching.engine.tokens import ngram_tokens_many, word_tokens
from iljari.text.language import detect_language

# Languages the Universal Sentence Encoder was trained on; elsewhere its vectors are noise.
USE_LANGUAGES = frozenset({"ar", "zh", "nl", "en", "fr", "de", "it", "ja", "ko", "pl", "pt", "es", "th", "tr", "ru"})
METHODS = ("bm25", "vector", "hybrid")


@dataclass(frozen=True)
class FusionWeights:
    """Weight of each standardized signal in the hybrid score (tuned by bench/tune_fusion.py).

    Lexical signals count only when the query is in the catalogue's language; USE counts
    less for Korean queries, where it was measured to be weak on job titles.
    """

    e5: float = 1.0
    use: float = 0.75
    use_korean: float = 0.1
    words: float = 0.05
    ngrams: float = 0.1


def standardize(scores: np.ndarray) -> np.ndarray:
    """Per-row z-scores; a row with no spread (a signal with nothing to say) becomes zeros."""
    mean = scores.mean(axis=1, keepdims=True)
    std = scores.std(axis=1, keepdims=True)
    return np.where(std > 1e-9, (scores - mean) / np.maximum(std, 1e-9), 0.0).astype(np.float32)


class HybridRetriever:
    """Ranks the documents of a catalogue (up to a few hundred thousand) for free-text queries."""

    def __init__(self, embedders: dict[str, CachedEmbedder], weights: FusionWeights = FusionWeights()) -> None:
        self.embedders = embedders
        self.weights = weights
        self.size = 0

    def fit(self, texts: list[str], progress: Callable[[str, int, int], None] | None = None) -> "HybridRetriever":
        self.size = len(texts)
        sample = " ".join(texts[:200])
        self.language = detect_language(sample)
        self.words = LexicalIndex.build(word_tokens(texts, self.language))
        self.ngrams = LexicalIndex.build(ngram_tokens_many(texts))
        self.vectors = {}
        for name, model in self.embedders.items():
            report = (lambda done, total, name=name: progress(name, done, total)) if progress else None
            self.vectors[name] = model.embed([for_embedding(t) for t in texts], DOCUMENT, progress=report)
        return self

    def signals(self, queries: list[str], lang_hint: str | None = None) -> tuple[dict[str, np.ndarray], list[str]]:
        """Each raw signal as a (queries × documents) matrix, and each query's language."""
        languages = [detect_language(q, lang_hint) for q in queries]
        words = np.stack([self.words.scores(tokens) for tokens in self._query_words(queries, languages)])
        ngrams = np.stack([self.ngrams.scores(tokens) for tokens in ngram_tokens_many(queries)])
        signals = {"words": words, "ngrams": ngrams}
        for name, model in self.embedders.items():
            sims = model.embed([for_embedding(q) for q in queries], QUERY) @ self.vectors[name].T
            if name == USEEmbedder.name:
                outside = np.array([lang not in USE_LANGUAGES for lang in languages])
                sims[outside] = 0.0
            signals[name] = sims.astype(np.float32)
        return signals, languages

    @staticmethod
    def _query_words(queries: list[str], languages: list[str]) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in queries]
        for lang in set(languages):
            idx = [i for i, code in enumerate(languages) if code == lang]
            for i, tokens in zip(idx, word_tokens([queries[i] for i in idx], lang), strict=True):
                out[i] = tokens
        return out

    def combine(self, signals: dict[str, np.ndarray], languages: list[str], method: str) -> np.ndarray:
        """One method's scores from the raw signals: lexical only, dense only, or all fused."""
        if method == "bm25":
            return standardize(signals["words"]) + standardize(signals["ngrams"])
        w = self.weights
        same = np.array([lang == self.language for lang in languages], dtype=np.float32)[:, None]
        korean = np.array([lang == "ko" for lang in languages])[:, None]
        total = w.e5 * standardize(signals[E5Embedder.name])
        if USEEmbedder.name in signals:
            total += np.where(korean, w.use_korean, w.use) * standardize(signals[USEEmbedder.name])
        if method == "hybrid":
            total += same * (w.words * standardize(signals["words"]) + w.ngrams * standardize(signals["ngrams"]))
        return total

    def scores(self, queries: list[str], method: str = "hybrid", lang_hint: str | None = None) -> np.ndarray:
        """A (queries × documents) matrix of scores; higher is better."""
        return self.combine(*self.signals(queries, lang_hint), method=method)

    def search_methods(
        self, queries: list[str], k: int, methods: tuple[str, ...], lang_hint: str | None = None, chunk: int = 256
    ) -> dict[str, list[list[tuple[int, float]]]]:
        """The top ``k`` (document index, score) per query for each method, sharing the signals."""
        results: dict[str, list[list[tuple[int, float]]]] = {m: [] for m in methods}
        for start in range(0, len(queries), chunk):
            signals, languages = self.signals(queries[start : start + chunk], lang_hint)
            for method in methods:
                results[method] += top_k(self.combine(signals, languages, method), k)
        return results

    def search(
        self, queries: list[str], k: int = 10, method: str = "hybrid", lang_hint: str | None = None
    ) -> list[list[tuple[int, float]]]:
        return self.search_methods(queries, k, (method,), lang_hint)[method]


def top_k(matrix: np.ndarray, k: int) -> list[list[tuple[int, float]]]:
    """The ``k`` best columns of each row, best first."""
    k = min(k, matrix.shape[1])
    top = np.argpartition(-matrix, k - 1, axis=1)[:, :k]
    rows = []
    for row, candidates in zip(matrix, top, strict=True):
        order = candidates[np.argsort(-row[candidates], kind="stable")]
        rows.append([(int(i), float(row[i])) for i in order])
    return rows
