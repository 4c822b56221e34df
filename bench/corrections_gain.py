"""What a few hundred counselors' corrections gain: nDCG@10 and recall@10 on a held-out split of the
development sets, before and after the corrections of the other split are learned.

Each catalogue-backed development set (ko_alias_dev, colloquial_dev) is split by the same fixed hash
as ``bench/tune_fusion.py`` (by concept for the concept sets, so a concept's languages stay on one
side): the held-out part is only measured. From the training part, ``--corrections`` queries (chosen
by a fixed hash) become corrections, as if a counselor had confirmed each phrase's occupation: the
phrase → one of its relevant occupations (the lowest id, what a counselor picking any right one
would give). They are then learned the way the normalizer learns them:

- names: each phrase becomes one more name of its occupation (``HybridRetriever.set_names``, what
  ``OccupationNormalizer.learn`` does), so held-out phrasings close to a corrected one find it;
- exact: a held-out query that is, spaces and case aside, a corrected phrase gets that occupation
  first (the normalizer's exact hit). The split keeps held-out items out of the corrections; the
  count of held-out queries equal to a training phrase is printed beside it.

Prints, per set and in all, hybrid nDCG@10 and recall@10 on the held-out part before and after
(names only, and names + exact hits), on its "touched" queries (those of an occupation a correction
named: the only ones a correction can help), per language for the concept set, and the time to learn.

    .venv/bin/python bench/corrections_gain.py [--corrections 300] [--json] [DIR ...]
"""

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from tune_fusion import _setup, held_out  # noqa: E402 - the same split as the fusion's tuning

SEED = "corrections-20261202"


def _order(query_id: str) -> str:
    return hashlib.sha256(f"{SEED}:{query_id}".encode()).hexdigest()


def _fold(text: str) -> str:
    from iljari.matching.catalogue import correction_phrase

    return correction_phrase(text).replace(" ", "").casefold()


def measure_set(folder: Path, budget: int) -> dict:
    from iljari.matching.catalogue import catalogue_documents, load_user_dictionary
    from iljari.matching.engine.candidates.retrieval import HybridRetriever
    from iljari.matching.engine.evaluation import eval_corpus, load_eval_set, query_language
    from iljari.matching.engine.metrics import mean_metrics, query_metrics
    from iljari.matching.evalsets import build_concept_set
    from iljari.matching.models_runtime import retrieval_embedders
    from iljari.paths import data_file

    if (folder / "source.tsv").exists():
        build_concept_set(folder, data_file("ko-job-dictionary", "occupations.csv"))
    data = load_eval_set(folder)
    load_user_dictionary()
    corpus = eval_corpus(data, catalogue_documents())
    retriever = HybridRetriever(retrieval_embedders()).fit(corpus)
    row = {d: i for i, d in enumerate(data.doc_ids)}
    train = [i for i, q in enumerate(data.query_ids) if not held_out(q)]
    test = [i for i, q in enumerate(data.query_ids) if held_out(q)]
    chosen = sorted(train, key=lambda i: _order(data.query_ids[i]))[:budget]
    pairs = [(data.query_texts[i], min(data.relevant[data.query_ids[i]])) for i in chosen]
    assert not {data.query_ids[i] for i in chosen} & {data.query_ids[i] for i in test}
    corrected = {doc for _, doc in pairs}

    def ranked(exact: dict[str, str] | None = None) -> list[list[str]]:
        hits = retriever.search([data.query_texts[i] for i in test], k=10)
        out = []
        for i, found in zip(test, hits, strict=True):
            docs = [data.doc_ids[d] for d, _ in found]
            first = (exact or {}).get(_fold(data.query_texts[i]))
            out.append(([first] + [d for d in docs if d != first])[:10] if first else docs)
        return out

    def scores(lists: list[list[str]]) -> dict:
        rows = [query_metrics(docs, data.relevant[data.query_ids[i]], 10) for i, docs in zip(test, lists, strict=True)]
        result = {"all": _pick(mean_metrics(rows))}
        touched = [r for i, r in zip(test, rows, strict=True) if data.relevant[data.query_ids[i]] & corrected]
        if touched:  # held-out queries of an occupation some correction named: where a gain can come from
            result["touched"] = {**_pick(mean_metrics(touched)), "queries": len(touched)}
        languages = [query_language(data.query_ids[i]) for i in test]
        if all(languages):
            for lang in dict.fromkeys(languages):
                result[lang] = _pick(mean_metrics([r for r, code in zip(rows, languages, strict=True) if code == lang]))
        return result

    before = scores(ranked())
    started = time.perf_counter()
    names = [list(doc) for doc in corpus.names]
    for phrase, doc in pairs:
        if phrase not in names[row[doc]]:
            names[row[doc]].append(phrase)
    retriever.set_names(names)
    learn_seconds = time.perf_counter() - started
    exact = {_fold(phrase): doc for phrase, doc in pairs}
    after_names = scores(ranked())
    after_exact = scores(ranked(exact))
    repeated = sum(_fold(data.query_texts[i]) in exact for i in test)
    return {
        "set": folder.name,
        "queries": {"train": len(train), "held_out": len(test), "corrections": len(pairs)},
        "held_out_equal_to_a_corrected_phrase": repeated,
        "learn_seconds": round(learn_seconds, 2),
        "before": before,
        "after_names": after_names,
        "after_names_and_exact": after_exact,
    }


def _pick(metrics: dict) -> dict:
    return {"ndcg@10": round(metrics["ndcg@10"], 4), "recall@10": round(metrics["recall@10"], 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--corrections", type=int, default=300, help="corrections taken from each set's training part")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    _setup()
    from iljari.paths import eval_dir

    folders = args.folders or [eval_dir() / "ko_alias_dev", ROOT / "src/iljari/matching/evalsets/colloquial_dev"]
    results = [
        measure_set(f, args.corrections) for f in folders if (f / "qrels.tsv").exists() or (f / "source.tsv").exists()
    ]
    for r in results:
        q = r["queries"]
        print(
            f"{r['set']}: {q['corrections']} corrections from {q['train']} training queries; "
            f"{q['held_out']} held-out queries ({r['held_out_equal_to_a_corrected_phrase']} equal to a corrected phrase); "
            f"learned in {r['learn_seconds']} s"
        )
        for lang in r["before"]:
            b, n, e = r["before"][lang], r["after_names"][lang], r["after_names_and_exact"][lang]
            label = f"touched ({b['queries']})" if lang == "touched" else lang
            print(
                f"  {label:<13} nDCG@10 {b['ndcg@10']:.4f} → {n['ndcg@10']:.4f} (names) → {e['ndcg@10']:.4f} (+exact)   "
                f"recall@10 {b['recall@10']:.4f} → {n['recall@10']:.4f} → {e['recall@10']:.4f}"
            )
    if args.json:
        print(json.dumps(results, ensure_ascii=False))


if __name__ == "__main__":
    main()
