"""Train the hybrid retrieval's learned fusion on the Korean alias development set only, and
choose the prior fusion's weights for the queries it does not cover.

Every development set is split once, by a fixed hash of the query id (of the concept, for the
concept sets, so a concept's languages stay together), into a tuning part (80%) and a held-out
part (20%). The LightGBM lambdarank model is chosen by 5-fold cross-validation on the tuning
part of ko_alias_dev and trained on all of it. It ranks Korean queries against the Korean
catalogue, all the alias set can teach; the other queries (colloquial phrasings in nine other
languages, MELO's titles against English ESCO) are ranked by the prior fusion, a weighted sum
of z-scores whose weights are grid-searched on the tuning parts of those sets. Held-out parts
are only measured.

Prints nDCG@10 and recall@10 of bm25, vector and the fused ranking per set and part (and
recall@10 per language for the concept sets), and writes the model to
src/iljari/matching/engine/candidates/fusion_model.txt (deterministic: one thread, fixed seed).
The prior weights it prints belong in ``PRIOR`` in fusion.py.

    .venv/bin/python bench/tune_fusion.py [--no-write] [DIR ...]

Without DIR it reads the development sets in ``shared/data/eval`` beside the checkout (or in
``$ILJARI_DATA_DIR/eval``) and the colloquial set in the repository.
"""

import argparse
import hashlib
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
TRAIN_SET = "ko_alias_dev"
HOLDOUT_SHARE = 0.2
FOLDS = 5
SEED = 20261201
GRID = [
    {"num_leaves": leaves, "min_data_in_leaf": 40, "learning_rate": 0.05, "num_boost_round": rounds}
    for leaves in (7, 15, 31)
    for rounds in (200, 400)
]


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iljari.settings")
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def _default_folders() -> list[Path]:
    from iljari.paths import eval_dir

    return [
        eval_dir() / "ko_alias_dev",
        ROOT / "src/iljari/matching/evalsets/colloquial_dev",
        *(eval_dir() / n for n in ("melo_usa_q_en_c_en", "melo_esp_q_es_c_en", "melo_deu_q_de_c_en")),
    ]


def held_out(query_id: str) -> bool:
    """The fixed split: concept sets by concept ("C01-vi" → "C01"), others by query."""
    key = query_id.rsplit("-", 1)[0] if "-" in query_id else query_id
    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) / 0xFFFFFFFF < HOLDOUT_SHARE


@dataclass
class Collected:
    query_ids: list[str]
    doc_ids: list[str]
    relevant: list[set[str]]
    candidates: list[np.ndarray]
    features: list[np.ndarray]
    baselines: dict[str, list[list[int]]]  # bm25 / vector top 10 per query
    learned: list[bool]  # the query is one the learned model ranks (Korean, against the Korean catalogue)
    role_keys: list[list[tuple[str, str] | None]]  # per candidate: (query's role word, title's), if both have one


def collect(folder: Path) -> Collected:
    from iljari.matching.catalogue import catalogue_documents, load_user_dictionary
    from iljari.matching.engine.candidates.fusion import TRAINED_LANGUAGE
    from iljari.matching.engine.candidates.retrieval import HybridRetriever, top_k
    from iljari.matching.engine.evaluation import eval_corpus, load_eval_set
    from iljari.matching.engine.tokens import compact
    from iljari.matching.evalsets import build_concept_set
    from iljari.matching.models_runtime import retrieval_embedders
    from iljari.paths import data_file

    if (folder / "source.tsv").exists():
        build_concept_set(folder, data_file("ko-job-dictionary", "occupations.csv"))
    load_user_dictionary()
    data = load_eval_set(folder)
    retriever = HybridRetriever(retrieval_embedders()).fit(eval_corpus(data, catalogue_documents()))
    out = Collected(data.query_ids, data.doc_ids, [data.relevant[q] for q in data.query_ids], [], [], {}, [], [])
    overlap = retriever.overlap
    out.baselines = {"bm25": [], "vector": []}
    for start in range(0, len(data.query_texts), 64):
        signals = retriever.signals(data.query_texts[start : start + 64])
        for query, same, (candidates, features) in zip(
            signals.queries, signals.same_language, retriever.features(signals), strict=True
        ):
            out.candidates.append(candidates)
            out.features.append(features)
            role = overlap.role(compact(query)) if same else ""
            out.role_keys.append(
                [
                    (role, overlap.title_roles[d]) if role and overlap.title_roles[d] else None
                    for d in candidates.tolist()
                ]
            )
        out.learned += [
            bool(s) and lang == TRAINED_LANGUAGE
            for s, lang in zip(signals.same_language, signals.languages, strict=True)
        ]
        for method in out.baselines:
            out.baselines[method] += [[d for d, _ in row] for row in top_k(retriever.baseline(signals, method), 10)]
    return out


def role_pairs(c: Collected, rows: list[int]):  # noqa: ANN201 - fusion.RolePairs
    """How often each (query role word, title role word) pair among these queries' candidates was the answer."""
    from iljari.matching.engine.candidates.fusion import RolePairs

    counts: dict[tuple[str, str], list[int]] = {}
    for i in rows:
        for d, key in zip(c.candidates[i].tolist(), c.role_keys[i], strict=True):
            if key is not None:
                tally = counts.setdefault(key, [0, 0])
                tally[0] += c.doc_ids[d] in c.relevant[i]
                tally[1] += 1
    return RolePairs({key: (r, n) for key, (r, n) in counts.items()})


def rate_roles(c: Collected, rows: list[int], pairs) -> None:  # noqa: ANN001 - fusion.RolePairs
    """Set the ``role_pair`` feature of these queries' candidates from ``pairs``."""
    from iljari.matching.engine.candidates.fusion import FEATURES

    column = FEATURES.index("role_pair")
    for i in rows:
        features = c.features[i].copy()
        features[:, column] = [np.nan if key is None else pairs.rate(*key) for key in c.role_keys[i]]
        c.features[i] = features


def rate_roles_out_of_fold(c: Collected, rows: list[int]) -> None:
    """Training rows' ``role_pair`` from the counts of the other folds, so the model learns what the
    feature is worth on queries it has not counted (as every query it will meet)."""
    folds = [rows[f::FOLDS] for f in range(FOLDS)]
    for f, fold in enumerate(folds):
        rate_roles(c, fold, role_pairs(c, [i for g, other in enumerate(folds) if g != f for i in other]))


def _training(c: Collected, rows: list[int]) -> tuple[np.ndarray, np.ndarray, list[int]]:
    xs, ys, groups = [], [], []
    for i in rows:
        y = np.array([c.doc_ids[d] in c.relevant[i] for d in c.candidates[i]], dtype=np.float32)
        if not c.learned[i] or not y.any():
            continue  # not the model's kind of query, or the answer is not among the candidates
        xs.append(c.features[i])
        ys.append(y)
        groups.append(len(y))
    return np.vstack(xs), np.concatenate(ys), groups


def train(c: Collected, rows: list[int], params: dict):  # noqa: ANN201 - a lightgbm.Booster
    import lightgbm

    from iljari.matching.engine.candidates.fusion import FEATURES

    rate_roles_out_of_fold(c, rows)
    x, y, groups = _training(c, rows)
    dataset = lightgbm.Dataset(x, y, group=groups, feature_name=list(FEATURES), free_raw_data=False)
    settings = {
        "objective": "lambdarank",
        "metric": "ndcg",
        "ndcg_eval_at": [10],
        "lambdarank_truncation_level": 20,
        "num_leaves": params["num_leaves"],
        "min_data_in_leaf": params["min_data_in_leaf"],
        "learning_rate": params["learning_rate"],
        "feature_fraction": 0.8,
        "feature_fraction_seed": SEED,
        "seed": SEED,
        "deterministic": True,
        "force_row_wise": True,
        "num_threads": 1,
        "verbosity": -1,
    }
    return lightgbm.train(settings, dataset, num_boost_round=params["num_boost_round"])


def _ranked(c: Collected, i: int, scores: np.ndarray) -> list[str]:
    order = np.argsort(-scores, kind="stable")[:10]
    return [c.doc_ids[c.candidates[i][j]] for j in order]


def _fused(c: Collected, i: int, booster, prior: dict[str, float]) -> list[str]:  # noqa: ANN001
    from iljari.matching.engine.candidates.fusion import prior_score

    if not len(c.candidates[i]):
        return []
    learned = c.learned[i] and booster is not None
    return _ranked(
        c, i, booster.predict(c.features[i], num_threads=1) if learned else prior_score(c.features[i], prior)
    )


def measure(c: Collected, rows: list[int], booster, prior: dict[str, float]) -> dict[str, dict]:  # noqa: ANN001
    """bm25, vector and hybrid metrics over ``rows``; for concept sets also hybrid recall@10 per language."""
    from iljari.matching.engine.evaluation import query_language
    from iljari.matching.engine.metrics import mean_metrics, query_metrics

    out: dict[str, dict] = {}
    for method in ("bm25", "vector"):
        out[method] = mean_metrics(
            [query_metrics([c.doc_ids[d] for d in c.baselines[method][i]], c.relevant[i]) for i in rows]
        )
    fused = {i: query_metrics(_fused(c, i, booster, prior), c.relevant[i]) for i in rows}
    out["hybrid"] = mean_metrics(list(fused.values()))
    languages = {i: query_language(c.query_ids[i]) for i in rows}
    if rows and all(languages.values()):
        out["languages"] = {
            lang: mean_metrics([m for i, m in fused.items() if languages[i] == lang])["recall@10"]
            for lang in dict.fromkeys(languages.values())
        }
    return out


def choose_prior(sets: dict[str, Collected]) -> dict[str, float]:
    """Grid-search the prior weights on the tuning parts of the queries the learned model does not rank.

    The objective is the mean over sets of nDCG@10; a choice whose colloquial recall@10 falls
    below 0.9 in any language is passed over.
    """
    import itertools

    from iljari.matching.engine.candidates.fusion import PRIOR

    best = None
    grid = itertools.product((0.75, 0.85, 1.0), (0.0, 0.1), (1.0, 1.5), (0.0, 0.1), (0.0, 0.5, 1.0))
    for use, lexical, names, title, short in grid:
        weights = {
            "e5": 1.0,
            "e5_title": short,
            "e5_names": 1.0,
            **{s: use for s in ("use", "use_title", "use_names")},
            "text_words": lexical,
            "text_ngrams": lexical,
            "title_ngrams": title,
            "details_words": 0.0,
            "details_ngrams": 0.0,
            "names_words": names,
            "names_ngrams": names,
        }
        scores, floor = [], 1.0
        for c in sets.values():
            rows = [i for i, q in enumerate(c.query_ids) if not held_out(q) and not c.learned[i]]
            if rows:
                m = measure(c, rows, None, weights)
                scores.append(m["hybrid"]["ndcg@10"])
                floor = min(floor, *m.get("languages", {}).values()) if "languages" in m else floor
        mean = float(np.mean(scores))
        if floor >= 0.9 and (best is None or mean > best[0] + 1e-9):
            best = (mean, weights)
    chosen = best[1] if best else dict(PRIOR)
    print(f"prior weights (tuning parts, mean nDCG@10 {best[0] if best else float('nan'):.4f}): {chosen}")
    if chosen != PRIOR:
        print("  these differ from PRIOR in fusion.py: put them there and run again")
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--no-write", action="store_true", help="measure only; keep the shipped model")
    args = parser.parse_args()
    _setup()
    from iljari.matching.engine.candidates.fusion import MODEL_FILE, ROLE_PAIRS_FILE

    folders = args.folders or _default_folders()
    started = time.perf_counter()
    sets = {f.name: collect(f) for f in folders}
    print(
        f"features of {sum(len(c.query_ids) for c in sets.values()):,} queries in {time.perf_counter() - started:.0f} s"
    )
    prior = choose_prior(sets)
    alias = sets[TRAIN_SET]
    tune = [i for i, q in enumerate(alias.query_ids) if not held_out(q)]
    folds = [tune[f::FOLDS] for f in range(FOLDS)]
    best = None
    for params in GRID:
        scores = []
        for f in range(FOLDS):
            rest = [i for g, fold in enumerate(folds) if g != f for i in fold]
            booster = train(alias, rest, params)
            rate_roles(alias, folds[f], role_pairs(alias, rest))
            scores.append(measure(alias, folds[f], booster, prior)["hybrid"]["ndcg@10"])
        mean = float(np.mean(scores))
        print(f"  cv {params}: nDCG@10 {mean:.4f} (folds {' '.join(f'{s:.3f}' for s in scores)})", flush=True)
        if best is None or mean > best[0]:
            best = (mean, params)
    print(f"chosen by {FOLDS}-fold cross-validation on {TRAIN_SET} (tuning part): {best[1]}, nDCG@10 {best[0]:.4f}")
    booster = train(alias, tune, best[1])
    pairs = role_pairs(alias, tune)
    for name, c in sets.items():  # every other query meets the counts of all the tuning part, as when shipped
        rate_roles(c, [i for i, q in enumerate(c.query_ids) if name != TRAIN_SET or held_out(q)], pairs)
    print(f"{'set':<22} {'part':<8} {'queries':>7}  " + "  ".join(f"{m:>16}" for m in ("bm25", "vector", "hybrid")))
    for name, c in sets.items():
        for part, keep in (("tune", False), ("held-out", True)):
            rows = [i for i, q in enumerate(c.query_ids) if held_out(q) == keep]
            if not rows:
                continue
            m = measure(c, rows, booster, prior)
            cells = "  ".join(f"{m[k]['ndcg@10']:.4f}/{m[k]['recall@10']:.4f}" for k in ("bm25", "vector", "hybrid"))
            print(f"{name:<22} {part:<8} {len(rows):>7}  {cells}   (nDCG@10/recall@10)")
            if "languages" in m:
                print(" " * 41 + "hybrid recall@10: " + " ".join(f"{k} {v:.2f}" for k, v in m["languages"].items()))
    if not args.no_write:
        MODEL_FILE.write_text(booster.model_to_string(), encoding="utf-8")
        ROLE_PAIRS_FILE.write_text(pairs.text(), encoding="utf-8")
        for written in (MODEL_FILE, ROLE_PAIRS_FILE):
            print(f"wrote {written.relative_to(ROOT)} ({written.stat().st_size / 1024:.0f} KB)")


if __name__ == "__main__":
    main()
