"""매칭 작업 — rebuilding the occupation normalizer and the matching indexes, and the nightly 일괄 추천, on the worker."""

from iljari.core.jobs import JobRun, job
from iljari.matching.batch import match_all_configured
from iljari.matching.indexes import reindex


@job(label="매칭 색인 다시 만들기", max_attempts=2)
def reindex_all(run: JobRun) -> dict:
    """``iljari reindex`` on the queue: rebuilt from the database, so a run killed midway is run again."""
    indexes = reindex(lambda stage, done, total: run.progress(f"직업사전 임베딩({stage})", done, total))
    return {"vacancies": indexes.vacancies.columns.size, "seekers": indexes.seekers.columns.size}


@job(label="일괄 추천", max_attempts=3)
def match_all_nightly(run: JobRun) -> dict:
    """``iljari match --all`` on the queue; a worker killed midway is followed by an attempt that continues
    the run from the shards not done."""
    result = match_all_configured(progress=lambda shard, done, total: run.progress("일괄 추천", done, total))
    return {"run": result.pk, "seekers": result.seekers, "backend": result.backend}
