"""The loaded models and caches of this process, in the places the settings name."""

import functools
from pathlib import Path

from django.conf import settings

from iljari.matching.engine.embeddings import CachedEmbedder, E5Embedder, EmbeddingCache, USEEmbedder, embedder


@functools.cache
def _cache(path: Path) -> EmbeddingCache:
    return EmbeddingCache(path)


def embedding_cache() -> EmbeddingCache:
    """The embedding cache beside the database (one connection per process)."""
    return _cache(Path(settings.VAR_DIR) / "embeddings.sqlite3")


def retrieval_embedders() -> dict[str, CachedEmbedder]:
    cache = embedding_cache()
    return {name: CachedEmbedder(embedder(name), cache) for name in (E5Embedder.name, USEEmbedder.name)}
