"""Learning from referral outcomes: a LightGBM ranker on the engine's own features.

Each referral with a result becomes one example: the engine's score components for that
(seeker, vacancy) pair and a few raw quantities behind them — never age, sex or nationality,
which the engine does not even hold — labelled 1 if the seeker was hired. On a time split
(train on the earlier referrals, test on the later ones) it is compared with the v1 weighted
score: AUC over all test referrals and nDCG@5 within each vacancy's referrals.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.db.models import QuerySet

from iljari.core.learning import auc, train_classifier
from iljari.matching.engine.columns import SeekerColumns, VacancyColumns
from iljari.matching.engine.metrics import query_metrics
from iljari.matching.engine.scores import WEIGHTS, evaluate_pairs
from iljari.matching.indexes import MatchingIndexes
from iljari.matching.records import seeker_records, seekers_for_index, vacancies_for_index, vacancy_records
from iljari.referrals.models import Referral
from iljari.seekers.models import Seeker
from iljari.vacancies.models import Vacancy

MIN_EXAMPLES = 300  # below this, outcomes are too few to learn from
FEATURES = [*WEIGHTS, "minutes", "wage_ratio", "occupation_kind", "korean_gap", "v1_score"]
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
        minimum_hourly=0.0,
    )
    columns = [ev.components[name] for name in WEIGHTS]
    columns += [
        np.nan_to_num(ev.minutes, nan=30.0),
        np.nan_to_num(ev.extras["wage_ratio"], nan=0.0),
        ev.occupation_kind.astype(np.float32),
        (v["korean_min"] - s["korean"]).astype(np.float32),
        ev.score,
    ]
    return Examples(
        np.column_stack(columns).astype(np.float32),
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
    )


def save_model(model: object, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    model.save_model(str(path))
