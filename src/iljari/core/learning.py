"""What iljari's learned models share: a LightGBM classifier with fixed seeds, and the measures
they are judged by. No Django inside."""

from typing import TYPE_CHECKING

import numpy as np
from scipy.stats import rankdata

if TYPE_CHECKING:
    from lightgbm import Booster


def train_classifier(
    features: np.ndarray,
    labels: np.ndarray,
    names: list[str],
    *,
    learning_rate: float,
    num_leaves: int,
    min_data_in_leaf: int,
    rounds: int,
    seed: int,
) -> "Booster":
    """A binary LightGBM model, reproducible (fixed seed, two threads as on the center's machines)."""
    import lightgbm

    params = {
        "objective": "binary",
        "learning_rate": learning_rate,
        "num_leaves": num_leaves,
        "min_data_in_leaf": min_data_in_leaf,
        "bagging_fraction": 0.8,
        "bagging_freq": 1,
        "feature_fraction": 0.9,
        "seed": seed,
        "verbose": -1,
        "num_threads": 2,
    }
    return lightgbm.train(params, lightgbm.Dataset(features, labels, feature_name=names), num_boost_round=rounds)


def auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    positives = int(labels.sum())
    negatives = len(labels) - positives
    if not positives or not negatives:
        return float("nan")
    ranks = rankdata(scores)  # ties get their average rank
    return float((ranks[labels == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def precision_at(labels: np.ndarray, scores: np.ndarray, k: int) -> float:
    """The share of positives among the ``k`` highest scores."""
    top = np.argsort(-scores, kind="stable")[:k]
    return float(labels[top].mean()) if len(top) else float("nan")
