"""Evaluating retrieval on a folder of corpus.tsv, queries.tsv and qrels.tsv."""

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from iljari.matching.engine.candidates.retrieval import METHODS, Corpus, HybridRetriever
from iljari.matching.engine.metrics import mean_metrics, query_metrics

# Query ids of the concept sets iljari writes end in the query's language: "C01-vi".
_LANGUAGE_SUFFIX = re.compile(r"-([a-z]{2}(?:-[a-z]+)?)$")


@dataclass
class EvalSet:
    doc_ids: list[str]
    doc_texts: list[str]
    query_ids: list[str]
    query_texts: list[str]
    relevant: dict[str, set[str]]


@dataclass
class CatalogueDocument:
    """What the catalogue knows of a document the set names by its occupation id."""

    title: str
    group: str
    names: list[str]
    details: str = ""


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


def eval_corpus(data: EvalSet, catalogue: dict[str, CatalogueDocument]) -> Corpus:
    """The set's documents as the normalizer sees them.

    Where the set names catalogue occupations (every document id is one), each document gets its
    title, KECO group, 수행직무 and vocabulary names from the catalogue, the text staying the
    set's own; other sets (MELO's ESCO surface forms) are their texts alone.
    """
    if not data.doc_ids or not all(d in catalogue for d in data.doc_ids):
        return Corpus(data.doc_texts)
    known = [catalogue[d] for d in data.doc_ids]
    return Corpus(
        data.doc_texts,
        [c.title for c in known],
        [c.names for c in known],
        [c.group for c in known],
        [c.details for c in known],
    )


def query_language(query_id: str) -> str | None:
    match = _LANGUAGE_SUFFIX.search(query_id)
    return match.group(1) if match else None


def evaluate(
    retriever: HybridRetriever, data: EvalSet, k: int = 10, methods: tuple[str, ...] = METHODS
) -> dict[str, dict]:
    """Metrics per method for a retriever already fitted on ``data``'s corpus.

    When every query id ends in its language ("C01-vi"), ``languages`` has the same metrics per
    method and language.
    """
    ranked = retriever.search_methods(data.query_texts, k, methods)
    languages = [query_language(q) for q in data.query_ids]
    per_language = all(languages)
    out: dict[str, dict] = {}
    by_language: dict[str, dict] = {}
    for method in methods:
        rows = [
            query_metrics([data.doc_ids[i] for i, _ in hits], data.relevant[qid], k)
            for qid, hits in zip(data.query_ids, ranked[method], strict=True)
        ]
        out[method] = mean_metrics(rows)
        by_language[method] = {
            lang: mean_metrics([r for r, code in zip(rows, languages, strict=True) if code == lang])
            for lang in dict.fromkeys(languages)
        }
    if per_language and languages:
        out["languages"] = by_language
    return out
