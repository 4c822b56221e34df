"""What a ranker learned from referral outcomes sees of a (seeker, vacancy) pair: the v1 score's
components and a few raw quantities behind them. The same function feeds training and the live
ordering, so what is checked offline is what orders the page; age, sex and nationality are not
in the engine's columns, so no feature can carry them."""

from collections.abc import Callable

import numpy as np

from iljari.matching.engine.scores import WEIGHTS, PairEvaluation

FEATURES = [*WEIGHTS, "minutes", "wage_ratio", "occupation_kind", "korean_gap", "v1_score"]
# A learned ordering: feature rows (``FEATURES``) → one score each, higher first.
Order = Callable[[np.ndarray], np.ndarray]


def outcome_features(ev: PairEvaluation, s: dict, v: dict) -> np.ndarray:
    """One row of ``FEATURES`` per evaluated pair."""
    columns = [ev.components[name] for name in WEIGHTS]
    columns += [
        np.nan_to_num(ev.minutes, nan=30.0),
        np.nan_to_num(ev.extras["wage_ratio"], nan=0.0),
        ev.occupation_kind.astype(np.float32),
        (v["korean_min"] - s["korean"]).astype(np.float32),
        ev.score,
    ]
    return np.column_stack(columns).astype(np.float32)
