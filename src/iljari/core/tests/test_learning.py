"""The measures the learned models are judged by."""

import math

import numpy as np

from iljari.core.learning import auc, precision_at


def test_auc_counts_ties_as_half_and_is_undefined_without_both_classes():
    labels = np.array([1, 0, 1, 0])
    assert auc(labels, np.array([0.5, 0.5, 0.9, 0.1])) == 0.875
    assert auc(labels, np.array([0.9, 0.1, 0.8, 0.2])) == 1.0
    assert math.isnan(auc(np.array([1, 1]), np.array([0.2, 0.3])))


def test_precision_at_k_looks_only_at_the_top_scores():
    labels = np.array([0, 1, 1, 0, 1])
    scores = np.array([0.9, 0.8, 0.7, 0.1, 0.05])
    assert precision_at(labels, scores, 2) == 0.5 and precision_at(labels, scores, 3) == 2 / 3
