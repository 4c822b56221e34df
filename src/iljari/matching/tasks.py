"""매칭 작업 — rebuilding the occupation normalizer and the matching indexes on the worker."""

from iljari.core.jobs import JobRun, job
from iljari.matching.indexes import reindex


@job(label="매칭 색인 다시 만들기", max_attempts=2)
def reindex_all(run: JobRun) -> dict:
    """``iljari reindex`` on the queue: rebuilt from the database, so a run killed midway is run again."""
    indexes = reindex(lambda stage, done, total: run.progress(f"직업사전 임베딩({stage})", done, total))
    return {"vacancies": indexes.vacancies.columns.size, "seekers": indexes.seekers.columns.size}
