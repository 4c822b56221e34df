"""Weighted signals over aligned arrays of (seeker, vacancy) pairs, after the hard filters.

Both directions of matching use these functions: a seeker against many vacancies, or a
vacancy against many seekers, is the same computation with one side repeated. Nothing
here can see age, sex or nationality.
"""

from dataclasses import dataclass, field

import numpy as np

from iljari.matching.engine.columns import VisaRules, commute_minutes, distance_km
from iljari.matching.engine.filters import Columns, hard_failures

WEIGHTS = {
    "occupation": 0.30,
    "text": 0.15,
    "commute": 0.15,
    "wage": 0.12,
    "licence": 0.08,
    "employment": 0.06,
    "korean": 0.06,
    "congestion": 0.08,
}
# E5 cosine of two job titles (measured on 700 catalogue titles): other occupation groups
# median 0.82 and 90th percentile 0.84; the same KECO code median 0.84; a title with itself 0.94.
# So only similarity above 0.84 counts, and 0.94 counts fully.
TEXT_FLOOR, TEXT_SPAN = 0.84, 0.10


@dataclass
class Catalogue:
    """The occupation catalogue as arrays the scores index by occupation number."""

    keco: np.ndarray  # int16 per occupation
    titles: list[str]
    keco_names: dict[int, str]


@dataclass
class PairEvaluation:
    passed: np.ndarray
    failures: dict[str, np.ndarray]
    components: dict[str, np.ndarray]
    score: np.ndarray
    minutes: np.ndarray
    occupation_kind: np.ndarray  # 3 exact, 2 same KECO, 1 same KECO minor group, 0 none
    extras: dict[str, np.ndarray] = field(default_factory=dict)


def _contains_any(held: np.ndarray, offered: np.ndarray) -> np.ndarray:
    hit = np.zeros(len(offered), dtype=bool)
    for r in range(offered.shape[1]):
        rows = np.flatnonzero(offered[:, r] >= 0)  # compare only the pairs that offer something in this slot
        if len(rows):
            hit[rows] |= (held[rows] == offered[rows, r, None]).any(axis=1)
    return hit


def _occupation_fit(s: Columns, v: Columns, catalogue: Catalogue) -> tuple[np.ndarray, np.ndarray]:
    fit = np.zeros(len(v["keco"]), dtype=np.float32)
    kind = np.zeros(len(v["keco"]), dtype=np.int8)
    for j in range(s["occupations"].shape[1]):
        occ = s["occupations"][:, j]
        known = occ >= 0
        if not known.any():
            continue  # no seeker of these pairs has a j-th occupation: nothing can fit better
        keco = np.where(known, catalogue.keco[np.where(known, occ, 0)], -1)
        exact = known & (occ == v["occupation"])
        same = known & (keco == v["keco"]) & (v["keco"] >= 0)
        minor = known & (keco // 10 == v["keco"] // 10) & (v["keco"] >= 0)
        level = np.where(exact, 3, np.where(same, 2, np.where(minor, 1, 0))).astype(np.int8)
        value = s["confidence"][:, j] * np.array([0.0, 0.3, 0.6, 1.0], dtype=np.float32)[level]
        better = value > fit
        fit = np.where(better, value, fit)
        kind = np.where(better, level, kind)
    return fit, kind


def evaluate_pairs(
    s: Columns,
    v: Columns,
    *,
    text_similarity: np.ndarray,
    catalogue: Catalogue,
    visas: VisaRules,
    minimum_hourly: float,
) -> PairEvaluation:
    """Filters, score components and the weighted score of each aligned pair."""
    reservation, monthly = s["reservation"], v["monthly"]
    occupation, kind = _occupation_fit(s, v, catalogue)
    text = np.clip((text_similarity - TEXT_FLOOR) / TEXT_SPAN, 0, 1)
    failures = hard_failures(s, v, visas=visas, minimum_hourly=minimum_hourly, occupation=occupation, text=text)
    passed = ~np.logical_or.reduce(list(failures.values()))
    minutes = commute_minutes(distance_km(s["lat"], s["lon"], v["lat"], v["lon"]))
    with np.errstate(invalid="ignore", divide="ignore"):
        wage_ratio = np.where(np.isnan(reservation), v["hourly"] / minimum_hourly - 1.0, monthly / reservation - 1.0)
    components = {
        "occupation": occupation,
        "text": text,
        "commute": np.where(np.isnan(minutes), 0.5, np.clip(1 - (minutes - 10) / 60, 0, 1)),
        "wage": np.where(np.isnan(wage_ratio), 0.5, np.clip(0.5 + 2.5 * wage_ratio, 0, 1)),
        "licence": (
            _contains_any(s["licences"], v["preferred"]) | ((v["required"] >= 0).any(axis=1) & ~failures["licence"])
        ).astype(np.float32),
        "employment": np.where((s["employment"] == 0) | (s["employment"] == v["employment"]), 1.0, 0.4),
        "korean": np.where(s["korean"] >= v["korean_min"], 1.0, 0.4),
        "congestion": 1.0 / (1.0 + v["open_referrals"] / np.maximum(v["openings"], 1)),
    }
    score = sum(WEIGHTS[name] * values.astype(np.float32) for name, values in components.items())
    return PairEvaluation(
        passed, failures, components, score.astype(np.float32), minutes, kind, {"wage_ratio": wage_ratio}
    )
