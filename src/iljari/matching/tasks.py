"""매칭 작업 — rebuilding the occupation normalizer and the matching indexes, retraining the
outcome-learned ranker and the nightly 일괄 추천, on the worker."""

from iljari.core.jobs import JobRun, job
from iljari.matching.batch import match_all_configured
from iljari.matching.indexes import reindex
from iljari.matching.services import MatchingError, ranker_retrain


@job(label="매칭 색인 다시 만들기", max_attempts=2)
def reindex_all(run: JobRun) -> dict:
    """``iljari reindex`` on the queue: rebuilt from the database, so a run killed midway is run again."""
    indexes = reindex(lambda stage, done, total: run.progress(f"직업사전 임베딩({stage})", done, total))
    return {"vacancies": indexes.vacancies.columns.size, "seekers": indexes.seekers.columns.size}


@job(label="순위 모델 재학습(알선 결과)", max_attempts=2)
def retrain_ranker(run: JobRun) -> dict:
    """Weekly: retrain on every referral outcome and let the guard decide whether it orders the lists.
    Too few outcomes is not a failure: v1 stays in charge and the job says why."""
    try:
        model = ranker_retrain()
    except MatchingError as exc:
        return {"live": False, "skipped": exc.message}
    return {
        "version": model.pk,
        "live": model.live,
        "ndcg5": [model.ndcg5_model, model.ndcg5_v1],
        "auc": [model.auc_model, model.auc_v1],
    }


@job(label="일괄 추천", max_attempts=3)
def match_all_nightly(run: JobRun) -> dict:
    """``iljari match --all`` on the queue; a worker killed midway is followed by an attempt that continues
    the run from the shards not done."""
    result = match_all_configured(progress=lambda shard, done, total: run.progress("일괄 추천", done, total))
    return {"run": result.pk, "seekers": result.seekers, "backend": result.backend}
