"""Tune the hybrid retrieval's fusion weights on the development sets only.

For each set it computes every raw signal once (BM25 words, BM25 n-grams, E5, USE), keeps
each query's top candidates of every signal with their standardized scores, and then
grid-searches the weights, separately for queries in the catalogue's language and for
cross-language queries. Prints per-set nDCG@10 of bm25, vector and the best hybrid, and
the weights to put in `FusionWeights`.

    .venv/bin/python bench/tune_fusion.py [DIR ...]

Without DIR it reads the development sets in ``shared/data/eval`` beside the checkout (or in
``$ILJARI_DATA_DIR/eval``) and the colloquial set in the repository.
"""

import itertools
import os
import sys
from pathlib import Path

import numpy as np

CANDIDATES = 100
ROOT = Path(__file__).resolve().parents[1]


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")
    import django

    django.setup()


def _collect(folder: Path):
    from iljari.matching.engine.candidates.retrieval import HybridRetriever, standardize
    from iljari.matching.engine.evaluation import load_eval_set
    from iljari.matching.evalsets import build_concept_set
    from iljari.matching.models_runtime import retrieval_embedders
    from iljari.paths import data_file
    from iljari.text.language import detect_language

    if (folder / "source.tsv").exists():
        build_concept_set(folder, data_file("ko-job-dictionary", "occupations.csv"))
    data = load_eval_set(folder)
    retriever = HybridRetriever(retrieval_embedders()).fit(data.doc_texts)
    names = None
    rows = []
    for start in range(0, len(data.query_texts), 128):
        chunk = data.query_texts[start : start + 128]
        signals, _ = retriever.signals(chunk)
        names = list(signals)
        z = {n: standardize(v) for n, v in signals.items()}
        for i, text in enumerate(chunk):
            candidates = np.unique(np.concatenate([np.argpartition(-z[n][i], CANDIDATES)[:CANDIDATES] for n in names]))
            lang = detect_language(text)
            rows.append(
                (candidates, np.stack([z[n][i, candidates] for n in names]), lang == retriever.language, lang == "ko")
            )
    relevant = [data.relevant[q] for q in data.query_ids]
    return names, rows, relevant, data.doc_ids


def _ndcg(rows, relevant, doc_ids, weights_same, weights_cross, use_korean=None) -> float:  # noqa: ANN001
    from iljari.matching.engine.metrics import query_metrics

    total = 0.0
    for (candidates, z, same, korean), rel in zip(rows, relevant, strict=True):
        weights = (weights_same if same else weights_cross).copy()
        if korean and use_korean is not None:
            weights[3] = use_korean
        fused = weights @ z
        top = candidates[np.argsort(-fused)[:10]]
        total += query_metrics([doc_ids[i] for i in top], rel, 10)["ndcg@10"]
    return total / len(rows)


def main() -> None:
    _setup()
    from iljari.paths import eval_dir

    folders = [Path(a) for a in sys.argv[1:]] or [
        *(eval_dir() / n for n in ("ko_alias_dev", "melo_usa_q_en_c_en", "melo_esp_q_es_c_en", "melo_deu_q_de_c_en")),
        ROOT / "src/iljari/matching/evalsets/colloquial_dev",
    ]
    sets = {f.name: _collect(f) for f in folders}
    names = next(iter(sets.values()))[0]
    print("signals:", names)
    grid_dense = [(1.0, u, uk) for u in (0.0, 0.25, 0.5, 0.75) for uk in (0.0, 0.1, 0.25)]
    grid_lex = [(w, n) for w in (0.0, 0.03, 0.05, 0.1) for n in (0.0, 0.05, 0.1, 0.15, 0.2)]
    best = None
    for (e5, use, use_korean), (w, n) in itertools.product(grid_dense, grid_lex):
        same = np.array([w, n, e5, use])
        cross = np.array([0, 0, e5, use])
        scores = {k: _ndcg(r, rel, ids, same, cross, use_korean) for k, (_, r, rel, ids) in sets.items()}
        mean = sum(scores.values()) / len(scores)
        if best is None or mean > best[0]:
            best = (mean, same, cross, use_korean, scores)
    mean, same, cross, use_korean, scores = best
    print(
        f"best mean nDCG@10 {mean:.4f}; same-language weights (words, ngrams, e5, use) {same.tolist()}, "
        f"cross-language {cross.tolist()}, USE weight for Korean queries {use_korean}"
    )
    for k, (_, r, rel, ids) in sets.items():
        bm25 = _ndcg(r, rel, ids, np.array([1, 1, 0, 0]), np.array([1, 1, 0, 0]))
        vector = _ndcg(r, rel, ids, np.array([0, 0, same[2], same[3]]), np.array([0, 0, same[2], same[3]]), use_korean)
        print(f"  {k:<22} bm25 {bm25:.4f}  vector {vector:.4f}  hybrid {scores[k]:.4f}")


if __name__ == "__main__":
    main()
