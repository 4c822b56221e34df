"""Evaluating retrieval on a folder of corpus.tsv, queries.tsv and qrels.tsv."""

import csv
from dataclasses import dataclass
from pathlib import Path

from iljari.matching.engine.candidates.retrieval import METHODS, HybridRetriever
from iljari.matching.engine.metrics import mean_metrics, query_metrics


@dataclass
class EvalSet:
    doc_ids: list[str]
    doc_texts: list[str]
    query_ids: list[str]
    query_texts: list[str]
    relevant: dict[str, set[str]]


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if row]


def load_eval_set(folder: Path) -> EvalSet:
    for name in ("corpus.tsv", "queries.tsv", "qrels.tsv"):
        if not (folder / name).exists():
            raise FileNotFoundError(f"{folder / name} 파일이 없습니다.")
    corpus = _rows(folder / "corpus.tsv")
    relevant: dict[str, set[str]] = {}
    for query_id, doc_id, *grade in _rows(folder / "qrels.tsv"):
        if not grade or float(grade[0]) > 0:
            relevant.setdefault(query_id, set()).add(doc_id)
    queries = [q for q in _rows(folder / "queries.tsv") if q[0] in relevant]
    return EvalSet(
        [d[0] for d in corpus], [d[1] for d in corpus], [q[0] for q in queries], [q[1] for q in queries], relevant
    )


def evaluate(
    retriever: HybridRetriever, data: EvalSet, k: int = 10, methods: tuple[str, ...] = METHODS
) -> dict[str, dict[str, float]]:
    """Metrics per method for a retriever already fitted on ``data``'s corpus."""
    ranked = retriever.search_methods(data.query_texts, k, methods)
    return {
        method: mean_metrics(
            [
                query_metrics([data.doc_ids[i] for i, _ in hits], data.relevant[qid], k)
                for qid, hits in zip(data.query_ids, ranked[method], strict=True)
            ]
        )
        for method in methods
    }
