"""Learning from referral outcomes: a LightGBM ranker on the engine's own features.

Each referral with a result becomes one example: the engine's score components for that
(seeker, vacancy) pair and a few raw quantities behind them — never age, sex or nationality,
which the engine does not even hold — labelled 1 if the seeker was hired. On a time split
(train on the earlier referrals, test on the later ones) it is compared with the v1 weighted
score: AUC over all test referrals and nDCG@5 within each vacancy's referrals.
"""

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from django.db.models import QuerySet

if TYPE_CHECKING:
    import lightgbm

from iljari.core.learning import auc, train_classifier
from iljari.matching.engine.columns import SeekerColumns, VacancyColumns
from iljari.matching.engine.metrics import query_metrics
from iljari.matching.engine.outcomes import FEATURES, Order, outcome_features
from iljari.matching.engine.scores import evaluate_pairs
from iljari.matching.indexes import MatchingIndexes
from iljari.matching.models import RankerModel
from iljari.matching.records import seeker_records, seekers_for_index, vacancies_for_index, vacancy_records
from iljari.referrals.models import Referral
from iljari.seekers.models import Seeker
from iljari.vacancies.models import Vacancy

MIN_EXAMPLES = 300  # below this, outcomes are too few to learn from
DONE = (Referral.Status.HIRED, Referral.Status.NOT_HIRED, Referral.Status.CANCELLED)


@dataclass
class Examples:
    features: np.ndarray
    labels: np.ndarray
    v1: np.ndarray
    groups: np.ndarray  # vacancy id of each example
    when: np.ndarray  # referral time (epoch seconds)


def outcome_examples(referrals: QuerySet[Referral], indexes: MatchingIndexes) -> Examples:
    """Features of every referral with a result, computed as the engine saw the pair."""
    rows = list(
        referrals.filter(status__in=DONE)
        .order_by("referred_at")
        .values_list("seeker_id", "vacancy_id", "status", "referred_at")
    )
    seekers = {
        s.seeker_id: s
        for s in seeker_records(
            seekers_for_index(Seeker.objects.filter(pk__in={r[0] for r in rows})),
            indexes.occupation_index,
            indexes.visa_rules,
        )
    }
    vacancies = {
        v.vacancy_id: v
        for v in vacancy_records(
            vacancies_for_index(Vacancy.objects.filter(pk__in={r[1] for r in rows})), indexes.occupation_index
        )
    }
    rows = [r for r in rows if r[0] in seekers and r[1] in vacancies]
    if not rows:  # nothing to learn from yet (a new installation)
        nothing = np.zeros(0)
        return Examples(
            np.zeros((0, len(FEATURES)), dtype=np.float32), nothing.astype(np.int8), nothing, nothing, nothing
        )
    pair_s = [seekers[r[0]] for r in rows]
    pair_v = [vacancies[r[1]] for r in rows]
    for v in pair_v:
        v.is_open = True  # judged as when the referral was made, not as the vacancy stands today
    texts = indexes.vacancies.texts
    s_cols, v_cols = SeekerColumns(), VacancyColumns()
    wanted = texts.ids([s.desired_text or "-" for s in pair_s])
    offered = texts.ids([v.title for v in pair_v])
    s_cols.upsert_rows(
        list(range(len(rows))),
        s_cols.values(pair_s, np.array([0 if s.desired_text else -1 for s in pair_s]), indexes.vacancies.visas),
    )
    keco = [indexes.vacancies._keco_of(v.occupation) for v in pair_v]
    ksco = [int(indexes.vacancies.ksco_major[v.occupation]) if v.occupation >= 0 else -1 for v in pair_v]
    v_cols.upsert_rows(list(range(len(rows))), v_cols.values(pair_v, keco, ksco, offered, indexes.vacancies.visas))
    s, v = s_cols.take(np.arange(len(rows))), v_cols.take(np.arange(len(rows)))
    sims = (
        np.einsum("ij,ij->i", texts.vectors[wanted], texts.vectors[offered])
        if len(texts.vectors)
        else np.zeros(len(rows))
    )
    ev = evaluate_pairs(
        s,
        v,
        text_similarity=sims,
        catalogue=indexes.vacancies.catalogue,
        visas=indexes.vacancies.visas,
        minimum_hourly=indexes.minimum_hourly,  # as the live ordering sees the pair
    )
    return Examples(
        outcome_features(ev, s, v),
        np.array([r[2] == Referral.Status.HIRED for r in rows], dtype=np.int8),
        ev.score,
        np.array([r[1] for r in rows]),
        np.array([r[3].timestamp() for r in rows]),
    )


def _ndcg_by_vacancy(labels: np.ndarray, scores: np.ndarray, groups: np.ndarray, k: int = 5) -> float:
    values = []
    for group in np.unique(groups):
        members = np.flatnonzero(groups == group)
        if len(members) < 2 or not labels[members].any():
            continue
        ranked = members[np.argsort(-scores[members], kind="stable")]
        relevant = {str(i) for i in members if labels[i]}
        values.append(query_metrics([str(i) for i in ranked], relevant, k)[f"ndcg@{k}"])
    return float(np.mean(values)) if values else float("nan")


@dataclass
class Comparison:
    train: int
    test: int
    test_hire_rate: float
    auc_v1: float
    auc_ranker: float
    ndcg5_v1: float
    ndcg5_ranker: float
    vacancies_compared: int


def train(features: np.ndarray, labels: np.ndarray):  # noqa: ANN201 - a LightGBM booster
    return train_classifier(
        features, labels, FEATURES, learning_rate=0.03, num_leaves=15, min_data_in_leaf=20, rounds=300, seed=7
    )


def time_split_comparison(examples: Examples, train_share: float = 0.7) -> Comparison:
    """Train on the earliest ``train_share`` of referrals, test on the rest; v1 and ranker side by side."""
    return time_split(examples, train_share)[0]


def time_split(examples: Examples, train_share: float = 0.7):  # noqa: ANN201 - (Comparison, LightGBM booster)
    """The comparison and the model it judged (trained on the earlier referrals only)."""
    if len(examples.labels) < MIN_EXAMPLES:
        raise ValueError(f"결과가 기록된 알선이 {len(examples.labels)}건뿐입니다(최소 {MIN_EXAMPLES}건).")
    cut = int(len(examples.labels) * train_share)
    model = train(examples.features[:cut], examples.labels[:cut])
    test = slice(cut, None)
    predicted = model.predict(examples.features[test])
    labels, groups, v1 = examples.labels[test], examples.groups[test], examples.v1[test]
    return Comparison(
        cut,
        len(labels),
        round(float(labels.mean()), 3),
        round(auc(labels, v1), 4),
        round(auc(labels, predicted), 4),
        round(_ndcg_by_vacancy(labels, v1, groups), 4),
        round(_ndcg_by_vacancy(labels, predicted, groups), 4),
        len({g for g in np.unique(groups) if labels[groups == g].any() and (groups == g).sum() > 1}),
    ), model


def beats_v1(result: Comparison) -> bool:
    """The guard: the learned ranker orders recommendations only if, on the latest time-split
    holdout, it ranks the eventual hires higher within each vacancy (nDCG@5) and separates hires
    from the rest better overall (AUC) than the v1 score. Anything undecided keeps v1."""
    return bool(result.ndcg5_ranker > result.ndcg5_v1 and result.auc_ranker > result.auc_v1)


def save_model(model: object, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    model.save_model(str(path))


@functools.lru_cache(maxsize=2)
def _booster(pk: int) -> "lightgbm.Booster":
    """A stored model is read once per process (it never changes: a retrain adds a new one)."""
    import lightgbm

    return lightgbm.Booster(model_str=RankerModel.objects.values_list("booster", flat=True).get(pk=pk))


def ranking_model() -> RankerModel | None:
    """The latest retrained ranker (one query per recommendation list), whether live or not."""
    return RankerModel.objects.defer("booster").order_by("-pk").first()


def live_order(model: RankerModel | None) -> Order | None:
    """The learned ordering when the latest ranker passed its guard, else None (v1 orders)."""
    if model is None or not model.live or model.features != FEATURES:
        return None
    booster = _booster(model.pk)
    return lambda rows: booster.predict(rows, num_threads=1)


def ordered_by(model: RankerModel | None) -> str:
    """What the page says about the order of the list."""
    if live_order(model) is None:
        return "순위: 기본 점수"
    return f"순위: 학습 모델(검증 nDCG@5 {model.ndcg5_model:.2f} > 기본 {model.ndcg5_v1:.2f})"
