"""Retrieval quality at k: recall (any relevant document found), nDCG and MRR."""

import math
from collections.abc import Sequence


def query_metrics(ranked: Sequence[str], relevant: set[str], k: int = 10) -> dict[str, float]:
    hits = [doc in relevant for doc in ranked[:k]]
    first = hits.index(True) if any(hits) else None
    dcg = sum(1 / math.log2(rank + 2) for rank, hit in enumerate(hits) if hit)
    ideal = sum(1 / math.log2(rank + 2) for rank in range(min(len(relevant), k)))
    return {
        f"recall@{k}": 1.0 if first is not None else 0.0,
        f"ndcg@{k}": dcg / ideal if ideal else 0.0,
        f"mrr@{k}": 1 / (first + 1) if first is not None else 0.0,
    }


def mean_metrics(rows: list[dict[str, float]]) -> dict[str, float]:
    if not rows:
        return {}
    return {key: round(sum(r[key] for r in rows) / len(rows), 4) for key in rows[0]}
