"""Which companies are likely to post a vacancy in the next 90 days (La Bonne Boîte's idea).

Each company is described at a cut-off day by its own history — vacancies in the last 90/365/
730 days and in the same season last year, days since the last one, openings, visits and what
the last visit heard about hiring plans, the month, its size and whether it is in the Smart Hub
— and labelled by whether it posted a vacancy in the 90 days after. A LightGBM model learns from
monthly cut-offs in the past; it is judged on a later cut-off it never saw, against the baseline
"the companies that hired most last year". Each score is explained in Korean from the features
that pushed it up most (LightGBM's SHAP contributions).
"""

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from django.core.cache import cache
from django.utils import timezone

from iljari.core.learning import auc, precision_at, train_classifier
from iljari.discovery.models import Visit
from iljari.employers.models import Employer
from iljari.vacancies.models import Vacancy

HORIZON = 90
STEP = 30
FEATURES = [
    "vac_90",
    "vac_365",
    "vac_730",
    "same_season_last_year",
    "days_since_vac",
    "openings_365",
    "visits_180",
    "days_since_visit",
    "plan_hiring",
    "plan_none",
    "month",
    "employees_log",
    "smart_hub",
]
NEVER = 1500  # days, for "never happened"


@dataclass
class History:
    """Each company's vacancy dates (sorted), openings and visits, loaded once."""

    ids: list[int]
    names: dict[int, str]
    vacancies: dict[int, list[date]]
    openings: dict[int, list[tuple[date, int]]]
    visits: dict[int, list[tuple[date, str]]]
    employees: dict[int, int]
    smart_hub: dict[int, bool]
    first_day: date | None


def load_history() -> History:
    employers = list(Employer.objects.values_list("pk", "name", "employees", "in_smart_hub"))
    vacancies: dict[int, list[date]] = defaultdict(list)
    openings: dict[int, list[tuple[date, int]]] = defaultdict(list)
    for employer_id, posted, n in Vacancy.objects.values_list("employer_id", "posted_on", "openings").order_by(
        "posted_on"
    ):
        vacancies[employer_id].append(posted)
        openings[employer_id].append((posted, n))
    visits: dict[int, list[tuple[date, str]]] = defaultdict(list)
    for employer_id, day, plan in Visit.objects.values_list("employer_id", "visited_on", "hiring_plan").order_by(
        "visited_on"
    ):
        visits[employer_id].append((day, plan))
    firsts = [v[0] for v in vacancies.values() if v]
    return History(
        ids=[e[0] for e in employers],
        names={e[0]: e[1] for e in employers},
        vacancies=vacancies,
        openings=openings,
        visits=visits,
        employees={e[0]: e[2] or 0 for e in employers},
        smart_hub={e[0]: e[3] for e in employers},
        first_day=min(firsts) if firsts else None,
    )


def _count(days: list[date], start: date, end: date) -> int:
    """How many of the sorted ``days`` fall in [start, end)."""
    return bisect_left(days, end) - bisect_left(days, start)


def features_at(history: History, employer_id: int, day: date) -> list[float]:
    """The company as it looked at the start of ``day`` (nothing from that day on)."""
    vac = history.vacancies.get(employer_id, [])
    before = vac[: bisect_left(vac, day)]
    visits = [v for v in history.visits.get(employer_id, []) if v[0] < day]
    last_visit = visits[-1] if visits else None
    recent_plan = last_visit[1] if last_visit and (day - last_visit[0]).days <= 180 else ""
    return [
        _count(vac, day - timedelta(days=90), day),
        _count(vac, day - timedelta(days=365), day),
        _count(vac, day - timedelta(days=730), day),
        _count(vac, day - timedelta(days=365), day - timedelta(days=365 - HORIZON)),
        (day - before[-1]).days if before else NEVER,
        sum(n for d, n in history.openings.get(employer_id, []) if day - timedelta(days=365) <= d < day),
        sum(1 for d, _ in visits if (day - d).days <= 180),
        (day - last_visit[0]).days if last_visit else NEVER,
        1.0 if recent_plan in (Visit.Plan.NOW, Visit.Plan.SOON, Visit.Plan.LATER) else 0.0,
        1.0 if recent_plan == Visit.Plan.NONE else 0.0,
        day.month,
        math.log1p(history.employees.get(employer_id, 0)),
        1.0 if history.smart_hub.get(employer_id) else 0.0,
    ]


def label_at(history: History, employer_id: int, day: date) -> int:
    vac = history.vacancies.get(employer_id, [])
    return int(bisect_right(vac, day + timedelta(days=HORIZON - 1)) - bisect_left(vac, day) > 0)


def _dataset(history: History, cutoffs: list[date]) -> tuple[np.ndarray, np.ndarray]:
    rows, labels = [], []
    for day in cutoffs:
        for employer_id in history.ids:
            rows.append(features_at(history, employer_id, day))
            labels.append(label_at(history, employer_id, day))
    return np.array(rows, dtype=np.float64), np.array(labels, dtype=np.int8)


def _cutoffs(history: History, last: date) -> list[date]:
    """Monthly cut-offs from a year after the first vacancy (so a year of history exists) up to ``last``."""
    if history.first_day is None:
        return []
    day, out = history.first_day + timedelta(days=365), []
    while day <= last:
        out.append(day)
        day += timedelta(days=STEP)
    return out


def train(features: np.ndarray, labels: np.ndarray):  # noqa: ANN201 - a LightGBM booster
    return train_classifier(
        features, labels, FEATURES, learning_rate=0.05, num_leaves=15, min_data_in_leaf=40, rounds=200, seed=11
    )


@dataclass
class Evaluation:
    companies: int
    train_rows: int
    test_day: str
    test_positive_rate: float
    auc_model: float
    auc_baseline: float
    precision50_model: float
    precision50_baseline: float
    # Companies with no vacancy in the 90 days before the test day: the ones a visit can discover.
    quiet_companies: int
    quiet_positive_rate: float
    quiet_auc_model: float
    quiet_auc_baseline: float
    quiet_precision50_model: float
    quiet_precision50_baseline: float


def evaluate(history: History | None = None, today: date | None = None) -> Evaluation:
    """Train on cut-offs whose 90 days ended before the test day; test on the test day (today − 90)."""
    history = history or load_history()
    today = today or timezone.localdate()
    test_day = today - timedelta(days=HORIZON)
    train_x, train_y = _dataset(history, _cutoffs(history, test_day - timedelta(days=HORIZON)))
    test_x, test_y = _dataset(history, [test_day])
    model = train(train_x, train_y)
    predicted = model.predict(test_x)
    # Baseline: most vacancies in the last year, openings as the tie-break.
    baseline = test_x[:, FEATURES.index("vac_365")] + test_x[:, FEATURES.index("openings_365")] / 1000
    quiet = test_x[:, FEATURES.index("vac_90")] == 0
    return Evaluation(
        companies=len(history.ids),
        train_rows=len(train_y),
        test_day=test_day.isoformat(),
        test_positive_rate=round(float(test_y.mean()), 4),
        auc_model=round(auc(test_y, predicted), 4),
        auc_baseline=round(auc(test_y, baseline), 4),
        precision50_model=round(precision_at(test_y, predicted, 50), 4),
        precision50_baseline=round(precision_at(test_y, baseline, 50), 4),
        quiet_companies=int(quiet.sum()),
        quiet_positive_rate=round(float(test_y[quiet].mean()), 4),
        quiet_auc_model=round(auc(test_y[quiet], predicted[quiet]), 4),
        quiet_auc_baseline=round(auc(test_y[quiet], baseline[quiet]), 4),
        quiet_precision50_model=round(precision_at(test_y[quiet], predicted[quiet], 50), 4),
        quiet_precision50_baseline=round(precision_at(test_y[quiet], baseline[quiet], 50), 4),
    )


@dataclass(frozen=True)
class Likely:
    employer_id: int
    probability: float
    reasons: list[str]


_REASONS = {
    "vac_90": lambda v: f"최근 3개월 구인 {v}건" if v else "최근 3개월 구인 없음",
    "vac_365": lambda v: f"최근 1년 구인 {v}건" if v else "최근 1년 구인 없음",
    "vac_730": lambda v: f"최근 2년 구인 {v}건",
    "same_season_last_year": lambda v: f"작년 같은 시기 구인 {v}건" if v else None,
    "days_since_vac": lambda v: f"마지막 구인 후 {v}일" if v < NEVER else "구인 이력 없음",
    "openings_365": lambda v: f"최근 1년 모집 인원 {v}명",
    "visits_180": lambda v: f"최근 6개월 방문 {v}회" if v else None,
    "days_since_visit": lambda v: f"마지막 방문 후 {v}일" if v < NEVER else None,
    "plan_hiring": lambda v: "최근 방문에서 채용 계획을 들음" if v else None,
    "plan_none": lambda v: "최근 방문에서 채용 계획이 없다고 함" if v else None,
    "month": lambda v: "이 업체가 채용하는 시기",
    "employees_log": lambda v: "근로자 수가 많은 업체",
    "smart_hub": lambda v: "스마트허브 입주 업체" if v else None,
}


def _reason(name: str, value: float) -> str | None:
    """A feature's value in the words a discovery team uses."""
    return _REASONS[name](int(value))


def _explain(row: np.ndarray, contributions: np.ndarray) -> list[str]:
    order = np.argsort(-contributions[: len(FEATURES)])
    reasons = []
    for i in order:
        if contributions[i] <= 0.02 or len(reasons) == 3:
            break
        text = _reason(FEATURES[i], row[i])
        if text:
            reasons.append(text)
    return reasons


# This process's copy of the scores last read from the shared cache: reading them back from the
# file cache (630 companies, reasons included) took 14 ms on every company page.
_last: tuple[str, dict[int, Likely]] | None = None


def likely_scores(today: date | None = None, *, train_if_missing: bool = True) -> dict[int, Likely]:
    """Every company's chance of posting a vacancy in the next 90 days, with reasons.

    Retrained once a day (and when companies are added): a 90-day forecast does not move with each
    referral. A busy page (the company page) asks with ``train_if_missing=False`` and shows the
    score only once the plan page or ``iljari discovery likely`` has trained today's model.
    """
    today = today or timezone.localdate()
    global _last
    key = f"discovery:likely:{today.isoformat()}:{Employer.objects.count()}"
    if _last is not None and _last[0] == key and cache.has_key(key):  # still the cache's (not cleared)
        return _last[1]
    cached = cache.get(key)
    if cached is not None:
        _last = (key, cached)
    if cached is not None or not train_if_missing:
        return cached or {}
    history = load_history()
    cutoffs = _cutoffs(history, today - timedelta(days=HORIZON))
    if not cutoffs or not history.ids:
        return {}
    train_x, train_y = _dataset(history, cutoffs)
    if train_y.min() == train_y.max():
        return {}
    model = train(train_x, train_y)
    now_x, _ = _dataset(history, [today])
    probabilities = model.predict(now_x)
    contributions = model.predict(now_x, pred_contrib=True)
    scores = {
        employer_id: Likely(employer_id, float(p), _explain(row, c))
        for employer_id, p, row, c in zip(history.ids, probabilities, now_x, contributions, strict=True)
    }
    cache.set(key, scores, 60 * 60 * 12)
    _last = (key, scores)
    return scores
