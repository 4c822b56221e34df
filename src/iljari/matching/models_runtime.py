"""The loaded models and caches of this process, in the places the settings name."""

import functools
from pathlib import Path

from django.conf import settings

from iljari.matching.engine.embeddings import CachedEmbedder, E5Embedder, EmbeddingCache, USEEmbedder, embedder
from iljari.matching.shipped_embeddings import shipped_seed


@functools.cache
def _cache(path: Path) -> EmbeddingCache:
    cache = EmbeddingCache(path)
    shipped_seed(cache)
    return cache


def embedding_cache() -> EmbeddingCache:
    """The embedding cache beside the database (one connection per process), holding the
    catalogue's shipped vectors from the moment it is opened."""
    return _cache(Path(settings.VAR_DIR) / "embeddings.sqlite3")


def retrieval_embedders() -> dict[str, CachedEmbedder]:
    cache = embedding_cache()
    return {name: CachedEmbedder(embedder(name), cache) for name in (E5Embedder.name, USEEmbedder.name)}
