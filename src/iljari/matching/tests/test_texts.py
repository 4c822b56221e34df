"""Above the exact limit, title search goes through an HNSW index that every process must build alike."""

import numpy as np

from iljari.matching.engine.candidates import texts
from iljari.matching.engine.candidates.texts import TextSpace


def _space(vectors: np.ndarray) -> TextSpace:
    space = TextSpace(None)
    space.texts = [f"제목{i}" for i in range(len(vectors))]
    space.position = {t: i for i, t in enumerate(space.texts)}
    space.vectors = vectors
    return space


def test_two_processes_building_the_index_find_the_same_nearest_titles(monkeypatch):
    monkeypatch.setattr(texts, "EXACT_LIMIT", 100)
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(6000, 64)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    one, other = _space(vectors), _space(vectors.copy())  # a batch worker's and the web process's
    for query in vectors[:300] + rng.normal(scale=0.05, size=(300, 64)).astype(np.float32):
        found, again = one.nearest(query, 100), other.nearest(query, 100)
        assert found[0].tolist() == again[0].tolist()
        assert found[1].tolist() == again[1].tolist()
