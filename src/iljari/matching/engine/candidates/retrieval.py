"""Hybrid retrieval over a catalogue: every lexical and dense signal, then a learned fusion.

A document has a text (title and summary), a title, extra names (the occupation vocabulary's
names and everyday words in any language) and optionally a group (its KECO code). For each
query the retriever computes BM25 over words and character n-grams of the texts, titles and
names, and the cosine of one or two multilingual embedding models to the texts, titles and
names; takes the best documents of each signal as candidates; and ranks them with the fusion
model (``fusion.py``) over those signals, title and name overlaps, the query's language and
how much the candidates of a group agree.

Lexical signals over the texts and titles count only for queries in the catalogue's language
(a Vietnamese query shares no token with a Korean summary, and noise there is worse than
nothing); the names are in every language, so their lexical signals always count.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from iljari.matching.engine.candidates.fusion import (
    LEXICAL,
    Fusion,
    OverlapTexts,
    candidate_features,
    prior_score,
    shipped_fusion,
    zscores,
)
from iljari.matching.engine.candidates.lexical import LexicalIndex
from iljari.matching.engine.embeddings import DOCUMENT, QUERY, CachedEmbedder, USEEmbedder, for_embedding, short_kind
from iljari.matching.engine.tokens import ngram_tokens_many, word_tokens, words_and_ngrams
from iljari.text.language import detect_language

# Languages the Universal Sentence Encoder was trained on; elsewhere its vectors are noise.
USE_LANGUAGES = frozenset({"ar", "zh", "nl", "en", "fr", "de", "it", "ja", "ko", "pl", "pt", "es", "th", "tr", "ru"})
METHODS = ("bm25", "vector", "hybrid")
CATALOGUE_LANGUAGE_ONLY = frozenset({"text_words", "text_ngrams", "title_ngrams", "details_words", "details_ngrams"})
PER_SIGNAL = 30  # best documents of each signal taken as candidates
PER_BASE = 100  # and of the sum of their z-scores


@dataclass
class Corpus:
    """The documents to retrieve: texts, and what else is known of each."""

    texts: list[str]
    titles: list[str] | None = None  # default: the texts
    names: list[list[str]] | None = None  # extra names in any language
    groups: list[str] | None = None  # e.g. the KECO code; same-group candidates support each other
    details: list[str] | None = None  # a longer description (the 수행직무), searched by words only

    def __post_init__(self) -> None:
        n = len(self.texts)
        self.titles = list(self.titles) if self.titles is not None else list(self.texts)
        self.names = [list(x) for x in self.names] if self.names is not None else [[] for _ in range(n)]
        lengths = {len(self.titles), len(self.names), *(len(x) for x in (self.groups, self.details) if x is not None)}
        if lengths != {n}:
            raise ValueError("corpus fields differ in length")

    def short_texts(self) -> list[str]:
        """The titles and names, each once: what is embedded with ``short_kind`` besides the texts."""
        return list(dict.fromkeys([*self.titles, *(n for doc in self.names for n in doc)]))


@dataclass
class Signals:
    """Each raw signal of a batch of queries as a (queries × documents) matrix (NaN: no evidence)."""

    queries: list[str]
    languages: list[str]
    same_language: np.ndarray  # the query is in the catalogue's language
    matrices: dict[str, np.ndarray] = field(default_factory=dict)


def standardize(scores: np.ndarray) -> np.ndarray:
    """Per-row z-scores over the finite values; no value or no spread (nothing to say) is zero."""
    return np.nan_to_num(zscores(scores))


class _Names:
    """Every document's extra names flattened, with the document each belongs to."""

    def __init__(self, names: list[list[str]]) -> None:
        self.size = len(names)
        self.texts = [n for doc in names for n in doc]
        self.owner = np.array([d for d, doc in enumerate(names) for _ in doc], dtype=np.int64)
        self.docs = np.unique(self.owner)
        self.starts = np.searchsorted(self.owner, self.docs)

    def per_document(self, tokens: list[list[str]]) -> list[list[str]]:
        """Each name's tokens → each document's tokens (all its names)."""
        out: list[list[str]] = [[] for _ in range(self.size)]
        for owner, name_tokens in zip(self.owner.tolist(), tokens, strict=True):
            out[owner] += name_tokens
        return out

    def best_per_document(self, sims: np.ndarray, size: int) -> np.ndarray:
        """(queries × names) similarities → (queries × documents): each document's best name, NaN if none."""
        out = np.full((sims.shape[0], size), np.nan, dtype=np.float32)
        if len(self.texts):
            out[:, self.docs] = np.maximum.reduceat(sims, self.starts, axis=1)
        return out


class HybridRetriever:
    """Ranks the documents of a catalogue (up to a few hundred thousand) for free-text queries."""

    def __init__(self, embedders: dict[str, CachedEmbedder], fusion: Fusion | None = None) -> None:
        self.embedders = embedders
        self.fusion = fusion  # None: the shipped model
        self.size = 0

    def fit(self, corpus: Corpus, progress: Callable[[str, int, int], None] | None = None) -> "HybridRetriever":
        self.size = len(corpus.texts)
        self.language = detect_language(" ".join(corpus.texts[:200]))
        self.titles = corpus.titles
        text_words, text_ngrams = words_and_ngrams(corpus.texts, self.language)
        self.lexical = {
            "text_words": LexicalIndex.build(text_words),
            "text_ngrams": LexicalIndex.build(text_ngrams),
            "title_ngrams": LexicalIndex.build(ngram_tokens_many(corpus.titles)),
        }
        if corpus.details is not None:
            details_words, details_ngrams = words_and_ngrams(corpus.details, self.language)
            self.lexical["details_words"] = LexicalIndex.build(details_words)
            self.lexical["details_ngrams"] = LexicalIndex.build(details_ngrams)
        self.vectors: dict[str, dict[str, np.ndarray]] = {}
        self._name_tokens: dict[str, tuple[list[str], list[str]]] = {}
        self.names = _Names(corpus.names)
        for name, model in self.embedders.items():
            report = (lambda done, total, name=name: progress(name, done, total)) if progress else None
            distinct = corpus.short_texts()
            report_short = (lambda d, t, name=name: progress(f"{name} (titles, names)", d, t)) if progress else None
            matrix = model.embed([for_embedding(t) for t in distinct], short_kind(name), progress=report_short)
            row = {t: i for i, t in enumerate(distinct)}
            self.vectors[name] = {
                "text": model.embed([for_embedding(t) for t in corpus.texts], DOCUMENT, progress=report),
                "title": matrix[[row[t] for t in corpus.titles]],
            }
            self.vectors[name]["names"] = matrix[[row[t] for doc in corpus.names for t in doc]]
        self.groups = np.asarray(corpus.groups) if corpus.groups is not None else None
        return self.set_names(corpus.names)

    def set_names(self, names: list[list[str]]) -> "HybridRetriever":
        """Replace every document's extra names (names learned from counselors come and go) without
        refitting the texts and titles: names seen before keep their tokens and vectors, new ones
        are analyzed and embedded once."""
        if len(names) != self.size:
            raise ValueError("names differ in length from the corpus")
        before = {t: i for i, t in reversed(list(enumerate(self.names.texts)))}
        self.names = _Names(names)
        self.overlap = OverlapTexts(self.titles, names)
        for key in ("names_words", "names_ngrams"):
            self.lexical.pop(key, None)
        new = [t for t in dict.fromkeys(self.names.texts) if t not in self._name_tokens]
        if new:
            # Each name on its own: a Korean name goes to the Korean analyzer, which would drop a
            # Khmer or Cyrillic name written beside it.
            self._name_tokens.update(zip(new, zip(*words_and_ngrams(new, ""), strict=True), strict=True))
        if self.names.texts:
            tokens = [self._name_tokens[t] for t in self.names.texts]
            self.lexical["names_words"] = LexicalIndex.build(self.names.per_document([w for w, _ in tokens]))
            self.lexical["names_ngrams"] = LexicalIndex.build(self.names.per_document([g for _, g in tokens]))
        for name, model in self.embedders.items():
            old = self.vectors[name]["names"]
            unseen = [t for t in dict.fromkeys(self.names.texts) if t not in before]
            fresh = model.embed([for_embedding(t) for t in unseen], short_kind(name)) if unseen else old[:0]
            at = {t: i for i, t in enumerate(unseen)}
            rows = [old[before[t]] if t in before else fresh[at[t]] for t in self.names.texts]
            self.vectors[name]["names"] = np.stack(rows).astype(np.float32) if rows else old[:0]
        return self

    def signals(self, queries: list[str], lang_hint: str | None = None) -> Signals:
        languages = [detect_language(q, lang_hint) for q in queries]
        same = np.array([lang == self.language for lang in languages], dtype=bool)
        out = Signals(queries, languages, same)
        stemmed = self._query_words(queries, languages)
        plain = word_tokens(queries, "")
        grams = ngram_tokens_many(queries)
        for name, index in self.lexical.items():
            tokens = plain if name == "names_words" else stemmed if name.endswith("_words") else grams
            matrix = np.stack([index.scores(t) for t in tokens])
            if name in CATALOGUE_LANGUAGE_ONLY:
                matrix[~same] = np.nan
            if name.startswith("names"):
                matrix[:, ~self.overlap.has_names] = np.nan
            out.matrices[name] = matrix
        for name, model in self.embedders.items():
            q = model.embed([for_embedding(t) for t in queries], QUERY)
            vectors = self.vectors[name]
            key = "use" if name == USEEmbedder.name else "e5"
            outside = np.array([lang not in USE_LANGUAGES for lang in languages]) if key == "use" else None
            for part in ("text", "title", "names"):
                if part == "names":
                    if not self.names.texts:
                        continue
                    sims = self.names.best_per_document(q @ vectors["names"].T, self.size)
                else:
                    sims = (q @ vectors[part].T).astype(np.float32)
                if outside is not None:
                    sims[outside] = np.nan
                out.matrices[key if part == "text" else f"{key}_{part}"] = sims
        return out

    @staticmethod
    def _query_words(queries: list[str], languages: list[str]) -> list[list[str]]:
        out: list[list[str]] = [[] for _ in queries]
        for lang in set(languages):
            idx = [i for i, code in enumerate(languages) if code == lang]
            for i, tokens in zip(idx, word_tokens([queries[i] for i in idx], lang), strict=True):
                out[i] = tokens
        return out

    def baseline(self, signals: Signals, method: str) -> np.ndarray:
        """Lexical only (``bm25``) or dense only (``vector``): the sum of those signals' z-scores."""
        names = [n for n in signals.matrices if (n in LEXICAL) == (method == "bm25")]
        return sum(standardize(signals.matrices[n]) for n in names)

    def features(self, signals: Signals) -> list[tuple[np.ndarray, np.ndarray]]:
        """Each query's candidates and their features for the fusion model."""
        return candidate_features(
            signals, overlap=self.overlap, groups=self.groups, per_signal=PER_SIGNAL, per_base=PER_BASE
        )

    def ranked(self, signals: Signals, k: int) -> list[list[tuple[int, float]]]:
        """The hybrid top ``k`` (document, fused score) of each query of a batch.

        Queries of the language the learned model was trained on, against a catalogue in that
        language, are ranked by it; the others by the prior fusion (see ``fusion.py``).
        """
        fusion = self.fusion or shipped_fusion()
        out = []
        for q, (candidates, features) in enumerate(self.features(signals)):
            if not len(candidates):
                out.append([])
                continue
            learned = signals.same_language[q] and signals.languages[q] == fusion.language
            scores = fusion.score(features) if learned else prior_score(features)
            order = np.argsort(-scores, kind="stable")[:k]
            out.append([(int(candidates[i]), float(scores[i])) for i in order])
        return out

    def search_methods(
        self, queries: list[str], k: int, methods: tuple[str, ...], lang_hint: str | None = None, chunk: int = 64
    ) -> dict[str, list[list[tuple[int, float]]]]:
        """The top ``k`` (document index, score) per query for each method, sharing the signals."""
        results: dict[str, list[list[tuple[int, float]]]] = {m: [] for m in methods}
        for start in range(0, len(queries), chunk):
            signals = self.signals(queries[start : start + chunk], lang_hint)
            for method in methods:
                if method == "hybrid":
                    results[method] += self.ranked(signals, k)
                else:
                    results[method] += top_k(self.baseline(signals, method), k)
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
