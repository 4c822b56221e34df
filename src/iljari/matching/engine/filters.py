"""Hard requirements over aligned arrays of (seeker, vacancy) pairs: a pair that fails one is
not recommended (a few that fail one thing a seeker could change are shown as near misses).

Nothing here can see age, sex or nationality; residence status is used only to apply the law
on which work it allows (출입국관리법 시행령).
"""

import numpy as np

from iljari.matching.engine.columns import VisaRules

Columns = dict[str, np.ndarray]

# The filters a seeker could do something about (a licence, Korean...): failing only one of them
# makes a near miss worth showing.
NEAR_MISS_FILTERS = ("licence", "korean", "shift", "hours", "reservation_wage")
SIMPLE_LABOUR_KSCO_MAJOR = 9  # 한국표준직업분류 대분류 9: 단순노무 종사자
RELATED_TEXT = 0.35  # text score (scores.TEXT_FLOOR..) of the same kind of work: cosine ≥ 0.875


def contains_all(held: np.ndarray, needed: np.ndarray) -> np.ndarray:
    """Row-wise: every non-negative id in ``needed`` (n×R) appears in ``held`` (n×L)."""
    ok = np.ones(len(needed), dtype=bool)
    for r in range(needed.shape[1]):
        rows = np.flatnonzero(needed[:, r] >= 0)  # most vacancies need no licence: compare only those that do
        if len(rows):
            ok[rows] &= (held[rows] == needed[rows, r, None]).any(axis=1)
    return ok


def _visa_failures(s: Columns, v: Columns, visas: VisaRules) -> np.ndarray:
    code = s["visa"]
    has = code >= 0
    idx = np.where(has, code, 0)
    scope = np.where(has, visas.scope[idx], 0)
    keco_major = np.clip(v["keco"] // 1000, 0, 9)
    permitted = (visas.prefix_mask[idx] >> keco_major) & 1
    fail = scope == VisaRules.SCOPES.index("none")
    fail |= (scope == VisaRules.SCOPES.index("permitted_industries")) & (permitted == 0)
    fail |= (scope == VisaRules.SCOPES.index("no_simple_labour")) & (v["ksco_major"] == SIMPLE_LABOUR_KSCO_MAJOR)
    limit = visas.hours_limit[idx]
    fail |= (scope == VisaRules.SCOPES.index("part_time_limited")) & (
        (v["weekly_hours"] <= 0) | (v["weekly_hours"] > limit)
    )
    listed = ((v["visas"] >> idx.astype(np.int64)) & 1) == 1
    needs_listing = visas.listing[idx] | (scope == VisaRules.SCOPES.index("professional_only"))
    fail |= needs_listing & ~listed
    return has & fail


def hard_failures(
    s: Columns, v: Columns, *, visas: VisaRules, minimum_hourly: float, occupation: np.ndarray, text: np.ndarray
) -> dict[str, np.ndarray]:
    """Each filter's failing pairs, given the pairs' occupation fit and title score (scores.py)."""
    reservation, monthly = s["reservation"], v["monthly"]
    hours = v["weekly_hours"]
    # A job unrelated to what the seeker asked for is not a recommendation, however near or well paid;
    # only someone who asked for nothing in particular is shown whatever fits.
    asked = (s["occupations"] >= 0).any(axis=1) | (s["desired"] >= 0)
    return {
        "closed": ~(s["active"] & v["active"]),
        "licence": ~contains_all(s["licences"], v["required"]),
        "visa": _visa_failures(s, v, visas),
        "minimum_wage": v["hourly"] + 0.5 < minimum_hourly,
        "reservation_wage": ~np.isnan(reservation) & (monthly < reservation),
        "hours": ((s["work_hours"] == 1) & (hours > 0) & (hours < 30))
        | ((s["work_hours"] == 2) & ((hours <= 0) | (hours > 35)) & (v["employment"] != 3)),
        "shift": (s["shifts"] != 0) & ((s["shifts"] & v["shift"]) == 0),
        "accessibility": s["wheelchair"] & ~v["accessible"],
        "korean": v["korean_min"] - s["korean"] >= 2,
        "unrelated": asked & (occupation <= 0) & (text < RELATED_TEXT),
    }


def near_miss_pairs(failures: dict[str, np.ndarray], occupation: np.ndarray) -> np.ndarray:
    """Pairs of a related occupation that fail exactly one filter a seeker could do something about."""
    hard = np.logical_or.reduce([f for n, f in failures.items() if n not in NEAR_MISS_FILTERS])
    soft = np.sum([failures[n] for n in NEAR_MISS_FILTERS], axis=0)
    return ~hard & (soft == 1) & (occupation > 0)
